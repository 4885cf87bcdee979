import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { checkEligibility } from '../src/modules/organizations/eligibility.js';
import { IncentivesService } from '../src/modules/incentives/incentives.service.js';
import { verifiedOrganization } from './support/fixtures.js';
import { Api, idsOfEveryPage, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let incentives: IncentivesService;
let director: string;

const TODAY = new Date().toISOString().slice(0, 10);
/** The last day of the month `back` months before this one. */
const monthEnd = (back: number) => {
  const d = new Date(`${TODAY.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
};

/** Score snapshots as the scoring run writes them: tiers by month, oldest first, the last one today. */
async function snapshots(organizationId: string, tiers: { tier: string; score: number }[]): Promise<void> {
  for (const [i, { tier, score }] of tiers.entries()) {
    const back = tiers.length - 1 - i;
    await db.query(
      `INSERT INTO score_snapshots (organization_id, period_end, formula_version, score, tier, indicators, inputs)
       VALUES ($1, $2, 'v2', $3, $4, '{}', '{}')`,
      [organizationId, back === 0 ? TODAY : monthEnd(back), score, tier],
    );
  }
}

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  incentives = api.app.get(IncentivesService);
  director = await tokenFor(api, 'director@demo.sanshe.cn');
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('incentive rules applied after a scoring run', () => {
  it('gives tier A a badge, bars two consecutive D for six months, and leaves the others alone', async () => {
    const star = await verifiedOrganization(db, '星光社工');
    const weak = await verifiedOrganization(db, '弱势服务社');
    const onceD = await verifiedOrganization(db, '一次D服务社');
    const recovered = await verifiedOrganization(db, '回升服务社');
    await snapshots(star.id, [{ tier: 'A', score: 90 }]);
    await snapshots(weak.id, [
      { tier: 'C', score: 61 },
      { tier: 'D', score: 52 },
      { tier: 'D', score: 55.5 },
    ]);
    await snapshots(onceD.id, [
      { tier: 'C', score: 64 },
      { tier: 'D', score: 58 },
    ]);
    // D, then C, then D: not two in a row.
    await snapshots(recovered.id, [
      { tier: 'D', score: 50 },
      { tier: 'C', score: 62 },
      { tier: 'D', score: 59 },
    ]);

    const ids = [star.id, weak.id, onceD.id, recovered.id];
    expect(await incentives.apply(TODAY, ids)).toEqual({ badges: 1, bars: 1, bonuses: 0 });
    // Idempotent: the same day decides nothing new.
    expect(await incentives.apply(TODAY, ids)).toEqual({ badges: 0, bars: 0, bonuses: 0 });

    const starView = await api.request('GET', `/api/organizations/${star.id}/incentives`);
    expect(starView.status).toBe(200);
    expect(starView.body.badge).toMatchObject({
      action: 'badge',
      outcome: 'applied',
      subject: TODAY.slice(0, 7),
    });
    expect(starView.body.badge.explanation).toContain(
      `Tier A in ${TODAY.slice(0, 7)} (${TODAY.slice(0, 7)}: 90.00)`,
    );
    expect(starView.body.bar).toBeNull();

    const weakView = (await api.request('GET', `/api/organizations/${weak.id}/incentives`)).body;
    expect(weakView.badge).toBeNull();
    expect(weakView.bar.explanation).toBe(
      `Tier D for 2 consecutive months (${monthEnd(1).slice(0, 7)}: 52.00, ${TODAY.slice(0, 7)}: 55.50): ` +
        `new bids barred for 6 months, until ${weakView.bar.effectiveUntil}.`,
    );
    const until = new Date(`${TODAY}T00:00:00Z`);
    until.setUTCMonth(until.getUTCMonth() + 6);
    expect(weakView.bar.effectiveUntil).toBe(until.toISOString().slice(0, 10));

    for (const org of [onceD, recovered]) {
      expect(
        (await api.request('GET', `/api/organizations/${org.id}/incentive-decisions`)).body.items,
      ).toEqual([]);
    }
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action IN ('incentive.badge', 'incentive.bar')`,
    );
    expect(count).toBe(2);
  });

  it('shows the bar in force however many decisions came after it', async () => {
    const org = await verifiedOrganization(db, '久远受限服务社');
    await snapshots(org.id, [
      { tier: 'D', score: 40 },
      { tier: 'D', score: 41 },
    ]);
    await incentives.apply(TODAY, [org.id]);
    // Sixty later decisions (skipped bonuses), more than the old list held.
    await db.query(
      `INSERT INTO incentive_decisions (organization_id, action, subject, outcome, rule, evidence, explanation, effective_from, decided_at)
       SELECT $1, 'bonus', 'later-' || i, 'skipped', '{}', '{}', 'no pool', $2::date, now() + i * interval '1 second'
         FROM generate_series(1, 60) i`,
      [org.id, TODAY],
    );
    const view = (await api.request('GET', `/api/organizations/${org.id}/incentives`)).body;
    expect(view.bar).toMatchObject({ action: 'bar', outcome: 'applied' });
    expect(view.badge).toBeNull();

    // Every decision, page after page, newest first, the bar last; each once.
    const paged = await idsOfEveryPage(api, `/api/organizations/${org.id}/incentive-decisions?limit=25`, '');
    expect(paged).toHaveLength(61);
    expect(new Set(paged).size).toBe(61);
    const all = (await api.request('GET', `/api/organizations/${org.id}/incentive-decisions?limit=100`)).body
      .items;
    expect(all.map((d: { id: string }) => d.id)).toEqual(paged);
    expect(all[0].subject).toBe('later-60');
    expect(all.at(-1)).toMatchObject({ id: view.bar.id, action: 'bar' });

    // Only of a verified organization; bad pages are refused.
    const pending = await db.query(`SELECT id FROM organizations WHERE status <> 'verified' LIMIT 1`);
    for (const id of [crypto.randomUUID(), ...pending.map((o: { id: string }) => o.id)]) {
      const res = await api.request('GET', `/api/organizations/${id}/incentive-decisions`);
      expect([res.status, res.body.code]).toEqual([404, 'resource.not_found']);
    }
    for (const bad of ['limit=0', 'limit=x', 'cursor=WzEsMl0']) {
      const res = await api.request('GET', `/api/organizations/${org.id}/incentive-decisions?${bad}`);
      expect([res.status, res.body.code]).toEqual([400, 'validation.failed']);
    }
    const notAnId = await api.request('GET', '/api/organizations/nope/incentive-decisions');
    expect(notAnId.status).toBe(400);
  });

  it('refuses new bids while a bar is in force, with the reason', async () => {
    const org = await verifiedOrganization(db, '受限服务社');
    await snapshots(org.id, [
      { tier: 'D', score: 40 },
      { tier: 'D', score: 41 },
    ]);
    await incentives.apply(TODAY, [org.id]);
    // Eligibility in general (e.g. to be paid for work already contracted) is not affected...
    expect((await checkEligibility(db.manager, org.id)).eligible).toBe(true);
    // ...bids are (the procurement suite tries one through the bid endpoint).
    const bidding = await checkEligibility(db.manager, org.id, { bidding: true });
    expect(bidding.eligible).toBe(false);
    expect(bidding.reasons[0].code).toBe('barred');
    expect(bidding.reasons[0].message).toMatch(
      /^New bids are barred until \d{4}-\d{2}-\d{2}: Tier D for 2 consecutive months/,
    );
  });

  it('applies a street’s own rules instead of the platform defaults', async () => {
    const org = await verifiedOrganization(db, '和平社工', { streetId: DEMO.streets[1] });
    await snapshots(org.id, [{ tier: 'B', score: 80 }]);
    const defaults = await api.request('GET', `/api/streets/${DEMO.streets[1]}/incentive-rules`);
    expect(defaults.body.inherited).toBe(true);
    expect(defaults.body.rules.map((r: { action: string }) => r.action).sort()).toEqual([
      'badge',
      'bar',
      'bonus',
    ]);
    await db.query(
      `INSERT INTO incentive_rules (street_id, tier, consecutive_months, action) VALUES ($1, 'B', 1, 'badge')`,
      [DEMO.streets[1]],
    );
    expect(await incentives.apply(TODAY, [org.id])).toEqual({ badges: 1, bars: 0, bonuses: 0 });
    const own = await api.request('GET', `/api/streets/${DEMO.streets[1]}/incentive-rules`);
    expect(own.body).toMatchObject({
      inherited: false,
      rules: [{ tier: 'B', action: 'badge', consecutiveMonths: 1 }],
    });
  });
});

