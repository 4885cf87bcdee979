/** The roles of PRODUCT §1 and the kind of scope each membership carries. */
export const ROLES = [
  'resident',
  'social_worker',
  'org_admin',
  'community_staff',
  'street_officer',
  'street_finance',
  'street_director',
  'evaluator',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

export type ScopeKind = 'region' | 'organization' | 'platform';

export const SCOPE_OF_ROLE: Record<Role, ScopeKind> = {
  resident: 'region',
  social_worker: 'organization',
  org_admin: 'organization',
  community_staff: 'region',
  street_officer: 'region',
  street_finance: 'region',
  street_director: 'region',
  // Evaluators are appointed per tender by the procurement module; the membership scopes them to a street.
  evaluator: 'region',
  platform_admin: 'platform',
};
