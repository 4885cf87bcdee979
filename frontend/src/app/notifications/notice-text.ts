import type { NotificationDto, NotificationType } from '../api/models';
import type { I18nKey } from '../i18n/zh-CN';
import { formatFen } from '../shared/money';

/** Every type, in the order the settings list them. */
export const NOTIFICATION_TYPES: readonly NotificationType[] = [
  'tender_published',
  'deadline_near',
  'tender_result',
  'approval_waiting',
  'payout_paid',
  'payout_failed',
  'rating_received',
];

const STEPS = ['requested', 'accepted', 'finance_approved', 'failed', 'approved'] as const;

type Translate = (key: I18nKey, params?: Record<string, string>) => string;

/** The time of a deadline in the reader's language, China Standard Time (where every deadline is set). */
export function formatTime(iso: string | undefined, lang: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/**
 * The title and line of a notice, from its type (the i18n key) and its facts: the server stores
 * facts, not sentences, so a notice reads in the language the user has now.
 */
export function noticeText(n: NotificationDto, t: Translate, lang: string): { title: string; body: string } {
  const p = n.params;
  const params: Record<string, string> = {
    title: p.title ?? '',
    deadline: formatTime(p.deadline, lang),
    organization: p.organizationName ?? '',
    milestone: p.milestoneName ?? '',
    contract: p.contractTitle ?? '',
    amount: formatFen(p.amountFen ?? 0),
    reason: p.reason ?? '',
    stars: String(p.stars ?? ''),
  };
  const step = STEPS.find((s) => s === p.step);
  if (step) params['step'] = t(`notifications.step.${step}`);
  let body: I18nKey = `notifications.body.${n.type}`;
  if (n.type === 'tender_result')
    body = p.awarded ? 'notifications.body.tender_result_won' : 'notifications.body.tender_result';
  return { title: t(`notifications.title.${n.type}`, params), body: t(body, params) };
}
