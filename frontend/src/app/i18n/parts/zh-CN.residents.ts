/**
 * The Chinese strings of the residents pages, loaded with their routes (parts/index.ts). A key that
 * other features draw too belongs in common.
 */
export const zhCNResidents = {
  'join.help': '选择您居住的社区，社区工作人员确认后，您将成为该社区的居民，可以提交服务需求。',
  'join.mine': '我的申请',
  'join.none': '暂无申请',
  'join.note': '备注',
  'join.noteHelp': '帮助工作人员认出您，例如楼栋和单元',
  'join.noteRule': '备注最多 {max} 字',
  'join.reason': '说明：{reason}',
  'join.sent': '申请已提交，等待社区确认',
  'join.submit': '提交申请',
  'join.title': '加入社区',
  'residents.approve': '确认',
  'residents.approved': '已确认为社区居民',
  'residents.empty': '没有待确认的申请',
  'residents.noMatch': '没有符合条件的申请',
  'residents.search': '搜索姓名或邮箱',
  'residents.statusFilter': '申请状态',
  'residents.refuse': '拒绝',
  'residents.refuseReason': '拒绝理由',
  'residents.refused': '已拒绝',
  'residents.title': '居民申请 {community}',
} as const;
