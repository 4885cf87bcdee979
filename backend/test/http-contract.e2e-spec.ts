import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { seedDemo } from '../src/database/seed/demo.js';
import { verifiedOrganization } from './support/fixtures.js';
import { Api } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// The HTTP semantics every route shares (docs/contributing.md, "The API contract"): errors as
// problem details, 401 naming its scheme, 405 naming the methods a path has, pages linking on.
let env: Env;
let db: DataSource;
let api: Api;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  for (const name of ['甲社工站', '乙社工站', '丙社工站', '丁社工站']) await verifiedOrganization(db, name);
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('errors are problem details', () => {
  it('a missing token: 401, application/problem+json, WWW-Authenticate: Bearer', async () => {
    const res = await api.request('GET', '/api/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(res.body).toEqual({
      type: '/api/problems/auth.unauthenticated',
      title: 'Unauthorized',
      status: 401,
      detail: expect.any(String),
      code: 'auth.unauthenticated',
      message: res.body.detail,
      instance: '/api/me',
    });
  });

  it('a forged token: 401 with error="invalid_token"', async () => {
    const res = await api.request('GET', '/api/me', { token: 'not.a.token' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token"');
  });

  it('refused input keeps its details, and the query string stays out of instance', async () => {
    const res = await api.request('GET', '/api/directory?limit=1000&q=x');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'validation.failed', status: 400, instance: '/api/directory' });
    expect(res.body.details.errors).toEqual(expect.arrayContaining([expect.stringContaining('limit')]));
  });

  it('input refused before validation (a NUL byte) is a problem too', async () => {
    const res = await api.request('GET', '/api/directory?q=a%00b');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/api/problems/validation.failed', code: 'validation.failed' });
  });
});

describe('methods', () => {
  it('a wrong method on a known path: 405 with Allow', async () => {
    const res = await api.request('DELETE', '/api/health');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.body).toMatchObject({ code: 'request.method_not_allowed', status: 405 });
  });

  it('a path with parameters knows its methods too', async () => {
    const res = await api.request(
      'DELETE',
      '/api/organizations/00000000-0000-4000-8000-000000000000/eligibility',
    );
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
  });

  it('an unknown path stays 404', async () => {
    const res = await api.request('DELETE', '/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBeNull();
    expect(res.body).toMatchObject({ code: 'resource.not_found', status: 404 });
  });
});

describe('pages', () => {
  it('links.next is the same request with the next cursor, until the last page', async () => {
    const first = await api.request('GET', '/api/directory?limit=2&sort=name');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.links.next).toBe(
      `/api/directory?limit=2&sort=name&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    const seen = new Set(first.body.items.map((o: { id: string }) => o.id));
    let next: string | null = first.body.links.next;
    while (next) {
      const page = await api.request('GET', next);
      expect(page.status).toBe(200);
      for (const o of page.body.items) {
        expect(seen.has(o.id)).toBe(false);
        seen.add(o.id);
      }
      next = page.body.links.next;
      if (!next) expect(page.body.nextCursor).toBeNull();
    }
    const all = await api.request('GET', '/api/directory?limit=100&sort=name');
    expect(seen.size).toBe(all.body.items.length);
  });
});
