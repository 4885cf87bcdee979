import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import * as sql from './access.sql.js';
import type { Role } from './roles.js';
import { DomainError, notFound } from '../errors/domain-error.js';
import type { AuthUser } from './auth-user.js';

/**
 * The scope half of authorization (the route's @Auth is the role half): may this caller act with
 * one of `roles` on this region or organization? A membership on a region covers everything inside it.
 * Each check has a yes/no form (`can…`, `is…`) and a throwing form (`require…`) built on it; a
 * service that needs a boolean asks the yes/no form, it never catches the access error.
 */
@Injectable()
export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Throws 404 for an unknown region, 403 `auth.out_of_scope` for one out of the caller's scope.
   * Inside a transaction pass its manager as `db`: a check that took a second connection while the
   * transaction holds a row lock could wait for a pool that the lock's waiters have exhausted.
   */
  async requireRegion(
    user: AuthUser,
    roles: readonly Role[],
    regionId: string,
    db: Queryable = this.dataSource,
  ): Promise<void> {
    if (await this.canActInRegion(user, roles, regionId, db)) return;
    if ((await this.regionPath(regionId, db)) === null) throw notFound('Region', regionId);
    throw outOfScope(roles);
  }

  /** Does the caller hold one of `roles` on this region or one containing it? False for an unknown region. */
  async canActInRegion(
    user: AuthUser,
    roles: readonly Role[],
    regionId: string,
    db: Queryable = this.dataSource,
  ): Promise<boolean> {
    if (this.isPlatformAdmin(user)) return true;
    const path = await this.regionPath(regionId, db);
    return path !== null && this.covers(user, roles, path);
  }

  private async regionPath(regionId: string, db: Queryable): Promise<string | null> {
    return (await sql.regionPath(db, regionId)) ?? null;
  }

  private covers(user: AuthUser, roles: readonly Role[], path: string): boolean {
    return user.memberships.some(
      (m) => roles.includes(m.role) && m.regionPath !== null && path.startsWith(m.regionPath),
    );
  }

  requireOrganization(user: AuthUser, roles: readonly Role[], organizationId: string): void {
    if (!this.canActForOrganization(user, roles, organizationId)) throw outOfScope(roles);
  }

  /** Does the caller hold one of `roles` in this organization (or is a platform admin)? */
  canActForOrganization(user: AuthUser, roles: readonly Role[], organizationId: string): boolean {
    return (
      this.isPlatformAdmin(user) ||
      user.memberships.some((m) => roles.includes(m.role) && m.organizationId === organizationId)
    );
  }

  /** Is the caller an admin of this very organization (a platform admin is not, by this check)? */
  isOrgAdmin(user: AuthUser, organizationId: string): boolean {
    return this.orgAdminOf(user).includes(organizationId);
  }

  /** The organizations the caller is an admin of. */
  orgAdminOf(user: AuthUser): string[] {
    return user.memberships
      .filter((m) => m.role === 'org_admin' && m.organizationId)
      .map((m) => m.organizationId as string);
  }

  isPlatformAdmin(user: AuthUser): boolean {
    return user.memberships.some((m) => m.role === 'platform_admin');
  }
}

const outOfScope = (roles: readonly Role[]) =>
  new DomainError('auth.out_of_scope', `You do not hold ${roles.join(' or ')} for this resource`);
