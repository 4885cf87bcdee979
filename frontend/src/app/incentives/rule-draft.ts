import type { IncentiveRuleInputDto, Tier } from '../api/models';
import { bpToPercentText, percentToBp } from '../shared/money';
import type { IncentiveAction } from './incentive-words';

/** One row of the rule editor, as the user types it (the bonus as a percentage text). */
export interface RuleDraft {
  /** Tracks the row in the list while rows are added and removed. */
  key: number;
  tier: Tier;
  consecutiveMonths: number;
  action: IncentiveAction;
  bonusPercent: string;
  barMonths: number;
}

/** What is wrong with a row, as an i18n key suffix (`incentives.edit.error.<problem>`). */
export type DraftProblem = 'bonus' | 'barMonths' | 'months' | 'duplicate';

export const MAX_RULES = 20;
export const MONTH_CHOICES = Array.from({ length: 12 }, (_, i) => i + 1);
export const BAR_MONTH_CHOICES = Array.from({ length: 36 }, (_, i) => i + 1);

let nextKey = 1;

/** A fresh row: tier A for one month, a badge. */
export function newDraft(overrides: Partial<Omit<RuleDraft, 'key'>> = {}): RuleDraft {
  return {
    key: nextKey++,
    tier: 'A',
    consecutiveMonths: 1,
    action: 'badge',
    bonusPercent: '5',
    barMonths: 6,
    ...overrides,
  };
}

/** The editor's rows for a rule set (bonus basis points shown as a percentage). */
export function draftsOf(rules: readonly IncentiveRuleInputDto[]): RuleDraft[] {
  return rules.map((r) =>
    newDraft({
      tier: r.tier,
      consecutiveMonths: r.consecutiveMonths,
      action: r.action,
      bonusPercent: r.bonusShareBp ? bpToPercentText(r.bonusShareBp) : '5',
      barMonths: r.barMonths ?? 6,
    }),
  );
}

const inRange = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** Each row's problem (null when it is fine), index for index. */
export function draftProblems(drafts: readonly RuleDraft[]): (DraftProblem | null)[] {
  const seen = new Set<string>();
  return drafts.map((d) => {
    if (!inRange(d.consecutiveMonths, 1, 12)) return 'months';
    if (d.action === 'bonus') {
      const bp = percentToBp(d.bonusPercent);
      if (bp === null || !inRange(bp, 1, 10000)) return 'bonus';
    }
    if (d.action === 'bar' && !inRange(d.barMonths, 1, 36)) return 'barMonths';
    const same = `${d.tier}:${d.consecutiveMonths}:${d.action}`;
    if (seen.has(same)) return 'duplicate';
    seen.add(same);
    return null;
  });
}

/**
 * The body of `PUT /streets/:id/incentive-rules` for the rows: only a bonus rule carries its
 * share, only a bar rule its months (the API refuses anything else). Null when a row is invalid.
 */
export function rulesInput(drafts: readonly RuleDraft[]): IncentiveRuleInputDto[] | null {
  if (draftProblems(drafts).some((p) => p !== null)) return null;
  return drafts.map((d) => ({
    tier: d.tier,
    consecutiveMonths: d.consecutiveMonths,
    action: d.action,
    ...(d.action === 'bonus' ? { bonusShareBp: percentToBp(d.bonusPercent)! } : {}),
    ...(d.action === 'bar' ? { barMonths: d.barMonths } : {}),
  }));
}
