import type { Role } from '../api/models';
import { ROLE } from '../api/models/role-array';

/** The roles of PRODUCT §1, straight from the API's schema so the two cannot drift apart. */
export type { Role };
export const ROLES: readonly Role[] = ROLE;

export function isRole(value: string): value is Role {
  return ROLES.includes(value as Role);
}
