import type {
  IncentiveDecisionDto,
  IncentiveRuleInputDto,
  OrganizationIncentivesDto,
  Tier,
} from '../api/models';
import type { I18nKey } from '../i18n/zh-CN';
import { formatFen, hundredthsText } from '../shared/money';

export type Translate = (key: I18nKey, params?: Record<string, string>) => string;
export type IncentiveAction = IncentiveRuleInputDto['action'];

const TIERS: readonly Tier[] = ['A', 'B', 'C', 'D'];
const MONTH = /^\d{4}-\d{2}$/;

/** One month of the evidence: the tier the organization held and its score. */
export interface EvidenceMonth {
  month: string;
  tier: Tier | null;
  score: number;
}

/** Basis points as a percentage with two places, as the backend writes it: 500 → '5.00'. */
export const bpPercent = (bp: number): string => hundredthsText(bp);

const isTier = (value: unknown): value is Tier => TIERS.includes(value as Tier);
const positiveInt = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

/** "Tier A for 1 month" / "Tier D for 2 consecutive months": the condition of a rule. */
function streakCondition(tier: Tier, months: number, t: Translate): string {
  return months > 1
    ? t('incentives.rule.streak', { tier, months: String(months) })
    : t('incentives.rule.once', { tier });
}

/**
 * A rule in plain words: "Tier A for 1 month → badge", "Tier A for 1 month → bonus of 5.00 % of the
 * final milestone from the incentive pool", "Tier D for 2 consecutive months → new bids barred for 6 months".
 */
export function ruleSentence(rule: IncentiveRuleInputDto, t: Translate): string {
  const condition = streakCondition(rule.tier, rule.consecutiveMonths, t);
  const outcome =
    rule.action === 'bonus'
      ? t('incentives.rule.bonus', { percent: bpPercent(rule.bonusShareBp ?? 0) })
      : rule.action === 'bar'
        ? t('incentives.rule.bar', { months: String(rule.barMonths ?? 0) })
        : t('incentives.rule.badge', { tier: rule.tier });
  return t('incentives.rule.sentence', { condition, outcome });
}

/** The months of a decision's evidence, oldest first; null when they are missing or malformed. */
export function evidenceMonths(evidence: Record<string, unknown> | null | undefined): EvidenceMonth[] | null {
  const raw = evidence?.['months'];
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const months: EvidenceMonth[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object') return null;
    const { month, tier, score } = item as Record<string, unknown>;
    const value = typeof score === 'string' ? Number(score) : score;
    if (
      typeof month !== 'string' ||
      !MONTH.test(month) ||
      typeof value !== 'number' ||
      !Number.isFinite(value)
    )
      return null;
    months.push({ month, tier: isTier(tier) ? tier : null, score: value });
  }
  return months.sort((a, b) => a.month.localeCompare(b.month));
}

/** Why the streak matched, with its months: "Tier A for 2 consecutive months (2026-10: 86.00, 2026-11: 88.20)". */
function streakEvidence(tier: Tier, months: EvidenceMonth[], t: Translate): string {
  const score = (m: EvidenceMonth) => m.score.toFixed(2);
  if (months.length === 1) {
    const [only] = months;
    return t('incentives.decision.once', { tier, month: only.month, score: score(only) });
  }
  const list = months
    .map((m) => t('incentives.decision.monthScore', { month: m.month, score: score(m) }))
    .join(t('incentives.decision.separator'));
  return t('incentives.decision.streak', { tier, months: String(months.length), list });
}

/**
 * A decision in the reader's language, built from the rule it applied and the months that matched.
 * Falls back to the API's English `explanation` when the rule or the evidence lacks what the
 * sentence needs (an older or unexpected record).
 */
export function decisionSentence(d: IncentiveDecisionDto, t: Translate): string {
  const tier = d.rule?.['tier'];
  const months = evidenceMonths(d.evidence);
  const wanted = positiveInt(d.rule?.['consecutiveMonths']);
  if (!isTier(tier) || !months || (wanted !== null && months.length !== wanted)) return d.explanation;
  const why = streakEvidence(tier, months, t);
  let outcome: string;
  if (d.action === 'badge') {
    if (!d.effectiveUntil) return d.explanation;
    outcome = t('incentives.decision.badge', { tier, until: d.effectiveUntil });
  } else if (d.action === 'bar') {
    const barMonths = positiveInt(d.rule?.['barMonths']);
    if (barMonths === null || !d.effectiveUntil) return d.explanation;
    outcome = t('incentives.decision.bar', { months: String(barMonths), until: d.effectiveUntil });
  } else if (d.action === 'bonus') {
    const share = positiveInt(d.rule?.['bonusShareBp']);
    const milestone = d.evidence?.['milestoneAmountFen'];
    if (share === null || typeof milestone !== 'number' || d.amountFen === null) return d.explanation;
    outcome = t('incentives.decision.bonus', {
      percent: bpPercent(share),
      milestone: formatFen(milestone),
      amount: formatFen(d.amountFen),
    });
  } else {
    return d.explanation;
  }
  const sentence = t('incentives.decision.sentence', { why, outcome });
  return d.outcome === 'skipped' ? `${sentence} ${t('incentives.decision.skipped')}` : sentence;
}

/** The badge in force, for a tag on a card or a profile: its tier, the months behind it, until when. */
export interface BadgeInForce {
  tier: Tier;
  /** The months the tier held ('YYYY-MM', oldest first); empty if the evidence did not say. */
  months: string[];
  until: string | null;
}

export function badgeOf(
  incentives: Pick<OrganizationIncentivesDto, 'badge'> | null | undefined,
): BadgeInForce | null {
  const badge = incentives?.badge;
  const tier = badge?.rule?.['tier'];
  if (!badge || !isTier(tier)) return null;
  return {
    tier,
    months: (evidenceMonths(badge.evidence) ?? []).map((m) => m.month),
    until: badge.effectiveUntil,
  };
}

/** The bar on new bids in force, if any: until when. */
export function barOf(
  incentives: Pick<OrganizationIncentivesDto, 'bar'> | null | undefined,
): { until: string | null; months: number | null } | null {
  const bar = incentives?.bar;
  if (!bar) return null;
  return { until: bar.effectiveUntil, months: positiveInt(bar.rule?.['barMonths']) };
}
