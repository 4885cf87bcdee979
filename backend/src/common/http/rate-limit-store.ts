import type { ThrottlerStorage } from '@nestjs/throttler';

/** What @nestjs/throttler's storage answers for one hit. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One counted hit: the hits in the window, the window's and the block's remaining ms. */
export interface Hit {
  hits: number;
  ttlMs: number;
  blockedMs: number;
}

/**
 * The counters of every rate limit (the per-client request budgets and sign-in attempts), kept
 * where every API instance shares them (Redis, or PostgreSQL with QUEUE_BACKEND=postgres), each
 * hit counted atomically so concurrent requests cannot both pass one limit.
 */
export abstract class RateLimitStore implements ThrottlerStorage {
  /**
   * Counts one hit on key within a window of ttlMs (the window starts with the first hit). Over
   * limit, the key stays blocked for blockMs.
   */
  abstract hit(key: string, ttlMs: number, limit?: number, blockMs?: number): Promise<Hit>;
  /** Takes the key for ttlMs if nobody holds it; otherwise says how long it is still held. */
  abstract claim(key: string, ttlMs: number): Promise<{ claimed: boolean; retryMs: number }>;
  /** Remembers key for ttlMs (a fact, not a count). */
  abstract mark(key: string, ttlMs: number): Promise<void>;
  abstract has(key: string): Promise<boolean>;
  /** Forgets the key's count and block. */
  abstract clear(key: string): Promise<void>;

  /** @nestjs/throttler's storage contract: ttl and blockDuration come in ms, the times go back in seconds. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const { hits, ttlMs, blockedMs } = await this.hit(`${throttlerName}:${key}`, ttl, limit, blockDuration);
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(ttlMs / 1000),
      isBlocked: blockedMs > 0,
      timeToBlockExpire: Math.ceil(blockedMs / 1000),
    };
  }
}
