import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { seedDemo } from '../src/database/seed/demo.js';
import { mintEmailToken } from '../src/modules/identity/email-tokens.js';
import { Api, browserSession, newUser, refreshAs, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// Registration that reveals nothing, e-mail verification and password reset by mailed one-time
// links. The workers mint and mail the links (workers/test/account-mail.e2e-spec.ts follows a real
// mail end to end); here a token is minted with the same function, straight into the database.

let env: Env;
let db: DataSource;
let api: Api;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

const PASSWORD = 'long-enough-1';
const mailQueue = () => api.app.get<Queue>(getQueueToken('mail'), { strict: false });
const userId = async (email: string): Promise<string> =>
  (await db.query(`SELECT id FROM users WHERE email = $1`, [email]))[0].id;
const mint = async (email: string, purpose: 'verify_email' | 'reset_password', ttlMinutes = 60) =>
  mintEmailToken(db.manager, { id: await userId(email), email }, purpose, ttlMinutes);
const queued = async (name: string, id: string) =>
  (await mailQueue().getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
    (j) => j.name === name && j.data.userId === id,
  ).length;
const login = (email: string, password: string) =>
  api.request('POST', '/api/auth/login', { body: { email, password } });

describe('registration', () => {
  it('answers a known e-mail exactly like a new one, and mails the owner instead', async () => {
    const body = { email: '  New.Person@Example.cn ', password: PASSWORD, displayName: '新用户' };
    const fresh = await api.request('POST', '/api/auth/register', { body });
    const again = await api.request('POST', '/api/auth/register', {
      body: { ...body, password: 'another-password-2', displayName: '冒名者' },
    });
    const demo = await api.request('POST', '/api/auth/register', {
      body: { ...body, email: 'officer@demo.sanshe.cn' },
    });
    for (const res of [fresh, again, demo]) expect(res.status).toBe(202);
    expect(fresh.body).toEqual({ email: 'new.person@example.cn' });
    expect(again.body).toEqual(fresh.body);
    expect(demo.body).toEqual({ email: 'officer@demo.sanshe.cn' });
    expect(Object.keys(demo.body)).toEqual(Object.keys(fresh.body));

    // The new address gets the verification mail; the known ones a mail telling their owner.
    const created = await userId('new.person@example.cn');
    expect(await queued('mail.verify_email', created)).toBe(1);
    expect(await queued('mail.registration_attempt', created)).toBe(1);
    expect(await queued('mail.registration_attempt', await userId('officer@demo.sanshe.cn'))).toBe(1);

    // The second attempt changed nothing: the first password and name stand, one audit entry.
    expect((await login('new.person@example.cn', PASSWORD)).status).toBe(200);
    expect((await login('new.person@example.cn', 'another-password-2')).status).toBe(401);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.registered' AND entity_id = $1`,
      [created],
    );
    expect(n).toBe(1);
  });

  it('lets a new account sign in, unverified until the mailed link is followed', async () => {
    const token = await newUser(api, 'unverified@example.cn');
    expect((await api.request('GET', '/api/me', { token })).body.emailVerified).toBe(false);
    expect(
      (await api.request('GET', '/api/me', { token: await tokenFor(api, 'staff@demo.sanshe.cn') })).body
        .emailVerified,
    ).toBe(true);
  });
});

describe('e-mail verification', () => {
  it('verifies the address with a single-use link, audited', async () => {
    const token = await newUser(api, 'verify.me@example.cn');
    const link = await mint('verify.me@example.cn', 'verify_email');
    const [{ token_hash }] = await db.query(`SELECT token_hash FROM email_tokens WHERE user_id = $1`, [
      await userId('verify.me@example.cn'),
    ]);
    expect(token_hash).not.toContain(link); // stored hashed only

    // The link proves the mailbox, the session the password: it works only signed in as its account.
    expect((await api.request('POST', '/api/me/email/verify', { body: { token: link } })).status).toBe(401);
    const other = await newUser(api, 'someone.else@example.cn');
    const foreign = await api.request('POST', '/api/me/email/verify', {
      token: other,
      body: { token: link },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('auth.link_invalid');
    expect((await api.request('GET', '/api/me', { token: other })).body.emailVerified).toBe(false);

    // Refused above without being spent: the owner's session verifies it.
    const verified = await api.request('POST', '/api/me/email/verify', { token, body: { token: link } });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ email: 'verify.me@example.cn', emailVerified: true });
    expect((await api.request('GET', '/api/me', { token })).body.emailVerified).toBe(true);
    const reuse = await api.request('POST', '/api/me/email/verify', { token, body: { token: link } });
    expect(reuse.status).toBe(400);
    expect(reuse.body.code).toBe('auth.link_invalid');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.email_verified' AND entity_id = $1`,
      [await userId('verify.me@example.cn')],
    );
    expect(n).toBe(1);

    // Already verified: nothing to resend.
    const resend = await api.request('POST', '/api/me/email/verification', { token });
    expect(resend.status).toBe(409);
  });

  it('refuses an expired link, a reset link and a made-up one', async () => {
    const token = await newUser(api, 'late@example.cn');
    const expired = await mint('late@example.cn', 'verify_email');
    await db.query(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      await userId('late@example.cn'),
    ]);
    const late = await api.request('POST', '/api/me/email/verify', { token, body: { token: expired } });
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('auth.link_expired');

    const reset = await mint('late@example.cn', 'reset_password');
    const wrongPurpose = await api.request('POST', '/api/me/email/verify', { token, body: { token: reset } });
    expect(wrongPurpose.status).toBe(400);
    expect(wrongPurpose.body.code).toBe('auth.link_invalid');
    const madeUp = await api.request('POST', '/api/me/email/verify', {
      token,
      body: { token: 'A'.repeat(43) },
    });
    expect(madeUp.body.code).toBe('auth.link_invalid');
    expect((await api.request('GET', '/api/me', { token })).body.emailVerified).toBe(false);

    expect((await api.request('POST', '/api/me/email/verification')).status).toBe(401);
  });

  it('resends the link on request, at most one mail a minute', async () => {
    // An account whose welcome mail was never queued (written straight to the database).
    const [{ id }] = await db.query(
      `INSERT INTO users (email, display_name, password_hash) SELECT 'no.mail.yet@example.cn', '新用户', password_hash
         FROM users WHERE email = 'officer@demo.sanshe.cn' RETURNING id`,
    );
    const token = await tokenFor(api, 'no.mail.yet@example.cn');
    for (let i = 0; i < 3; i++)
      expect((await api.request('POST', '/api/me/email/verification', { token })).status).toBe(202);
    expect(await queued('mail.verify_email', id)).toBe(1);
  });
});

