import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { Env } from '../../config/env.js';

const SIGN_IN = 'rate-limit:sign-in';

/** Marks a route that guesses could target (login, register, refresh): it gets the tighter budget. */
export const SignInRateLimit = () => SetMetadata(SIGN_IN, true);

/**
 * Per-IP request budgets, counted in memory per API instance (see docs/architecture.md for the
 * multi-instance note): everything shares the general budget; sign-in routes also get a small one.
 */
export function throttlers(env: Env): ThrottlerOptions[] {
  return [
    { name: 'default', ttl: 60_000, limit: env.RATE_LIMIT_PER_MINUTE },
    {
      name: 'sign-in',
      ttl: 60_000,
      limit: env.AUTH_RATE_LIMIT_PER_MINUTE,
      skipIf: (context: ExecutionContext) => Reflect.getMetadata(SIGN_IN, context.getHandler()) !== true,
    },
  ];
}
