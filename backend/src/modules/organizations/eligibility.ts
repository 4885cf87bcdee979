import type { Queryable } from '../../common/database/queryable.js';
import { notFound } from '../../common/errors/domain-error.js';
import type { EligibilityDto } from './dto/organization.dto.js';
import type { Grade } from './organization.entity.js';
import { selectEligibilityFacts } from './organizations.sql.js';

export interface EligibilityRequirements {
  /** The organization must serve at least one of these catalog codes (a parent covers its children). */
  categories?: string[];
  minGrade?: Grade;
  /** A new bid (or an invitation to one): an incentive bar in force refuses it. */
  bidding?: boolean;
}

/**
 * The one eligibility check other modules call before an organization bids or receives money:
 * verified, not on a credit list, not barred from bidding by an incentive rule, and meeting the
 * tender's grade and category requirements.
 */
export async function checkEligibility(
  db: Queryable,
  organizationId: string,
  requirements: EligibilityRequirements = {},
): Promise<EligibilityDto> {
  const org = await selectEligibilityFacts(db, organizationId);
  if (!org) throw notFound('Organization', organizationId);
  const reasons: EligibilityDto['reasons'] = [];
  if (org.status !== 'verified') {
    reasons.push({ code: 'not_verified', message: `The organization is ${org.status}, not verified` });
  }
  if (org.credit_status === 'abnormal') {
    reasons.push({
      code: 'credit_abnormal',
      message: 'The organization is on the abnormal activity list (活动异常名录)',
    });
  }
  if (org.credit_status === 'serious') {
    reasons.push({
      code: 'credit_serious',
      message: 'The organization is on the serious violation list (严重违法失信名单)',
    });
  }
  if (requirements.minGrade && org.grade_rank < Number(requirements.minGrade[0])) {
    reasons.push({
      code: 'grade_too_low',
      message: `A valid grade of at least ${requirements.minGrade} is required (an expired grade counts as none)`,
    });
  }
  if (requirements.bidding && org.bar) {
    reasons.push({
      code: 'barred',
      message: `New bids are barred until ${org.bar.until}: ${org.bar.explanation}`,
    });
  }
  const wanted = requirements.categories ?? [];
  const serves = (code: string) =>
    org.categories.some((c) => c === code || c.startsWith(`${code}.`) || code.startsWith(`${c}.`));
  if (wanted.length > 0 && !wanted.some(serves)) {
    reasons.push({
      code: 'category_not_served',
      message: `The organization serves none of: ${wanted.join(', ')}`,
    });
  }
  return { eligible: reasons.length === 0, reasons };
}
