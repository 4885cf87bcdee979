import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from './roles.js';
import { DomainError, notFound } from '../errors/domain-error.js';
import type { AuthUser } from './auth-user.js';

/**
 * The scope half of authorization (the route's @Auth is the role half): may this caller act with
 * one of `roles` on this region or organization? A membership on a region covers everything inside it.
 */
@Injectable()
export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  async requireRegion(user: AuthUser, roles: readonly Role[], regionId: string): Promise<void> {
    if (this.isPlatformAdmin(user)) return;
    const path = await this.regionPath(regionId);
    if (path === null) throw notFound('Region', regionId);
    if (!this.covers(user, roles, path)) throw outOfScope(roles);
  }

  /** The yes/no form of requireRegion, for checks that answer 404 rather than 403. */
  async coversRegion(user: AuthUser, roles: readonly Role[], regionId: string): Promise<boolean> {
    if (this.isPlatformAdmin(user)) return true;
    const path = await this.regionPath(regionId);
    return path !== null && this.covers(user, roles, path);
  }

  private async regionPath(regionId: string): Promise<string | null> {
    const [region]: { path: string }[] = await this.dataSource.query(
      `SELECT path FROM regions WHERE id = $1`,
      [regionId],
    );
    return region?.path ?? null;
  }

  private covers(user: AuthUser, roles: readonly Role[], path: string): boolean {
    return user.memberships.some(
      (m) => roles.includes(m.role) && m.regionPath !== null && path.startsWith(m.regionPath),
    );
  }

  requireOrganization(user: AuthUser, roles: readonly Role[], organizationId: string): void {
    if (this.isPlatformAdmin(user)) return;
    if (!user.memberships.some((m) => roles.includes(m.role) && m.organizationId === organizationId)) {
      throw outOfScope(roles);
    }
  }

  isPlatformAdmin(user: AuthUser): boolean {
    return user.memberships.some((m) => m.role === 'platform_admin');
  }
}

const outOfScope = (roles: readonly Role[]) =>
  new DomainError('auth.out_of_scope', `You do not hold ${roles.join(' or ')} for this resource`);
