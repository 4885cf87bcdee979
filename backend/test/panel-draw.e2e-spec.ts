import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { drawPanel } from '../src/modules/evaluation/panel-draw.js';
import { TendersService } from '../src/modules/tenders/tenders.service.js';
import { poolEvaluator, userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// The random draw of a tender's evaluation panel from the street's evaluator pool: who is eligible,
// the draw's record (re-run by the test with drawPanel), redraws with reasons, declared conflicts,
// who sees the draws and when, and one draw at a time.

let env: Env;
let db: DataSource;
let api: Api;
let officer: string;
let otherOfficer: string;
let tenderId: string;
const orgs: { id: string; token: string }[] = [];
/** Pool evaluators by name: user id, e-mail. */
const people: Record<string, { id: string; email: string }> = {};
const emailOf = (id: string) => Object.values(people).find((p) => p.id === id)!.email;

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

const tenderBody = () => ({
  title: '翠园社区居家养老上门服务项目',
  description: '为翠园社区80岁以上独居老人提供每周两次上门探访、助餐、助洁服务。',
  categoryCode: 'elderly.home_care',
  streetId: DEMO.streets[0],
  communityIds: [DEMO.communities[1]],
  budgetCeilingFen: 30_000_000,
  method: 'competitive_consultation',
  kpis: { serviceHours: 1200, beneficiaries: 60, minSatisfaction: 4.2 },
  weights: {
    price: 30,
    technical: 60,
    performance: 10,
    criteria: [{ key: 'plan', name: '服务方案', weight: 60 }],
  },
  milestonePlan: [{ name: '全额', shareBp: 10000, dueInDays: 90 }],
  enquiryDeadline: inDays(5),
  bidDeadline: inDays(10),
  standstillDays: 10,
});

const draw = (token: string, size: number, id = tenderId) =>
  api.request('POST', `/api/tenders/${id}/panel/draw`, { token, body: { size } });
const redraw = (token: string, body: unknown) =>
  api.request('POST', `/api/tenders/${tenderId}/panel/redraw`, { token, body });
const panel = async () =>
  (await api.request('GET', `/api/tenders/${tenderId}/panel`, { token: officer })).body;
const memberIds = async () => ((await panel()).members as { userId: string }[]).map((m) => m.userId).sort();
const drawsRows = (): Promise<
  { seq: number; drawn: string[]; replaced: string[]; reason: string | null }[]
> =>
  db.query(`SELECT seq, drawn, replaced, reason FROM panel_draws WHERE tender_id = $1 ORDER BY seq`, [
    tenderId,
  ]);
const audit = (action: string) =>
  db.query(`SELECT actor_id, before, after FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id`, [
    tenderId,
    action,
  ]);

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  officer = await tokenFor(api, 'officer@demo.sanshe.cn');
  await userWithRoles(db, 'officer-s2@example.cn', [['street_officer', { regionId: DEMO.streets[1] }]]);
  otherOfficer = await tokenFor(api, 'officer-s2@example.cn');
  for (const name of ['甲养老服务社', '乙社工事务所']) {
    const org = await verifiedOrganization(db, name);
    orgs.push({ id: org.id, token: await tokenFor(api, org.adminEmail) });
  }
  const [{ id: demoEvaluator }] = await db.query(
    `SELECT id FROM users WHERE email = 'evaluator@demo.sanshe.cn'`,
  );
  people.demo = { id: demoEvaluator, email: 'evaluator@demo.sanshe.cn' }; // every top-level category: covers elderly.home_care
  const add = async (name: string, regionId: string, categories: string[]) => {
    const email = `${name.toLowerCase()}@pool.example.cn`;
    people[name] = { id: await poolEvaluator(db, email, regionId, categories), email };
  };
  await add('homeCare', DEMO.streets[0], ['elderly.home_care']); // the tender's own category
  await add('district', DEMO.district, ['elderly']); // the district's pool, a parent category
  await add('extra', DEMO.streets[0], ['elderly', 'youth']);
  await add('spare', DEMO.streets[0], ['elderly']);
  await add('youth', DEMO.streets[0], ['youth']); // another category
  await add('dayCare', DEMO.streets[0], ['elderly.day_care']); // a sibling category
  await add('otherStreet', DEMO.streets[1], ['elderly']); // another street's pool
  await add('revoked', DEMO.streets[0], ['elderly']); // no longer in force
  await db.query(`UPDATE role_grants SET revoked_at = now() WHERE user_id = $1`, [people.revoked.id]);
  await add('bidAdmin', DEMO.streets[0], ['elderly']); // administers a bidding organization
  await add('bidWorker', DEMO.streets[0], ['elderly']); // a social worker of a bidding organization
  await db.query(
    `INSERT INTO role_memberships (user_id, role, organization_id) VALUES ($1, 'org_admin', $2)`,
    [people.bidAdmin.id, orgs[0].id],
  );
  await db.query(
    `INSERT INTO role_memberships (user_id, role, organization_id) VALUES ($1, 'social_worker', $2)`,
    [people.bidWorker.id, orgs[1].id],
  );

  const created = await api.request('POST', '/api/tenders', { token: officer, body: tenderBody() });
  tenderId = created.body.id;
  expect((await api.request('POST', `/api/tenders/${tenderId}/publish`, { token: officer })).status).toBe(
    200,
  );
  for (const org of orgs) {
    const [{ id: memberId }] = await db.query(
      `SELECT id FROM organization_members WHERE organization_id = $1 LIMIT 1`,
      [org.id],
    );
    const bid = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: org.token,
      body: {
        organizationId: org.id,
        priceFen: 25_000_000,
        proposal: '每周两次上门探访，建立一人一档，配备持证社工与护理员。',
        team: [memberId],
        offeredKpis: { serviceHours: 1300, beneficiaries: 70, minSatisfaction: 4.5 },
      },
    });
    expect(bid.status).toBe(201);
  }
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

