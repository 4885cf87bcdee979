import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, DEMO_SCORE_MONTHS, seedDemo, seedDemoScores } from '../src/database/seed/demo.js';
import { ScoringService } from '../src/modules/scoring/scoring.service.js';
import { verifiedOrganization } from './support/fixtures.js';
import { Api } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let scoring: ScoringService;

/** A date `days` from today (negative: in the past), as the database sees it. */
const day = async (days: number): Promise<string> =>
  (await db.query(`SELECT (current_date + $1::int)::text AS d`, [days]))[0].d;
/** The last day of the month `back` months before this one. */
const monthEnd = async (back: number): Promise<string> =>
  (
    await db.query(
      `SELECT (date_trunc('month', current_date) - make_interval(months => $1::int - 1) - interval '1 day')::date::text AS d`,
      [back],
    )
  )[0].d;

/** A snapshot as the scoring run writes it (formula in force), with a chosen score (tier from the score, as the formulas do). */
async function snapshot(organizationId: string, periodEnd: string, score: number): Promise<void> {
  const tier = score >= 85 ? 'A' : score >= 70 ? 'B' : score >= 60 ? 'C' : 'D';
  const ind = { delivery: score, satisfaction: score, compliance: score, capacity: score, reach: score };
  await db.query(
    `INSERT INTO score_snapshots (organization_id, period_end, formula_version, score, tier, indicators, inputs)
     VALUES ($1, $2, 'v2', $3, $4, $5, $6)`,
    [organizationId, periodEnd, score, tier, ind, { records: 0, weights: { delivery: 30 } }],
  );
}

// 阳光街道's board (DEMO.streets[0]): [name, score or null (unscored), options].
const BOARD: [string, number | null, { streetId?: string; categories?: string[]; community?: number }][] = [
  ['甲组织', 91, { categories: ['youth'] }],
  ['乙组织', 86, {}],
  ['丙组织', 75, { community: 2 }],
  ['丁组织', 75, {}],
  ['戊组织', 64, { categories: ['youth'] }],
  ['己组织', 40, {}],
  ['未评分组织', null, {}],
  // Home street 和平街道, serving 阳光街道's 明德社区: on both boards.
  ['庚组织', 80, { streetId: DEMO.streets[1], community: 2 }],
  // 和平街道 only.
  ['辛组织', 99, { streetId: DEMO.streets[1] }],
];
const ids = new Map<string, string>();

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  scoring = new ScoringService(db);
  for (const [name, score, options] of BOARD) {
    const org = await verifiedOrganization(db, name, options);
    ids.set(name, org.id);
    if (options.community !== undefined)
      await db.query(`INSERT INTO organization_communities (organization_id, community_id) VALUES ($1, $2)`, [
        org.id,
        DEMO.communities[options.community],
      ]);
    if (score !== null) {
      // An older, lower snapshot first: the latest one counts.
      await snapshot(org.id, await monthEnd(2), Math.max(0, score - 20));
      await snapshot(org.id, await day(-1), score);
    }
  }
  // A pending organization with a snapshot never shows.
  const [{ id: pending }] = await db.query(
    `INSERT INTO organizations (name, filed_only, home_street_id, status) VALUES ('待审核组织', true, $1, 'pending') RETURNING id`,
    [DEMO.streets[0]],
  );
  ids.set('待审核组织', pending);
  await snapshot(pending, await day(-1), 97);
  await scoring.refreshCurrent();
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('GET /api/streets/:streetId/leaderboard', () => {
  const board = (query = '', streetId: string = DEMO.streets[0]) =>
    api.request('GET', `/api/streets/${streetId}/leaderboard${query ? `?${query}` : ''}`);
  const rows = (res: { body: { items: { name: string; rank: number; score: number; tier: string }[] } }) =>
    res.body.items.map((i) => [i.rank, i.name, i.score, i.tier]);

  it('is public: the street’s scored, verified organizations (home or serving it), best first, ties sharing a rank', async () => {
    const res = await board();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      streetId: DEMO.streets[0],
      streetName: '阳光街道',
      total: 7,
      nextCursor: null,
    });
    expect(rows(res)).toEqual([
      [1, '甲组织', 91, 'A'],
      [2, '乙组织', 86, 'A'],
      [3, '庚组织', 80, 'B'],
      [4, '丁组织', 75, 'B'],
      [4, '丙组织', 75, 'B'],
      [6, '戊组织', 64, 'C'],
      [7, '己组织', 40, 'D'],
    ]);
    expect(res.body.items[0]).toMatchObject({
      organizationId: ids.get('甲组织'),
      type: 'social_work_agency',
      periodEnd: await day(-1),
      indicators: { delivery: 91, satisfaction: 91, compliance: 91, capacity: 91, reach: 91 },
    });
    expect(rows(await board('', DEMO.streets[1])).map((r) => r[1])).toEqual(['辛组织', '庚组织']);
  });

  it('filters by tiers (repeated or comma-separated), category and community, ranking within the filter', async () => {
    expect(rows(await board('tier=B&tier=C'))).toEqual([
      [1, '庚组织', 80, 'B'],
      [2, '丁组织', 75, 'B'],
      [2, '丙组织', 75, 'B'],
      [4, '戊组织', 64, 'C'],
    ]);
    expect(rows(await board('tier=A,D')).map((r) => r[1])).toEqual(['甲组织', '乙组织', '己组织']);
    expect(rows(await board('category=youth'))).toEqual([
      [1, '甲组织', 91, 'A'],
      [2, '戊组织', 64, 'C'],
    ]);
    expect(rows(await board(`communityId=${DEMO.communities[2]}`)).map((r) => r[1])).toEqual([
      '庚组织',
      '丙组织',
    ]);
    expect(rows(await board(`tier=A&category=youth`)).map((r) => r[1])).toEqual(['甲组织']);
  });

  it('pages by cursor with the overall rank and total, a tie split across pages without repeats or gaps', async () => {
    const first = await board('limit=4');
    expect(rows(first).map((r) => [r[0], r[1]])).toEqual([
      [1, '甲组织'],
      [2, '乙组织'],
      [3, '庚组织'],
      [4, '丁组织'],
    ]);
    expect(first.body.links.next).toMatch(/\/leaderboard\?limit=4&cursor=/);
    const second = await api.request('GET', first.body.links.next);
    expect(second.body).toMatchObject({ total: 7, nextCursor: null });
    expect(rows(second).map((r) => [r[0], r[1]])).toEqual([
      [4, '丙组织'],
      [6, '戊组织'],
      [7, '己组织'],
    ]);
    const filtered = await board('tier=B&limit=2');
    const rest = await api.request('GET', filtered.body.links.next);
    expect([...rows(filtered), ...rows(rest)].map((r) => r[1])).toEqual(['庚组织', '丁组织', '丙组织']);
    expect(rest.body.total).toBe(3);
  });

  it('refuses an unknown street, a community id, a bad tier, a bad page size and a forged cursor', async () => {
    const unknown = await board('', '00000000-0000-4000-8000-000000099999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('resource.not_found');
    expect((await board('', DEMO.communities[0])).status).toBe(404);
    const badTier = await board('tier=E');
    expect(badTier.status).toBe(400);
    expect(badTier.body.code).toBe('validation.failed');
    expect((await board('limit=500')).status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['1; DROP TABLE x', 'a', 'b'])).toString('base64url');
    expect((await board(`cursor=${forged}`)).body.code).toBe('validation.failed');
  });
});

