import type { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { SCORING_WINDOW_MS, ScoreTrigger, WINDOW_MARGIN_MS } from '../src/modules/scoring/score-trigger.js';
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
 *   score = (30 × 65 + 25 × 77.083 + 15 × 75 + 15 × 50 + 15 × 35) / 100 = 62.77 → tier C (formula v1)
 * Formula v2 on the same rows: no dispute, no acceptance rating, no member active a year ago, no need addressed,
 * so only the milestone report moves anything: 1 due, requested on time → reports part 100;
 *     compliance = 0.7 × 75 + 0.3 × 100 = 82.5
 *   score = (30 × 65 + 25 × 77.083 + 15 × 82.5 + 15 × 50 + 15 × 35) / 100 = 63.90 → tier C
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
  it('computes the worked example exactly under v2, keeping the breakdown and inputs', async () => {
    await workedExample();
    await scoring.recompute(PERIOD_END);
    const [snap] = await db.query(
      `SELECT formula_version, score::float8 AS score, tier, indicators, inputs FROM score_snapshots WHERE organization_id = $1`,
      [DEMO.organization],
    );
    expect(snap.formula_version).toBe('v2');
    expect(snap.indicators).toEqual({
      delivery: 65,
      satisfaction: 77.08,
      compliance: 82.5,
      capacity: 50,
      reach: 35,
    });
    expect(snap.score).toBe(63.9);
    expect(snap.tier).toBe('C');
    expect(snap.inputs).toMatchObject({
      approvedHours: 50,
      contractedHours: 100,
      ratings: 2,
      rejected: 1,
      records: 4,
      beneficiaries: 3,
      communities: 2,
      acceptanceRatings: 0,
      acceptanceMean: null,
      residentSatisfaction: 77.08,
      acceptanceSatisfaction: null,
      acceptanceWeight: 30,
      upheldComplaints: 0,
      reportsDue: 1,
      reportsLate: 0,
      reportsMissing: 0,
      membersAtStart: 0,
      membersRetained: 0,
      needsAddressed: 0,
    });
  });

  it('still computes formula v1 as before, in its own snapshot beside v2', async () => {
    await scoring.recompute(PERIOD_END, [DEMO.organization], 'v1');
    const rows = await db.query(
      `SELECT formula_version, score::float8 AS score, indicators FROM score_snapshots WHERE organization_id = $1 ORDER BY formula_version`,
      [DEMO.organization],
    );
    expect(rows.map((r: { formula_version: string; score: number }) => [r.formula_version, r.score])).toEqual(
      [
        ['v1', 62.77],
        ['v2', 63.9],
      ],
    );
    expect(rows[0].indicators).toEqual({
      delivery: 65,
      satisfaction: 77.08,
      compliance: 75,
      capacity: 50,
      reach: 35,
    });
    // The organization's current score is the formula in force's.
    const [org] = await db.query(`SELECT current_score::float8 AS score FROM organizations WHERE id = $1`, [
      DEMO.organization,
    ]);
    expect(org.score).toBe(63.9);
    await db.query(`DELETE FROM score_snapshots WHERE formula_version = 'v1'`);
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
    // No contracts, ratings, records or members of a year ago: neutral 70 except satisfaction (the prior, 4 of 5 → 75) and capacity (0 of 1 qualified).
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
    expect(scores.get(DEMO.organization)).toBe(63.9);
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

/**
 * Formula v2's new inputs, one organization each (street 和平街道, default weights 30/25/15/15/15), so that
 * everything else is what an organization without history gets: satisfaction 75 (the prior), capacity from the
 * fixture's one unqualified member, and neutral 70 where there is no data.
 */
describe('formula v2: worked examples of the new inputs', () => {
  const street = DEMO.streets[1];
  const community = DEMO.communities[3];
  let residentN = 100;

  const organization = async (name: string) => {
    const org = await verifiedOrganization(db, name, { streetId: street });
    const [{ id: admin }] = await db.query(`SELECT id FROM users WHERE email = $1`, [org.adminEmail]);
    return { id: org.id, admin: admin as string };
  };
  const contract = async (
    org: { id: string; admin: string },
    serviceHours: number,
    tenderId: string | null = null,
  ) => {
    const [{ id }] = await db.query(
      `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by, tender_id)
       VALUES ($1, $2, '示例合同', 1000000, current_date - 100, current_date + 200, jsonb_build_object('serviceHours', $3::int), $4, $5) RETURNING id`,
      [org.id, street, serviceHours, org.admin, tenderId],
    );
    const [{ id: project }] = await db.query(
      `INSERT INTO projects (contract_id, organization_id, title, lead_user_id) VALUES ($1, $2, '示例项目', $3) RETURNING id`,
      [id, org.id, org.admin],
    );
    return { contract: id as string, project: project as string };
  };
  const record = async (project: string, worker: string, hoursAgo: number, status: string) => {
    const [{ id }] = await db.query(
      `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, status)
       VALUES ($1, $2, 'home_visit', $3, now() - make_interval(hours => $4), now() - make_interval(hours => $4) + interval '1 hour', $5) RETURNING id`,
      [project, worker, community, hoursAgo, status],
    );
    return id as string;
  };
  const resident = async () => {
    const [{ id }] = await db.query(
      `INSERT INTO users (email, display_name, password_hash) VALUES ($1, $1, 'x') RETURNING id`,
      [`v2-r${residentN++}@example.cn`],
    );
    return id as string;
  };
  const beneficiary = (recordId: string, residentId: string, response: string) =>
    db.query(`INSERT INTO record_beneficiaries (record_id, resident_user_id, response) VALUES ($1, $2, $3)`, [
      recordId,
      residentId,
      response,
    ]);
  const snapshot = async (orgId: string) => {
    await scoring.recompute(PERIOD_END, [orgId]);
    const [snap] = await db.query(
      `SELECT score::float8 AS score, tier, indicators, inputs FROM score_snapshots WHERE organization_id = $1 AND formula_version = 'v2'`,
      [orgId],
    );
    return snap;
  };

  /*
   * Upheld complaints: 4 records of 1 h (contract of 10 h, no milestone):
   *   A approved, disputed by two residents  → 1 upheld complaint (a record counts once)
   *   B approved, confirmed by one resident
   *   C rejected, disputed                   → counted once, as rejected
   *   D submitted, disputed                  → not decided yet: not counted
   *   compliance = records part = 100 × (4 − 1 rejected − 1 upheld) ÷ 4 = 50 (no report due: no reports part)
   *   delivery = 100 × (0.7 × 2/10 + 0.3 × 1) = 44; reach = 5 × 1 beneficiary + 10 × 1 community = 15
   *   score = (30 × 44 + 25 × 75 + 15 × 50 + 15 × 0 + 15 × 15) / 100 = 41.70 → D
   */
  it('counts an approved record under a standing dispute as an upheld complaint', async () => {
    const org = await organization('投诉示例机构');
    const { project } = await contract(org, 10);
    const [a, b, c, d] = [
      await record(project, org.admin, 10, 'approved'),
      await record(project, org.admin, 20, 'approved'),
      await record(project, org.admin, 30, 'rejected'),
      await record(project, org.admin, 40, 'submitted'),
    ];
    const [r1, r2, r3] = [await resident(), await resident(), await resident()];
    await beneficiary(a, r1, 'disputed');
    await beneficiary(a, r2, 'disputed');
    await beneficiary(b, r3, 'confirmed');
    await beneficiary(c, r1, 'disputed');
    await beneficiary(d, r2, 'disputed');
    const snap = await snapshot(org.id);
    expect(snap.inputs).toMatchObject({ records: 4, rejected: 1, upheldComplaints: 1, reportsDue: 0 });
    expect(snap.indicators).toEqual({
      delivery: 44,
      satisfaction: 75,
      compliance: 50,
      capacity: 0,
      reach: 15,
    });
    expect(snap.score).toBe(41.7);
    expect(snap.tier).toBe('D');
  });

  /*
   * Late and missing milestone reports (contract of 10 h, no records), the report being the payment request:
   *   M1 due 30 days ago, requested 40 days ago  → on time
   *   M2 due 30 days ago, requested 10 days ago  → late
   *   M3 due 20 days ago, never requested        → missing
   *   M4 due 15 days ago, only a rejected request → missing
   *   M5 due today, not requested                → its due date has not passed: not counted
   *   M6 due in 10 days                          → not counted
   *   compliance = reports part = 100 × (4 − 0.5 × 1 − 2) ÷ 4 = 37.5 (no records: no records part)
   *   delivery (v1's: due today counts) = 100 × (0.7 × 0 + 0.3 × 1/5) = 6; reach 70 (no records)
   *   score = (30 × 6 + 25 × 75 + 15 × 37.5 + 15 × 0 + 15 × 70) / 100 = 36.675 → 36.68 → D
   */
  it('counts late and missing milestone reports', async () => {
    const org = await organization('报告示例机构');
    const { contract: contractId } = await contract(org, 10);
    const milestone = async (
      seq: number,
      dueInDays: number,
      requested?: { daysAgo: number; status: string },
    ) => {
      const [{ id }] = await db.query(
        `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, $2, '节点', 1000, 100000, current_date + $3::int) RETURNING id`,
        [contractId, seq, dueInDays],
      );
      if (requested)
        await db.query(
          `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, requested_by, status, created_at)
           VALUES ($1, $2, $3, $4, 100000, $5, $6, now() - make_interval(days => $7))`,
          [id, contractId, org.id, street, org.admin, requested.status, requested.daysAgo],
        );
    };
    await milestone(1, -30, { daysAgo: 40, status: 'requested' });
    await milestone(2, -30, { daysAgo: 10, status: 'requested' });
    await milestone(3, -20);
    await milestone(4, -15, { daysAgo: 5, status: 'rejected' });
    await milestone(5, 0);
    await milestone(6, 10);
    const snap = await snapshot(org.id);
    expect(snap.inputs).toMatchObject({
      milestonesDue: 5,
      milestonesOnTime: 1,
      reportsDue: 4,
      reportsLate: 1,
      reportsMissing: 2,
    });
    expect(snap.indicators).toEqual({
      delivery: 6,
      satisfaction: 75,
      compliance: 37.5,
      capacity: 0,
      reach: 70,
    });
    expect(snap.score).toBe(36.68);
  });

  /*
   * Staff retention (besides the fixture's admin, who joined today):
   *   W1 active, joined 400 days ago, qualified  → at start, retained
   *   W2 active, joined 500 days ago             → at start, retained
   *   W3 joined 450 days ago, left 100 days ago  → at start, not retained
   *   W4 joined 200 days ago, left 50 days ago   → not at start (joined within the period)
   *   W5 joined 600 days ago, left 400 days ago  → not at start (left before it)
   *   W6 invited, never joined                   → not a member
   *   capacity = 0.5 × qualified part (1 of 3 active = 33.33) + 0.5 × retention part (2 of 3 = 66.67) = 50
   *   score = (30 × 70 + 25 × 75 + 15 × 70 + 15 × 50 + 15 × 70) / 100 = 68.25 → C
   */
  it('counts staff retention over the period', async () => {
    const org = await organization('留任示例机构');
    const member = (
      n: number,
      status: string,
      joinedDaysAgo: number | null,
      leftDaysAgo: number | null,
      qualified = false,
    ) =>
      db.query(
        `INSERT INTO organization_members (organization_id, invited_email, status, invited_by, joined_at, left_at, qualification_verified_at, created_at)
         VALUES ($1, $2, $3, $4, now() - make_interval(days => $5), now() - make_interval(days => $6), CASE WHEN $7 THEN now() END, now() - interval '700 days')`,
        [org.id, `w${n}-${org.id}@example.cn`, status, org.admin, joinedDaysAgo, leftDaysAgo, qualified],
      );
    await member(1, 'active', 400, null, true);
    await member(2, 'active', 500, null);
    await member(3, 'removed', 450, 100);
    await member(4, 'removed', 200, 50);
    await member(5, 'removed', 600, 400);
    await member(6, 'invited', null, null);
    const snap = await snapshot(org.id);
    expect(snap.inputs).toMatchObject({ members: 3, qualified: 1, membersAtStart: 3, membersRetained: 2 });
    expect(snap.indicators).toEqual({
      delivery: 70,
      satisfaction: 75,
      compliance: 70,
      capacity: 50,
      reach: 70,
    });
    expect(snap.score).toBe(68.25);
  });

  /*
   * Needs addressed: a tender answering two needs of the needs list became this organization's contract:
   *   N1, N2 addressed by the tender            → 2 needs addressed
   *   N3 accepted, not yet linked               → not counted
   *   N4 addressed by another tender without a contract → not counted
   *   one approved record (1 h of 10 h), one confirmed beneficiary, one community:
   *   reach = 5 × 1 + 10 × 1 + 10 × 2 = 35; delivery = 100 × (0.7 × 0.1 + 0.3) = 37
   *   score = (30 × 37 + 25 × 75 + 15 × 100 + 15 × 0 + 15 × 35) / 100 = 50.10 → D
   */
  it('counts the needs its contracts answer', async () => {
    const org = await organization('需求示例机构');
    const tender = async () => {
      const [{ id }] = await db.query(
        `INSERT INTO tenders (title, description, category_code, street_id, budget_ceiling_fen, method, kpis, weights, milestone_plan,
                              enquiry_deadline, bid_deadline, created_by, status)
         VALUES ('示例招标', '说明', 'elderly.home_care', $1, 1000000, 'public_tender', '{}', '{}', '[]', now() - interval '90 days',
                 now() - interval '80 days', $2, 'contracted') RETURNING id`,
        [street, org.admin],
      );
      return id as string;
    };
    const [answered, other] = [await tender(), await tender()];
    const need = (status: string, tenderId: string | null) =>
      db.query(
        `INSERT INTO needs (community_id, category_code, title, text, posted_by, status, tender_id) VALUES ($1, 'elderly.home_care', '需求', '说明', $2, $3, $4)`,
        [community, org.admin, status, tenderId],
      );
    await need('addressed', answered);
    await need('addressed', answered);
    await need('accepted', null);
    await need('addressed', other);
    const { project } = await contract(org, 10, answered);
    const done = await record(project, org.admin, 10, 'approved');
    await beneficiary(done, await resident(), 'confirmed');
    const snap = await snapshot(org.id);
    expect(snap.inputs).toMatchObject({ beneficiaries: 1, communities: 1, needsAddressed: 2 });
    expect(snap.indicators).toEqual({
      delivery: 37,
      satisfaction: 75,
      compliance: 100,
      capacity: 0,
      reach: 35,
    });
    expect(snap.score).toBe(50.1);
  });

  /*
   * Acceptance ratings (community staff, at milestone acceptance), no resident rating:
   *   (5, 4, 5) and (3, 4, 4) in the period, means 14/3 and 11/3 → mean 25/6 = 4.1667
   *   (1, 1, 1) given 400 days ago                                → outside the period
   *   acceptance part = 100 × (25/6 − 1) ÷ 4 = 79.17; resident part = the prior = 75
   *   satisfaction = (70 × 75 + 30 × 79.1667) ÷ 100 = 76.25 (the street's default acceptance weight, 30)
   *   score = (30 × 70 + 25 × 76.25 + 15 × 70 + 15 × 0 + 15 × 70) / 100 = 61.06 → C
   *   with the street's acceptance weight at 100: satisfaction = 79.17, score = 61.79
   */
  it('blends the acceptance ratings into satisfaction with the street weight', async () => {
    const org = await organization('验收示例机构');
    const { contract: contractId } = await contract(org, 0);
    const rate = async (seq: number, [q, t, c]: number[], daysAgo: number) => {
      const [{ id }] = await db.query(
        `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, $2, '节点', 1000, 100000, current_date + 100) RETURNING id`,
        [contractId, seq],
      );
      await db.query(
        `INSERT INTO acceptance_ratings (milestone_id, organization_id, rated_by, quality, timeliness, cooperation, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() - make_interval(days => $7))`,
        [id, org.id, org.admin, q, t, c, daysAgo],
      );
    };
    await rate(1, [5, 4, 5], 10);
    await rate(2, [3, 4, 4], 5);
    await rate(3, [1, 1, 1], 400);
    const snap = await snapshot(org.id);
    expect(snap.inputs).toMatchObject({
      ratings: 0,
      acceptanceRatings: 2,
      acceptanceMean: 4.1667,
      residentSatisfaction: 75,
      acceptanceSatisfaction: 79.17,
      acceptanceWeight: 30,
    });
    expect(snap.indicators).toEqual({
      delivery: 70,
      satisfaction: 76.25,
      compliance: 70,
      capacity: 0,
      reach: 70,
    });
    expect(snap.score).toBe(61.06);

    await db.query(`INSERT INTO scoring_weights (street_id, acceptance_weight) VALUES ($1, 100)`, [street]);
    try {
      const weighted = await snapshot(org.id);
      expect(weighted.inputs.acceptanceWeight).toBe(100);
      expect(weighted.indicators.satisfaction).toBe(79.17);
      expect(weighted.score).toBe(61.79);
    } finally {
      await db.query(`DELETE FROM scoring_weights WHERE street_id = $1`, [street]);
    }
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
      const other = '00000000-0000-4000-8000-000000000777';
      const started = Date.now();
      await Promise.all(Array.from({ length: 1000 }, () => trigger.organizationChanged(DEMO.organization)));
      const took = Date.now() - started;
      await trigger.organizationChanged(other);
      const queue = api.app.get<Queue>(getQueueToken('scoring'), { strict: false });
      const jobs = await queue.getJobs(['delayed', 'waiting', 'active', 'completed']);
      const of = (id: string) => jobs.filter((j) => j.data.organizationId === id).length;
      // One job a window: one for the whole burst, unless a starved machine stretched the burst over
      // more than one window (the window is fixed from its first event, not extended).
      const windows = 1 + Math.floor(took / (SCORING_WINDOW_MS - WINDOW_MARGIN_MS));
      expect(of(DEMO.organization)).toBeGreaterThanOrEqual(1);
      expect(of(DEMO.organization)).toBeLessThanOrEqual(windows);
      expect(of(other)).toBe(1);
      expect(jobs).toHaveLength(of(DEMO.organization) + 1);
    } finally {
      await api.close();
    }
  });
});
