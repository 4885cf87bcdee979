import type { zhCNConfirm } from './zh-CN.confirm';

/** The confirmations before a step that cannot be undone, in English (zh-CN.confirm.ts). */
export const enUSConfirm: Record<keyof typeof zhCNConfirm, string> = {
  'confirm.fact.tender': 'Tender',
  'confirm.fact.budget': 'Budget ceiling',
  'confirm.fact.amount': 'Amount',
  'confirm.fact.organization': 'Organization',
  'confirm.fact.contract': 'Contract',
  'confirm.fact.milestone': 'Milestone',
  'confirm.fact.price': 'Bid price',
  'confirm.fact.reason': 'Reason',
  'confirm.publish.title': 'Publish this tender?',
  'confirm.publish.consequence':
    'The notice becomes public at once and eligible organizations may bid. Publishing cannot be undone: afterwards only an amendment or a cancellation is possible.',
  'confirm.publish.ok': 'Publish',
  'confirm.approve.title': 'Approve this payment?',
  'confirm.approve.toDirector':
    'It then goes to the street director for approval. Your signature is kept in the audit log and cannot be withdrawn.',
  'confirm.approve.toPayment':
    'The organization is then paid. Your signature is kept in the audit log and cannot be withdrawn.',
  'confirm.approve.ok': 'Approve',
  'confirm.withdraw.title': 'Withdraw this bid?',
  'confirm.withdraw.consequence':
    'The bid leaves the competition and cannot be restored; before the bid deadline you may submit a new one.',
  'confirm.withdraw.ok': 'Withdraw',
  'confirm.award.title': 'Award this tender?',
  'confirm.award.consequence':
    'The bid ranked first wins and every bidder is told; the standstill for complaints follows. An award cannot be undone.',
  'confirm.award.ok': 'Award',
  'confirm.cancel.title': 'Cancel this tender?',
  'confirm.cancel.consequence': 'Every bidder is told, and the tender cannot be reopened.',
  'confirm.cancel.ok': 'Cancel the tender',
  'money.inbox.fourEyes':
    'The same person cannot request and approve, or approve twice: another colleague must sign this step',
  'money.inbox.doneTitle': 'Done just now',
  'money.inbox.doneHint': 'Signed payments move on to their next step; follow them under payments.',
};
