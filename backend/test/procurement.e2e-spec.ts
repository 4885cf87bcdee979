import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { receiptDocument, receiptHash } from '../src/modules/bids/bids.service.js';
import { IncentivesService } from '../src/modules/incentives/incentives.service.js';
import { TendersService } from '../src/modules/tenders/tenders.service.js';
import { poolEvaluator, userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { checkCodes, ocdsValidator, walkRelease } from './support/ocds.js';
import { Api, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let officer: string;
let staff: string;
let resident: string;
let evaluator: string;
const orgs: { id: string; token: string; memberId: string }[] = [];

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

function tenderBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '春晖社区居家养老上门服务项目',
    description: '为春晖、翠园社区80岁以上独居老人提供每周两次上门探访、助餐、助洁服务。',
    categoryCode: 'elderly.home_care',
    streetId: DEMO.streets[0],
    communityIds: [DEMO.communities[0], DEMO.communities[1]],
    budgetCeilingFen: 48_000_000,
    method: 'competitive_consultation',
    kpis: { serviceHours: 2400, beneficiaries: 120, minSatisfaction: 4.2 },
    weights: {
      price: 30,
      technical: 60,
      performance: 10,
      criteria: [
        { key: 'plan', name: '服务方案', weight: 40 },
        { key: 'team', name: '团队', weight: 20 },
      ],
    },
    milestonePlan: [
      { name: '首期', shareBp: 3000, dueInDays: 30 },
      { name: '中期', shareBp: 4000, dueInDays: 180 },
      // The final acceptance needs two deliverable files (the contract's milestone carries it).
      { name: '终期', shareBp: 3000, dueInDays: 365, minDeliverables: 2 },
    ],
    enquiryDeadline: inDays(5),
    bidDeadline: inDays(10),
    standstillDays: 10,
    ...overrides,
  };
}

const bidBody = (org: { id: string; memberId: string }, priceFen: number) => ({
  organizationId: org.id,
  priceFen,
  proposal: '每周两次上门探访，建立一人一档，配备持证社工与护理员，月度满意度回访。',
  team: [org.memberId],
  offeredKpis: { serviceHours: 2600, beneficiaries: 130, minSatisfaction: 4.5 },
});

async function publishedTender(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await api.request('POST', '/api/tenders', { token: officer, body: tenderBody(overrides) });
  expect(created.status).toBe(201);
  const published = await api.request('POST', `/api/tenders/${created.body.id}/publish`, { token: officer });
  expect(published.status).toBe(200);
  return created.body.id;
}

