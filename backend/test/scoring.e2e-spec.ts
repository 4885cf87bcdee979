import type { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ScoreTrigger } from '../src/modules/scoring/score-trigger.js';
import { ScoringService } from '../src/modules/scoring/scoring.service.js';
import { SCORE_SQL_BASE, scoreSettings } from '../src/modules/scoring/scoring.sql.js';
import { Api } from './support/http.js';
import { pastPerformanceScores, NEUTRAL_PERFORMANCE_PRIOR } from '../src/modules/scoring/past-performance.js';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { verifiedOrganization } from './support/fixtures.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let scoring: ScoringService;
const PERIOD_END = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  scoring = new ScoringService(db);
});
afterAll(() => dropSchema(db, env));

/**
 * Worked example for the demo organization over the last 12 months:
 *   contract of 100 h; approved records 24 h + 24 h + 2 h = 50 h; one milestone due, requested on time
 *     delivery = 100 × (0.7 × 50/100 + 0.3 × 1/1) = 65
 *   ratings with means 5 and 4; prior 4 × 10: (40 + 9) / 12 = 4.0833 → satisfaction = 100 × 3.0833 / 4 = 77.08
 *   4 records, 1 rejected → compliance = 75
 *   2 active members, 1 verified qualification → capacity = 50
 *   3 confirmed beneficiaries, 2 communities → reach = 5 × 3 + 10 × 2 = 35
 *   score = (30 × 65 + 25 × 77.083 + 15 × 75 + 15 × 50 + 15 × 35) / 100 = 62.77 → tier C
 */
async function workedExample(): Promise<void> {
  const [{ lead }] = await db.query(`SELECT id AS lead FROM users WHERE email = 'worker@demo.sanshe.cn'`);
  const residents: string[] = [];
  for (const n of [1, 2, 3]) {
    const [{ id }] = await db.query(
      `INSERT INTO users (email, display_name, password_hash) VALUES ($1, $1, 'x') RETURNING id`,
      [`r${n}@example.cn`],
    );
    residents.push(id);
  }
  await db.query(
    `INSERT INTO organization_members (organization_id, invited_email, status, invited_by, user_id) VALUES ($1, 'second@example.cn', 'active', $2, $2)`,
    [DEMO.organization, residents[0]],
  );
  const [{ id: contract }] = await db.query(
    `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
     VALUES ($1, $2, '示例合同', 1000000, current_date - 100, current_date + 200, '{"serviceHours": 100, "beneficiaries": 5, "minSatisfaction": 4}', $3) RETURNING id`,
    [DEMO.organization, DEMO.streets[0], lead],
  );
  const [{ id: milestone }] = await db.query(
    `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, 1, '中期', 10000, 1000000, current_date - 10) RETURNING id`,
    [contract],
  );
  await db.query(
    `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, requested_by, created_at) VALUES ($1, $2, $3, $4, 1000000, $5, now() - interval '20 days')`,
    [milestone, contract, DEMO.organization, DEMO.streets[0], lead],
  );
  const [{ id: project }] = await db.query(
    `INSERT INTO projects (contract_id, organization_id, title, lead_user_id) VALUES ($1, $2, '示例项目', $3) RETURNING id`,
    [contract, DEMO.organization, lead],
  );
  const record = async (hoursAgo: number, hours: number, status: string, community: string) => {
    const [{ id }] = await db.query(
      `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, status)
       VALUES ($1, $2, 'home_visit', $3, now() - make_interval(hours => $4), now() - make_interval(hours => $4) + make_interval(hours => $5), $6) RETURNING id`,
      [project, lead, community, hoursAgo, hours, status],
    );
    return id as string;
  };
  const a = await record(100, 24, 'approved', DEMO.communities[0]);
  const b = await record(200, 24, 'approved', DEMO.communities[1]);
  await record(300, 2, 'approved', DEMO.communities[0]);
  await record(400, 1, 'rejected', DEMO.communities[0]);
  await db.query(
    `INSERT INTO record_beneficiaries (record_id, resident_user_id, response) VALUES ($1, $3, 'confirmed'), ($1, $4, 'confirmed'), ($2, $5, 'confirmed')`,
    [a, b, ...residents],
  );
  await db.query(
    `INSERT INTO ratings (record_id, resident_user_id, attitude, professionalism, effect) VALUES ($1, $2, 5, 5, 5), ($1, $3, 4, 4, 4)`,
    [a, residents[0], residents[1]],
  );
}

