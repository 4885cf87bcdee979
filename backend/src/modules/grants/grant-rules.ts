import type { RegionLevel } from '../regions/region.entity.js';
import type { Role } from '../../common/auth/roles.js';

/** The roles granted by people (PRODUCT §1); the others come with an action of the user's own. */
export const GRANTABLE_ROLES = [
  'street_officer',
  'street_finance',
  'street_director',
  'community_staff',
  'evaluator',
] as const satisfies readonly Role[];
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** The level of region each role is granted on: evaluators sit in a street's pool or the district's. */
export const GRANT_LEVELS: Record<GrantableRole, readonly RegionLevel[]> = {
  street_officer: ['street'],
  street_finance: ['street'],
  street_director: ['street'],
  community_staff: ['community'],
  evaluator: ['street', 'district'],
};

/**
 * Platform admins grant every role; a street director staffs its own street (officers, finance,
 * community staff of its communities, evaluators of its pool), never another director.
 */
export const DIRECTOR_GRANTS: readonly GrantableRole[] = [
  'street_officer',
  'street_finance',
  'community_staff',
  'evaluator',
];

/** Segregation of duties: one person never holds both for the same street (enforced by the database). */
export const APART_ROLES: readonly GrantableRole[] = ['street_finance', 'street_director'];

/** The role words an import file may use, in English or in Chinese. */
export const ROLE_WORDS: Record<string, GrantableRole> = {
  ...Object.fromEntries(GRANTABLE_ROLES.map((r) => [r, r])),
  街道科员: 'street_officer',
  街道科室人员: 'street_officer',
  街道财务: 'street_finance',
  街道主任: 'street_director',
  社区工作人员: 'community_staff',
  评审专家: 'evaluator',
};