/** Moves the deadline into the past, as time passing would (the database clock decides lateness). */
const passDeadline = (tenderId: string) =>
  db.query(
    `UPDATE tenders SET enquiry_deadline = now() - interval '2 seconds', bid_deadline = now() - interval '1 second' WHERE id = $1`,
    [tenderId],
  );

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  officer = await tokenFor(api, 'officer@demo.sanshe.cn');
  staff = await tokenFor(api, 'staff@demo.sanshe.cn');
  resident = await tokenFor(api, 'resident@demo.sanshe.cn');
  evaluator = await tokenFor(api, 'evaluator@demo.sanshe.cn');
  for (const name of ['甲社工事务所', '乙养老服务社', '丙互助中心']) {
    const org = await verifiedOrganization(db, name);
    orgs.push({ id: org.id, memberId: org.memberId, token: await tokenFor(api, org.adminEmail) });
  }
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('needs and the task admission list', () => {
  it('goes from a resident need to an accepted one addressed by a published tender', async () => {
    const need = await api.request('POST', '/api/needs', {
      token: resident,
      body: {
        communityId: DEMO.communities[0],
        categoryCode: 'elderly.home_care',
        title: '独居老人需要助餐',
        text: '楼里有三位独居老人吃饭困难，希望有助餐服务。',
      },
    });
    expect(need.status).toBe(201);
    const votes = await Promise.all(
      [1, 2, 3].map(() => api.request('POST', `/api/needs/${need.body.id}/upvote`, { token: resident })),
    );
    expect(votes.every((v) => v.status === 200)).toBe(true);
    expect(
      (await api.request('GET', `/api/communities/${DEMO.communities[0]}/needs`, { token: resident })).body
        .items[0],
    ).toMatchObject({ upvotes: 1, upvotedByMe: true });
    expect(
      (
        await api.request('POST', `/api/needs/${need.body.id}/triage`, {
          token: resident,
          body: { decision: 'accept' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/needs/${need.body.id}/triage`, {
          token: staff,
          body: { decision: 'decline' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.request('POST', `/api/needs/${need.body.id}/triage`, {
          token: staff,
          body: { decision: 'accept' },
        })
      ).body.status,
    ).toBe('accepted');

    const tenderId = await publishedTender({ needIds: [need.body.id] });
    const after = (
      await api.request('GET', `/api/communities/${DEMO.communities[0]}/needs`, { token: staff })
    ).body.items.find((n: { id: string }) => n.id === need.body.id);
    expect(after).toMatchObject({ status: 'addressed', tenderId });
  });

  it('keeps residents to their own community', async () => {
    const res = await api.request('POST', '/api/needs', {
      token: resident,
      body: {
        communityId: DEMO.communities[3],
        categoryCode: 'youth',
        title: '别的社区',
        text: '不是我住的社区的需求',
      },
    });
    expect(res.status).toBe(403);
  });

  it('refuses a task the community did not admit, and keeps the refusal', async () => {
    const admitted = await api.request('POST', `/api/communities/${DEMO.communities[0]}/admission-items`, {
      token: staff,
      body: { code: 'census', title: '人口普查入户登记' },
    });
    expect(admitted.status).toBe(201);
    const ok = await api.request('POST', `/api/communities/${DEMO.communities[0]}/tasks`, {
      token: officer,
      body: { code: 'census', title: '2026年人口抽样调查' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.status).toBe('assigned');
    const refused = await api.request('POST', `/api/communities/${DEMO.communities[0]}/tasks`, {
      token: officer,
      body: { code: 'fundraising', title: '募捐任务' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'task.not_admitted',
      message: expect.stringContaining('准入清单'),
    });
    // Newest first, a page at a time.
    const tasks = `/api/communities/${DEMO.communities[0]}/tasks`;
    const first = await api.request('GET', `${tasks}?limit=1`, { token: staff });
    expect(first.body.items.map((t: { code: string; status: string }) => [t.code, t.status])).toEqual([
      ['fundraising', 'refused'],
    ]);
    expect(first.body.links.next).toMatch(/^\/api\/communities\/.+\/tasks\?limit=1&cursor=/);
    const second = await api.request('GET', first.body.links.next, { token: staff });
    expect(second.body.items.map((t: { code: string }) => t.code)).toEqual(['census']);
    expect(second.body.nextCursor).toBeNull();
    expect(
      (
        await api.request('POST', `/api/communities/${DEMO.communities[3]}/tasks`, {
          token: officer,
          body: { code: 'census', title: '别的街道的任务' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('tenders', () => {
  it('refuse publication while a rule is broken, naming each problem', async () => {
    const created = await api.request('POST', '/api/tenders', {
      token: officer,
      body: tenderBody({
        method: 'single_source',
        milestonePlan: [{ name: '一次', shareBp: 9000, dueInDays: 30 }],
      }),
    });
    const res = await api.request('POST', `/api/tenders/${created.body.id}/publish`, { token: officer });
    expect(res.status).toBe(400);
    expect(res.body.details.problems).toEqual([
      'milestone shares add up to 90 %, not 100 %',
      'single_source needs the invited organization',
      'single_source needs a written justification',
    ]);
    const [{ status }] = await db.query(`SELECT status FROM tenders WHERE id = $1`, [created.body.id]);
    expect(status).toBe('draft');
  });

  it('refuse a stale edit: the second officer saving over the first gets 412, nothing is lost', async () => {
    const colleague = await userWithRoles(db, 'officer-b@example.cn', [
      ['street_officer', { regionId: DEMO.streets[0] }],
    ]);
    expect(colleague).toBeTruthy();
    const second = await tokenFor(api, 'officer-b@example.cn');
    const created = await api.request('POST', '/api/tenders', { token: officer, body: tenderBody() });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/tenders/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    const url = `/api/tenders/${created.body.id}`;
    // Both officers open the draft at version 1.
    const [a, b] = await Promise.all([
      api.request('GET', url, { token: officer }),
      api.request('GET', url, { token: second }),
    ]);
    expect([a.headers.get('etag'), b.headers.get('etag')]).toEqual(['"1"', '"1"']);
    const first = await api.request('PUT', url, {
      token: officer,
      headers: { 'if-match': a.headers.get('etag')! },
      body: tenderBody({ title: '第一位科长的标题' }),
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const stale = await api.request('PUT', url, {
      token: second,
      headers: { 'if-match': b.headers.get('etag')! },
      body: tenderBody({ title: '第二位科长的标题' }),
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({
      code: 'precondition.failed',
      details: { expectedVersion: 1, currentVersion: 2 },
    });
    expect((await api.request('GET', url, { token: second })).body).toMatchObject({
      title: '第一位科长的标题',
      version: 2,
    });
    // Reloaded, the second officer's edit goes through; a malformed If-Match is a 400.
    const retried = await api.request('PUT', url, {
      token: second,
      headers: { 'if-match': '"2"' },
      body: tenderBody({ title: '第二位科长的标题' }),
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ title: '第二位科长的标题', version: 3 });
    expect(
      (await api.request('PUT', url, { token: second, headers: { 'if-match': 'v3' }, body: tenderBody() }))
        .status,
    ).toBe(400);
  });

  it('list a page at a time, newest first, each page linking the next', async () => {
    const ids = [];
    for (const title of ['分页测试项目一', '分页测试项目二', '分页测试项目三'])
      ids.push(await publishedTender({ title }));
    const seen: string[] = [];
    let next: string | null = `/api/tenders?status=published&limit=2`;
    while (next) {
      const page: {
        status: number;
        body: { items: { id: string }[]; nextCursor: string | null; links: { next: string | null } };
      } = await api.request('GET', next);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((t) => t.id));
      expect(page.body.links.next === null).toBe(page.body.nextCursor === null);
      next = page.body.links.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 3)).toEqual([...ids].reverse());
    const bad = await api.request('GET', '/api/tenders?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation.failed');
  });

  it('keep drafts to their street office', async () => {
    const created = await api.request('POST', '/api/tenders', { token: officer, body: tenderBody() });
    expect((await api.request('GET', `/api/tenders/${created.body.id}`, { token: officer })).status).toBe(
      200,
    );
    expect((await api.request('GET', `/api/tenders/${created.body.id}`)).status).toBe(404);
    expect(
      (await api.request('GET', `/api/tenders/${created.body.id}`, { token: orgs[0].token })).status,
    ).toBe(404);
    expect(
      (await api.request('GET', '/api/tenders?limit=100')).body.items.map((t: { id: string }) => t.id),
    ).not.toContain(created.body.id);
    expect(
      (
        await api.request('POST', '/api/tenders', {
          token: officer,
          body: tenderBody({ streetId: DEMO.streets[1], communityIds: [DEMO.communities[3]] }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.request('POST', '/api/tenders', { token: orgs[0].token, body: tenderBody() })).status,
    ).toBe(403);
  });

  it('answer enquiries to everyone without naming who asked', async () => {
    const tenderId = await publishedTender();
    const asked = await api.request('POST', `/api/tenders/${tenderId}/enquiries`, {
      token: orgs[0].token,
      body: { organizationId: orgs[0].id, question: '服务对象名单由谁提供？' },
    });
    expect(asked.status).toBe(201);
    expect((await api.request('GET', `/api/tenders/${tenderId}/enquiries`)).body).toEqual([]);
    const answered = await api.request('POST', `/api/tenders/${tenderId}/enquiries/${asked.body.id}/answer`, {
      token: officer,
      body: { answer: '由社区居委会提供。' },
    });
    expect(answered.body).toMatchObject({ id: asked.body.id, answer: '由社区居委会提供。' });
    expect(
      (
        await api.request('POST', `/api/tenders/${tenderId}/enquiries/${asked.body.id}/answer`, {
          token: orgs[0].token,
          body: { answer: '自问自答' },
        })
      ).status,
    ).toBe(403);
    const pub = await api.request('GET', `/api/tenders/${tenderId}/enquiries`, { token: orgs[1].token });
    expect(pub.body).toEqual([
      expect.objectContaining({ question: '服务对象名单由谁提供？', answer: '由社区居委会提供。' }),
    ]);
    expect(JSON.stringify(pub.body)).not.toContain(orgs[0].id);
  });
});

describe('sealed bids', () => {
  let tenderId: string;
  let bidId: string;
  let receipt: { hash: string; document: string };

  beforeAll(async () => {
    tenderId = await publishedTender();
  });

  it('give the bidder a SHA-256 receipt of exactly what it submitted', async () => {
    const res = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: orgs[0].token,
      body: bidBody(orgs[0], 45_000_000),
    });
    expect(res.status).toBe(201);
    bidId = res.body.bid.id;
    receipt = res.body.receipt;
    expect(receipt.hash).toBe(receiptHash(receipt.document));
    expect(JSON.parse(receipt.document)).toMatchObject({
      priceFen: 45_000_000,
      organizationId: orgs[0].id,
      tenderId,
    });
    const check = await api.request('POST', `/api/bids/${bidId}/receipt/verify`, {
      token: orgs[0].token,
      body: { hash: receipt.hash },
    });
    expect(check.body).toEqual({ valid: true, storedHash: receipt.hash });
  });

  it('show nobody but the bidder the price, proposal or team before the deadline', async () => {
    const secretPrice = '45000000';
    for (const [who, token] of [
      ['officer', officer],
      ['evaluator', evaluator],
      ['other org', orgs[1].token],
      ['resident', resident],
      ['staff', staff],
    ] as const) {
      const direct = await api.request('GET', `/api/bids/${bidId}`, { token });
      expect([who, direct.status]).toEqual([who, 404]);
      const mine = await api.request('GET', `/api/tenders/${tenderId}/bids/mine`, { token });
      expect([who, mine.status === 403 || (mine.status === 200 && mine.body.length === 0)]).toEqual([
        who,
        true,
      ]);
      for (const path of [`/api/tenders/${tenderId}`, '/api/tenders', `/api/tenders/${tenderId}/enquiries`]) {
        const res = await api.request('GET', path, { token });
        expect([who, path, JSON.stringify(res.body).includes(secretPrice)]).toEqual([who, path, false]);
        expect(JSON.stringify(res.body)).not.toContain('每周两次上门探访，建立一人一档');
      }
      const verify = await api.request('POST', `/api/bids/${bidId}/receipt/verify`, {
        token,
        body: { hash: receipt.hash },
      });
      expect([
        who,
        [403, 404].includes(verify.status),
        JSON.stringify(verify.body).includes(secretPrice),
      ]).toEqual([who, true, false]);
    }
    expect((await api.request('GET', `/api/bids/${bidId}`)).status).toBe(401);
    // The street office sees only how many bids there are.
    expect((await api.request('GET', `/api/tenders/${tenderId}`, { token: officer })).body.bidCount).toBe(1);
    expect((await api.request('GET', `/api/bids/${bidId}`, { token: orgs[0].token })).body.priceFen).toBe(
      45_000_000,
    );
  });

  it('keep one live bid per organization even when submissions race', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.request('POST', `/api/tenders/${tenderId}/bids`, {
          token: orgs[1].token,
          body: bidBody(orgs[1], 40_000_000 + i),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM bids WHERE tender_id = $1 AND organization_id = $2 AND status <> 'withdrawn'`,
      [tenderId, orgs[1].id],
    );
    expect(n).toBe(1);
  });

  it('can be withdrawn and resubmitted before the deadline', async () => {
    expect((await api.request('POST', `/api/bids/${bidId}/withdraw`, { token: orgs[1].token })).status).toBe(
      404,
    );
    const withdrawn = await api.request('POST', `/api/bids/${bidId}/withdraw`, { token: orgs[0].token });
    expect(withdrawn.body.status).toBe('withdrawn');
    const again = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: orgs[0].token,
      body: bidBody(orgs[0], 44_000_000),
    });
    expect(again.status).toBe(201);
    bidId = again.body.bid.id;
    receipt = again.body.receipt;
  });

  it('detect a bid changed behind the receipt', async () => {
    await db.query(`UPDATE bids SET price_fen = 1 WHERE id = $1`, [bidId]);
    const check = await api.request('POST', `/api/bids/${bidId}/receipt/verify`, {
      token: orgs[0].token,
      body: { hash: receipt.hash },
    });
    expect(check.body.valid).toBe(false);
    await db.query(`UPDATE bids SET price_fen = 44000000 WHERE id = $1`, [bidId]);
    expect(
      receiptHash(
        receiptDocument({
          ...JSON.parse(receipt.document),
          submittedAt: new Date(JSON.parse(receipt.document).submittedAt),
        }),
      ),
    ).toBe(receipt.hash);
  });

  it('refuse prices over the ceiling, teams from elsewhere, ineligible and late bidders', async () => {
    const third = orgs[2];
    const over = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: third.token,
      body: bidBody(third, 48_000_001),
    });
    expect(over.status).toBe(400);
    const foreignTeam = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: third.token,
      body: { ...bidBody(third, 1000), team: [orgs[0].memberId] },
    });
    expect(foreignTeam.status).toBe(400);
    const notMine = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: third.token,
      body: bidBody(orgs[0], 1000),
    });
    expect(notMine.status).toBe(403);
    await db.query(`UPDATE organizations SET credit_status = 'abnormal' WHERE id = $1`, [third.id]);
    const listed = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: third.token,
      body: bidBody(third, 1000),
    });
    expect(listed.status).toBe(422);
    expect(listed.body.details.reasons).toContainEqual(expect.objectContaining({ code: 'credit_abnormal' }));
    await db.query(`UPDATE organizations SET credit_status = 'normal' WHERE id = $1`, [third.id]);

    // Two months in a row at tier D: the incentive rules bar new bids for six months.
    await db.query(
      `INSERT INTO score_snapshots (organization_id, period_end, formula_version, score, tier, indicators, inputs)
       VALUES ($1, date_trunc('month', current_date)::date - 1, 'v2', 50, 'D', '{}', '{}'), ($1, current_date, 'v2', 52, 'D', '{}', '{}')`,
      [third.id],
    );
    await api.app.get(IncentivesService).apply(new Date().toISOString().slice(0, 10), [third.id]);
    const barred = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: third.token,
      body: bidBody(third, 1000),
    });
    expect(barred.status).toBe(422);
    expect(barred.body.message).toMatch(
      /^New bids are barred until \d{4}-\d{2}-\d{2}: Tier D for 2 consecutive months/,
    );
    expect(barred.body.details.reasons).toEqual([expect.objectContaining({ code: 'barred' })]);
    // Back to a clean record: the evaluation below reads past performance from the snapshots.
    await db.query(`DELETE FROM incentive_decisions WHERE organization_id = $1`, [third.id]);
    await db.query(`DELETE FROM score_snapshots WHERE organization_id = $1`, [third.id]);
    await db.query(`UPDATE organizations SET current_score = NULL, current_tier = NULL WHERE id = $1`, [
      third.id,
    ]);
  });

  it('close at the deadline by the server clock, opening the bids to the street office', async () => {
    await passDeadline(tenderId);
    const late = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: orgs[2].token,
      body: bidBody(orgs[2], 30_000_000),
    });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('tender.closed');
    expect(await api.app.get(TendersService).closeBidding(tenderId)).toBe('closed');
    expect((await api.request('GET', `/api/tenders/${tenderId}`)).body.status).toBe('evaluating');
    const opened = await api.request('GET', `/api/bids/${bidId}`, { token: officer });
    expect(opened.status).toBe(200);
    expect(opened.body.status).toBe('opened');
    expect((await api.request('GET', `/api/bids/${bidId}`, { token: orgs[1].token })).status).toBe(404);
    expect(await api.app.get(TendersService).closeBidding(tenderId)).toBe('not_open');
  });

  it('make a tender with too few bids unsuccessful', async () => {
    const lonely = await publishedTender({ method: 'public_tender' });
    await api.request('POST', `/api/tenders/${lonely}/bids`, {
      token: orgs[0].token,
      body: bidBody(orgs[0], 1000),
    });
    await passDeadline(lonely);
    expect(await api.app.get(TendersService).closeBidding(lonely)).toBe('unsuccessful');
    expect((await api.request('GET', `/api/tenders/${lonely}`)).body).toMatchObject({
      status: 'unsuccessful',
      statusReason: '1 valid bid(s); public_tender needs 3',
    });
  });
});