describe('the tier A bonus', () => {
  /** A contract of the organization with two milestones, the final one (¥30,000) in `finalStatus`. */
  async function contract(
    org: { id: string },
    finalStatus: string | null,
  ): Promise<{ contractId: string; finalId: string }> {
    const [{ id: officer }] = await db.query(`SELECT id FROM users WHERE email = 'officer@demo.sanshe.cn'`);
    const [{ id: contractId }] = await db.query(
      `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
       VALUES ($1, $2, '助老服务', 5000000, current_date - 300, current_date - 1, '{"serviceHours": 10, "beneficiaries": 1, "minSatisfaction": 4}', $3)
       RETURNING id`,
      [org.id, DEMO.streets[0], officer],
    );
    const [{ id: firstId }] = await db.query(
      `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, 1, '首期', 4000, 2000000, current_date - 200) RETURNING id`,
      [contractId],
    );
    const [{ id: finalId }] = await db.query(
      `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, 2, '终期', 6000, 3000000, current_date - 5) RETURNING id`,
      [contractId],
    );
    for (const [milestone, amount, status] of [
      [firstId, 2000000, 'paid'],
      [finalId, 3000000, finalStatus],
    ] as const) {
      if (!status) continue;
      await db.query(
        `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, requested_by, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [milestone, contractId, org.id, DEMO.streets[0], amount, officer, status],
      );
    }
    return { contractId, finalId };
  }

  it('requests a bonus share of the final milestone once the final milestone is paid, once per contract', async () => {
    const org = await verifiedOrganization(db, '卓越社工');
    await snapshots(org.id, [{ tier: 'A', score: 91.5 }]);
    const paid = await contract(org, 'paid');
    await contract(org, 'approved'); // final milestone not paid yet: no bonus
    await contract(org, null);

    const run = await incentives.apply(TODAY, [org.id]);
    expect(run).toEqual({ badges: 1, bars: 0, bonuses: 1 });
    expect(await incentives.apply(TODAY, [org.id])).toEqual({ badges: 0, bars: 0, bonuses: 0 });

    const bonuses = await db.query(
      `SELECT kind, milestone_id, amount_fen::int AS amount, status, purpose FROM disbursements WHERE organization_id = $1 AND kind = 'incentive_bonus'`,
      [org.id],
    );
    // Platform default: 5 % of the final milestone's ¥30,000.
    expect(bonuses).toEqual([
      {
        kind: 'incentive_bonus',
        milestone_id: paid.finalId,
        amount: 150000,
        status: 'accepted',
        purpose: expect.stringContaining('bonus of 5.00% of the final milestone (¥30000.00) = ¥1500.00'),
      },
    ]);
    const decisions = (await api.request('GET', `/api/organizations/${org.id}/incentive-decisions`)).body
      .items;
    const bonus = decisions.find((d: { action: string }) => d.action === 'bonus');
    expect(bonus).toMatchObject({ subject: paid.contractId, amountFen: 150000, outcome: 'applied' });
    expect(bonus.explanation).toBe(
      `Tier A in ${TODAY.slice(0, 7)} (${TODAY.slice(0, 7)}: 91.50): bonus of 5.00% of the final milestone ` +
        `(¥30000.00) = ¥1500.00 from the street's incentive pool, through the usual approvals.`,
    );
    // It waits for street finance, like any payment.
    const inbox = await api.request('GET', '/api/disbursements/inbox', {
      token: await tokenFor(api, 'finance@demo.sanshe.cn'),
    });
    expect(inbox.body.items.map((d: { id: string }) => d.id)).toContain(bonus.disbursementId);
  });

  it('is paid from the street’s incentive pool, which street finance tops up', async () => {
    const finance = await tokenFor(api, 'finance@demo.sanshe.cn');
    const poolPath = `/api/streets/${DEMO.streets[0]}/incentive-pool`;
    const [{ id: bonusId }] = await db.query(
      `SELECT id FROM disbursements WHERE kind = 'incentive_bonus' AND status = 'accepted' LIMIT 1`,
    );
    expect((await api.request('GET', poolPath, { token: finance })).body).toEqual({
      streetId: DEMO.streets[0],
      balanceFen: 0,
      pendingBonusesFen: 150000,
    });
    // An empty pool pays nothing: the approval is refused and nothing moves.
    const short = await api.request('POST', `/api/disbursements/${bonusId}/finance-approval`, {
      token: finance,
    });
    expect([short.status, short.body.code]).toEqual([409, 'fund.insufficient']);

    const topUp = { amountFen: 1_000_000, reference: 'JL-2026-07' };
    for (const email of ['director@demo.sanshe.cn', 'orgadmin@demo.sanshe.cn']) {
      const res = await api.request('POST', `${poolPath}/allocations`, {
        token: await tokenFor(api, email),
        body: topUp,
      });
      expect(res.status).toBe(403);
    }
    const otherStreet = await api.request(
      'POST',
      `/api/streets/${DEMO.streets[1]}/incentive-pool/allocations`,
      {
        token: finance,
        body: topUp,
      },
    );
    expect(otherStreet.status).toBe(403);
    expect(
      (
        await api.request('POST', `${poolPath}/allocations`, {
          token: finance,
          body: { amountFen: -5, reference: 'x' },
        })
      ).status,
    ).toBe(400);
    const funded = await api.request('POST', `${poolPath}/allocations`, { token: finance, body: topUp });
    expect([funded.status, funded.body.balanceFen]).toEqual([201, 1_000_000]);
    // The same document twice is one top-up.
    expect(
      (await api.request('POST', `${poolPath}/allocations`, { token: finance, body: topUp })).body.balanceFen,
    ).toBe(1_000_000);

    const approved = await api.request('POST', `/api/disbursements/${bonusId}/finance-approval`, {
      token: finance,
    });
    expect([approved.status, approved.body.status]).toEqual([200, 'approved']);
    const paid = await api.request('POST', `/api/disbursements/${bonusId}/payment`, {
      token: finance,
      body: { voucher: 'GK-2026-000123' },
    });
    expect([paid.status, paid.body.status]).toEqual([200, 'paid']);
    expect((await api.request('GET', poolPath, { token: finance })).body).toMatchObject({
      balanceFen: 850_000,
      pendingBonusesFen: 0,
    });
    const [{ total }] = await db.query(`SELECT coalesce(sum(amount_fen), 0)::int AS total FROM postings`);
    expect(total).toBe(0);
  });

  it('decides once when several runs apply the rules at the same time', async () => {
    const org = await verifiedOrganization(db, '并发社工');
    await snapshots(org.id, [{ tier: 'A', score: 88 }]);
    const { finalId } = await contract(org, 'paid');
    await Promise.all(Array.from({ length: 6 }, () => incentives.apply(TODAY, [org.id])));
    const [{ decisions }] = await db.query(
      `SELECT count(*)::int AS decisions FROM incentive_decisions WHERE organization_id = $1`,
      [org.id],
    );
    expect(decisions).toBe(2); // one badge, one bonus
    const bonuses = await db.query(
      `SELECT id FROM disbursements WHERE milestone_id = $1 AND kind = 'incentive_bonus'`,
      [finalId],
    );
    expect(bonuses).toHaveLength(1);
  });

  it('pays no bonus to a tier B organization', async () => {
    const org = await verifiedOrganization(db, '良好社工');
    await snapshots(org.id, [{ tier: 'B', score: 80 }]);
    await contract(org, 'paid');
    expect(await incentives.apply(TODAY, [org.id])).toEqual({ badges: 0, bars: 0, bonuses: 0 });
  });
});

