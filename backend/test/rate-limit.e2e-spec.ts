import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { Api } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let other: Api; // a second instance sharing PostgreSQL and Redis

beforeAll(async () => {
  env = useTestEnv({ AUTH_RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_PER_MINUTE: '40' });
  db = await migratedDataSource(env);
  api = await Api.start();
  other = await Api.start();
});
afterAll(async () => {
  await Promise.all([api?.close(), other?.close()]);
  await dropSchema(db, env);
});

describe('rate limiting', () => {
  it('cuts one IP off the sign-in routes after their budget, with 429 and the common error body', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await api.request('POST', '/api/auth/login', {
        body: { email: `x${i}@example.cn`, password: 'whatever-1' },
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe('rate_limited');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('applies the general budget to every other route, counted once over every instance', async () => {
    const responses = await Promise.all(
      Array.from({ length: 45 }, (_, i) => (i % 2 ? api : other).request('GET', '/api/catalog')),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    for (const r of responses.filter((x) => x.status === 429))
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
