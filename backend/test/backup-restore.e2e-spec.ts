import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { AuditService } from '../src/common/audit/audit.service.js';
import type { Env } from '../src/config/env.js';
import { createDataSource } from '../src/database/data-source.js';
import { setupFirstAdmin } from '../src/database/setup.js';
import { useTestEnv } from './support/test-env.js';

// The backup and restore of docs/operations.md, with the real pg_dump and pg_restore: a district's
// database dumped and restored into an empty one holds the same rows and an intact audit chain.

const id = randomBytes(4).toString('hex');
const names = { source: `backup_src_${id}`, copy: `backup_copy_${id}` };
let env: Env;
let admin: pg.Client;
let dir: string;
const url = (database: string) =>
  Object.assign(new URL(env.DATABASE_URL), { pathname: `/${database}` }).toString();
const open = (database: string) =>
  createDataSource({ DATABASE_URL: url(database), DATABASE_SCHEMA: 'public' }).initialize();

/** The client tools of the server's major version: Debian's versioned folder first, then the PATH. */
function pgTool(name: 'pg_dump' | 'pg_restore', major: number): string {
  for (const candidate of [`/usr/lib/postgresql/${major}/bin/${name}`, name]) {
    const r = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (r.status === 0 && new RegExp(`\\(PostgreSQL\\) ${major}\\b`).test(r.stdout)) return candidate;
  }
  throw new Error(`no ${name} of PostgreSQL ${major} (Debian: apt-get install postgresql-client-${major})`);
}

beforeAll(async () => {
  env = useTestEnv();
  admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  for (const name of Object.values(names)) await admin.query(`CREATE DATABASE "${name}"`);
  dir = mkdtempSync(join(tmpdir(), 'sanshe-backup-'));
});
afterAll(async () => {
  for (const name of Object.values(names))
    await admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin?.end();
  rmSync(dir, { recursive: true, force: true });
});

/** Every table's rows, as one digest per table (ordered by their text, so the order on disk does not matter). */
async function contents(db: DataSource): Promise<Record<string, { rows: number; digest: string }>> {
  const tables: { name: string }[] = await db.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const { name } of tables) {
    const [row] = await db.query(
      `SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS digest FROM "${name}" t`,
    );
    out[name] = row;
  }
  return out;
}

describe('backup and restore', () => {
  it('pg_dump -Fc of a district, restored with pg_restore into an empty database, is the same district', async () => {
    const source = await open(names.source);
    let copy: DataSource | undefined;
    try {
      // A district on day one: migrated by setup, its first admin, then a couple of audited changes.
      const first = await setupFirstAdmin(source, env, { adminEmail: 'chief@example.cn', name: '区管理员' });
      const audit = new AuditService(source);
      const district = '00000000-0000-4000-8000-00000000d001';
      const street = '00000000-0000-4000-8000-00000000d011';
      const regions = [
        { id: district, name: '新区', level: 'district', parentId: null, path: `/${district}/` },
        { id: street, name: '东街道', level: 'street', parentId: district, path: `/${district}/${street}/` },
      ];
      for (const r of regions)
        await source.transaction(async (m) => {
          await m.query(
            `INSERT INTO regions (id, name, level, parent_id, path) VALUES ($1, $2, $3, $4, $5)`,
            [r.id, r.name, r.level, r.parentId, r.path],
          );
          await audit.record(m, {
            actorId: first.userId,
            action: 'region.created',
            entityType: 'region',
            entityId: r.id,
            after: { name: r.name, level: r.level },
          });
        });
      const before = await contents(source);
      expect(before.audit_log.rows).toBe(3);
      expect(before.users.rows).toBe(1);
      expect(before.regions.rows).toBe(2);

      const [{ server_version_num }] = await source.query(`SHOW server_version_num`);
      const major = Math.floor(Number(server_version_num) / 10000);
      const dump = join(dir, 'sanshe.dump');
      const run = promisify(execFile);
      await run(pgTool('pg_dump', major), ['-Fc', '-f', dump, url(names.source)]);
      await run(pgTool('pg_restore', major), [
        '--no-owner',
        '--single-transaction',
        '-d',
        url(names.copy),
        dump,
      ]);

      copy = await open(names.copy);
      expect(await contents(copy)).toEqual(before);
      expect(await new AuditService(copy).verifyChain()).toEqual({ ok: true, checked: 3 });
      // The restored copy works as the application's database: the view of roles, no migration pending.
      expect(
        await copy.query(`SELECT role FROM role_memberships WHERE user_id = $1`, [first.userId]),
      ).toEqual([{ role: 'platform_admin' }]);
      expect(await copy.showMigrations()).toBe(false);
    } finally {
      await source.destroy();
      await copy?.destroy();
    }
  }, 120_000);
});
