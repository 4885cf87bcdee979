import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import { DomainError } from '../errors/domain-error.js';
import * as sql from './access.sql.js';
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
    const session = await sql.sessionOf(this.dataSource, claims.sid, claims.sub);
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

export function loadMemberships(db: Queryable, userId: string): Promise<Membership[]> {
  return sql.membershipsOf(db, userId);
}
