import { DomainError } from '../../common/errors/domain-error.js';
import type { IncentiveRuleInput } from './incentives.types.js';

/** A bonus rule carries its share, a bar rule its months, and no other rule takes either. */
export function checkRules(rules: readonly IncentiveRuleInput[], field = 'rules'): void {
  // A tier, streak and action decide once: a second such rule could only contradict the first.
  const seen = new Map<string, number>();
  for (const [i, r] of rules.entries()) {
    const key = `${r.tier}:${r.consecutiveMonths}:${r.action}`;
    const same = seen.get(key);
    if (same !== undefined)
      throw new DomainError(
        'validation.failed',
        `Rule ${i + 1} repeats rule ${same + 1}: one rule per tier, streak and action`,
        { field: `${field}.${i}` },
      );
    seen.set(key, i);
    if (
      (r.action === 'bonus') !== (r.bonusShareBp != null) ||
      (r.action === 'bar') !== (r.barMonths != null)
    ) {
      throw new DomainError(
        'validation.failed',
        `Rule ${i + 1}: a bonus rule needs bonusShareBp, a bar rule needs barMonths, and no other rule takes either`,
        { field: `${field}.${i}` },
      );
    }
  }
}
