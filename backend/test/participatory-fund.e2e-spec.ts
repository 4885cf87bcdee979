import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startFakeStripe, type FakeStripe } from '@sanshe/fake-stripe';
import { AuditService } from '../src/common/audit/audit.service.js';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import {
  contractOf,
  STRIPE_TEST_SECRET,
  stripeTestEnv,
  testOrganization,
  webhookUrl,
  type TestOrg,
} from './support/payments.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

const [c0, c1] = DEMO.communities; // both served by the test organization's direct contract (street 0)
const far = DEMO.communities[4]; // street 1: not served by it
const GRID = randomUUID();
let fake: FakeStripe;
let env: Env;
let db: DataSource;
let api: Api;
let org: TestOrg;
let projectId: string;
const t: Record<string, string> = {};

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** Time passes: the round's clock moved to its voting period, or past it. */
async function moveTo(roundId: string, phase: 'voting' | 'closed') {
  const votingClosesAt = phase === 'voting' ? `now() + interval '1 hour'` : `now() - interval '1 second'`;
  await db.query(
    `UPDATE participatory_rounds SET submissions_open_at = now() - interval '3 hours', submissions_close_at = now() - interval '2 hours',
            voting_opens_at = now() - interval '2 hours', voting_closes_at = ${votingClosesAt} WHERE id = $1`,
    [roundId],
  );
}

async function donate(communityId: string, amountFen: number) {
  const res = await api.request('POST', `/api/communities/${communityId}/donations`, { body: { amountFen } });
  expect(res.status).toBe(201);
  expect((await fetch(res.body.url, { redirect: 'manual' })).status).toBe(302);
  await fake.idle();
}

const openRound = (token: string, body: Record<string, unknown> = {}, community = c0) =>
  api.request('POST', `/api/communities/${community}/participatory-rounds`, {
    token,
    body: {
      title: '春季社区微项目',
      description: '社区基金拿出十万元，由居民投票决定资助哪些小项目。',
      budgetFen: 100_000,
      capFen: 60_000,
      method: 'approval',
      submissionsCloseAt: inHours(24),
      votingClosesAt: inHours(48),
      ...body,
    },
  });
/** The participatory submissions waiting for a user's eligibility decision, on their home page. */
const toCheck = async (token: string) => {
  const res = await api.request('GET', '/api/me/waiting-work', { token });
  return res.body.find((i: { kind: string }) => i.kind === 'submissions_to_check')?.count;
};
const submit = (roundId: string, body: Record<string, unknown>, token = org.token) =>
  api.request('POST', `/api/participatory-rounds/${roundId}/submissions`, {
    token,
    body: { projectId, description: '为居民办一件实事，预算明细附后。', ...body },
  });
const decide = (submissionId: string, body: Record<string, unknown>, token = t.staff) =>
  api.request('POST', `/api/participatory-submissions/${submissionId}/eligibility`, { token, body });
const vote = (roundId: string, submissionIds: string[], token: string) =>
  api.request('POST', `/api/participatory-rounds/${roundId}/votes`, { token, body: { submissionIds } });