describe('amendments and cancellation', () => {
  it('push a near deadline out to the minimum notice and record it', async () => {
    const tenderId = await publishedTender({ enquiryDeadline: inDays(0.5), bidDeadline: inDays(1) });
    const res = await api.request('POST', `/api/tenders/${tenderId}/amendments`, {
      token: officer,
      body: { summary: '增加一个服务社区', description: '服务范围扩大至明德社区，其余不变，详见附件。' },
    });
    expect(res.status).toBe(201);
    const extendedTo = new Date(res.body.bidDeadline).getTime();
    expect(extendedTo).toBeGreaterThan(Date.now() + (env.AMENDMENT_MIN_DAYS * 24 - 1) * 3600 * 1000);
    expect(res.body.amendments).toEqual([
      expect.objectContaining({ summary: '增加一个服务社区', deadlineExtendedTo: expect.any(String) }),
    ]);
  });

  it('cancel with a reason, returning linked needs to the accepted list', async () => {
    const tenderId = await publishedTender();
    expect(
      (await api.request('POST', `/api/tenders/${tenderId}/cancel`, { token: officer, body: {} })).status,
    ).toBe(400);
    const res = await api.request('POST', `/api/tenders/${tenderId}/cancel`, {
      token: officer,
      body: { reason: '预算调整' },
    });
    expect(res.body).toMatchObject({ status: 'cancelled', statusReason: '预算调整' });
    expect(
      (
        await api.request('POST', `/api/tenders/${tenderId}/bids`, {
          token: orgs[0].token,
          body: bidBody(orgs[0], 1000),
        })
      ).body.code,
    ).toBe('tender.closed');
  });
});

