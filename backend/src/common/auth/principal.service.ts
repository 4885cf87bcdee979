import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';
import type { AuthUser, Membership } from './auth-user.js';
import { TokenService } from './token.service.js';

/** Resolves an access token to the caller, with memberships read fresh so revoked roles stop at once. */
@Injectable()
export class PrincipalService {
  constructor(
    private readonly tokens: TokenService,
    private readonly dataSource: DataSource,
  ) {}

  async fromAccessToken(token: string): Promise<AuthUser> {
    const claims = this.tokens.verifyAccess(token);
    const [session]: { email: string; revoked: boolean }[] = await this.dataSource.query(
      `SELECT u.email, s.revoked_at IS NOT NULL AS revoked
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2`,
      [claims.sid, claims.sub],
    );
    if (!session || session.revoked)
      throw new DomainError('auth.token_invalid', 'The session has ended; sign in again');
    return {
      id: claims.sub,
      email: session.email,
      sessionId: claims.sid,
      memberships: await this.memberships(claims.sub),
    };
  }

  memberships(userId: string): Promise<Membership[]> {
    return loadMemberships(this.dataSource, userId);
  }
}

export function loadMemberships(db: Pick<DataSource, 'query'>, userId: string): Promise<Membership[]> {
  return db.query(
    `SELECT m.id, m.role, m.region_id AS "regionId", r.path AS "regionPath", m.organization_id AS "organizationId",
              COALESCE(r.name, o.name) AS "scopeName"
         FROM role_memberships m
         LEFT JOIN regions r ON r.id = m.region_id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE m.user_id = $1
        ORDER BY m.created_at, m.id`,
    [userId],
  );
}
