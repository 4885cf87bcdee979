import type { OnModuleDestroy } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import type { Env } from '../../config/env.js';
import { createRedis } from '../redis/redis-connection.js';
import { type Hit, RateLimitStore } from './rate-limit-store.js';

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

/** The counters in Redis (REDIS_URL, or the cluster of REDIS_CLUSTER_NODES), under the queue prefix. */
export class RedisRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  private readonly redis: Redis | Cluster;

  constructor(env: Env) {
    super();
    this.redis = createRedis(env, {
      keyPrefix: `${env.QUEUE_PREFIX}:rate:`,
      maxRetriesPerRequest: 2,
      lazyConnect: true,
    });
    this.redis.defineCommand('rateHit', { numberOfKeys: 2, lua: HIT });
  }

  async hit(key: string, ttlMs: number, limit = Number.MAX_SAFE_INTEGER, blockMs = ttlMs): Promise<Hit> {
    const [hits, ttl, blocked] = (await (
      this.redis as unknown as { rateHit: (...args: unknown[]) => Promise<number[]> }
    ).rateHit(tag(key), `${tag(key)}:blocked`, ttlMs, limit, blockMs)) as number[];
    return { hits, ttlMs: Math.max(ttl, 0), blockedMs: Math.max(blocked, 0) };
  }

  async claim(key: string, ttlMs: number): Promise<{ claimed: boolean; retryMs: number }> {
    if ((await this.redis.set(key, '1', 'PX', ttlMs, 'NX')) === 'OK') return { claimed: true, retryMs: 0 };
    return { claimed: false, retryMs: Math.max(await this.redis.pttl(key), 1) };
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, '1', 'PX', ttlMs);
  }

  async has(key: string): Promise<boolean> {
    return (await this.redis.exists(key)) === 1;
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(tag(key), `${tag(key)}:blocked`);
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
