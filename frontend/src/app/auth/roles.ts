/** The roles of PRODUCT §1, as the API names them. */
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

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
