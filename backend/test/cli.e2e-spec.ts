import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { AuditService } from '../src/common/audit/audit.service.js';
import type { Env } from '../src/config/env.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// The compiled database CLI (`npm run db:migrate`, `db:seed`, `audit:verify`) as an operator runs it:
// each command reads only the settings it uses, so no JWT secret is needed to look after the database.

let env: Env;
let db: DataSource;
const cli = new URL('../dist/database/cli.js', import.meta.url).pathname;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await db.transaction((m) =>
    new AuditService(db).record(m, {
      actorId: null,
      action: 'test.changed',
      entityType: 'thing',
      entityId: 't1',
    }),
  );
});
afterAll(() => dropSchema(db, env));

/** The CLI with the suite's database settings and nothing else of the API's configuration. */
function run(args: string[], extra: Record<string, string> = {}) {
  if (!existsSync(cli)) throw new Error('build the backend first (npm run build -w backend)');
  const childEnv: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    DATABASE_URL: env.DATABASE_URL,
    DATABASE_SCHEMA: env.DATABASE_SCHEMA,
    ...extra,
  };
  return promisify(execFile)(process.execPath, [cli, ...args], { env: childEnv }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

describe('cli.js without the API configuration', () => {
  it('verifies the audit chain without JWT_SECRET', async () => {
    expect(await run(['audit-verify'])).toMatchObject({
      code: 0,
      stdout: 'audit chain intact: 1 entries verified\n',
    });
  });

  it('migrates without JWT_SECRET', async () => {
    expect(await run(['migrate'])).toMatchObject({ code: 0, stdout: 'database is up to date\n' });
  });

  it('checks whether every migration is applied: 3 while one is pending, 0 once migrated', async () => {
    expect(await run(['check'])).toMatchObject({ code: 0, stdout: 'database is up to date\n' });
    expect(await run(['revert'])).toMatchObject({ code: 0 });
    expect(await run(['check'])).toMatchObject({ code: 3, stdout: 'migrations pending\n' });
    expect(await run(['migrate'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^applied /) });
    expect(await run(['check'])).toMatchObject({ code: 0 });
  });

  it('still refuses a bad database setting, naming it', async () => {
    expect(await run(['audit-verify'], { DATABASE_URL: 'mysql://localhost/sanshe' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('DATABASE_URL: DATABASE_URL must be a postgres:// URL'),
    });
  });
});

describe('cli.js seed', () => {
  it('refuses to load the demo data with NODE_ENV=production, and writes nothing', async () => {
    const refused = await run(['seed'], { NODE_ENV: 'production' });
    expect(refused).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('refusing to load the demo data with NODE_ENV=production'),
    });
    const [rows] = await db.query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM regions)::int AS regions`,
    );
    expect(rows).toEqual({ users: 0, regions: 0 });
  });
});
