import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { seedDemo } from '../src/database/seed/demo.js';
import { Api, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// Junk a client can send: each is a 400 with the common error body, never a 500.
let env: Env;
let db: DataSource;
let api: Api;
let token: string;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  token = await tokenFor(api, 'resident@demo.sanshe.cn');
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
const UUID = '00000000-0000-4000-8000-000000000000';

function expect400(res: { status: number; body: { code?: string; message?: string } }) {
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('validation.failed');
  expect(typeof res.body.message).toBe('string');
}

describe('bad input', () => {
  it('refuses a NUL byte in a body, a query or a path', async () => {
    expect400(await api.request('PATCH', '/api/me', { token, body: { displayName: 'a\u0000b' } }));
    expect400(await api.request('GET', '/api/directory?q=a%00b'));
    expect400(await api.request('GET', '/api/organizations/%00'));
    expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE display_name LIKE 'a%b'`))[0].n).toBe(
      0,
    );
    // Refused before the app, still in the caller's language.
    const zh = await api.request('GET', '/api/directory?q=a%00b', {
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.body).toMatchObject({ code: 'validation.failed', message: '提交的内容有误，请检查后重试' });
    const en = await api.request('GET', '/api/directory?q=a%00b', { headers: { 'accept-language': 'en' } });
    expect(en.body.message).toBe('Text may not contain NUL bytes');
  });

  it('refuses cursors of the wrong shape or with values of the wrong type or range', async () => {
    for (const bad of [
      'not base64 at all!',
      cursor({ not: 'a list' }),
      cursor(['99999-12-31T00:00:00Z', UUID]), // a date PostgreSQL cannot hold
      cursor(['2026-01-01T00:00:00Z', 'not-a-uuid']),
      cursor([12, UUID]),
    ])
      expect400(
        await api.request('GET', `/api/me/notifications?cursor=${encodeURIComponent(bad)}`, { token }),
      );
    for (const bad of [cursor(['名字', 5]), cursor([[1], UUID]), cursor(['1e999', UUID])])
      expect400(await api.request('GET', `/api/directory?sort=newest&cursor=${encodeURIComponent(bad)}`));
  });

  it('refuses JSON nested deeper than any request needs', async () => {
    const deep = '{"displayName":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5001);
    const res = await api.request('PATCH', '/api/me', { token, rawBody: deep });
    expect400(res);
    expect(res.body.message).toMatch(/nested/);
  });

  it('answers an oversized header with 431 and the common body, not a server error', async () => {
    const res = await fetch(`${api.baseUrl.replace('[::1]', '127.0.0.1')}/api/health`, {
      headers: { 'x-junk': 'x'.repeat(64 * 1024) },
    });
    // Node's HTTP parser refuses it before the app sees the request; the handler still answers.
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: '/api/problems/request.headers_too_large',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: 'The request headers are too large',
      code: 'request.headers_too_large',
      message: 'The request headers are too large',
    });
  });
});
