import type { OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Hit, RateLimitStore } from './rate-limit-store.js';

const ms = (column: string) => `GREATEST(0, CEIL(EXTRACT(EPOCH FROM ${column} - now()) * 1000))::float8`;

/**
 * The counters in the unlogged table rate_limits, for a product without Redis. Each call is one
 * statement: the row lock of the upsert makes concurrent hits on a key count one after the other.
 */
export class PostgresRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  // Expired rows are only ever overwritten; this sweeps those of keys nobody hits again.
  private readonly sweeper = setInterval(() => void this.sweep(), 60_000).unref();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async hit(key: string, ttlMs: number, limit = Number.MAX_SAFE_INTEGER, blockMs = ttlMs): Promise<Hit> {
    // A window that has run out starts again at this hit; a block, once set, runs its course.
    const [row] = (await this.dataSource.query(
      `INSERT INTO rate_limits AS r (key, hits, expires_at, blocked_until)
       VALUES ($1, 1, now() + $2 * interval '1 ms', CASE WHEN 1 > $3 THEN now() + $4 * interval '1 ms' END)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END,
         expires_at = CASE WHEN r.expires_at <= now() THEN EXCLUDED.expires_at ELSE r.expires_at END,
         blocked_until = CASE
           WHEN r.blocked_until > now() THEN r.blocked_until
           WHEN (CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END) > $3 THEN now() + $4 * interval '1 ms'
         END
       RETURNING hits, ${ms('expires_at')} AS ttl, ${ms('blocked_until')} AS blocked`,
      [key, ttlMs, Math.min(limit, 2 ** 31 - 1), blockMs],
    )) as { hits: number; ttl: number; blocked: number | null }[];
    return { hits: row.hits, ttlMs: row.ttl, blockedMs: row.blocked ?? 0 };
  }

  async claim(key: string, ttlMs: number): Promise<{ claimed: boolean; retryMs: number }> {
    const claimed = (await this.dataSource.query(
      `INSERT INTO rate_limits AS r (key, hits, expires_at) VALUES ($1, 1, now() + $2 * interval '1 ms')
       ON CONFLICT (key) DO UPDATE SET hits = 1, expires_at = EXCLUDED.expires_at, blocked_until = NULL
         WHERE r.expires_at <= now()
       RETURNING 1`,
      [key, ttlMs],
    )) as unknown[];
    if (claimed.length) return { claimed: true, retryMs: 0 };
    const [held] = (await this.dataSource.query(
      `SELECT ${ms('expires_at')} AS ttl FROM rate_limits WHERE key = $1`,
      [key],
    )) as { ttl: number }[];
    return { claimed: false, retryMs: Math.max(held?.ttl ?? 0, 1) };
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO rate_limits (key, hits, expires_at) VALUES ($1, 1, now() + $2 * interval '1 ms')
       ON CONFLICT (key) DO UPDATE SET hits = 1, expires_at = EXCLUDED.expires_at, blocked_until = NULL`,
      [key, ttlMs],
    );
  }

  async has(key: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      'SELECT 1 FROM rate_limits WHERE key = $1 AND expires_at > now()',
      [key],
    )) as unknown[];
    return rows.length > 0;
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limits WHERE key = $1', [key]);
  }

  private async sweep(): Promise<void> {
    await this.dataSource
      .query(
        `DELETE FROM rate_limits WHERE expires_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
      )
      .catch(() => undefined); // the next sweep tries again
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
