import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { DEMO, seedDemo } from '@sanshe/backend/database/seed/demo.js';
import { scoringDay } from '@sanshe/backend/modules/scoring/scoring-day.js';
import { SCORE_SQL } from '@sanshe/backend/modules/scoring/scoring.sql.js';
import { ScoringService } from '@sanshe/backend/modules/scoring/scoring.service.js';
import { verifiedOrganization } from '../../backend/test/support/fixtures.js';
import { waitFor } from '../../backend/test/support/wait.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { queueConnection } from '../../backend/src/jobs/queue-connection.js';

const TODAY = scoringDay();
const SNAPSHOTS = `SELECT organization_id, period_end::text, formula_version, score, tier, indicators, inputs
                     FROM score_snapshots ORDER BY organization_id, period_end, formula_version`;

let env: Env;
let db: DataSource;
let queue: Queue;
let blocker: QueryRunner | undefined;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const main = new URL('../dist/main.js', import.meta.url).pathname;
  if (!existsSync(main)) throw new Error('build the workers first (npm run build)');
  // A short job lock, so the job the killed worker held is found stalled within seconds.
  const worker = spawn(process.execPath, [main], {
    env: { ...process.env, LOG_LEVEL: 'warn', JOB_LOCK_MS: '1500' },
    stdio: 'inherit',
  });
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  for (let i = 0; i < 40; i++) await verifiedOrganization(db, `混沌测试服务社${i}`);
  queue = new Queue('scoring', queueConnection(env));
});
afterAll(async () => {
  await blocker?.release();
  for (const w of workers) w.kill('SIGKILL');
  await queue?.close();
  await dropSchema(db, env);
});

describe('a worker killed in the middle of a full score recompute', () => {
  it('has the run completed by another worker, with the scores of a from-scratch recompute and no duplicates', async () => {
    const scoring = new ScoringService(db);
    // An earlier run today left the demo organization's snapshot; holding its row lock makes the
    // full recompute stop midway (rows before it written, uncommitted), where we kill the worker.
    await scoring.recompute(TODAY, [DEMO.organization]);
    blocker = db.createQueryRunner();
    await blocker.startTransaction();
    await blocker.query(`SELECT 1 FROM score_snapshots WHERE organization_id = $1 FOR UPDATE`, [
      DEMO.organization,
    ]);

    const first = startWorker();
    await waitFor(async () => (await queue.getWorkers()).length > 0, 'the first worker to connect', 30_000);
    const job = await queue.add('scoring.recompute_all', {});
    await waitFor(
      async () =>
        (
          await db.query(
            // The activity view keeps only the statement's first kilobyte: match its beginning.
            `SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND wait_event_type = 'Lock' AND left(query, 200) = left($1, 200)`,
            [SCORE_SQL],
          )
        ).length > 0,
      'the recompute to reach the locked row',
    );
    expect(await job.getState()).toBe('active');
    const killed = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await killed;
    // The dead worker's connection is gone; its half-done statement ends with it.
    await blocker.rollbackTransaction();
    await blocker.release();
    blocker = undefined;

    startWorker();
    // A worker process starting on a busy machine takes seconds before it finds the stalled job.
    await waitFor(
      async () => (await job.getState()) === 'completed',
      'the job to be completed after restart',
      60_000,
    );

    const afterRestart = await db.query(SNAPSHOTS);
    const [{ verified }] = await db.query(
      `SELECT count(*)::int AS verified FROM organizations WHERE status = 'verified'`,
    );
    expect(afterRestart.filter((s: { period_end: string }) => s.period_end === TODAY)).toHaveLength(verified);
    const [{ duplicates }] = await db.query(
      `SELECT count(*)::int - count(DISTINCT (organization_id, period_end, formula_version))::int AS duplicates FROM score_snapshots`,
    );
    expect(duplicates).toBe(0);

    await db.query(`DELETE FROM score_snapshots`);
    await scoring.recompute(TODAY);
    expect(await db.query(SNAPSHOTS)).toEqual(afterRestart);
  }, 150_000);
});
