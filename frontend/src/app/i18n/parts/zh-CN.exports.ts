/**
 * The Chinese strings of the exports pages, loaded with their routes (parts/index.ts). A key that
 * other features draw too belongs in common.
 */
export const zhCNExports = {
  'exports.dataset.disbursements': '拨付记录',
  'exports.dataset.scores': '绩效评分',
  'exports.dataset.service_records': '服务记录',
  'exports.datasetLabel': '数据',
  'exports.download': '下载',
  'exports.empty': '还没有导出记录',
  'exports.expired': '文件已过期，请重新导出',
  'exports.expiresAt': '有效期至',
  'exports.failed': '导出失败，请重新申请',
  'exports.format': '格式',
  'exports.from': '开始日期',
  'exports.help':
    '导出本街道或本组织的服务记录、拨付记录或绩效评分（CSV 或 Excel）。文件在后台生成，完成后可下载，保留 7 天。',
  'exports.mine': '我的导出',
  'exports.noScope': '只有街道工作人员和社会组织管理员可以导出数据。',
  'exports.queued': '已开始导出，完成后可在下方下载',
  'exports.rangeHelp': '日期按北京时间计算，包含首尾两天；留空表示不限。',
  'exports.rangeOrder': '结束日期不能早于开始日期',
  'exports.requestedAt': '申请于',
  'exports.retrying': '上次生成失败，正在重试',
  'exports.rows': '共 {rows} 行',
  'exports.scope': '导出范围',
  'exports.scopeRequired': '请选择导出范围',
  'exports.status.done': '已完成',
  'exports.status.failed': '失败',
  'exports.status.queued': '排队中',
  'exports.status.running': '生成中',
  'exports.submit': '开始导出',
  'exports.title': '数据导出',
  'exports.to': '结束日期',
} as const;
