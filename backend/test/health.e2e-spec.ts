import { createServer } from 'node:net';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { Api } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// The probes of an orchestrator (docker/k8s): readiness asks /api/health, liveness /api/health/live.
// With Redis unreachable the instance is not ready (503, naming what is down) yet alive: restarting
// it would not bring Redis back.
let env: Env;
let db: DataSource;
let api: Api;

/** A loopback port nothing listens on: Redis there is unreachable. */
const closedPort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

beforeAll(async () => {
  env = useTestEnv({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, RATE_LIMIT_PER_MINUTE: '1' });
  db = await migratedDataSource(env);
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('health with Redis unreachable', () => {
  it('is alive but not ready, and reports the queue as down (probes are not rate-limited)', async () => {
    // RATE_LIMIT_PER_MINUTE=1: a counted route would be refused (or fail on Redis) by the second call.
    for (let i = 0; i < 3; i++) {
      const live = await api.request('GET', '/api/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
      const health = await api.request('GET', '/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'degraded', database: 'up', queue: 'down' });
    }
  }, 30_000);
});
