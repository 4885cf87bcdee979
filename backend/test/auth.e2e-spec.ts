import { JwtService } from '@nestjs/jwt';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../src/database/seed/demo.js';
import {
  Api,
  browserSession,
  refreshAs,
  REFRESH_COOKIE,
  setCookie,
  XSRF_COOKIE,
  type BrowserSession,
} from './support/http.js';
import { clearRateLimits, dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;

beforeAll(async () => {
  env = useTestEnv({ LOGIN_MAX_FAILURES: '3' });
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

const login = (email: string, password = DEMO_PASSWORD) =>
  api.request('POST', '/api/auth/login', { body: { email, password } });
const signIn = async (email: string) => {
  const res = await login(email);
  expect(res.status).toBe(200);
  return browserSession(res);
};
const refresh = (s: BrowserSession, headers: Record<string, string> = {}) => refreshAs(api, s, headers);
const demoToken = async (role: string) => {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const res = await login(account.email);
  expect(res.status).toBe(200);
  return res.body.accessToken as string;
};

describe('registration', () => {
  it('creates an account and audits it, answering only with the address to check', async () => {
    const body = { email: '  New.Person@Example.cn ', password: 'long-enough-1', displayName: '新用户' };
    const created = await api.request('POST', '/api/auth/register', { body });
    expect(created.status).toBe(202);
    expect(created.body).toEqual({ email: 'new.person@example.cn' });

    const [user] = await db.query(`SELECT id, display_name, email_verified_at FROM users WHERE email = $1`, [
      'new.person@example.cn',
    ]);
    expect(user).toMatchObject({ display_name: '新用户', email_verified_at: null });
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.registered' AND entity_id = $1`,
      [user.id],
    );
    expect(n).toBe(1);
  });

  it.each([
    [{ email: 'not-an-email', password: 'long-enough-1', displayName: 'x' }, 'email'],
    [{ email: 'a@b.cn', password: 'short', displayName: 'x' }, 'password'],
    [{ email: 'a@b.cn', password: 'long-enough-1', displayName: 'x', role: 'platform_admin' }, 'role'],
  ])('refuses bad input %j with a 400 naming the field', async (body, field) => {
    const res = await api.request('POST', '/api/auth/register', { body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(JSON.stringify(res.body.details)).toContain(field);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'a@b.cn'`);
    expect(n).toBe(0);
  });

  it('answers malformed JSON with a 400 in the common error shape', async () => {
    const res = await api.request('POST', '/api/auth/register', { rawBody: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation.failed', message: expect.any(String) });
  });
});

describe('login and tokens', () => {
  it('signs in and reads the profile with its scoped memberships', async () => {
    const token = await demoToken('street_officer');
    const me = await api.request('GET', '/api/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ role: 'street_officer', scopeName: '阳光街道' }),
    ]);
  });

  it('refuses a wrong password with 401 and locks the account out with 429 after repeated failures', async () => {
    const email = 'resident@demo.sanshe.cn';
    for (let i = 0; i < 3; i++) {
      const res = await login(email, 'wrong-password');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('auth.invalid_credentials');
    }
    const locked = await login(email);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('auth.too_many_attempts');
    await clearRateLimits(env);
    expect((await login(email)).status).toBe(200);
  });

  it('hashes passwords with argon2id at 19 MiB, 2 passes, 1 lane, and an older hash anew at its next sign-in', async () => {
    const email = 'rehash@example.cn';
    const password = 'long-enough-1';
    const created = await api.request('POST', '/api/auth/register', {
      body: { email, password, displayName: '换新' },
    });
    expect(created.status).toBe(202);
    const stored = async () =>
      (await db.query(`SELECT password_hash FROM users WHERE email = $1`, [email]))[0]
        .password_hash as string;
    const POLICY = /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/;
    expect(await stored()).toMatch(POLICY);

    // As the library's defaults hashed every password before.
    const older = await argon2.hash(password, { type: argon2.argon2id });
    expect(older).toMatch(/\$m=65536,p=4,t=3\$/);
    await db.query(`UPDATE users SET password_hash = $2 WHERE email = $1`, [email, older]);
    const [{ version }] = await db.query(`SELECT version FROM users WHERE email = $1`, [email]);

    expect((await login(email, 'wrong-password-1')).status).toBe(401);
    expect(await stored()).toBe(older);
    expect((await login(email, password)).status).toBe(200);
    const renewed = await stored();
    expect(renewed).toMatch(POLICY);
    expect(await argon2.verify(renewed, password)).toBe(true);
    // Not an edit of the account: an edit prepared against its version still goes through.
    expect((await db.query(`SELECT version FROM users WHERE email = $1`, [email]))[0].version).toBe(version);
    // Once: the next sign-in keeps it.
    expect((await login(email, password)).status).toBe(200);
    expect(await stored()).toBe(renewed);
  });

  it('does not reveal whether an e-mail exists', async () => {
    const res = await login('nobody@example.cn', 'whatever-1');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.invalid_credentials');
  });

  it("answers a refused sign-in in the caller's language (Accept-Language), the code unchanged", async () => {
    const as = (email: string, lang?: string) =>
      api.request('POST', '/api/auth/login', {
        body: { email, password: 'whatever-1' },
        headers: lang ? { 'accept-language': lang } : {},
      });
    const zh = await as('nobody-zh@example.cn', 'zh-CN,zh;q=0.9,en;q=0.8');
    expect(zh.status).toBe(401);
    expect(zh.body).toMatchObject({
      code: 'auth.invalid_credentials',
      message: '邮箱或密码不正确',
      detail: '邮箱或密码不正确',
    });
    const en = await as('nobody-en@example.cn', 'en');
    expect(en.body).toMatchObject({
      code: 'auth.invalid_credentials',
      message: 'E-mail or password is wrong',
    });
    // By preference, not by order; and English, the default, for a language we have no words in.
    expect((await as('nobody-q@example.cn', 'en;q=0.5, zh-CN')).body.message).toBe('邮箱或密码不正确');
    expect((await as('nobody-fr@example.cn', 'fr-FR')).body.message).toBe('E-mail or password is wrong');
    expect((await as('nobody-none@example.cn')).body.message).toBe('E-mail or password is wrong');
    // Nest's own refusals too: the validation pipe's 400.
    const invalid = await api.request('POST', '/api/auth/login', {
      body: { email: 'not-an-address' },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      code: 'validation.failed',
      message: '提交的内容有误，请检查后重试',
    });
  });

  it('rejects missing, tampered, expired and foreign-key tokens', async () => {
    const token = await demoToken('resident');
    expect((await api.request('GET', '/api/me')).status).toBe(401);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000900' }),
    ).toString('base64url');
    const tampered = await api.request('GET', '/api/me', { token: `${header}.${forged}.${signature}` });
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('auth.token_invalid');

    const jwt = new JwtService({});
    const expired = jwt.sign(
      { sub: claims.sub, sid: claims.sid, exp: Math.floor(Date.now() / 1000) - 10 },
      { secret: env.JWT_SECRET },
    );
    const expiredRes = await api.request('GET', '/api/me', { token: expired });
    expect(expiredRes.status).toBe(401);
    expect(expiredRes.body.code).toBe('auth.token_expired');

    const otherKey = jwt.sign(
      { sub: claims.sub, sid: claims.sid },
      { secret: 'another-secret-another-secret-another' },
    );
    expect((await api.request('GET', '/api/me', { token: otherKey })).status).toBe(401);
    expect((await api.request('GET', '/api/me', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
  });

  it('puts the refresh token only in an HttpOnly, Secure, SameSite=Strict cookie scoped to /api/auth', async () => {
    const res = await login('staff@demo.sanshe.cn');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
    const refresh = setCookie(res, REFRESH_COOKIE);
    expect(refresh.value).toMatch(/^[\w-]{40,}$/);
    expect(refresh.attributes).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/auth']),
    );
    expect(refresh.attributes).toContain(`max-age=${env.REFRESH_TOKEN_TTL_DAYS * 86400}`);
    // The CSRF token is for the page's script to echo back: readable, but Secure and SameSite=Strict.
    const xsrf = setCookie(res, XSRF_COOKIE);
    expect(xsrf.attributes).toEqual(expect.arrayContaining(['secure', 'samesite=strict', 'path=/']));
    expect(xsrf.attributes).not.toContain('httponly');
  });

  it('refuses a refresh or logout without the CSRF header, with a wrong one or from a foreign origin', async () => {
    const session = await signIn('staff@demo.sanshe.cn');
    const other = await signIn('finance@demo.sanshe.cn');
    const attempts: [string, Record<string, string>][] = [
      ['no CSRF header', { cookie: session.cookie }],
      ['the CSRF token of another session', { cookie: session.cookie, 'x-xsrf-token': other.xsrf }],
      ['a made-up CSRF token', { cookie: session.cookie, 'x-xsrf-token': 'x'.repeat(43) }],
      [
        'a foreign origin',
        { cookie: session.cookie, 'x-xsrf-token': session.xsrf, origin: 'https://evil.example' },
      ],
    ];
    for (const [what, headers] of attempts) {
      for (const path of ['/api/auth/refresh', '/api/auth/logout']) {
        const res = await api.request('POST', path, { headers });
        expect([what, path, res.status, res.body.code]).toEqual([what, path, 403, 'auth.csrf_rejected']);
        expect(res.headers.get('set-cookie')).toBeNull();
      }
    }
    // Nothing was spent or revoked: the session refreshes from the web app's own origin.
    const ok = await refresh(session, { origin: env.WEB_URL });
    expect(ok.status).toBe(200);
  });

  it('rotates the refresh cookie and revokes the whole family when a spent one is replayed', async () => {
    const first = await signIn('staff@demo.sanshe.cn');
    const second = await refresh(first);
    expect(second.status).toBe(200);
    expect(Object.keys(second.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
    const rotated = browserSession(second);
    expect(rotated.cookie).not.toBe(first.cookie);
    expect(rotated.xsrf).toBe(first.xsrf); // bound to the session, which lives on
    expect((await api.request('GET', '/api/me', { token: second.body.accessToken })).status).toBe(200);

    const replay = await refresh(first);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('auth.refresh_reused');
    expect(setCookie(replay, REFRESH_COOKIE).attributes).toContain('max-age=0');
    // The thief's replay ended the family: the legitimate newer tokens are dead too.
    expect((await refresh(rotated)).status).toBe(401);
    expect((await api.request('GET', '/api/me', { token: second.body.accessToken })).status).toBe(401);
  });

  it('answers a refresh without the cookie with 401', async () => {
    const { xsrf } = await signIn('staff@demo.sanshe.cn');
    const res = await api.request('POST', '/api/auth/refresh', { headers: { 'x-xsrf-token': xsrf } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.token_invalid');
  });

  it('lets only one of two concurrent refreshes of the same token succeed', async () => {
    const signedIn = await signIn('finance@demo.sanshe.cn');
    const results = await Promise.all([1, 2, 3].map(() => refresh(signedIn)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(2);
  });

  it('logs out: the cookies are cleared, the refresh token and the access token stop working', async () => {
    const signedIn = await signIn('director@demo.sanshe.cn');
    const out = await api.request('POST', '/api/auth/logout', {
      headers: { cookie: signedIn.cookie, 'x-xsrf-token': signedIn.xsrf },
    });
    expect(out.status).toBe(204);
    for (const name of [REFRESH_COOKIE, XSRF_COOKIE]) {
      const cleared = setCookie(out, name);
      expect(cleared.value).toBe('');
      expect(cleared.attributes).toContain('max-age=0');
    }
    expect(setCookie(out, REFRESH_COOKIE).attributes).toContain('path=/api/auth');
    expect((await api.request('GET', '/api/me', { token: signedIn.accessToken })).status).toBe(401);
    expect((await refresh(signedIn)).status).toBe(401);
  });
});

describe('profile', () => {
  it('updates the display name, audits the change and refuses fields that are not editable', async () => {
    const token = await demoToken('social_worker');
    const ok = await api.request('PATCH', '/api/me', {
      token,
      body: { displayName: '吴社工 (督导)', locale: 'en-US' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ displayName: '吴社工 (督导)', locale: 'en-US' });
    const sneaky = await api.request('PATCH', '/api/me', { token, body: { email: 'boss@example.cn' } });
    expect(sneaky.status).toBe(400);
    const sneakyRole = await api.request('PATCH', '/api/me', {
      token,
      body: { memberships: [{ role: 'platform_admin' }] },
    });
    expect(sneakyRole.status).toBe(400);
    expect(
      (await api.request('GET', '/api/me', { token })).body.memberships.map((m: { role: string }) => m.role),
    ).toEqual(['social_worker']);
  });

  it('refuses an edit prepared against an older version of the account (If-Match) with 412', async () => {
    const token = await demoToken('social_worker');
    const me = await api.request('GET', '/api/me', { token });
    expect(me.headers.get('etag')).toBe(`"${me.body.version}"`);
    const edit = (displayName: string) =>
      api.request('PATCH', '/api/me', {
        token,
        headers: { 'if-match': `"${me.body.version}"` },
        body: { displayName },
      });
    const first = await edit('第一个标签页');
    expect([first.status, first.body.version]).toEqual([200, me.body.version + 1]);
    const stale = await edit('第二个标签页');
    expect([stale.status, stale.body.code]).toEqual([412, 'precondition.failed']);
    expect((await api.request('GET', '/api/me', { token })).body.displayName).toBe('第一个标签页');
  });
});

describe('platform admin only', () => {
  it('opens the queue dashboard for a platform admin and for nobody else', async () => {
    const officer = await demoToken('street_officer');
    const denied = await api.request('POST', '/api/admin/queue-dashboard/session', { token: officer });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('auth.forbidden');
    expect((await api.request('GET', '/api/admin/queues', { token: officer })).status).toBe(403);
    expect((await api.request('GET', '/api/admin/queues')).status).toBe(401);

    const admin = await demoToken('platform_admin');
    const session = await api.request('POST', '/api/admin/queue-dashboard/session', { token: admin });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    const board = await api.request('GET', '/api/admin/queues', {
      headers: { cookie: cookie.split(';')[0] },
    });
    expect(board.status).toBe(200);
    expect(String(board.body)).toContain('<html');
  });
});

describe('platform', () => {
  it('reports health of the database and the queue', async () => {
    const res = await api.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', queue: 'up' });
  });

  it('serves the OpenAPI document and security headers with a request id', async () => {
    const res = await api.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain('/api/auth/login');
    // Refresh and sign-out authenticate by the refresh cookie, not the bearer token.
    for (const path of ['/api/auth/refresh', '/api/auth/logout'])
      expect(res.body.paths[path].post.security).toEqual([{ sanshe_refresh: [] }]);
    // Mails on their way answer 202 with no body, and document no 200 that never comes.
    for (const path of ['/api/auth/password/forgot', '/api/me/email/verification']) {
      const responses = res.body.paths[path].post.responses;
      expect(responses['200']).toBeUndefined();
      expect(responses['202'].content).toBeUndefined();
    }
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });

  it('answers an unknown route with 404 in the common error shape', async () => {
    const res = await api.request('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('resource.not_found');
  });
});
