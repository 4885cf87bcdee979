import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { AuditService } from '../src/common/audit/audit.service.js';
import type { Env } from '../src/config/env.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let audit: AuditService;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  audit = new AuditService(db);
});
afterAll(() => dropSchema(db, env));

const record = (n: number) =>
  db.transaction((m) =>
    audit.record(m, {
      actorId: null,
      action: 'test.changed',
      entityType: 'thing',
      entityId: `t${n}`,
      before: { n },
      after: { n: n + 1, at: new Date() },
    }),
  );

describe('audit trail', () => {
  it('chains concurrent appends into one verifiable sequence', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => record(i)));
    expect(await audit.verifyChain(7)).toEqual({ ok: true, checked: 20 });
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    await expect(
      db.transaction(async (m) => {
        await audit.record(m, {
          actorId: null,
          action: 'test.rolled_back',
          entityType: 'thing',
          entityId: 'x',
        });
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.rolled_back'`,
    );
    expect(n).toBe(0);
  });

  it('refuses to be changed or deleted', async () => {
    await expect(db.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('reports the first broken link after someone tampers with a row behind the trigger', async () => {
    const [{ id }] = await db.query(`SELECT id FROM audit_log ORDER BY id OFFSET 5 LIMIT 1`);
    await db.transaction(async (m) => {
      // What an attacker with superuser rights could do: bypass the trigger and rewrite history.
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE audit_log SET after = '{"n": 999}' WHERE id = $1`, [id]);
    });
    const report = await audit.verifyChain();
    expect(report).toEqual({
      ok: false,
      checked: 5,
      brokenAt: id,
      reason: 'content does not match its hash',
    });

    // The same report through `npm run audit:verify` (the compiled CLI).
    const cli = new URL('../dist/database/cli.js', import.meta.url).pathname;
    if (!existsSync(cli)) throw new Error('build the backend first (npm run build -w backend)');
    const run = promisify(execFile)(process.execPath, [cli, 'audit-verify'], { env: process.env });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`audit chain BROKEN at entry ${id}`),
    });
  });
});
