import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Env } from '../../config/env.js';
import { DomainError } from '../errors/domain-error.js';

interface AccessClaims {
  sub: string;
  sid: string;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Signs and checks access tokens (short-lived JWTs), mints opaque refresh tokens and derives each
 * session's CSRF token.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly env: Env,
  ) {}

  signAccess(userId: string, sessionId: string): string {
    return this.jwt.sign({ sub: userId, sid: sessionId } satisfies AccessClaims, {
      secret: this.env.JWT_SECRET,
      expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
      algorithm: 'HS256',
    });
  }

  verifyAccess(token: string): AccessClaims {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, {
        secret: this.env.JWT_SECRET,
        algorithms: ['HS256'],
      });
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') throw new Error('claims missing');
      return claims;
    } catch (err) {
      if ((err as Error).name === 'TokenExpiredError') {
        throw new DomainError('auth.token_expired', 'The access token has expired');
      }
      throw new DomainError('auth.token_invalid', 'The access token is invalid');
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: sha256(token) };
  }

  /**
   * The CSRF token of a session: an HMAC of its id, so it needs no storage, stays the same across
   * refresh-token rotations and cannot be forged or taken from another session (a signed
   * double-submit token, bound to the session).
   */
  csrfToken(sessionId: string): string {
    return createHmac('sha256', this.env.JWT_SECRET).update(`csrf:${sessionId}`).digest('base64url');
  }

  csrfTokenMatches(sessionId: string, given: string): boolean {
    const expected = Buffer.from(this.csrfToken(sessionId));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
