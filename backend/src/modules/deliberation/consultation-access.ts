import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError } from '../../common/errors/domain-error.js';

/**
 * A verified resident of the region a consultation is put to: the resident role (granted only by
 * the staff's verification or a grant) on that region or one inside it. A resident of the whole
 * community is not known to live in any one grid, so a grid's question is for that grid's residents.
 */
export const isEligibleVoter = (user: AuthUser, regionPath: string) =>
  user.memberships.some(
    (m) => m.role === 'resident' && m.regionPath !== null && m.regionPath.startsWith(regionPath),
  );

export function requireEligible(user: AuthUser, regionPath: string): void {
  if (!isEligibleVoter(user, regionPath))
    throw new DomainError(
      'vote.not_eligible',
      'Only verified residents of the region this question is put to take part',
    );
}

/** Proposing, commenting and voting happen only while the consultation is open and inside its period. */
export function requireInPeriod(c: { status: string; in_period: boolean }): void {
  if (c.status !== 'open' || !c.in_period)
    throw new DomainError('state.invalid_transition', 'The consultation is not open for contributions now');
}

/** Does the caller hold the resident role on a grid (or deeper) inside this community? */
export const residesInside = (user: AuthUser, communityId: string) =>
  user.memberships.some((m) => m.role === 'resident' && m.regionPath?.includes(`${communityId}/`));
