import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { mintEmailToken } from '../src/modules/identity/email-tokens.js';
import { Api, browserSession, newUser, refreshAs } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// What a new JWT_SECRET invalidates, as docs/operations.md states it ("Rotating secrets").

let env: Env;
let db: DataSource;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
});
afterAll(() => dropSchema(db, env));

describe('rotating JWT_SECRET', () => {
  it('refuses the access tokens and CSRF tokens of the old secret, so everyone signs in again; passwords and mailed links still work', async () => {
    const email = 'someone@example.cn';
    const password = 'long-enough-1';
    let api = await Api.start();
    let login = () => api.request('POST', '/api/auth/login', { body: { email, password } });
    await newUser(api, email);
    const before = browserSession(await login());
    const [{ id }] = await db.query(`SELECT id FROM users WHERE email = $1`, [email]);
    const link = await mintEmailToken(db.manager, { id, email }, 'reset_password', 60);
    await api.close();

    process.env.JWT_SECRET = 'the-rotated-secret-0123456789-abcdef';
    api = await Api.start();
    login = () => api.request('POST', '/api/auth/login', { body: { email, password } });
    try {
      // The access token's signature no longer verifies.
      expect((await api.request('GET', '/api/me', { token: before.accessToken })).status).toBe(401);
      // The session's CSRF token is an HMAC with the old secret: its refresh is refused, nothing changes.
      const refresh = await refreshAs(api, before);
      expect(refresh.status).toBe(403);
      expect(refresh.body.code).toBe('auth.csrf_rejected');
      // Signing in again works, and so does the new session's refresh.
      const after = browserSession(await login());
      expect((await api.request('GET', '/api/me', { token: after.accessToken })).status).toBe(200);
      expect((await refreshAs(api, after)).status).toBe(200);
      // Mailed links are stored as SHA-256 hashes, without the secret.
      const reset = await api.request('POST', '/api/auth/password/reset', {
        body: { token: link, password: 'another-pass-2' },
      });
      expect(reset.status).toBe(204);
    } finally {
      await api.close();
    }
  });
});