describe('password reset', () => {
  it('answers 202 whether or not the address exists, mailing only a known one', async () => {
    await newUser(api, 'forgetful@example.cn');
    const known = await api.request('POST', '/api/auth/password/forgot', {
      body: { email: 'Forgetful@example.cn' },
    });
    const unknown = await api.request('POST', '/api/auth/password/forgot', {
      body: { email: 'nobody-here@example.cn' },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    // A second request within the minute mails nothing more (no flooding the inbox).
    await api.request('POST', '/api/auth/password/forgot', { body: { email: 'forgetful@example.cn' } });
    expect(await queued('mail.password_reset', await userId('forgetful@example.cn'))).toBe(1);
    const all = await mailQueue().getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    expect(all.filter((j) => j.name === 'mail.password_reset')).toHaveLength(1);
  });

  it('sets the new password once, revokes every session and audits it', async () => {
    const email = 'reset.me@example.cn';
    await newUser(api, email);
    const phone = browserSession(await login(email, PASSWORD));
    const laptop = browserSession(await login(email, PASSWORD));
    const older = await mint(email, 'reset_password');
    const link = await mint(email, 'reset_password');

    const reset = await api.request('POST', '/api/auth/password/reset', {
      body: { token: link, password: 'brand-new-pass-3' },
    });
    expect(reset.status).toBe(204);
    // Every session is dead: access tokens at once, refresh tokens too.
    for (const pair of [phone, laptop]) {
      expect((await api.request('GET', '/api/me', { token: pair.accessToken })).status).toBe(401);
      expect((await refreshAs(api, pair)).status).toBe(401);
    }
    expect((await login(email, PASSWORD)).status).toBe(401);
    const fresh = await login(email, 'brand-new-pass-3');
    expect(fresh.status).toBe(200);
    // Following the mailed link proved the address.
    expect(fresh.body.user.emailVerified).toBe(true);

    // Single use, and the older link of the same user died with it.
    for (const token of [link, older]) {
      const again = await api.request('POST', '/api/auth/password/reset', {
        body: { token, password: 'attacker-pass-4' },
      });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('auth.link_invalid');
    }
    expect((await login(email, 'brand-new-pass-3')).status).toBe(200);

    const id = await userId(email);
    const [{ revoked }] = await db.query(
      `SELECT count(*)::int AS revoked FROM sessions WHERE user_id = $1 AND revoke_reason = 'password reset'`,
      [id],
    );
    expect(revoked).toBe(3); // the two sessions above and the one newUser signed in
    const [audit] = await db.query(
      `SELECT after FROM audit_log WHERE action = 'user.password_reset' AND entity_id = $1`,
      [id],
    );
    expect(audit.after).toEqual({ sessionsRevoked: 3 });
  });

  it('refuses an expired link and leaves the password and sessions alone', async () => {
    const email = 'too.late@example.cn';
    const token = await newUser(api, email);
    const link = await mint(email, 'reset_password');
    await db.query(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      await userId(email),
    ]);
    const res = await api.request('POST', '/api/auth/password/reset', {
      body: { token: link, password: 'brand-new-pass-3' },
    });
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('auth.link_expired');
    expect((await api.request('GET', '/api/me', { token })).status).toBe(200);
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it('lets only one of two concurrent uses of a link succeed', async () => {
    const email = 'racer@example.cn';
    await newUser(api, email);
    const link = await mint(email, 'reset_password');
    const results = await Promise.all(
      ['first-password-1', 'second-password-2'].map((password) =>
        api.request('POST', '/api/auth/password/reset', { body: { token: link, password } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
  });

  it('refuses a verification link, a short password and an unknown field', async () => {
    const email = 'mixed.up@example.cn';
    await newUser(api, email);
    const verification = await mint(email, 'verify_email');
    const wrong = await api.request('POST', '/api/auth/password/reset', {
      body: { token: verification, password: 'brand-new-pass-3' },
    });
    expect(wrong.body.code).toBe('auth.link_invalid');
    const link = await mint(email, 'reset_password');
    const short = await api.request('POST', '/api/auth/password/reset', {
      body: { token: link, password: 'x' },
    });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('validation.failed');
    const sneaky = await api.request('POST', '/api/auth/password/reset', {
      body: { token: link, password: 'brand-new-pass-3', email: 'officer@demo.sanshe.cn' },
    });
    expect(sneaky.status).toBe(400);
    // The refused attempts did not spend the link.
    expect(
      (
        await api.request('POST', '/api/auth/password/reset', {
          body: { token: link, password: 'brand-new-pass-3' },
        })
      ).status,
    ).toBe(204);
  });
});