describe('directory: tier filter and sort by score', () => {
  const search = (query: string) => api.request('GET', `/api/directory?${query}`);
  type Page = {
    status: number;
    body: {
      items: { id: string; name: string; score: number | null; tier: string | null }[];
      nextCursor: string | null;
    };
  };

  async function all(query: string, limit: number): Promise<Page['body']['items']> {
    const seen: Page['body']['items'] = [];
    let cursor: string | null = null;
    do {
      const res: Page = await search(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return seen;
  }

  it('shows each card’s current score and tier', async () => {
    const res = await search(`q=${encodeURIComponent('甲组织')}`);
    expect(res.body.items).toEqual([expect.objectContaining({ name: '甲组织', score: 91, tier: 'A' })]);
    const unscored = await search(`q=${encodeURIComponent('未评分组织')}`);
    expect(unscored.body.items).toEqual([expect.objectContaining({ score: null, tier: null })]);
  });

  it('sorts best score first, the unscored last by name, and pages by cursor without repeats or gaps', async () => {
    const seen = await all('sort=score', 3);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM organizations WHERE status = 'verified'`);
    expect(seen).toHaveLength(n);
    expect(new Set(seen.map((o) => o.id)).size).toBe(n);
    const scored = seen.filter((o) => o.score !== null);
    expect(seen.slice(0, scored.length)).toEqual(scored);
    expect(scored.map((o) => o.score)).toEqual([...scored.map((o) => o.score)].sort((a, b) => b! - a!));
    expect(scored.slice(0, 3).map((o) => o.name)).toEqual(['辛组织', '甲组织', '乙组织']);
    // Equal scores by name: 丙 before 丁 (code point order of the C collation is not assumed: ask the database).
    const [{ first }] = await db.query(
      `SELECT min(name) AS first FROM unnest(ARRAY['丙组织', '丁组织']) name`,
    );
    expect(scored.find((o) => o.score === 75)?.name).toBe(first);
    const unscoredNames = seen.slice(scored.length).map((o) => o.name);
    const [{ sorted }] = await db.query(
      `SELECT array_agg(n ORDER BY n) AS sorted FROM unnest($1::text[]) n`,
      [unscoredNames],
    );
    expect(unscoredNames).toEqual(sorted);
  });

  it('filters by several tiers, with every sort and the cursor', async () => {
    const ab = await all('tier=A&tier=B&sort=score', 2);
    expect(ab.map((o) => [o.name, o.tier])).toEqual([
      ['辛组织', 'A'],
      ['甲组织', 'A'],
      ['乙组织', 'A'],
      ['庚组织', 'B'],
      [expect.any(String), 'B'],
      [expect.any(String), 'B'],
    ]);
    for (const sort of ['name', 'grade', 'newest']) {
      const names = (await all(`tier=C,D&sort=${sort}`, 1)).map((o) => o.name).sort();
      expect(names).toEqual(['己组织', '戊组织'].sort());
    }
    const bad = await search('tier=Z');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation.failed');
  });
});

// These score more organizations (the demo one included): they run after the board and directory checks.
describe('current score on organizations', () => {
  it('follows the latest snapshot in the same run, and stays on it when an older period is recomputed', async () => {
    const org = await verifiedOrganization(db, '重算组织', { streetId: DEMO.streets[1] });
    const today = await day(0);
    const current = async () =>
      (
        await db.query(
          `SELECT o.current_score::float8 AS score, o.current_tier AS tier, s.score::float8 AS snap, s.tier AS "snapTier"
             FROM organizations o JOIN score_snapshots s ON s.organization_id = o.id AND s.period_end = $2
            WHERE o.id = $1`,
          [org.id, today],
        )
      )[0];
    const qualified = (yes: boolean) =>
      db.query(
        `UPDATE organization_members SET qualification_verified_at = CASE WHEN $2 THEN now() END WHERE organization_id = $1`,
        [org.id, yes],
      );
    await scoring.recompute(today, [org.id]);
    const first = await current();
    expect(first.score).toBe(first.snap);
    expect(first.tier).toBe(first.snapTier);
    // A qualified team raises today's score, and the current score follows.
    await qualified(true);
    await scoring.recompute(today, [org.id]);
    const second = await current();
    expect(second.score).toBeGreaterThan(first.score);
    expect([second.score, second.tier]).toEqual([second.snap, second.snapTier]);
    // Recomputing an older period (lower now) writes that snapshot but leaves the current score on the latest.
    await qualified(false);
    await scoring.recompute(await monthEnd(1), [org.id]);
    const [{ older }] = await db.query(
      `SELECT score::float8 AS older FROM score_snapshots WHERE organization_id = $1 AND period_end = $2`,
      [org.id, await monthEnd(1)],
    );
    expect(older).toBe(first.score);
    expect((await current()).score).toBe(second.score);
  });
});

describe('GET /api/organizations/:id/score', () => {
  it('is public and returns the latest snapshot with breakdown, weights, inputs, version and period', async () => {
    // Computed by the real formula: two month ends, a second snapshot inside last month, and today.
    for (const period of [await monthEnd(2), await monthEnd(1), await day(-40), await day(0)])
      await scoring.recompute(period, [DEMO.organization]);
    const res = await api.request('GET', `/api/organizations/${DEMO.organization}/score`);
    expect(res.status).toBe(200);
    const today = await day(0);
    const [snap] = await db.query(
      `SELECT score::float8 AS score, tier, indicators, inputs FROM score_snapshots WHERE organization_id = $1 AND period_end = $2`,
      [DEMO.organization, today],
    );
    expect(res.body).toMatchObject({
      organizationId: DEMO.organization,
      organizationName: '阳光居家养老服务中心',
      homeStreetId: DEMO.streets[0],
      homeStreetName: '阳光街道',
    });
    const { weights, ...inputs } = snap.inputs;
    expect(res.body.current).toEqual({
      periodStart: (await db.query(`SELECT (current_date - interval '12 months')::date::text AS d`))[0].d,
      periodEnd: today,
      formulaVersion: 'v2',
      score: snap.score,
      tier: snap.tier,
      indicators: snap.indicators,
      weights: { delivery: 30, satisfaction: 25, compliance: 15, capacity: 15, reach: 15 },
      inputs,
      computedAt: expect.any(String),
    });
    expect(weights).toEqual(res.body.current.weights);
    expect(Object.keys(res.body.current.inputs).sort()).toEqual(
      [
        'approvedHours',
        'beneficiaries',
        'communities',
        'contractedHours',
        'members',
        'milestonesDue',
        'milestonesOnTime',
        'priorMean',
        'priorWeight',
        'qualified',
        'ratingTotal',
        'ratings',
        'records',
        'rejected',
        'acceptanceRatings',
        'acceptanceMean',
        'residentSatisfaction',
        'acceptanceSatisfaction',
        'acceptanceWeight',
        'upheldComplaints',
        'reportsDue',
        'reportsLate',
        'reportsMissing',
        'membersAtStart',
        'membersRetained',
        'needsAddressed',
      ].sort(),
    );
    expect(res.body.formulaChange).toBeNull();
  });

  it('charts one snapshot per month, the last of each, oldest first, ending with the latest', async () => {
    const res = await api.request('GET', `/api/organizations/${DEMO.organization}/score`);
    const periods = res.body.history.map((h: { periodEnd: string }) => h.periodEnd);
    const expected = [await monthEnd(2), await monthEnd(1), await day(0)];
    // day(-40) lies in the month of monthEnd(2) or monthEnd(1), whose month end is later: never shown.
    expect(periods).toEqual([...new Set(expected)]);
    expect(res.body.history.at(-1)).toEqual({
      periodEnd: await day(0),
      formulaVersion: 'v2',
      score: res.body.current.score,
      tier: res.body.current.tier,
      indicators: res.body.current.indicators,
    });
  });

  it('shows the last snapshot of formula v1 beside the first of v2, and charts only the formula in force', async () => {
    // The last v1 runs, before v2 took over (with the periods the test above scored).
    await scoring.recompute(await day(-400), [DEMO.organization], 'v1');
    await scoring.recompute(await day(-300), [DEMO.organization], 'v1');
    const res = await api.request('GET', `/api/organizations/${DEMO.organization}/score`);
    const [v1] = await db.query(
      `SELECT score::float8 AS score, indicators FROM score_snapshots WHERE organization_id = $1 AND formula_version = 'v1' AND period_end = $2`,
      [DEMO.organization, await day(-300)],
    );
    expect(res.body.formulaChange.previous).toMatchObject({
      formulaVersion: 'v1',
      periodEnd: await day(-300),
      score: v1.score,
      indicators: v1.indicators,
    });
    // v1 did not read v2's inputs: they are null, not zero.
    expect(res.body.formulaChange.previous.inputs).toMatchObject({
      reportsDue: null,
      acceptanceMean: null,
      needsAddressed: null,
    });
    const [{ first }] = await db.query(
      `SELECT min(period_end)::text AS first FROM score_snapshots WHERE organization_id = $1 AND formula_version = 'v2'`,
      [DEMO.organization],
    );
    expect(res.body.formulaChange.next).toMatchObject({ formulaVersion: 'v2', periodEnd: first });
    expect(res.body.formulaChange.next.inputs.reportsDue).toEqual(expect.any(Number));
    expect(res.body.current).toMatchObject({ formulaVersion: 'v2', periodEnd: await day(0) });
    expect(res.body.history.every((h: { formulaVersion: string }) => h.formulaVersion === 'v2')).toBe(true);
    await db.query(`DELETE FROM score_snapshots WHERE formula_version = 'v1'`);
  });

  it('answers a verified organization not scored yet with no snapshot and no history', async () => {
    const res = await api.request('GET', `/api/organizations/${ids.get('未评分组织')}/score`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      organizationName: '未评分组织',
      current: null,
      history: [],
      formulaChange: null,
    });
  });

  it('is 404 for an unknown or unverified organization, 400 for a malformed id', async () => {
    const unknown = await api.request('GET', `/api/organizations/00000000-0000-4000-8000-000000099999/score`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('resource.not_found');
    expect((await api.request('GET', `/api/organizations/${ids.get('待审核组织')}/score`)).status).toBe(404);
    expect((await api.request('GET', `/api/organizations/not-a-uuid/score`)).status).toBe(400);
  });
});

describe('demo score snapshots (npm run db:seed)', () => {
  it('scores every verified organization for the last month ends and the day, idempotently', async () => {
    const today = new Date(Date.UTC(2026, 2, 15));
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM organizations WHERE status = 'verified'`);
    const written = await seedDemoScores(db, today);
    expect(written).toBe(n * (DEMO_SCORE_MONTHS + 1));
    expect(await seedDemoScores(db, today)).toBe(written);
    const periods = await db.query(
      `SELECT period_end::text AS p, count(*)::int AS n FROM score_snapshots
        WHERE organization_id = $1 AND period_end BETWEEN '2025-10-01' AND '2026-03-15' GROUP BY 1 ORDER BY 1`,
      [DEMO.organization],
    );
    expect(periods).toEqual(
      ['2025-10-31', '2025-11-30', '2025-12-31', '2026-01-31', '2026-02-28', '2026-03-15'].map((p) => ({
        p,
        n: 1,
      })),
    );
  });
});
