import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Env } from '../../config/env.js';
import { DomainError } from '../errors/domain-error.js';

interface AccessClaims {
  sub: string;
  sid: string;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Signs and checks access tokens (short-lived JWTs) and mints opaque refresh tokens. */
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
}
