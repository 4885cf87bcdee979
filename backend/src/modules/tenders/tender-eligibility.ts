import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { checkEligibility } from '../organizations/eligibility.js';
import type { Tender } from './tender.entity.js';

/**
 * Refuses (organization.ineligible, with every reason) an organization that may not bid on the
 * tender: its category and minimum grade. `who` prefixes the message ("The invited organization").
 */
export async function requireEligibleBidder(
  m: EntityManager,
  organizationId: string,
  t: Pick<Tender, 'categoryCode' | 'minGrade'>,
  who?: string,
): Promise<void> {
  const eligibility = await checkEligibility(m, organizationId, {
    categories: [t.categoryCode],
    minGrade: t.minGrade ?? undefined,
    bidding: true,
  });
  if (!eligibility.eligible) {
    const reasons = eligibility.reasons.map((r) => r.message).join('; ');
    throw new DomainError('organization.ineligible', who ? `${who} is not eligible: ${reasons}` : reasons, {
      reasons: eligibility.reasons,
    });
  }
}
