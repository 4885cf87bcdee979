import { Global, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

/** What @nestjs/throttler's storage answers for one hit. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
import type { Cluster, Redis } from 'ioredis';
import { Env } from '../../config/env.js';
import { createRedis } from '../redis/redis-connection.js';

// One round trip, atomic: count the hit (the window starts with the first), and block the key
// for blockMs once it is over the limit. Returns hits, the window's and the block's remaining ms.
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return {hits, ttl, blocked}`;

/** A counter and its `:blocked` twin, touched together, hash to one slot of a Redis Cluster: `{key}`. */
const tag = (key: string) => `{${key}}`;

/**
 * The counters of every rate limit (the per-client request budgets and sign-in attempts), kept in
 * Redis so all API instances share them and concurrent requests cannot both pass one limit.
 * Behind this one class, so another store (PostgreSQL) could take its place.
 */
@Injectable()
export class RateLimitStore implements ThrottlerStorage, OnModuleDestroy {
  private readonly redis: Redis | Cluster;

  constructor(env: Env) {
    this.redis = createRedis(env, {
      keyPrefix: `${env.QUEUE_PREFIX}:rate:`,
      maxRetriesPerRequest: 2,
      lazyConnect: true,
    });
    this.redis.defineCommand('rateHit', { numberOfKeys: 2, lua: HIT });
  }

  /**
   * Counts one hit on key within a window of ttlMs. Over limit, the key stays blocked for
   * blockMs. Times come back in milliseconds.
   */
  async hit(
    key: string,
    ttlMs: number,
    limit = Number.MAX_SAFE_INTEGER,
    blockMs = ttlMs,
  ): Promise<{ hits: number; ttlMs: number; blockedMs: number }> {
    const [hits, ttl, blocked] = (await (
      this.redis as unknown as { rateHit: (...args: unknown[]) => Promise<number[]> }
    ).rateHit(tag(key), `${tag(key)}:blocked`, ttlMs, limit, blockMs)) as number[];
    return { hits, ttlMs: Math.max(ttl, 0), blockedMs: Math.max(blocked, 0) };
  }

  /** Takes the key for ttlMs if nobody holds it; otherwise says how long it is still held. */
  async claim(key: string, ttlMs: number): Promise<{ claimed: boolean; retryMs: number }> {
    if ((await this.redis.set(key, '1', 'PX', ttlMs, 'NX')) === 'OK') return { claimed: true, retryMs: 0 };
    return { claimed: false, retryMs: Math.max(await this.redis.pttl(key), 1) };
  }

  /** Remembers key for ttlMs (a fact, not a count). */
  async mark(key: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, '1', 'PX', ttlMs);
  }

  async has(key: string): Promise<boolean> {
    return (await this.redis.exists(key)) === 1;
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(tag(key), `${tag(key)}:blocked`);
  }

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

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

@Global()
@Module({ providers: [RateLimitStore], exports: [RateLimitStore] })
export class RateLimitModule {}
