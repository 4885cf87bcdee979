import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { AuditService } from '../src/common/audit/audit.service.js';
import type { Env } from '../src/config/env.js';
import { createDataSource } from '../src/database/data-source.js';
import { SetupRefused, setupFirstAdmin } from '../src/database/setup.js';
import { Api, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';
import { waitFor } from './support/wait.js';

// `npm run setup`: the first platform admin of a district that starts from an empty database.

let env: Env;
let db: DataSource;
let api: Api;

beforeAll(async () => {
  env = useTestEnv({ WEB_URL: 'https://sanshe.example.cn/' });
  db = await migratedDataSource(env);
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

/** What a setup may have written, to prove a refused one wrote nothing. */
const counts = async () =>
  (
    await db.query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM role_memberships)::int AS roles,
              (SELECT count(*) FROM email_tokens)::int AS tokens, (SELECT count(*) FROM audit_log)::int AS audit`,
    )
  )[0];

const tokenOf = (link: string) => link.split('#')[1];

describe('npm run setup', () => {
  let link: string;

  it('creates exactly one platform admin on an empty database, even when two setups run at once', async () => {
    expect(await counts()).toEqual({ users: 0, roles: 0, tokens: 0, audit: 0 });
    // Hold both setups at their first write, so their transactions overlap for sure.
    const gate = db.createQueryRunner();
    await gate.startTransaction();
    await gate.query(`LOCK TABLE users IN EXCLUSIVE MODE`);
    const both = Promise.allSettled([
      setupFirstAdmin(db, env, { adminEmail: '  Chief@Example.CN ' }),
      setupFirstAdmin(db, env, { adminEmail: 'rival@example.cn', name: '另一位' }),
    ]);
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND (query LIKE '%setup.first_admin%' OR query LIKE '%INSERT INTO users%')`,
          )
        )[0].n === 2,
      'both setups to wait',
    );
    await gate.commitTransaction();
    await gate.release();
    const results = await both;
    const created = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(SetupRefused);
    expect(await counts()).toEqual({ users: 1, roles: 1, tokens: 1, audit: 1 });

    const admin = (created[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof setupFirstAdmin>>>).value;
    link = admin.link;
    expect(link).toMatch(/^https:\/\/sanshe\.example\.cn\/welcome#[A-Za-z0-9_-]{43}$/);
    const [row] = await db.query(
      `SELECT u.email, u.display_name, u.email_verified_at, r.role, r.region_id, r.organization_id,
              t.purpose, round(extract(epoch FROM t.expires_at - now()) / 3600) AS hours
         FROM users u JOIN role_memberships r ON r.user_id = u.id JOIN email_tokens t ON t.user_id = u.id`,
    );
    expect(row).toMatchObject({ role: 'platform_admin', region_id: null, organization_id: null });
    expect(row).toMatchObject({ purpose: 'reset_password', hours: '24', email_verified_at: null });
    // The address is lower-cased; the display name defaults to its part before @ (or is the one given).
    expect([row.email, row.display_name]).toEqual(
      admin.email === 'chief@example.cn' ? ['chief@example.cn', 'chief'] : ['rival@example.cn', '另一位'],
    );
    const [audit] = await db.query(`SELECT actor_id, action, entity_id, after FROM audit_log`);
    expect(audit).toMatchObject({
      actor_id: null,
      action: 'platform.first_admin_created',
      entity_id: admin.userId,
      after: { email: admin.email, role: 'platform_admin' },
    });
    expect(await new AuditService(db).verifyChain()).toEqual({ ok: true, checked: 1 });
  });

  it('lets the link set the password over HTTP; the admin then signs in as platform_admin', async () => {
    const [{ email }] = await db.query(`SELECT email FROM users`);
    const login = () =>
      api.request('POST', '/api/auth/login', { body: { email, password: 'first-admin-pass-1' } });
    expect((await login()).status).toBe(401);
    const reset = await api.request('POST', '/api/auth/password/reset', {
      body: { token: tokenOf(link), password: 'first-admin-pass-1' },
    });
    expect(reset.status).toBe(204);
    expect((await login()).status).toBe(200);
    const me = await api.request('GET', '/api/me', {
      token: await tokenFor(api, email, 'first-admin-pass-1'),
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, emailVerified: true });
    expect(me.body.memberships.map((m: { role: string }) => m.role)).toEqual(['platform_admin']);
    // The link works once.
    const again = await api.request('POST', '/api/auth/password/reset', {
      body: { token: tokenOf(link), password: 'someone-else-2' },
    });
    expect(again.body.code).toBe('auth.link_invalid');
  });

  it('refuses a second setup and writes nothing', async () => {
    const before = await counts();
    await expect(setupFirstAdmin(db, env, { adminEmail: 'second@example.cn' })).rejects.toThrow(
      new SetupRefused('a platform admin already exists; sign in as them or ask them for access'),
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses an address that already has an account (registered first by anyone), writing nothing', async () => {
    // Its own schema: no admin there, so this is the refusal that answers.
    const other = await createDataSource({ ...env, DATABASE_SCHEMA: `${env.DATABASE_SCHEMA}_taken` });
    await db.query(`CREATE SCHEMA "${env.DATABASE_SCHEMA}_taken"`);
    await other.initialize();
    try {
      await other.runMigrations({ transaction: 'each' });
      await other.query(
        `INSERT INTO users (email, display_name, password_hash) VALUES ($1, 'squatter', 'x')`,
        ['taken@example.cn'],
      );
      await expect(setupFirstAdmin(other, env, { adminEmail: 'Taken@Example.cn' })).rejects.toThrow(
        new SetupRefused(
          'an account with taken@example.cn already exists; give another address for the admin',
        ),
      );
      const [rows] = await other.query(
        `SELECT (SELECT count(*) FROM role_memberships)::int AS roles, (SELECT count(*) FROM email_tokens)::int AS tokens,
                (SELECT count(*) FROM audit_log)::int AS audit`,
      );
      expect(rows).toEqual({ roles: 0, tokens: 0, audit: 0 });
    } finally {
      await other.destroy();
      await db.query(`DROP SCHEMA "${env.DATABASE_SCHEMA}_taken" CASCADE`);
    }
  }, 60_000);

  it('refuses an address that is not an e-mail address', async () => {
    const before = await counts();
    for (const adminEmail of ['', 'chief', 'chief@', '@example.cn', 'chief @example.cn'])
      await expect(setupFirstAdmin(db, env, { adminEmail })).rejects.toThrow(/not a valid e-mail address/);
    expect(await counts()).toEqual(before);
  });
});

