import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { seedDemo } from '@sanshe/backend/database/seed/demo.js';
import { scoringDay } from '@sanshe/backend/modules/scoring/scoring-day.js';
import { ScoringService } from '@sanshe/backend/modules/scoring/scoring.service.js';
import { verifiedOrganization } from '../../backend/test/support/fixtures.js';
import { waitFor } from '../../backend/test/support/wait.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';
import { queueConnection } from '../../backend/src/jobs/queue-connection.js';

const TODAY = scoringDay();
const SNAPSHOTS = `SELECT organization_id, score, tier, indicators, inputs, computed_at FROM score_snapshots
                    WHERE organization_id = ANY($1::uuid[]) AND period_end = $2 ORDER BY organization_id`;

let env: Env;
let db: DataSource;
let queue: Queue;
let workers: INestApplicationContext | undefined;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db); // the streets and communities organizations belong to
  queue = new Queue('scoring', queueConnection(env));
});
afterAll(async () => {
  await workers?.close();
  await queue?.close();
  await dropSchema(db, env);
});

describe('per-organization score jobs due together', () => {
  it('share their recomputes, and each organization gets the score a recompute of its own gives', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await verifiedOrganization(db, `批量评分服务社${i}`)).id);
    const jobs = await queue.addBulk(
      ids.map((organizationId) => ({ name: 'scoring.recompute_org', data: { organizationId } })),
    );

    workers = await createWorkers({ logger: false });
    await workers.init();
    await waitFor(
      async () => (await Promise.all(jobs.map((j) => j.getState()))).every((s) => s === 'completed'),
      'the 40 jobs to complete',
    );

    const snapshots: { computed_at: Date }[] = await db.query(SNAPSHOTS, [ids, TODAY]);
    expect(snapshots).toHaveLength(40);
    // Each recompute is one transaction, and now() its start: fewer distinct times, fewer recomputes.
    const runs = new Set(snapshots.map((s) => s.computed_at.getTime())).size;
    expect(runs).toBeLessThan(10);

    await db.query(`DELETE FROM score_snapshots`);
    const scoring = new ScoringService(db);
    for (const id of ids) await scoring.recompute(TODAY, [id]);
    const strip = (rows: { computed_at: Date }[]) => rows.map(({ computed_at: _, ...rest }) => rest);
    expect(strip(await db.query(SNAPSHOTS, [ids, TODAY]))).toEqual(strip(snapshots));
  }, 60_000);
});

describe('a new formula in force', () => {
  it('scores every organization at the first start after the change, not at 02:00', async () => {
    await workers?.close();
    workers = undefined;
    await db.query(`DELETE FROM score_snapshots`);
    const [{ id }] = await db.query(`SELECT id FROM organizations WHERE status = 'verified' LIMIT 1`);
    // Scored under v1 only, as every organization is on the day v2 ships.
    await db.query(
      `INSERT INTO score_snapshots (organization_id, period_end, formula_version, score, tier, indicators, inputs)
       VALUES ($1, current_date - 1, 'v1', 80, 'B', '{}', '{}')`,
      [id],
    );
    const scoring = new ScoringService(db);
    expect(await scoring.formulaPending()).toBe(true);

    workers = await createWorkers({ logger: false });
    await workers.init();
    const [{ verified }] = await db.query(
      `SELECT count(*)::int AS verified FROM organizations WHERE status = 'verified'`,
    );
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM score_snapshots WHERE formula_version = 'v2' AND period_end = $1`,
            [TODAY],
          )
        )[0].n === verified,
      'every verified organization scored under v2',
    );
    expect(await scoring.formulaPending()).toBe(false);
  }, 60_000);
});
