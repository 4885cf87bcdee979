/** Every kind of notice (PRODUCT §8): who receives each is decided by the Notifier. */
export const NOTIFICATION_TYPES = [
  'tender_published',
  'deadline_near',
  'tender_result',
  'approval_waiting',
  'payout_paid',
  'payout_failed',
  'rating_received',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface ChannelPreference {
  inApp: boolean;
  email: boolean;
}

/**
 * What a user gets until they change it: everything in the inbox; e-mail for what needs an action
 * or concerns money, not for every new rating (the inbox and the weekly score are enough there).
 */
export const DEFAULT_PREFERENCES: Record<NotificationType, ChannelPreference> = {
  tender_published: { inApp: true, email: true },
  deadline_near: { inApp: true, email: true },
  tender_result: { inApp: true, email: true },
  approval_waiting: { inApp: true, email: true },
  payout_paid: { inApp: true, email: true },
  payout_failed: { inApp: true, email: true },
  rating_received: { inApp: true, email: false },
};

/** The facts a notice shows; each type fills the fields it needs (the inbox and the e-mail render them). */
export interface NotificationParams {
  tenderId?: string;
  title?: string;
  deadline?: string;
  awarded?: boolean;
  disbursementId?: string;
  /** The disbursement's kind: milestone payment, community fund grant or performance bonus. */
  kind?: 'milestone' | 'fund_grant' | 'incentive_bonus';
  milestoneName?: string;
  contractTitle?: string;
  organizationName?: string;
  amountFen?: number;
  /** approval_waiting: the status the disbursement waits in (requested, accepted, finance_approved, failed, approved). */
  step?: string;
  reason?: string | null;
  ratingId?: string;
  stars?: number;
}

const yuan = (fen: number | undefined) => ((fen ?? 0) / 100).toFixed(2);
const time = (iso: string | undefined, zh: boolean) =>
  iso
    ? new Date(iso).toLocaleString(zh ? 'zh-CN' : 'en-US', { timeZone: 'Asia/Shanghai', hour12: false })
    : '';

const KIND_ZH: Record<string, string> = {
  milestone: '里程碑付款',
  fund_grant: '社区基金资助',
  incentive_bonus: '绩效奖励',
};
const KIND_EN: Record<string, string> = {
  milestone: 'milestone payment',
  fund_grant: 'community fund grant',
  incentive_bonus: 'performance bonus',
};

const STEP_ZH: Record<string, string> = {
  requested: '待验收',
  accepted: '待财务审批',
  failed: '支付失败，待重新审批',
  finance_approved: '待主任审批',
  approved: '待登记国库支付',
};
const STEP_EN: Record<string, string> = {
  requested: 'delivery to accept',
  accepted: 'finance approval',
  failed: 'approval again after a failed payout',
  finance_approved: "director's approval",
  approved: 'treasury payment to record',
};

/** The e-mail of one notice in the recipient's language (the inbox renders the same facts in the browser). */
export function renderEmail(
  type: NotificationType,
  p: NotificationParams,
  locale: string,
  url: string,
): { subject: string; text: string } {
  const zh = locale !== 'en-US';
  const [subject, body] = zh ? zhText(type, p) : enText(type, p);
  const footer = zh
    ? `\n\n查看详情：${url}\n\n您可以在“通知设置”中关闭此类邮件。\n`
    : `\n\nOpen: ${url}\n\nYou can turn these e-mails off in your notification settings.\n`;
  return { subject: zh ? `【三社联动】${subject}` : `[Sanshe Linkage] ${subject}`, text: body + footer };
}

function zhText(type: NotificationType, p: NotificationParams): [string, string] {
  switch (type) {
    case 'tender_published':
      return [
        `新招标：${p.title}`,
        `您服务领域内发布了新的招标公告“${p.title}”。\n投标截止：${time(p.deadline, true)}`,
      ];
    case 'deadline_near':
      return [`投标即将截止：${p.title}`, `招标“${p.title}”将于 ${time(p.deadline, true)} 截止投标。`];
    case 'tender_result':
      return [
        `招标结果：${p.title}`,
        p.awarded
          ? `恭喜！您的机构已中标“${p.title}”。`
          : `招标“${p.title}”已定标，中标机构：${p.organizationName}。`,
      ];
    case 'approval_waiting':
      return [
        // The step in the subject: one grant can reach the same person twice (approve, then record the payment).
        `${STEP_ZH[p.step ?? ''] ?? '待您处理'}：${p.milestoneName}`,
        `${p.organizationName}的${KIND_ZH[p.kind ?? 'milestone']}“${p.milestoneName}”（${p.contractTitle}，¥${yuan(p.amountFen)}）${STEP_ZH[p.step ?? ''] ?? '待处理'}。`,
      ];
    case 'payout_paid':
      return [
        `款项已支付：${p.milestoneName}`,
        `里程碑“${p.milestoneName}”的款项 ¥${yuan(p.amountFen)} 已支付。`,
      ];
    case 'payout_failed':
      return [
        `款项支付失败：${p.milestoneName}`,
        `里程碑“${p.milestoneName}”的款项 ¥${yuan(p.amountFen)} 支付失败：${p.reason ?? ''}\n街道财务将重新审批。`,
      ];
    case 'rating_received':
      return [`新评价：${p.stars} 星`, `居民对您机构的服务给出了 ${p.stars} 星评价。`];
  }
}

function enText(type: NotificationType, p: NotificationParams): [string, string] {
  switch (type) {
    case 'tender_published':
      return [
        `New tender: ${p.title}`,
        `A tender in your service categories was published: "${p.title}".\nBids close: ${time(p.deadline, false)}`,
      ];
    case 'deadline_near':
      return [
        `Bids close soon: ${p.title}`,
        `Bidding for "${p.title}" closes at ${time(p.deadline, false)}.`,
      ];
    case 'tender_result':
      return [
        `Tender result: ${p.title}`,
        p.awarded
          ? `Congratulations! Your organization won "${p.title}".`
          : `"${p.title}" was awarded to ${p.organizationName}.`,
      ];
    case 'approval_waiting':
      return [
        `Waiting for ${STEP_EN[p.step ?? ''] ?? 'you'}: ${p.milestoneName}`,
        `The ${KIND_EN[p.kind ?? 'milestone']} "${p.milestoneName}" of ${p.organizationName} (${p.contractTitle}, ¥${yuan(p.amountFen)}) waits for ${STEP_EN[p.step ?? ''] ?? 'action'}.`,
      ];
    case 'payout_paid':
      return [
        `Payment made: ${p.milestoneName}`,
        `The payment of ¥${yuan(p.amountFen)} for "${p.milestoneName}" was made.`,
      ];
    case 'payout_failed':
      return [
        `Payment failed: ${p.milestoneName}`,
        `The payment of ¥${yuan(p.amountFen)} for "${p.milestoneName}" failed: ${p.reason ?? ''}\nStreet finance will approve it again.`,
      ];
    case 'rating_received':
      return [
        `New rating: ${p.stars} stars`,
        `A resident rated your organization's service ${p.stars} stars.`,
      ];
  }
}
