import type { GrantableRole, RegionLevel } from '../api/models';

/**
 * Which roles the page offers on a region, mirroring the API's rule table (grant-rules.ts; the
 * server has the last word): street roles on a street, community staff on a community,
 * evaluators on a street or district. A street director staffs its own street but names no
 * director and no district evaluator.
 */
const LEVEL_ROLES: Record<RegionLevel, GrantableRole[]> = {
  district: ['evaluator'],
  street: ['street_officer', 'street_finance', 'street_director', 'evaluator'],
  community: ['community_staff'],
  grid: [],
};

export function grantableRoles(level: RegionLevel, isAdmin: boolean): GrantableRole[] {
  if (isAdmin) return LEVEL_ROLES[level];
  if (level === 'district') return [];
  return LEVEL_ROLES[level].filter((r) => r !== 'street_director');
}
