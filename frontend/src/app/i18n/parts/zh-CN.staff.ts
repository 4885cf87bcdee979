/**
 * The Chinese strings of the staff pages, loaded with their routes (parts/index.ts). A key that
 * other features draw too belongs in common.
 */
export const zhCNStaff = {
  'staff.categories': '评审类别',
  'staff.email': '邮箱',
  'staff.emailRule': '请输入有效的邮箱地址',
  'staff.empty': '还没有授权',
  'staff.endsOn': '结束日期（可选）',
  'staff.grant': '授权',
  'staff.grantTitle': '在{region}授权',
  'staff.granted': '已授权 {name}（{email}），并已发送通知邮件',
  'staff.grantedBy': '授权人：{name}',
  'staff.inviteHint': '任何人都不会替别人设置密码：对方通过邮件中的链接自行设置，验证邮箱后角色生效。',
  'staff.invited': '已授权 {name}（{email}），设置密码的邮件已发出，对方设置后角色生效',
  'staff.listTitle': '本区域的授权（含历史）',
  'staff.name': '姓名（新账号用）',
  'staff.noMatch': '没有符合条件的授权',
  'staff.noRegion': '没有可以授权的区域',
  'staff.region': '区域',
  'staff.regionPlaceholder': '选择街道或社区',
  'staff.revoke': '撤销',
  'staff.revokeReason': '撤销原因',
  'staff.revokeRule': '请写明原因（至少 2 个字）',
  'staff.revokedBy': '{name} 撤销：{reason}',
  'staff.role': '角色',
  'staff.roleRule': '请选择角色',
  'staff.search': '按姓名或邮箱查找',
  'staff.since': '自 {day} 起',
  'staff.startsOn': '开始日期（可选）',
  'staff.status.active': '生效中',
  'staff.status.ended': '已到期',
  'staff.status.revoked': '已撤销',
  'staff.status.scheduled': '未开始',
  'staff.subtitleAdmin':
    '为街道、社区授予角色：街道主任、科室人员、财务、社区工作人员，以及街道或全区的评审专家。按邮箱授权，新邮箱会收到设置密码的邮件。',
  'staff.subtitleDirector':
    '为本街道授予科室人员、财务、社区工作人员和评审专家。按邮箱授权，新邮箱会收到设置密码的邮件。',
  'staff.waiting': '待设置密码',
} as const;
