import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../src/database/seed/demo.js';
import { Api } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// Two API instances sharing one PostgreSQL and one Redis, as behind a load balancer, each
// believing X-Forwarded-For from loopback (so the tests can speak for several client addresses);
// and a third that trusts no proxy.
let env: Env;
let db: DataSource;
let one: Api;
let two: Api;
let untrusting: Api;

beforeAll(async () => {
  env = useTestEnv({
    TRUSTED_PROXIES: '127.0.0.1,::1',
    LOGIN_MAX_FAILURES: '5',
    LOGIN_ACCOUNT_CEILING: '30',
    // Long enough that the next request of a test still falls in the slot its last one took, on a
    // machine busy with other suites (a password check alone can take a second then).
    LOGIN_SLOWDOWN_SECONDS: '6',
  });
  db = await migratedDataSource(env);
  await seedDemo(db);
  one = await Api.start();
  two = await Api.start();
  process.env.TRUSTED_PROXIES = '';
  untrusting = await Api.start();
});
afterAll(async () => {
  await Promise.all([one?.close(), two?.close(), untrusting?.close()]);
  await dropSchema(db, env);
});

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!.email;
const signIn = (api: Api, email: string, password: string, from?: string) =>
  api.request('POST', '/api/auth/login', {
    body: { email, password },
    headers: from ? { 'x-forwarded-for': from } : {},
  });

describe('sign-in throttling', () => {
  it('lets at most the limit of 24 parallel guesses reach the password check, over both instances', async () => {
    const email = account('street_officer');
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => signIn(i % 2 ? one : two, email, `wrong-${i}`, '203.0.113.1')),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(env.LOGIN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(24 - env.LOGIN_MAX_FAILURES);
    for (const r of results.filter((x) => x.status === 429)) {
      expect(r.body.code).toBe('auth.too_many_attempts');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Even the right password waits from that address now.
    expect((await signIn(one, email, DEMO_PASSWORD, '203.0.113.1')).status).toBe(429);
  });

  it("does not let one address's failures lock the owner out from another", async () => {
    const email = account('street_finance');
    for (let i = 0; i < 7; i++) await signIn(two, email, 'wrong-password', '203.0.113.2');
    expect((await signIn(two, email, DEMO_PASSWORD, '203.0.113.2')).status).toBe(429);
    expect((await signIn(one, email, DEMO_PASSWORD, '198.51.100.7')).status).toBe(200);
  });

  it('slows an account guessed at from many addresses rather than barring it', async () => {
    const email = account('street_director');
    // 30 guesses from 10 addresses: each address stays under its own limit.
    for (let i = 0; i < 30; i++) await signIn(one, email, 'wrong-password', `192.0.2.${i % 10}`);
    // Past the ceiling the account takes one attempt every LOGIN_SLOWDOWN_SECONDS, whoever asks.
    const first = await signIn(two, email, 'wrong-password', '192.0.2.99');
    expect(first.status).toBe(401);
    const slowed = await signIn(one, email, DEMO_PASSWORD, '198.51.100.8');
    expect(slowed.status).toBe(429);
    const wait = Number(slowed.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(env.LOGIN_SLOWDOWN_SECONDS);
    await new Promise((ok) => setTimeout(ok, wait * 1000 + 100));
    // The owner gets in after the short wait.
    expect((await signIn(one, email, DEMO_PASSWORD, '198.51.100.8')).status).toBe(200);
  });

  it('lets the owner in from an address they signed in from, however hard a guesser takes the slot', async () => {
    const email = account('org_admin');
    expect((await signIn(one, email, DEMO_PASSWORD, '198.51.100.9')).status).toBe(200);
    for (let i = 0; i < 31; i++) await signIn(one, email, 'wrong-password', `192.0.2.${i % 10}`);
    // The guesser holds the account's slot (each new attempt from a new address waits)…
    expect((await signIn(two, email, 'wrong-password', '192.0.2.77')).status).toBe(429);
    // …and the owner, from a known address, is not in that queue.
    expect((await signIn(two, email, DEMO_PASSWORD, '198.51.100.9')).status).toBe(200);
  });
});

describe('client address', () => {
  it('is the socket address when X-Forwarded-For comes from a proxy nobody trusts', async () => {
    const email = account('community_staff');
    const statuses: number[] = [];
    // Each request claims another address; all are the one loopback client.
    for (let i = 0; i < 7; i++)
      statuses.push((await signIn(untrusting, email, 'wrong', `10.9.8.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('is the forwarded one when a trusted proxy names it', async () => {
    const email = account('evaluator');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signIn(one, email, 'wrong', `10.9.7.${i}`)).status);
    expect(statuses).toEqual(Array(7).fill(401));
  });
});
