import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { Api } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;

beforeAll(async () => {
  env = useTestEnv({ AUTH_RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_PER_MINUTE: '40' });
  db = await migratedDataSource(env);
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
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
      if (res.status === 429) expect(res.body.code).toBe('rate_limited');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('applies the general budget to every other route', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 45 }, () => api.request('GET', '/api/catalog').then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(40);
    expect(statuses).toContain(429);
  });
});