const round = (roundId: string, token?: string) =>
  api.request('GET', `/api/participatory-rounds/${roundId}`, token ? { token } : {});

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: STRIPE_TEST_SECRET });
  env = useTestEnv(stripeTestEnv(fake));
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  fake.webhookUrl = webhookUrl(api);
  await db.query(
    `INSERT INTO regions (id, name, level, parent_id, path) SELECT $1::uuid, '一网格', 'grid', id, path || $1::text || '/' FROM regions WHERE id = $2`,
    [GRID, c0],
  );
  await userWithRoles(db, 'neighbour@example.cn', [['resident', { regionId: c0 }]]);
  await userWithRoles(db, 'gridder@example.cn', [['resident', { regionId: GRID }]]);
  await userWithRoles(db, 'hurried@example.cn', [['resident', { regionId: c0 }]]);
  await userWithRoles(db, 'outsider@example.cn', [['resident', { regionId: c1 }]]);
  await userWithRoles(db, 'staff-c1@example.cn', [['community_staff', { regionId: c1 }]]);
  await userWithRoles(db, 'staff-far@example.cn', [['community_staff', { regionId: far }]]);
  for (const [key, email] of Object.entries({
    staff: 'staff@demo.sanshe.cn',
    resident: 'resident@demo.sanshe.cn',
    finance: 'finance@demo.sanshe.cn',
    neighbour: 'neighbour@example.cn',
    gridder: 'gridder@example.cn',
    hurried: 'hurried@example.cn',
    outsider: 'outsider@example.cn',
    staff1: 'staff-c1@example.cn',
    far: 'staff-far@example.cn',
  }))
    t[key] = await tokenFor(api, email);
  const allocated = await api.request('POST', `/api/streets/${DEMO.streets[0]}/budget/allocations`, {
    token: t.finance,
    body: { year: 2026, amountFen: 100_000_000, reference: 'PB-1' },
  });
  expect(allocated.status).toBe(201);
  org = await testOrganization(db, api, '参与式预算测试机构');
  const { contractId } = await contractOf(db, api, org, 1_000_000);
  [{ id: projectId }] = await db.query(`SELECT id FROM projects WHERE contract_id = $1`, [contractId]);
  // A resident group filed (备案) with the street, with no project of its own.
  const group = await verifiedOrganization(db, '楼道互助小组');
  await db.query(`UPDATE organizations SET filed_only = true, credit_code = NULL WHERE id = $1`, [group.id]);
  t.group = await tokenFor(api, group.adminEmail);
  await donate(c0, 200_000);
  await donate(far, 10_000);
});
afterAll(async () => {
  try {
    if (api) expect(await api.app.get(AuditService).verifyChain()).toMatchObject({ ok: true });
  } finally {
    await fake?.close();
    await api?.close();
    if (db) await dropSchema(db, env);
  }
});

