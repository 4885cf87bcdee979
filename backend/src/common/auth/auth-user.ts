import type { Role } from './roles.js';

export interface Membership {
  id: string;
  role: Role;
  regionId: string | null;
  /** Path of the membership's region (see Region.path), for "inside my region" checks. */
  regionPath: string | null;
  organizationId: string | null;
  scopeName: string | null;
}

/** The caller, as the auth guard resolved it for this request. */
export interface AuthUser {
  id: string;
  email: string;
  sessionId: string;
  memberships: Membership[];
}

export const hasRole = (user: AuthUser, roles: readonly Role[]) =>
  user.memberships.some((m) => roles.includes(m.role));