describe('cli.js setup', () => {
  const cli = new URL('../dist/database/cli.js', import.meta.url).pathname;
  const schema = () => `${env.DATABASE_SCHEMA}_cli`;
  // The CLI's own environment: a fresh schema, and no JWT_SECRET (setup does not need one).
  const run = (...args: string[]) => {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_SCHEMA: schema(),
      WEB_URL: 'http://localhost:8080',
    };
    delete childEnv.JWT_SECRET;
    return promisify(execFile)(process.execPath, [cli, 'setup', ...args], { env: childEnv }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
  };

  beforeAll(() => db.query(`CREATE SCHEMA "${schema()}"`));
  afterAll(() => db.query(`DROP SCHEMA IF EXISTS "${schema()}" CASCADE`));

  it('migrates an empty schema, creates the admin and prints the link (exit 0), then refuses (exit 1)', async () => {
    if (!existsSync(cli)) throw new Error('build the backend first (npm run build -w backend)');
    expect(await run('--admin-email', 'bad-address')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('not a valid e-mail address: "bad-address"'),
    });
    expect(await run()).toMatchObject({ code: 2, stderr: expect.stringContaining('--admin-email') });

    const first = await run('--admin-email', 'Director@Example.cn', '--name', '区民政局 王主任');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('applied Init');
    expect(first.stdout).toContain('first platform admin created: director@example.cn (区民政局 王主任)');
    expect(first.stdout).toMatch(/^ {2}http:\/\/localhost:8080\/welcome#[A-Za-z0-9_-]{43}$/m);

    const second = await run('--admin-email', 'another@example.cn');
    expect(second).toMatchObject({
      code: 1,
      stderr: 'a platform admin already exists; sign in as them or ask them for access\n',
    });
    const cliDb = await createDataSource({ ...env, DATABASE_SCHEMA: schema() }).initialize();
    try {
      expect(
        await cliDb.query(`SELECT u.email, r.role FROM users u JOIN role_memberships r ON r.user_id = u.id`),
      ).toEqual([{ email: 'director@example.cn', role: 'platform_admin' }]);
    } finally {
      await cliDb.destroy();
    }
  }, 120_000);
});
