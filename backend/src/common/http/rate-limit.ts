import { Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Env } from '../../config/env.js';
import { DomainError } from '../errors/domain-error.js';
import type { RateLimitStore } from './rate-limit-store.js';

const SIGN_IN = 'rate-limit:sign-in';

/** Marks a route that guesses could target (login, register, refresh): it gets the tighter budget. */
export const SignInRateLimit = () => SetMetadata(SIGN_IN, true);

/**
 * Per-client request budgets (the client is the address Fastify trusts, see TRUSTED_PROXIES),
 * counted in Redis so every API instance shares them: everything shares the general budget;
 * sign-in routes also get a small one.
 */
export function rateLimits(env: Env, storage: RateLimitStore): ThrottlerModuleOptions {
  return {
    storage,
    throttlers: [
      { name: 'default', ttl: 60_000, limit: env.RATE_LIMIT_PER_MINUTE },
      {
        name: 'sign-in',
        ttl: 60_000,
        limit: env.AUTH_RATE_LIMIT_PER_MINUTE,
        skipIf: (context: ExecutionContext) => Reflect.getMetadata(SIGN_IN, context.getHandler()) !== true,
      },
    ],
  };
}

/** The throttler guard, answering with our error body and a plain Retry-After on every 429. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainError('rate_limited', 'Too many requests; slow down and try again shortly', {
      retryAfterSeconds: Math.max(detail.timeToBlockExpire, 1),
    });
  }
}