describe('a participatory fund round', () => {
  let roundId: string;
  const s: Record<string, string> = {};

  it('is opened by staff of the community, within what the fund has available', async () => {
    expect((await openRound(t.resident)).body.code).toBe('auth.forbidden');
    expect((await openRound(org.token)).body.code).toBe('auth.forbidden');
    const other = await openRound(t.staff1);
    expect([other.status, other.body.code]).toEqual([403, 'auth.out_of_scope']);
    const overFund = await openRound(t.staff, { budgetFen: 200_001, capFen: 60_000 });
    expect([overFund.status, overFund.body.code]).toEqual([409, 'fund.insufficient']);
    const capOverBudget = await openRound(t.staff, { capFen: 100_001 });
    expect([capOverBudget.status, capOverBudget.body.details.field]).toEqual([400, 'capFen']);
    const badPeriod = await openRound(t.staff, { votingClosesAt: inHours(12) });
    expect([badPeriod.status, badPeriod.body.code]).toEqual([400, 'validation.failed']);
    expect((await openRound(t.staff, { method: 'ranked' })).status).toBe(400);
    expect((await openRound(t.staff, { budgetFen: 1000.5 })).status).toBe(400);
    expect(await db.query(`SELECT id FROM participatory_rounds`)).toHaveLength(0);

    const opened = await openRound(t.staff);
    expect(opened.status).toBe(201);
    expect(opened.headers.get('location')).toBe(`/api/participatory-rounds/${opened.body.id}`);
    expect(opened.body).toMatchObject({
      status: 'open',
      phase: 'submissions',
      budgetFen: 100_000,
      capFen: 60_000,
      method: 'approval',
      canManage: true,
      canVote: false,
      submissions: [],
    });
    roundId = opened.body.id;
    const list = await api.request('GET', `/api/communities/${c0}/participatory-rounds`);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([roundId]);
  });

  it('are listed publicly by community, found by part of their title', async () => {
    const ids = async (query: string, community = c0) =>
      (
        await api.request('GET', `/api/communities/${community}/participatory-rounds?${query}`)
      ).body.items.map((r: { id: string }) => r.id);
    expect(await ids(`q=${encodeURIComponent('微项目')}`)).toEqual([roundId]);
    expect(await ids(`q=${encodeURIComponent('秋季')}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([]); // a wildcard is a plain character
    expect(await ids(`q=${encodeURIComponent('微项目')}`, c1)).toEqual([]);
    const tooLong = await api.request(
      'GET',
      `/api/communities/${c0}/participatory-rounds?q=${'长'.repeat(51)}`,
    );
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'validation.failed']);
    const street = await api.request('GET', `/api/communities/${DEMO.streets[0]}/participatory-rounds`);
    expect([street.status, street.body.code]).toEqual([404, 'resource.not_found']);
  });

  it('takes small projects from org admins, within the cap, for their projects serving the community', async () => {
    expect((await submit(roundId, { title: '居民提交' }, t.resident)).body.code).toBe('auth.forbidden');
    const overCap = await submit(roundId, { title: '超额项目', amountFen: 60_001 });
    expect([overCap.status, overCap.body.details.field]).toEqual([400, 'amountFen']);
    const groupOwn = await submit(roundId, { title: '互助小组项目', amountFen: 10_000 }, t.group);
    expect([groupOwn.status, groupOwn.body.details.field]).toEqual([400, 'projectId']);
    const unknown = await submit(roundId, { title: '未知项目', amountFen: 10_000, projectId: randomUUID() });
    expect(unknown.body.details.field).toBe('projectId');
    // A round of a community the organization's project does not serve.
    const farRound = await openRound(t.far, { budgetFen: 10_000, capFen: 10_000 }, far);
    expect(farRound.status).toBe(201);
    const elsewhere = await submit(farRound.body.id, { title: '外社区项目', amountFen: 5_000 });
    expect([elsewhere.status, elsewhere.body.details.field]).toEqual([400, 'projectId']);

    const picker = await api.request('GET', `/api/participatory-rounds/${roundId}/submittable-projects`, {
      token: org.token,
    });
    expect(picker.body).toEqual([
      {
        id: projectId,
        title: expect.any(String),
        organizationId: org.id,
        organizationName: '参与式预算测试机构',
        filedOnly: false,
      },
    ]);
    for (const [key, amountFen] of [
      ['A', 60_000],
      ['B', 50_000],
      ['C', 30_000],
      ['E', 10_000],
      ['F', 10_000],
      ['X', 5_000],
    ] as const) {
      const res = await submit(roundId, { title: `项目${key}`, amountFen });
      expect(res.status).toBe(200);
      s[key] = res.body.submissions.at(-1).id;
    }
    const pub = await round(roundId);
    expect(pub.body.submissions.map((x: { eligibility: string }) => x.eligibility)).toEqual(
      Array.from({ length: 6 }, () => 'pending'),
    );
    expect(await toCheck(t.staff)).toBe(6); // on the staff's home page
  });

  it('has eligibility checked by staff of the community, audited, before voting', async () => {
    expect((await decide(s.A, { eligible: true }, t.resident)).body.code).toBe('auth.forbidden');
    const other = await decide(s.A, { eligible: true }, t.staff1);
    expect([other.status, other.body.code]).toEqual([403, 'auth.out_of_scope']);
    expect((await decide(s.X, { eligible: false })).status).toBe(400); // a reason is required
    for (const key of ['A', 'B', 'C', 'E', 'F'])
      expect((await decide(s[key], { eligible: true })).status).toBe(200);
    const refused = await decide(s.X, { eligible: false, reason: '重复申报' });
    expect(refused.body.submissions.find((x: { id: string }) => x.id === s.X)).toMatchObject({
      eligibility: 'ineligible',
      ineligibleReason: '重复申报',
    });
    const [audit] = await db.query(
      `SELECT after FROM audit_log WHERE action = 'participatory_submission.eligibility' AND entity_id = $1`,
      [s.X],
    );
    expect(audit.after).toMatchObject({ eligibility: 'ineligible', reason: '重复申报' });
    expect(await toCheck(t.staff)).toBe(0);
  });

  it('takes votes only from verified residents of the community, during the voting period', async () => {
    const early = await vote(roundId, [s.A], t.resident);
    expect([early.status, early.body.code]).toEqual([409, 'state.invalid_transition']);
    await moveTo(roundId, 'voting');
    expect((await submit(roundId, { title: '迟到项目', amountFen: 5_000 })).body.code).toBe(
      'state.invalid_transition',
    );
    expect((await decide(s.X, { eligible: true })).body.code).toBe('state.invalid_transition');
    expect((await vote(roundId, [s.A], t.staff)).body.code).toBe('auth.forbidden');
    const outsider = await vote(roundId, [s.A], t.outsider);
    expect([outsider.status, outsider.body.code]).toEqual([403, 'vote.not_eligible']);
    const ineligible = await vote(roundId, [s.A, s.X], t.resident);
    expect([ineligible.status, ineligible.body.details.field]).toEqual([400, 'submissionIds']);
    expect((await vote(roundId, [], t.resident)).status).toBe(400);
    expect((await round(roundId, t.resident)).body).toMatchObject({ canVote: true, votedByMe: false });

    expect((await vote(roundId, [s.A, s.B, s.C, s.E], t.resident)).status).toBe(200);
    expect((await vote(roundId, [s.A, s.B, s.C], t.neighbour)).status).toBe(200);
    // Concurrent double votes: the voter roll's primary key lets exactly one through.
    const attempts = await Promise.all(Array.from({ length: 6 }, () => vote(roundId, [s.A, s.F], t.gridder)));
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(attempts.filter((a) => a.status === 409).every((a) => a.body.code === 'vote.already_cast')).toBe(
      true,
    );
    const again = await vote(roundId, [s.B], t.resident);
    expect([again.status, again.body.code]).toEqual([409, 'vote.already_cast']);

    const [{ voters }] = await db.query(
      `SELECT count(*)::int AS voters FROM participatory_voters WHERE round_id = $1`,
      [roundId],
    );
    const [{ ballots }] = await db.query(
      `SELECT count(*)::int AS ballots FROM participatory_ballots WHERE round_id = $1`,
      [roundId],
    );
    expect([voters, ballots]).toEqual([3, 4 + 3 + 2]);
    // The ballot names no voter and no time; the audit entry says that a resident voted, not for what.
    const columns = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'participatory_ballots' ORDER BY column_name`,
    );
    expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual([
      'id',
      'round_id',
      'submission_id',
    ]);
    const audits = await db.query(`SELECT after FROM audit_log WHERE action = 'participatory_round.voted'`);
    expect(audits.map((a: { after: unknown }) => a.after)).toEqual([
      { secret: true },
      { secret: true },
      { secret: true },
    ]);
    // No counts before the count.
    const pub = await round(roundId);
    expect(pub.body.voterCount).toBe(3);
    expect(pub.body.submissions.every((x: { approvals: number | null }) => x.approvals === null)).toBe(true);
  });

  it('is counted once, after voting, filling the budget greedily in one statement', async () => {
    const tooEarly = await api.request('POST', `/api/participatory-rounds/${roundId}/count`, {
      token: t.staff,
    });
    expect([tooEarly.status, tooEarly.body.code]).toEqual([409, 'state.invalid_transition']);
    await moveTo(roundId, 'closed');
    const late = await vote(roundId, [s.A], t.hurried);
    expect([late.status, late.body.code]).toEqual([409, 'state.invalid_transition']);
    const foreign = await api.request('POST', `/api/participatory-rounds/${roundId}/count`, {
      token: t.staff1,
    });
    expect(foreign.body.code).toBe('auth.out_of_scope');
    expect(
      (await api.request('POST', `/api/participatory-rounds/${roundId}/count`, { token: t.resident })).status,
    ).toBe(403);

    const counted = await api.request('POST', `/api/participatory-rounds/${roundId}/count`, {
      token: t.staff,
    });
    expect(counted.status).toBe(200);
    const result = Object.fromEntries(
      counted.body.submissions.map((x: { id: string; approvals: number | null; winner: boolean | null }) => [
        Object.keys(s).find((k) => s[k] === x.id),
        [x.approvals, x.winner],
      ]),
    );
    // Order: A (3), C (2, smaller than B), B (2), E (1, earlier than F), F (1). Budget 100,000:
    // A 60,000 + C 30,000 = 90,000; B would make 140,000 and is skipped; E fills it to 100,000; F no longer fits.
    expect(result).toEqual({
      A: [3, true],
      B: [2, false],
      C: [2, true],
      E: [1, true],
      F: [1, false],
      X: [null, null],
    });
    expect(counted.body).toMatchObject({ status: 'counted', awardedFen: 100_000 });
    const twice = await api.request('POST', `/api/participatory-rounds/${roundId}/count`, { token: t.staff });
    expect(twice.body.code).toBe('state.invalid_transition');
  });

  it('is awarded as fund grants in one transaction, then approved as every grant', async () => {
    const foreign = await api.request('POST', `/api/participatory-rounds/${roundId}/award`, {
      token: t.staff1,
      body: {},
    });
    expect(foreign.body.code).toBe('auth.out_of_scope');
    // Two awards at once (a double click, two staff): one awards, the other finds it awarded.
    const both = await Promise.all(
      [1, 2].map(() =>
        api.request('POST', `/api/participatory-rounds/${roundId}/award`, { token: t.staff, body: {} }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('state.invalid_transition');
    const awarded = both.find((r) => r.status === 200)!;
    expect(awarded.body.status).toBe('awarded');
    const winners = awarded.body.submissions.filter((x: { winner: boolean }) => x.winner);
    expect(winners.map((w: { grant: unknown; amountFen: number }) => w.grant)).toEqual(
      winners.map((w: { amountFen: number }) => ({
        id: expect.any(String),
        status: 'accepted',
        amountFen: w.amountFen,
      })),
    );
    const grants = await db.query(
      `SELECT kind, project_id, amount_fen::int AS amount, purpose FROM disbursements WHERE kind = 'fund_grant' ORDER BY amount_fen DESC`,
    );
    expect(grants.map((g: { amount: number }) => g.amount)).toEqual([60_000, 30_000, 10_000]);
    expect(
      grants.every(
        (g: { project_id: string; purpose: string }) =>
          g.project_id === projectId && g.purpose.includes('春季社区微项目'),
      ),
    ).toBe(true);
    const fund = (await api.request('GET', `/api/communities/${c0}/fund`)).body;
    expect(fund).toMatchObject({ balanceFen: 200_000, availableFen: 100_000 });
    expect(
      (await api.request('POST', `/api/participatory-rounds/${roundId}/award`, { token: t.staff, body: {} }))
        .body.code,
    ).toBe('state.invalid_transition');

    const first = winners[0].grant.id;
    const approved = await api.request('POST', `/api/disbursements/${first}/finance-approval`, {
      token: t.finance,
    });
    expect(approved.body.status).toBe('approved');
    const pub = await round(roundId);
    expect(pub.body.submissions.find((x: { id: string }) => x.id === winners[0].id).grant).toEqual({
      id: first,
      status: 'approved',
      amountFen: 60_000,
    });
  });
});

describe('a knapsack round', () => {
  let roundId: string;
  const s: Record<string, string> = {};

  it('refuses a ballot over the budget and concurrent double votes', async () => {
    const opened = await openRound(t.staff, {
      title: '夏季微项目',
      method: 'knapsack',
      budgetFen: 80_000,
      capFen: 80_000,
    });
    expect(opened.status).toBe(201);
    roundId = opened.body.id;
    for (const [key, amountFen] of [
      ['K1', 70_000],
      ['K2', 40_000],
    ] as const) {
      const res = await submit(roundId, { title: `夏季${key}`, amountFen });
      s[key] = res.body.submissions.at(-1).id;
      await decide(s[key], { eligible: true });
    }
    await moveTo(roundId, 'voting');
    const over = await vote(roundId, [s.K1, s.K2], t.resident);
    expect([over.status, over.body.code, over.body.details]).toEqual([
      400,
      'validation.failed',
      { field: 'submissionIds', chosenFen: 110_000, budgetFen: 80_000 },
    ]);
    const attempts = await Promise.all(Array.from({ length: 5 }, () => vote(roundId, [s.K1], t.resident)));
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect((await vote(roundId, [s.K2], t.neighbour)).status).toBe(200);
    expect((await vote(roundId, [s.K1], t.gridder)).status).toBe(200);
    const [{ ballots }] = await db.query(
      `SELECT count(*)::int AS ballots FROM participatory_ballots WHERE round_id = $1`,
      [roundId],
    );
    expect(ballots).toBe(3);
  });

  it('is not awarded when the fund no longer covers the winners, and nothing is written', async () => {
    await moveTo(roundId, 'closed');
    const counted = await api.request('POST', `/api/participatory-rounds/${roundId}/count`, {
      token: t.staff,
    });
    expect(
      counted.body.submissions.map((x: { approvals: number; winner: boolean }) => [x.approvals, x.winner]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    // A direct grant takes 50,000 of the 100,000 left: 70,000 no longer fits.
    const direct = await api.request('POST', `/api/communities/${c0}/fund/grants`, {
      token: t.staff,
      body: { projectId, amountFen: 50_000, purpose: '社区助老器材' },
    });
    expect(direct.status).toBe(201);
    const refused = await api.request('POST', `/api/participatory-rounds/${roundId}/award`, {
      token: t.staff,
      body: {},
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'fund.insufficient']);
    expect((await round(roundId)).body).toMatchObject({ status: 'counted' });
    const [{ linked }] = await db.query(
      `SELECT count(*)::int AS linked FROM participatory_submissions WHERE round_id = $1 AND disbursement_id IS NOT NULL`,
      [roundId],
    );
    expect(linked).toBe(0);
    expect(await db.query(`SELECT id FROM disbursements WHERE kind = 'fund_grant'`)).toHaveLength(4);
  });
});