/** Who may be drawn for the tender at first: the pool covering elderly.home_care, bidders' people aside. */
const firstEligible = () =>
  ['demo', 'homeCare', 'district', 'extra', 'spare'].map((n) => people[n].id).sort();

describe('the random draw of the panel', () => {
  it('is refused to anyone but the street office of the tender, and 404 for an unknown tender', async () => {
    for (const token of [
      otherOfficer,
      await tokenFor(api, 'evaluator@demo.sanshe.cn'),
      orgs[0].token,
      await tokenFor(api, 'resident@demo.sanshe.cn'),
    ]) {
      for (const res of [
        await draw(token, 1),
        await redraw(token, { userIds: [people.demo.id], reason: '专家因病无法参加' }),
        await api.request('GET', `/api/tenders/${tenderId}/panel`, { token }),
        await api.request('GET', `/api/tenders/${tenderId}/panel/draws`, { token }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.code).toMatch(/^auth\./);
      }
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const res of [
      await draw(officer, 1, unknown),
      await api.request('GET', `/api/tenders/${unknown}/panel/draws`),
      await api.request('POST', `/api/tenders/${unknown}/panel/conflict`, {
        token: await tokenFor(api, 'evaluator@demo.sanshe.cn'),
        body: { reason: '亲属在投标机构任职' },
      }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('resource.not_found');
    }
    expect((await draw(officer, 0)).status).toBe(400);
    expect(await drawsRows()).toEqual([]);
  });

  it('shows the pool size: evaluators covering the category on the street or its district, bidders counted but not eligible', async () => {
    expect(await panel()).toEqual({ members: [], vacancies: [], poolSize: 7, eligible: 5 });
  });

  it('refuses a panel larger than the eligible pool with 422, naming how many are eligible, and writes nothing', async () => {
    const res = await draw(officer, 6);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'panel.too_few_eligible',
      message: expect.stringContaining('Only 5 evaluator(s)'),
      details: { eligible: 5, needed: 6 },
    });
    expect(await drawsRows()).toEqual([]);
    expect(await memberIds()).toEqual([]);
  });

  it('draws only eligible evaluators, once: of two draws at the same time one forms the panel, the other is refused', async () => {
    const [a, b] = await Promise.all([draw(officer, 3), draw(officer, 3)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.code).toBe('state.conflict');
    const formed = a.status === 200 ? a : b;
    expect(formed.body.members).toHaveLength(3);

    const [row] = await db.query(
      `SELECT seq, seed, candidates, drawn, replaced, reason, drawn_by FROM panel_draws`,
    );
    expect(row).toMatchObject({ seq: 1, candidates: firstEligible(), replaced: [], reason: null });
    expect(row.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(drawPanel(row.seed, row.candidates, 3)).toEqual(row.drawn);
    expect(await memberIds()).toEqual([...row.drawn].sort());
    const [officerId] = await db.query(`SELECT id FROM users WHERE email = 'officer@demo.sanshe.cn'`);
    expect(row.drawn_by).toBe(officerId.id);
    const assigned = await db.query(
      `SELECT DISTINCT assigned_by FROM tender_evaluators WHERE tender_id = $1`,
      [tenderId],
    );
    expect(assigned).toEqual([{ assigned_by: officerId.id }]);
    const [entry] = await audit('tender.panel_drawn');
    expect(entry.after).toMatchObject({
      seq: 1,
      seed: row.seed,
      candidates: row.candidates,
      drawn: row.drawn,
    });
    expect((await panel()).eligible).toBe(2);

    // A later draw is refused: the panel changes by redraws only.
    const again = await draw(officer, 1);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('redraw');
  });

  it('refuses a redraw without a reason (trimmed, at least 5 characters) or of someone not on the panel', async () => {
    const [member] = await memberIds();
    for (const body of [
      { userIds: [member] },
      { userIds: [member], reason: '   ' },
      { userIds: [member], reason: '  病假  ' },
      { userIds: [], reason: '专家因病无法参加' },
    ]) {
      const res = await redraw(officer, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation.failed');
    }
    const outsider = await redraw(officer, { userIds: [people.youth.id], reason: '专家因病无法参加' });
    expect(outsider.status).toBe(400);
    expect(outsider.body.details).toMatchObject({ field: 'userIds', userIds: [people.youth.id] });
    expect(await drawsRows()).toHaveLength(1);
  });

  it('replaces exactly the named members with newly drawn ones and records why', async () => {
    const before = await memberIds();
    const [first] = await drawsRows();
    const replaced = before[0];
    const res = await redraw(officer, { userIds: [replaced], reason: '  专家因病无法参加评审  ' });
    expect(res.status).toBe(200);
    const [, second] = await db.query(
      `SELECT seq, seed, candidates, drawn, replaced, reason FROM panel_draws ORDER BY seq`,
    );
    // Drawn from those never drawn before (the replaced member included), with the trimmed reason.
    expect(second).toMatchObject({ seq: 2, replaced: [replaced], reason: '专家因病无法参加评审' });
    expect(second.candidates).toEqual(firstEligible().filter((id) => !first.drawn.includes(id)));
    expect(drawPanel(second.seed, second.candidates, 1)).toEqual(second.drawn);
    expect(await memberIds()).toEqual([...before.filter((id) => id !== replaced), ...second.drawn].sort());
    const [entry] = await audit('tender.panel_redrawn');
    expect(entry.before.members.sort()).toEqual(before);
    expect(entry.after).toMatchObject({
      seq: 2,
      seed: second.seed,
      drawn: second.drawn,
      replaced: [replaced],
    });
    expect(entry.after.reason).toBe('专家因病无法参加评审');
    expect((await panel()).eligible).toBe(1);
    // The replaced member cannot be named again: they are no longer on the panel.
    expect((await redraw(officer, { userIds: [replaced], reason: '再次更换这位专家' })).status).toBe(400);
  });

  it('takes an evaluator who declares a conflict off the panel; a redraw naming them fills the seat', async () => {
    const members = await memberIds();
    const leaving = members[0];
    const token = await tokenFor(api, emailOf(leaving));
    expect(
      (await api.request('POST', `/api/tenders/${tenderId}/panel/conflict`, { token, body: {} })).status,
    ).toBe(400);
    const declared = await api.request('POST', `/api/tenders/${tenderId}/panel/conflict`, {
      token,
      body: { reason: '  配偶在投标机构任职  ' },
    });
    expect(declared.status).toBe(204);
    const after = await panel();
    expect(after.members.map((m: { userId: string }) => m.userId).sort()).toEqual(members.slice(1));
    expect(after.vacancies).toEqual([
      expect.objectContaining({
        userId: leaving,
        reason: '配偶在投标机构任职',
        declaredAt: expect.any(String),
      }),
    ]);
    const [entry] = await audit('tender.conflict_declared');
    expect(entry).toMatchObject({
      actor_id: leaving,
      after: { userId: leaving, reason: '配偶在投标机构任职' },
    });
    // Off the panel: no second declaration, no workspace.
    const again = await api.request('POST', `/api/tenders/${tenderId}/panel/conflict`, {
      token,
      body: { reason: '配偶在投标机构任职' },
    });
    expect(again.status).toBe(403);

    // The seat is filled by a redraw naming them: one replacement, the one evaluator still eligible.
    const filled = await redraw(officer, { userIds: [leaving], reason: '专家申报利益冲突，补抽一名' });
    expect(filled.status).toBe(200);
    const [, , third] = await db.query(
      `SELECT seq, seed, candidates, drawn, replaced FROM panel_draws ORDER BY seq`,
    );
    expect(third).toMatchObject({ seq: 3, replaced: [leaving] });
    expect(third.drawn).toHaveLength(1);
    expect(drawPanel(third.seed, third.candidates, 1)).toEqual(third.drawn);
    expect(filled.body.members).toHaveLength(3);
    expect(filled.body.members.map((m: { userId: string }) => m.userId)).not.toContain(leaving);
    expect(filled.body.vacancies).toEqual([]);
    expect(filled.body.eligible).toBe(0);
    // Every eligible evaluator has been drawn once: nobody comes back, so the next redraw is short.
    const short = await redraw(officer, {
      userIds: [filled.body.members[0].userId],
      reason: '再换一位专家试试',
    });
    expect(short.status).toBe(422);
    expect(short.body.details).toEqual({ eligible: 0, needed: 1 });
    expect(await drawsRows()).toHaveLength(3);
    expect((await panel()).members).toHaveLength(3);
    expect((await redraw(officer, { userIds: [leaving], reason: '这个席位已经补抽过' })).status).toBe(400);
  });

  it('keeps members who scored, and keeps the draws from the public until the award; then anyone can re-run them', async () => {
    await db.query(
      `UPDATE tenders SET enquiry_deadline = now() - interval '2 seconds', bid_deadline = now() - interval '1 second' WHERE id = $1`,
      [tenderId],
    );
    expect(await api.app.get(TendersService).closeBidding(tenderId)).toBe('closed');
    const bids: { id: string }[] = await db.query(`SELECT id FROM bids WHERE tender_id = $1`, [tenderId]);
    const members = await memberIds();
    // Each member's panels list the tender as owed until they have declared and scored every bid.
    const seat = async (token: string) => {
      const res = await api.request('GET', '/api/me/panels', { token });
      expect(res.status).toBe(200);
      return (res.body.items as { id: string; owed: boolean }[]).find((t) => t.id === tenderId);
    };
    for (const id of members) {
      const token = await tokenFor(api, emailOf(id));
      expect(await seat(token)).toMatchObject({ owed: true, status: 'evaluating', bidCount: 2 });
      expect(
        (await api.request('POST', `/api/tenders/${tenderId}/panel/declaration`, { token })).status,
      ).toBe(200);
      expect((await seat(token))?.owed).toBe(true); // the bids are still to score
      for (const [i, b] of bids.entries()) {
        const scored = await api.request('POST', `/api/bids/${b.id}/scores`, {
          token,
          body: { criteria: [{ key: 'plan', points: 50 - i }] },
        });
        expect(scored.status).toBe(200);
      }
    }
    for (const id of members) expect((await seat(await tokenFor(api, emailOf(id))))?.owed).toBe(false);
    // An evaluator of the pool off this panel does not see it; nor does anyone without the role.
    expect(await seat(await tokenFor(api, people.youth.email))).toBeUndefined();
    expect((await api.request('GET', '/api/me/panels', { token: officer })).status).toBe(403);
    expect((await api.request('GET', '/api/me/panels')).status).toBe(401);

    const kept = await redraw(officer, { userIds: [members[0]], reason: '评审中途更换专家' });
    expect(kept.status).toBe(409);
    const conflict = await api.request('POST', `/api/tenders/${tenderId}/panel/conflict`, {
      token: await tokenFor(api, emailOf(members[0])),
      body: { reason: '评分后才发现有关联' },
    });
    expect(conflict.status).toBe(409);

    // Before the award: the street office only.
    expect((await api.request('GET', `/api/tenders/${tenderId}/panel/draws`)).status).toBe(403);
    const office = await api.request('GET', `/api/tenders/${tenderId}/panel/draws`, { token: officer });
    expect(office.status).toBe(200);
    expect(office.body).toHaveLength(3);

    expect((await api.request('POST', `/api/tenders/${tenderId}/award`, { token: officer })).status).toBe(
      200,
    );
    const pub = await api.request('GET', `/api/tenders/${tenderId}/panel/draws`);
    expect(pub.status).toBe(200);
    expect(pub.body.map((d: { seq: number }) => d.seq)).toEqual([1, 2, 3]);
    for (const d of pub.body) {
      expect(Object.keys(d).sort()).toEqual([
        'candidates',
        'drawn',
        'drawnAt',
        'reason',
        'replaced',
        'seed',
        'seq',
      ]);
      expect(drawPanel(d.seed, d.candidates, d.drawn.length)).toEqual(d.drawn);
    }
    expect(pub.body[1].reason).toBe('专家因病无法参加评审');
    // Once the evaluation is over the panel no longer changes.
    expect((await redraw(officer, { userIds: [members[0]], reason: '定标后更换专家' })).status).toBe(409);
  });
});