describe('performance scoring', () => {
  it('computes the worked example exactly, keeping the breakdown and inputs', async () => {
    await workedExample();
    await scoring.recompute(PERIOD_END);
    const [snap] = await db.query(
      `SELECT score::float8 AS score, tier, indicators, inputs FROM score_snapshots WHERE organization_id = $1`,
      [DEMO.organization],
    );
    expect(snap.indicators).toEqual({
      delivery: 65,
      satisfaction: 77.08,
      compliance: 75,
      capacity: 50,
      reach: 35,
    });
    expect(snap.score).toBe(62.77);
    expect(snap.tier).toBe('C');
    expect(snap.inputs).toMatchObject({
      approvedHours: 50,
      contractedHours: 100,
      ratings: 2,
      rejected: 1,
      records: 4,
      beneficiaries: 3,
      communities: 2,
    });
  });

  it('is idempotent: recomputing the same period and version overwrites, never duplicates', async () => {
    const first = await scoring.recompute(PERIOD_END);
    const second = await scoring.recompute(PERIOD_END);
    expect(second).toBe(first);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM score_snapshots WHERE period_end = $1`, [
      PERIOD_END,
    ]);
    expect(n).toBe(first);
  });

  it('gives an organization without history neutral indicators', async () => {
    const fresh = await verifiedOrganization(db, '新成立机构');
    await scoring.recompute(PERIOD_END, [fresh.id]);
    const [snap] = await db.query(
      `SELECT score::float8 AS score, indicators FROM score_snapshots WHERE organization_id = $1`,
      [fresh.id],
    );
    // No contracts, ratings or records: neutral 70 except satisfaction (the prior, 4 of 5 → 75) and capacity (0 of 1 qualified).
    expect(snap.indicators).toEqual({
      delivery: 70,
      satisfaction: 75,
      compliance: 70,
      capacity: 0,
      reach: 70,
    });
    // 30 × 70 + 25 × 75 + 15 × 70 + 15 × 0 + 15 × 70 = 60.75: a newcomer starts at C, not barred-bound D.
    expect(snap.score).toBe(60.75);
  });

  it('feeds tender evaluation its past-performance component, with the neutral prior for the unscored', async () => {
    const scores = await pastPerformanceScores(db.manager, [
      DEMO.organization,
      '00000000-0000-4000-8000-000000099999',
    ]);
    expect(scores.get(DEMO.organization)).toBe(62.77);
    expect(scores.get('00000000-0000-4000-8000-000000099999')).toBe(NEUTRAL_PERFORMANCE_PRIOR);
  });

  it('uses per-street weights', async () => {
    await db.query(
      `INSERT INTO scoring_weights (street_id, delivery, satisfaction, compliance, capacity, reach) VALUES ($1, 100, 0, 0, 0, 0)`,
      [DEMO.streets[0]],
    );
    await scoring.recompute(PERIOD_END, [DEMO.organization]);
    const [snap] = await db.query(
      `SELECT score::float8 AS score, tier FROM score_snapshots WHERE organization_id = $1`,
      [DEMO.organization],
    );
    expect(snap).toEqual({ score: 65, tier: 'C' });
  });
});

describe('the score rollups', () => {
  const ROLLUPS = ['score_record_days', 'score_rating_days', 'score_served', 'score_reach'];
  const rows = async (table: string) =>
    (await db.query(`SELECT to_jsonb(t) AS row FROM ${table} t`))
      .map((r: { row: unknown }) => JSON.stringify(r.row))
      .sort();
  const snapshots = async () =>
    db.query(
      `SELECT organization_id, score, tier, indicators, inputs FROM score_snapshots WHERE period_end = $1 ORDER BY organization_id`,
      [PERIOD_END],
    );

  it('stay what a rebuild from the base tables gives, through approvals, rejections, edits and deletions', async () => {
    // Change every kind of input the triggers follow, as the services would.
    await db.query(
      `UPDATE service_records SET status = 'rejected' WHERE id = (SELECT id FROM service_records WHERE status = 'approved' ORDER BY started_at LIMIT 1)`,
    );
    await db.query(
      `UPDATE service_records SET ended_at = ended_at - interval '30 minutes' WHERE status = 'approved'`,
    );
    await db.query(
      `UPDATE record_beneficiaries SET response = 'disputed' WHERE ctid = (SELECT ctid FROM record_beneficiaries LIMIT 1)`,
    );
    await db.query(`UPDATE ratings SET attitude = 1 WHERE id = (SELECT id FROM ratings LIMIT 1)`);
    await db.query(
      `DELETE FROM ratings WHERE id = (SELECT id FROM ratings ORDER BY created_at DESC LIMIT 1)`,
    );
    const kept = Object.fromEntries(await Promise.all(ROLLUPS.map(async (t) => [t, await rows(t)])));
    expect(kept['score_record_days'].length).toBeGreaterThan(0);
    await db.query(`SELECT score_rollups_rebuild()`);
    for (const t of ROLLUPS) expect([t, await rows(t)]).toEqual([t, kept[t]]);
  });

  it('give the scores of the statement over the base tables', async () => {
    await scoring.recompute(PERIOD_END);
    const fromRollups = await snapshots();
    await db.query(`DELETE FROM score_snapshots WHERE period_end = $1`, [PERIOD_END]);
    await db.transaction(async (m) => {
      await m.query(scoreSettings(true));
      await m.query(SCORE_SQL_BASE, [PERIOD_END, null]);
    });
    expect(await snapshots()).toEqual(fromRollups);
    expect(fromRollups.length).toBeGreaterThan(1);
  });
});

describe('score triggers', () => {
  it('debounce a burst of a thousand events for one organization into one job', async () => {
    const api = await Api.start();
    try {
      const trigger = api.app.get(ScoreTrigger);
      await Promise.all(Array.from({ length: 1000 }, () => trigger.organizationChanged(DEMO.organization)));
      await trigger.organizationChanged('00000000-0000-4000-8000-000000000777');
      const queue = api.app.get<Queue>(getQueueToken('scoring'), { strict: false });
      const counts = await queue.getJobCounts('delayed', 'waiting', 'active', 'completed');
      expect(counts.delayed + counts.waiting + counts.active + counts.completed).toBe(2);
    } finally {
      await api.close();
    }
  });
});
