import { Injectable } from '@nestjs/common';
import { sha256 } from '../../common/auth/token.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { RateLimitStore } from '../../common/http/rate-limit-store.js';
import { Env } from '../../config/env.js';

/**
 * Password guesses, limited in two ways (docs/security.md, "Sign-in throttling"):
 * - per account and source (client address): LOGIN_MAX_FAILURES attempts a window, then 429.
 *   Failures from an attacker's address never bar the owner signing in from theirs.
 * - per account over all sources: past LOGIN_ACCOUNT_CEILING attempts a window, the account takes
 *   one attempt every LOGIN_SLOWDOWN_SECONDS. That slows a guesser spread over many addresses to
 *   a trickle; addresses the account signed in from in the last 30 days are not slowed, and a new
 *   one at worst waits for a free slot.
 * An attempt is counted atomically before the password is checked, so parallel guesses cannot
 * get more checks than the limit; a successful sign-in clears its account and source's count.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly store: RateLimitStore,
    private readonly env: Env,
  ) {}

  async admit(email: string, source: string): Promise<void> {
    const windowMs = this.env.LOGIN_WINDOW_MINUTES * 60_000;
    const pair = await this.store.hit(this.pairKey(email, source), windowMs);
    if (pair.hits > this.env.LOGIN_MAX_FAILURES) throw tooMany(pair.ttlMs);
    const account = await this.store.hit(this.accountKey(email), windowMs);
    // An address the account signed in from before skips the queue: a guesser hammering the
    // account's one slot cannot starve its owner.
    if (
      account.hits > this.env.LOGIN_ACCOUNT_CEILING &&
      !(await this.store.has(this.knownKey(email, source)))
    ) {
      const slot = await this.store.claim(
        `${this.accountKey(email)}:slot`,
        this.env.LOGIN_SLOWDOWN_SECONDS * 1000,
      );
      if (!slot.claimed) throw tooMany(slot.retryMs);
    }
  }

  async succeeded(email: string, source: string): Promise<void> {
    await this.store.clear(this.pairKey(email, source));
    await this.store.mark(this.knownKey(email, source), KNOWN_ADDRESS_MS);
  }

  // Hashed: the store holds no e-mail addresses.
  private accountKey(email: string): string {
    return `sign-in:${sha256(email.toLowerCase())}`;
  }

  private pairKey(email: string, source: string): string {
    return `${this.accountKey(email)}:${source}`;
  }

  private knownKey(email: string, source: string): string {
    return `${this.accountKey(email)}:known:${source}`;
  }
}

/** How long an address the account signed in from counts as the owner's. */
const KNOWN_ADDRESS_MS = 30 * 24 * 3600_000;

const tooMany = (retryMs: number) =>
  new DomainError('auth.too_many_attempts', 'Too many sign-in attempts; wait a little and try again', {
    retryAfterSeconds: Math.max(Math.ceil(retryMs / 1000), 1),
  });
