import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { loadEnv, type Env } from '../../src/config/env.js';
import { createDataSource } from '../../src/database/data-source.js';
import { queueSchema } from '../../src/jobs/queue-connection.js';

/**
 * Each test file gets its own PostgreSQL schema (migrated from scratch) and its own queue prefix,
 * so suites never see each other's rows or jobs. Real PostgreSQL and Redis, as in production; with
 * TEST_QUEUE_BACKEND=postgres, the queues and rate limits run on PostgreSQL instead of Redis.
 */
export function useTestEnv(overrides: Record<string, string> = {}): Env {
  const id = randomBytes(4).toString('hex');
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sanshe_test',
    DATABASE_SCHEMA: `t_${id}`,
    QUEUE_PREFIX: `t-${id}`,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_BACKEND: process.env.TEST_QUEUE_BACKEND ?? 'redis',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  });
  return loadEnv();
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount)
      await admin.query(`CREATE DATABASE "${name}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by a parallel suite
      });
  } finally {
    await admin.end();
  }
}

/** Creates the suite's schema, runs every migration into it and returns a connected DataSource. */
export async function migratedDataSource(env: Env): Promise<DataSource> {
  await ensureDatabase(env.DATABASE_URL);
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  // Extensions live in public, shared by every suite's schema (one created inside a suite's schema
  // would vanish with it, or hide its operators from the next suite).
  for (const ext of ['pg_trgm', 'btree_gist']) {
    const { rows } = await client.query(
      `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = $1`,
      [ext],
    );
    if (!rows.length)
      await client.query(`CREATE EXTENSION IF NOT EXISTS ${ext} SCHEMA public`).catch(() => undefined);
    else if (rows[0].nspname !== 'public') await client.query(`ALTER EXTENSION ${ext} SET SCHEMA public`);
  }
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${env.DATABASE_SCHEMA}"`);
  await client.end();
  const dataSource = await createDataSource(env).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

export async function dropSchema(dataSource: DataSource, env: Env): Promise<void> {
  await dataSource.query(`DROP SCHEMA IF EXISTS "${env.DATABASE_SCHEMA}" CASCADE`);
  await dataSource.query(`DROP SCHEMA IF EXISTS "${queueSchema(env)}" CASCADE`);
  await dataSource.destroy();
}

/** Forgets every rate-limit counter of the suite (in Redis under its queue prefix, or in its schema). */
export async function clearRateLimits(env: Env): Promise<void> {
  if (env.QUEUE_BACKEND === 'postgres') {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    await client.query(`DELETE FROM "${env.DATABASE_SCHEMA}".rate_limits`).finally(() => client.end());
    return;
  }
  const redis = new Redis(env.REDIS_URL);
  try {
    const keys = await redis.keys(`${env.QUEUE_PREFIX}:rate:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