describe('the rule table', () => {
  const rules = [
    { tier: 'A', consecutiveMonths: 2, action: 'bonus', bonusShareBp: 300 },
    { tier: 'D', consecutiveMonths: 3, action: 'bar', barMonths: 12 },
  ];

  it('is replaced by the street director, audited, and an empty set returns to the defaults', async () => {
    const put = await api.request('PUT', `/api/streets/${DEMO.streets[0]}/incentive-rules`, {
      token: director,
      body: { rules },
    });
    expect([put.status, put.body.message]).toEqual([200, undefined]);
    expect(put.body.inherited).toBe(false);
    expect(put.body.rules).toMatchObject([
      { tier: 'A', consecutiveMonths: 2, action: 'bonus', bonusShareBp: 300, barMonths: null },
      { tier: 'D', consecutiveMonths: 3, action: 'bar', bonusShareBp: null, barMonths: 12 },
    ]);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'incentive_rules.replace' AND entity_id = $1`,
      [DEMO.streets[0]],
    );
    expect(count).toBe(1);
    const reset = await api.request('PUT', `/api/streets/${DEMO.streets[0]}/incentive-rules`, {
      token: director,
      body: { rules: [] },
    });
    expect(reset.body.inherited).toBe(true);
  });

  it('refuses a stale replacement (412): someone replaced the set since the version the director read', async () => {
    const path = `/api/streets/${DEMO.streets[0]}/incentive-rules`;
    const read = await api.request('GET', path);
    const etag = read.headers.get('etag')!;
    expect(etag).toBe(`"${read.body.version}"`);
    // A first replacement with the version read applies and moves the version on.
    const first = await api.request('PUT', path, {
      token: director,
      body: { rules },
      headers: { 'if-match': etag },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(read.body.version + 1);
    expect(first.headers.get('etag')).toBe(`"${read.body.version + 1}"`);
    const audited = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS count FROM audit_log WHERE action = 'incentive_rules.replace' AND entity_id = $1`,
          [DEMO.streets[0]],
        )
      )[0].count;
    const entries = await audited();
    const stale = await api.request('PUT', path, {
      token: director,
      body: { rules: [] },
      headers: { 'if-match': etag },
    });
    expect([stale.status, stale.body.code]).toEqual([412, 'precondition.failed']);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const now = await api.request('GET', path);
    expect([now.body.inherited, now.body.version, now.body.rules.length]).toEqual([
      false,
      first.body.version,
      2,
    ]);
    expect(await audited()).toBe(entries);
    // With the version it now shows, the director's change applies.
    const reset = await api.request('PUT', path, {
      token: director,
      body: { rules: [] },
      headers: { 'if-match': now.headers.get('etag')! },
    });
    expect([reset.status, reset.body.inherited, reset.body.version]).toEqual([
      200,
      true,
      first.body.version + 1,
    ]);
  });

  it('is closed to anyone but that street’s director', async () => {
    const body = { rules };
    const path = `/api/streets/${DEMO.streets[0]}/incentive-rules`;
    expect((await api.request('PUT', path, { body })).status).toBe(401);
    for (const email of ['finance@demo.sanshe.cn', 'officer@demo.sanshe.cn', 'orgadmin@demo.sanshe.cn']) {
      const token = await tokenFor(api, email);
      expect((await api.request('PUT', path, { token, body })).status).toBe(403);
    }
    // The demo director directs 阳光街道 only.
    const other = await api.request('PUT', `/api/streets/${DEMO.streets[1]}/incentive-rules`, {
      token: director,
      body,
    });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('auth.out_of_scope');
  });

  it('refuses malformed rules with 400 and writes nothing', async () => {
    const path = `/api/streets/${DEMO.streets[0]}/incentive-rules`;
    for (const bad of [
      { tier: 'A', consecutiveMonths: 1, action: 'bonus' },
      { tier: 'A', consecutiveMonths: 1, action: 'badge', barMonths: 3 },
      { tier: 'E', consecutiveMonths: 1, action: 'badge' },
      { tier: 'D', consecutiveMonths: 0, action: 'bar', barMonths: 6 },
      { tier: 'A', consecutiveMonths: 1, action: 'bonus', bonusShareBp: 20000 },
      { tier: 'A', consecutiveMonths: 1, action: 'cash' },
    ]) {
      const res = await api.request('PUT', path, { token: director, body: { rules: [bad] } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation.failed');
    }
    const twice = { tier: 'D', consecutiveMonths: 2, action: 'bar', barMonths: 6 };
    const repeated = await api.request('PUT', path, {
      token: director,
      body: { rules: [twice, { ...twice, barMonths: 12 }] },
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body).toMatchObject({ code: 'validation.failed', details: { field: 'rules.1' } });
    expect((await api.request('GET', path)).body.inherited).toBe(true);
    expect((await api.request('GET', `/api/streets/${DEMO.communities[0]}/incentive-rules`)).status).toBe(
      404,
    );
  });

  it('answers 404 for an unknown organization', async () => {
    const res = await api.request(
      'GET',
      '/api/organizations/00000000-0000-4000-8000-000000000000/incentives',
    );
    expect(res.status).toBe(404);
  });
});
