/**
 * The confirmations before a step that cannot be undone (shared/confirm.ts) and what shows once it
 * is done. Part of the pages' strings.
 */
export const zhCNConfirm = {
  'confirm.fact.tender': '招标项目',
  'confirm.fact.budget': '预算上限',
  'confirm.fact.amount': '金额',
  'confirm.fact.organization': '社会组织',
  'confirm.fact.contract': '合同',
  'confirm.fact.milestone': '里程碑',
  'confirm.fact.price': '投标报价',
  'confirm.fact.reason': '理由',
  'confirm.publish.title': '发布此招标？',
  'confirm.publish.consequence':
    '发布后公告立即公开，符合条件的社会组织即可投标。发布不能撤回，之后只能发布更正公告或取消招标。',
  'confirm.publish.ok': '确认发布',
  'confirm.approve.title': '批准这笔付款？',
  'confirm.approve.toDirector': '批准后交街道主任审批。您的签批将记入审计记录，不能撤回。',
  'confirm.approve.toPayment': '批准后即向该组织付款。您的签批将记入审计记录，不能撤回。',
  'confirm.approve.ok': '确认批准',
  'confirm.withdraw.title': '撤回此投标？',
  'confirm.withdraw.consequence': '撤回后该投标不再参与评审，且不能恢复；投标截止前可以重新提交新的投标。',
  'confirm.withdraw.ok': '确认撤回',
  'confirm.award.title': '对此招标定标？',
  'confirm.award.consequence': '排名第一的投标中标，各投标人都会收到通知，随后进入质疑公示期。定标不能撤回。',
  'confirm.award.ok': '确认定标',
  'confirm.cancel.title': '取消此招标？',
  'confirm.cancel.consequence': '取消后所有投标人都会收到通知，招标不能恢复。',
  'confirm.cancel.ok': '确认取消招标',
  'money.inbox.fourEyes': '同一人不能既申请又审批，也不能审批两次：这一步需由另一位同事签批',
  'money.inbox.doneTitle': '刚刚处理',
  'money.inbox.doneHint': '已签批的付款交由下一步处理，可在付款记录中跟踪。',
} as const;