describe('evaluation, award, standstill and contract', () => {
  let tenderId: string;
  const bidIds: Record<string, string> = {};
  let evaluator2: string;

  beforeAll(async () => {
    tenderId = await publishedTender();
    for (const [i, price] of [40_000_000, 45_000_000, 42_000_000].entries()) {
      const res = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
        token: orgs[i].token,
        body: bidBody(orgs[i], price),
      });
      bidIds['ABC'[i]] = res.body.bid.id;
    }
    // A second evaluator in the street's pool for elderly services (who will join a bidding organization).
    await poolEvaluator(db, 'evaluator2@example.cn', DEMO.streets[0], ['elderly']);
    evaluator2 = await tokenFor(api, 'evaluator2@example.cn');
    await passDeadline(tenderId);
    await api.app.get(TendersService).closeBidding(tenderId);
  });

  const userId = async (email: string) =>
    (await db.query(`SELECT id FROM users WHERE email = $1`, [email]))[0].id;
  const score = (token: string, bid: string, plan: number, team: number) =>
    api.request('POST', `/api/bids/${bid}/scores`, {
      token,
      body: {
        criteria: [
          { key: 'plan', points: plan },
          { key: 'team', points: team },
        ],
      },
    });

  it("draws the panel from the street's pool, shown to that street's office only", async () => {
    const panel = () => api.request('GET', `/api/tenders/${tenderId}/panel`, { token: officer });
    const before = await panel();
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ members: [], vacancies: [], poolSize: 2, eligible: 2 });

    const drawn = await api.request('POST', `/api/tenders/${tenderId}/panel/draw`, {
      token: officer,
      body: { size: 2 },
    });
    expect(drawn.status).toBe(200);
    const ids = async (...emails: string[]) => (await Promise.all(emails.map(userId))).sort();
    expect(drawn.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual(
      await ids('evaluator@demo.sanshe.cn', 'evaluator2@example.cn'),
    );
    expect((await panel()).body).toMatchObject({ poolSize: 2, eligible: 0 });

    await userWithRoles(db, 'officer-s2@example.cn', [['street_officer', { regionId: DEMO.streets[1] }]]);
    for (const token of [await tokenFor(api, 'officer-s2@example.cn'), evaluator, orgs[0].token]) {
      const res = await api.request('GET', `/api/tenders/${tenderId}/panel`, { token });
      expect(res.status).toBe(403);
      expect(res.body.code).toMatch(/^auth\./);
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await api.request('GET', `/api/tenders/${unknown}/panel`, { token: officer })).status).toBe(404);
  });

  it('keeps bids from evaluators until they declare no conflict, and refuses a conflicted one', async () => {
    // Drawn before they joined a bidding organization: the declaration finds the conflict.
    await db.query(
      `INSERT INTO role_memberships (user_id, role, organization_id) SELECT id, 'org_admin', $1 FROM users WHERE email = 'evaluator2@example.cn'`,
      [orgs[2].id],
    );
    expect(
      (await api.request('GET', `/api/tenders/${tenderId}/evaluation`, { token: evaluator })).status,
    ).toBe(403);
    expect((await score(evaluator, bidIds.A, 30, 10)).status).toBe(403);
    const conflicted = await api.request('POST', `/api/tenders/${tenderId}/panel/declaration`, {
      token: evaluator2,
    });
    expect(conflicted.status).toBe(409);
    expect(conflicted.body.message).toContain('丙互助中心');
    expect(
      (await api.request('POST', `/api/tenders/${tenderId}/panel/declaration`, { token: evaluator })).status,
    ).toBe(200);
    const workspace = await api.request('GET', `/api/tenders/${tenderId}/evaluation`, { token: evaluator });
    expect(workspace.body.bids.map((b: { priceFen: number }) => b.priceFen).sort()).toEqual([
      40_000_000, 42_000_000, 45_000_000,
    ]);
    expect(
      (await api.request('GET', `/api/tenders/${tenderId}/evaluation`, { token: evaluator2 })).status,
    ).toBe(403);
    // So they declare the conflict and leave the panel.
    expect(
      (
        await api.request('POST', `/api/tenders/${tenderId}/panel/conflict`, {
          token: evaluator2,
          body: { reason: '本人担任投标机构丙互助中心的管理员' },
        })
      ).status,
    ).toBe(204);
    expect(
      (await api.request('GET', `/api/tenders/${tenderId}/panel`, { token: officer })).body.members.map(
        (m: { userId: string }) => m.userId,
      ),
    ).toEqual([await userId('evaluator@demo.sanshe.cn')]);
  });

  it('keeps results private until the award and refuses incomplete or out-of-range scores', async () => {
    expect((await api.request('GET', `/api/tenders/${tenderId}/results`)).status).toBe(403);
    expect(
      (await api.request('GET', `/api/tenders/${tenderId}/results`, { token: orgs[0].token })).status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/bids/${bidIds.A}/scores`, {
          token: evaluator,
          body: { criteria: [{ key: 'plan', points: 30 }] },
        })
      ).status,
    ).toBe(400);
    const over = await score(evaluator, bidIds.A, 41, 10);
    expect(over.status).toBe(400);
    expect(over.body.details.over).toEqual(['plan (max 40)']);
    await score(evaluator, bidIds.A, 35, 15);
    const early = await api.request('POST', `/api/tenders/${tenderId}/award`, { token: officer });
    expect(early.status).toBe(409);
    expect(early.body.details.missing).toBe(2);
  });

  it('ranks by the formulas and awards the top bid, starting the standstill (worked example)', async () => {
    await score(evaluator, bidIds.B, 38, 18);
    await score(evaluator, bidIds.C, 30, 15);
    const awarded = await api.request('POST', `/api/tenders/${tenderId}/award`, { token: officer });
    expect(awarded.status).toBe(200);
    // price 30 × lowest ÷ price; technical = plan + team; performance = neutral 70 × 10 ÷ 100 = 7
    expect(
      awarded.body.ranking.map((r: Record<string, unknown>) => [
        r.organizationName,
        r.price,
        r.technical,
        r.performance,
        r.total,
        r.rank,
      ]),
    ).toEqual([
      ['乙养老服务社', 26.67, 56, 7, 89.67, 1],
      ['甲社工事务所', 30, 50, 7, 87, 2],
      ['丙互助中心', 28.57, 45, 7, 80.57, 3],
    ]);
    expect(awarded.body.awardedBidId).toBe(bidIds.B);
    // Results are public now, prices included, for anyone.
    const pub = await api.request('GET', `/api/tenders/${tenderId}/results`);
    expect(pub.status).toBe(200);
    expect(pub.body.ranking[0].priceFen).toBe(45_000_000);
    expect((await api.request('GET', `/api/tenders/${tenderId}`)).body.status).toBe('standstill');
  });

  it('lets a bidder complain during the standstill; upheld, it sends the tender back to evaluation', async () => {
    const outsider = await verifiedOrganization(db, '丁旁观机构');
    const outsiderToken = await tokenFor(api, outsider.adminEmail);
    expect(
      (
        await api.request('POST', `/api/tenders/${tenderId}/complaints`, {
          token: outsiderToken,
          body: { organizationId: outsider.id, reason: '我没投标但想投诉' },
        })
      ).status,
    ).toBe(403);
    const complaint = await api.request('POST', `/api/tenders/${tenderId}/complaints`, {
      token: orgs[0].token,
      body: { organizationId: orgs[0].id, reason: '技术评分未考虑我方持证社工数量' },
    });
    expect(complaint.status).toBe(201);
    const early = await api.request('POST', `/api/tenders/${tenderId}/contract`, {
      token: officer,
      body: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
    });
    expect(early.status).toBe(409);
    const upheld = await api.request('POST', `/api/complaints/${complaint.body.id}/decision`, {
      token: officer,
      body: { uphold: true, reason: '重新评审技术分' },
    });
    expect(upheld.body.status).toBe('upheld');
    expect((await api.request('GET', `/api/tenders/${tenderId}`)).body.status).toBe('evaluating');
    await score(evaluator, bidIds.A, 40, 20);
    const again = await api.request('POST', `/api/tenders/${tenderId}/award`, { token: officer });
    expect(again.body.ranking[0]).toMatchObject({ organizationName: '甲社工事务所', total: 97, rank: 1 });
    const second = await api.request('POST', `/api/tenders/${tenderId}/complaints`, {
      token: orgs[1].token,
      body: { organizationId: orgs[1].id, reason: '对重新评审结果有异议' },
    });
    const dismissed = await api.request('POST', `/api/complaints/${second.body.id}/decision`, {
      token: officer,
      body: { uphold: false, reason: '评审程序合规' },
    });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', decisionReason: '评审程序合规' });
  });

  it('turns the award into a contract once the standstill is over, with milestones exact to the fen', async () => {
    const early = await api.request('POST', `/api/tenders/${tenderId}/contract`, {
      token: officer,
      body: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
    });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('standstill');
    await db.query(`UPDATE tenders SET standstill_ends_at = now() - interval '1 second' WHERE id = $1`, [
      tenderId,
    ]);
    // The contract commits its amount against the street's 2027 budget: none yet, so it is refused and nothing is written.
    const poor = await api.request('POST', `/api/tenders/${tenderId}/contract`, {
      token: officer,
      body: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
    });
    expect(poor.status).toBe(422);
    expect(poor.body).toMatchObject({
      code: 'budget.insufficient',
      details: { availableFen: 0, neededFen: 40_000_000 },
    });
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM contracts WHERE tender_id = $1`, [tenderId]))[0].n,
    ).toBe(0);
    const finance = await tokenFor(api, 'finance@demo.sanshe.cn');
    await api.request('POST', `/api/streets/${DEMO.streets[0]}/budget/allocations`, {
      token: finance,
      body: { year: 2027, amountFen: 100_000_000, reference: 'BUDGET-2027-001' },
    });
    expect(
      (
        await api.request('POST', `/api/tenders/${tenderId}/contract`, {
          token: orgs[0].token,
          body: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
        })
      ).status,
    ).toBe(403);
    const contract = await api.request('POST', `/api/tenders/${tenderId}/contract`, {
      token: officer,
      body: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
    });
    expect(contract.status).toBe(201);
    expect(contract.body).toMatchObject({
      organizationName: '甲社工事务所',
      amountFen: 40_000_000,
      startsOn: '2027-01-01',
    });
    expect(
      contract.body.milestones.map((m: { amountFen: number; dueOn: string }) => [m.amountFen, m.dueOn]),
    ).toEqual([
      [12_000_000, '2027-01-31'],
      [16_000_000, '2027-06-30'],
      [12_000_000, '2028-01-01'],
    ]);
    expect(contract.body.milestones.map((m: { minDeliverables: number }) => m.minDeliverables)).toEqual([
      0, 0, 2,
    ]);
    expect((await api.request('GET', `/api/tenders/${tenderId}`)).body.status).toBe('contracted');
    expect(
      (await api.request('GET', `/api/streets/${DEMO.streets[0]}/budget?year=2027`, { token: officer })).body,
    ).toEqual({
      streetId: DEMO.streets[0],
      year: 2027,
      allocatedFen: 100_000_000,
      committedFen: 40_000_000,
      paidFen: 0,
      availableFen: 60_000_000,
      contracts: [
        {
          contractId: contract.body.id,
          title: expect.any(String),
          organizationName: '甲社工事务所',
          amountFen: 40_000_000,
          paidFen: 0,
          committedFen: 40_000_000,
        },
      ],
    });
    expect(
      (
        await api.request('POST', `/api/tenders/${tenderId}/cancel`, {
          token: officer,
          body: { reason: '太晚了' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await api.request('POST', `/api/tenders/${tenderId}/contract`, {
          token: officer,
          body: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
        })
      ).status,
    ).toBe(409);
  });

  it('publishes the whole process as OCDS releases that validate against the schema and code lists', async () => {
    const res = await api.request('GET', `/api/ocds/releases?tenderId=${tenderId}`);
    expect(res.status).toBe(200);
    const validate = ocdsValidator();
    const valid = validate(res.body);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator does reject what breaks the standard.
    const broken = structuredClone(res.body);
    broken.releases[0].tender.status = 'open_for_bids';
    delete broken.releases[1].ocid;
    expect(validate(broken)).toBe(false);
    const releases = res.body.releases;
    expect(releases.map((r: { tag: string[] }) => r.tag[0])).toEqual(['tender', 'award', 'contract']);
    // Every codelist-typed field in its code list (closed lists strictly), and nothing beyond core OCDS.
    for (const r of releases) {
      expect([r.id, checkCodes(r).errors]).toEqual([r.id, []]);
      expect([r.id, walkRelease(r).beyondCore]).toEqual([r.id, []]);
    }
    const contract = releases[2];
    expect(contract.contracts[0]).toMatchObject({
      value: { amount: 400000, currency: 'CNY' },
      status: 'active',
    });
    expect(contract.awards[0].suppliers[0].name).toBe('甲社工事务所');
  });

  it('asks for the OCDS bulk download to be rewritten when a tender is published', async () => {
    const queue = api.app.get<Queue>(getQueueToken('exports'), { strict: false });
    const pending = async () =>
      (await queue.getJobs(['delayed', 'waiting'])).filter((j) => j.name === 'ocds.bulk_build');
    // A clean slate: no rewrite pending, no window open.
    for (const job of await pending()) await job.remove();
    await queue.removeDeduplicationKey('ocds-bulk');
    await publishedTender();
    expect(await pending()).toHaveLength(1);
    // Published again within the window: the same rewrite takes it.
    await publishedTender();
    expect(await pending()).toHaveLength(1);
  });

  it('keeps sealed bids out of the OCDS output until the deadline', async () => {
    const open = await publishedTender();
    await api.request('POST', `/api/tenders/${open}/bids`, {
      token: orgs[0].token,
      body: bidBody(orgs[0], 123_456),
    });
    const res = await api.request('GET', `/api/ocds/releases?tenderId=${open}`);
    const validate = ocdsValidator();
    expect(validate(res.body)).toBe(true);
    expect(res.body.releases).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toContain(orgs[0].id);
    expect(JSON.stringify(res.body)).not.toContain('1234.56');
  });
});
