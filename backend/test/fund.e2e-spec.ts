import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../src/common/audit/audit.service.js';
import { openApiDocument } from '../src/app.factory.js';
import { purgeExpiredIdempotencyKeys } from '../src/common/idempotency/idempotency.interceptor.js';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { IncentiveBonusesService } from '../src/modules/incentives/incentive-bonuses.service.js';
import { incentivePoolAccount, LedgerService } from '../src/modules/ledger/ledger.service.js';
import { startFakeStripe, type FakeStripe } from '@sanshe/fake-stripe';
import { PayoutsService } from '../src/modules/payments/payouts.service.js';
import { userWithRoles } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import {
  ACCEPTANCE_RATING,
  contractOf,
  STRIPE_TEST_SECRET,
  stripeTestEnv,
  testOrganization,
  webhookUrl,
  type TestOrg,
} from './support/payments.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

const street = DEMO.streets[0];
const [c0, c1] = DEMO.communities; // both served by the test organization's direct contract (street 0)
const far = DEMO.communities[4]; // street 1
let fake: FakeStripe;
let env: Env;
let db: DataSource;
let api: Api;
let org: TestOrg;
let projectId: string;
let contract: { contractId: string; milestoneId: string };
const t: Record<string, string> = {};

const ledgerTotal = async () =>
  (await db.query(`SELECT coalesce(sum(amount_fen), 0)::float8 AS total FROM postings`))[0].total;
const balanceOf = async (code: string) =>
  (
    await db.query(
      `SELECT coalesce(sum(p.amount_fen), 0)::float8 AS total FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = $1`,
      [code],
    )
  )[0].total;
const summary = async (communityId: string) =>
  (await api.request('GET', `/api/communities/${communityId}/fund`)).body;
const propose = (communityId: string, body: Record<string, unknown>, token = t.staff, key?: string) =>
  api.request('POST', `/api/communities/${communityId}/fund/grants`, {
    token,
    body,
    headers: key ? { 'idempotency-key': key } : {},
  });

/** A donation as a visitor makes it: the Checkout session from the API, paid on the fake Stripe's page. */
async function donate(communityId: string, amountFen: number, donor: Record<string, string> = {}) {
  const res = await api.request('POST', `/api/communities/${communityId}/donations`, {
    body: { amountFen, ...donor },
  });
  expect(res.status).toBe(201);
  const page = await fetch(res.body.url, { redirect: 'manual' });
  expect(page.status).toBe(302);
  expect(page.headers.get('location')).toMatch(new RegExp(`/donate/thanks\\?session=${res.body.sessionId}$`));
  await fake.idle(); // the signed checkout.session.completed has reached the API
  return res.body.sessionId as string;
}

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: STRIPE_TEST_SECRET });
  env = useTestEnv(stripeTestEnv(fake));
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  fake.webhookUrl = webhookUrl(api);
  await userWithRoles(db, 'staff-c1@example.cn', [['community_staff', { regionId: c1 }]]);
  await userWithRoles(db, 'staff-far@example.cn', [['community_staff', { regionId: far }]]);
  // Community staff who is also street finance: may propose, never approve their own proposal.
  await userWithRoles(db, 'staff-finance@example.cn', [
    ['community_staff', { regionId: c0 }],
    ['street_finance', { regionId: street }],
  ]);
  for (const [key, email] of Object.entries({
    staff: 'staff@demo.sanshe.cn',
    staff1: 'staff-c1@example.cn',
    far: 'staff-far@example.cn',
    both: 'staff-finance@example.cn',
    resident: 'resident@demo.sanshe.cn',
    finance: 'finance@demo.sanshe.cn',
    director: 'director@demo.sanshe.cn',
    officer: 'officer@demo.sanshe.cn',
  })) {
    t[key] = await tokenFor(api, email);
  }
  const allocated = await api.request('POST', `/api/streets/${street}/budget/allocations`, {
    token: t.finance,
    body: { year: 2026, amountFen: 100_000_000, reference: 'FUND-1' },
  });
  expect(allocated.status).toBe(201);
  org = await testOrganization(db, api, '基金测试机构');
  contract = await contractOf(db, api, org, 1_000_000);
  [{ id: projectId }] = await db.query(`SELECT id FROM projects WHERE contract_id = $1`, [
    contract.contractId,
  ]);
});
afterEach(async () => {
  expect(await ledgerTotal()).toBe(0);
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM ledger_accounts a WHERE a.kind IN ('fund', 'incentive_pool')
        AND (SELECT coalesce(sum(amount_fen), 0) FROM postings WHERE account_id = a.id) < 0`,
  );
  expect(n).toBe(0); // no fund or pool is ever overdrawn
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

describe('donations', () => {
  it('credit the fund once, from the signed paid webhook, whatever the redeliveries, with a receipt', async () => {
    const before = await summary(c0);
    expect(before).toMatchObject({ balanceFen: 0, donationsFen: 0, donationCount: 0 });
    const sessionId = await donate(c0, 123_456, {
      donorName: ' 王小明 ',
      donorEmail: 'donor@example.cn',
      message: '祝社区越来越好',
    });
    const paid = fake.events.filter(
      (e) => e.type === 'checkout.session.completed' && (e.data.object as { id: string }).id === sessionId,
    );
    expect(paid).toHaveLength(1);
    // The same event redelivered, concurrently, and a second event about the same session.
    const again = await Promise.all([1, 2, 3].map(() => fake.deliver(paid[0])));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(again.map((r) => JSON.parse(r.body).outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const late = await fake.sendEvent(
      'checkout.session.async_payment_succeeded',
      fake.checkoutSessions.get(sessionId)!,
    );
    expect(late.status).toBe(200);

    expect(await balanceOf(`fund:${c0}`)).toBe(123_456);
    expect(
      await db.query(`SELECT reference FROM journal_entries WHERE reference LIKE $1`, [
        `donation:${sessionId}`,
      ]),
    ).toHaveLength(1);
    expect(await summary(c0)).toMatchObject({
      communityName: '春晖社区',
      balanceFen: 123_456,
      availableFen: 123_456,
      donationsFen: 123_456,
      donationCount: 1,
      grantsPaidFen: 0,
    });
    expect(JSON.stringify(await summary(c0))).not.toContain('donor@example.cn');

    const receipt = await api.request('GET', `/api/donations/${sessionId}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({
      communityId: c0,
      communityName: '春晖社区',
      amountFen: 123_456,
      currency: 'CNY',
      donorName: '王小明',
      donorEmail: 'donor@example.cn',
      message: '祝社区越来越好',
    });
    expect(receipt.body.receiptNo).toMatch(/^JZ\d{4}\d{6}$/);
    expect((await api.request('GET', '/api/donations/cs_test_unknown/receipt')).status).toBe(404);
    expect((await api.request('GET', '/api/donations/not-a-session/receipt')).status).toBe(404);
  });

  it('refuse an unsigned or tampered webhook', async () => {
    const event = fake.event('checkout.session.completed', {
      id: 'cs_test_forged',
      object: 'checkout.session',
      amount_total: 999_999,
      currency: 'cny',
      payment_status: 'paid',
      metadata: { purpose: 'community_fund', community_id: c0 },
    });
    const payload = JSON.stringify(event);
    const forged = await api.request('POST', '/api/payments/stripe/webhook', {
      rawBody: payload,
      headers: { 'stripe-signature': fake.signatureHeader(payload, undefined, 'whsec_wrong_secret') },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('webhook.invalid_signature');
    expect((await api.request('POST', '/api/payments/stripe/webhook', { rawBody: payload })).status).toBe(
      400,
    );
    expect(await balanceOf(`fund:${c0}`)).toBe(123_456);
  });

  it('credit only a Checkout session this API created, to its community, for the amount it asked', async () => {
    const c2 = DEMO.communities[2];
    const c0Before = await balanceOf(`fund:${c0}`);
    const refusals = async () =>
      (
        await db.query(
          `SELECT after FROM audit_log WHERE action = 'fund.donation_refused' AND entity_id = $1 ORDER BY id`,
          [c2],
        )
      ).map((r: { after: { reason: string } }) => r.after.reason);
    // A correctly signed event about a session this API never created (the signing secret leaked, say).
    const forged = await fake.sendEvent('checkout.session.completed', {
      id: 'cs_test_never_created_here',
      object: 'checkout.session',
      amount_total: 5_000_000,
      currency: 'cny',
      payment_status: 'paid',
      metadata: { purpose: 'community_fund', community_id: c2 },
    });
    expect(forged.status).toBe(200);
    expect(await db.query(`SELECT outcome FROM provider_events WHERE id = $1`, [forged.event.id])).toEqual([
      { outcome: 'unmatched' },
    ]);
    // A session created here for 500 fen, reported paid with another amount, currency or community.
    const created = await api.request('POST', `/api/communities/${c2}/donations`, {
      body: { amountFen: 500, donorName: '李四' },
    });
    expect(created.status).toBe(201);
    const session = fake.checkoutSessions.get(created.body.sessionId)!;
    const paid = { ...session, payment_status: 'paid', status: 'complete' };
    for (const altered of [
      { ...paid, amount_total: 5_000_000 },
      { ...paid, currency: 'usd' },
      { ...paid, metadata: { ...paid.metadata, community_id: c0 } },
    ]) {
      const sent = await fake.sendEvent('checkout.session.completed', altered);
      expect(sent.status).toBe(200);
      expect(
        (await db.query(`SELECT outcome FROM provider_events WHERE id = $1`, [sent.event.id]))[0].outcome,
      ).toBe('conflict');
    }
    expect(await balanceOf(`fund:${c2}`)).toBe(0);
    expect(await balanceOf(`fund:${c0}`)).toBe(c0Before);
    expect(await refusals()).toEqual([
      'unknown_session',
      'amount_mismatch',
      'amount_mismatch',
      'community_mismatch',
    ]);
    expect((await api.request('GET', `/api/donations/${session.id}/receipt`)).status).toBe(404);
    // The genuine payment of that session credits what it asked, once, with the donor's details from here.
    const page = await fetch(created.body.url, { redirect: 'manual' });
    expect(page.status).toBe(302);
    await fake.idle();
    expect(await balanceOf(`fund:${c2}`)).toBe(500);
    const receipt = await api.request('GET', `/api/donations/${session.id}/receipt`);
    expect(receipt.body).toMatchObject({ communityId: c2, amountFen: 500, donorName: '李四' });
  });

  it('are open to visitors and signed-in users, for communities only, with amounts in whole fen within limits', async () => {
    const path = (id: string) => `/api/communities/${id}/donations`;
    const signedIn = await api.request('POST', path(c0), { token: t.resident, body: { amountFen: 500 } });
    expect(signedIn.status).toBe(201);
    expect(fake.checkoutSessions.get(signedIn.body.sessionId)!.metadata).toMatchObject({
      purpose: 'community_fund',
      community_id: c0,
    });
    for (const amountFen of [99, 0, -100, 150.5, '500', 100_000_001, null]) {
      const res = await api.request('POST', path(c0), { body: { amountFen } });
      expect([res.status, res.body.code]).toEqual([400, 'validation.failed']);
    }
    expect(
      (await api.request('POST', path(c0), { body: { amountFen: 500, donorEmail: 'nope' } })).status,
    ).toBe(400);
    expect(
      (await api.request('POST', path(c0), { body: { amountFen: 500, message: 'x'.repeat(501) } })).status,
    ).toBe(400);
    expect((await api.request('POST', path(street), { body: { amountFen: 500 } })).status).toBe(404);
  });

  it('show donors only to staff of that community', async () => {
    const list = await api.request('GET', `/api/communities/${c0}/fund/donations`, { token: t.staff });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ donorEmail: 'donor@example.cn', amountFen: 123_456 });
    expect(list.body.items[0].checkoutSessionId).toMatch(/^cs_test_/);
    expect([list.body.nextCursor, list.body.links]).toEqual([null, { next: null }]);
    for (const token of [t.far, t.staff1]) {
      const res = await api.request('GET', `/api/communities/${c0}/fund/donations`, { token });
      expect([res.status, res.body.code]).toEqual([403, 'auth.out_of_scope']);
    }
    for (const token of [t.resident, t.finance]) {
      expect((await api.request('GET', `/api/communities/${c0}/fund/donations`, { token })).status).toBe(403);
    }
    expect((await api.request('GET', `/api/communities/${c0}/fund/donations`)).status).toBe(401);
  });
});

describe('fund grants', () => {
  it('are proposed by staff of the community only, to a project serving it, within the rules', async () => {
    const ok = { projectId, amountFen: 20_000, purpose: '购置社区助老活动器材' };
    expect((await propose(c0, ok, t.resident)).status).toBe(403);
    expect((await propose(c0, ok, t.finance)).status).toBe(403);
    const other = await propose(c0, ok, t.far);
    expect([other.status, other.body.code]).toEqual([403, 'auth.out_of_scope']);
    // Staff of a community the project does not serve.
    expect((await propose(far, ok, t.far)).status).toBe(404);
    expect((await propose(c0, { ...ok, projectId: '00000000-0000-4000-8000-000000009999' })).status).toBe(
      404,
    );
    for (const amountFen of [0, -1, 99, 150.5, '20000', 100_000_001]) {
      const res = await propose(c0, { ...ok, amountFen });
      expect([res.status, res.body.code]).toEqual([400, 'validation.failed']);
    }
    expect((await propose(c0, { ...ok, purpose: '短' })).status).toBe(400);
    expect((await propose(c0, { ...ok, method: 'cash' })).status).toBe(400);
    // The fund holds 123,456 fen: a grant above that is refused.
    const tooMuch = await propose(c0, { ...ok, amountFen: 123_457 });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([409, 'fund.insufficient']);
    expect(await db.query(`SELECT id FROM disbursements WHERE kind = 'fund_grant'`)).toHaveLength(0);

    const projects = await api.request('GET', `/api/communities/${c0}/fund/projects`, { token: t.staff });
    expect(projects.body).toEqual([
      { id: projectId, title: expect.any(String), organizationId: org.id, organizationName: '基金测试机构' },
    ]);
    expect((await api.request('GET', `/api/communities/${c0}/fund/projects`, { token: t.far })).status).toBe(
      403,
    );
  });

  it('go proposer → finance → payout, four-eyes, debiting the fund only at approval', async () => {
    const proposed = await propose(c0, { projectId, amountFen: 23_456, purpose: '重阳节敬老活动' }, t.both);
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      kind: 'fund_grant',
      status: 'accepted',
      communityId: c0,
      projectId,
      organizationId: org.id,
      milestoneId: null,
      purpose: '重阳节敬老活动',
      method: 'treasury',
      needsDirector: false,
    });
    const id = proposed.body.id;
    expect(await summary(c0)).toMatchObject({
      balanceFen: 123_456,
      availableFen: 100_000,
      grantsPendingFen: 23_456,
    });
    // No acceptance step for a grant; the proposer never approves it.
    expect(
      (
        await api.request('POST', `/api/disbursements/${id}/accept`, {
          token: t.staff,
          body: ACCEPTANCE_RATING,
        })
      ).status,
    ).toBe(409);
    const own = await api.request('POST', `/api/disbursements/${id}/finance-approval`, { token: t.both });
    expect([own.status, own.body.code]).toEqual([403, 'auth.forbidden']);
    const inbox = await api.request('GET', '/api/disbursements/inbox', { token: t.finance });
    expect(inbox.body.items.find((d: { id: string }) => d.id === id)).toMatchObject({ kind: 'fund_grant' });

    const approved = await api.request('POST', `/api/disbursements/${id}/finance-approval`, {
      token: t.finance,
    });
    expect(approved.body).toMatchObject({ status: 'approved', payoutAttempt: 1 });
    expect(await balanceOf(`fund:${c0}`)).toBe(100_000);
    expect(await balanceOf(`payable:${org.id}`)).toBe(23_456);
    const paid = await api.request('POST', `/api/disbursements/${id}/payment`, {
      token: t.finance,
      body: { voucher: 'GRANT-0001' },
    });
    expect(paid.body.status).toBe('paid');
    expect(await balanceOf(`payable:${org.id}`)).toBe(0);
    expect(await summary(c0)).toMatchObject({
      balanceFen: 100_000,
      availableFen: 100_000,
      grantsPaidFen: 23_456,
      grantsPendingFen: 0,
      grantCount: 1,
    });
    // The contract's milestone is untouched by a grant.
    expect(
      (await db.query(`SELECT status FROM milestones WHERE id = $1`, [contract.milestoneId]))[0].status,
    ).toBe('planned');
    const grants = await api.request('GET', `/api/communities/${c0}/fund/grants`, { token: t.staff });
    expect(grants.body.items.map((g: { id: string; status: string }) => [g.id, g.status])).toEqual([
      [id, 'paid'],
    ]);
    expect((await api.request('GET', `/api/communities/${c0}/fund/grants`, { token: t.far })).status).toBe(
      403,
    );
    expect(
      (await api.request('GET', `/api/communities/${c0}/fund/grants`, { token: t.resident })).status,
    ).toBe(403);
  });

  it('need the director at or above the threshold; a rejection frees the reserved money', async () => {
    await donate(c0, 10_000_000);
    const big = await propose(c0, { projectId, amountFen: 10_000_000, purpose: '社区微更新项目资助' });
    expect(big.body).toMatchObject({ status: 'accepted', needsDirector: true });
    expect((await summary(c0)).availableFen).toBe(100_000);
    const finance = await api.request('POST', `/api/disbursements/${big.body.id}/finance-approval`, {
      token: t.finance,
    });
    expect(finance.body.status).toBe('finance_approved');
    expect(await balanceOf(`fund:${c0}`)).toBe(10_100_000);
    const director = await api.request('POST', `/api/disbursements/${big.body.id}/director-approval`, {
      token: t.director,
    });
    expect(director.body.status).toBe('approved');
    expect(await balanceOf(`fund:${c0}`)).toBe(100_000);

    const small = await propose(c0, { projectId, amountFen: 60_000, purpose: '儿童阅读角图书' });
    expect((await summary(c0)).availableFen).toBe(40_000);
    const rejected = await api.request('POST', `/api/disbursements/${small.body.id}/rejection`, {
      token: t.finance,
      body: { reason: '请补充预算明细' },
    });
    expect(rejected.body.status).toBe('rejected');
    expect(await summary(c0)).toMatchObject({ balanceFen: 100_000, availableFen: 100_000 });
  });

  it('put the money back in the fund when a Stripe payout is refused, still reserved for a new attempt', async () => {
    const before = await summary(c0);
    const proposed = await propose(c0, {
      projectId,
      amountFen: 30_000,
      purpose: '社区花园改造',
      method: 'stripe',
    });
    expect(proposed.body).toMatchObject({ status: 'accepted', method: 'stripe' });
    const id = proposed.body.id;
    expect(
      (await api.request('POST', `/api/disbursements/${id}/finance-approval`, { token: t.finance })).body
        .status,
    ).toBe('approved');
    expect(await balanceOf(`fund:${c0}`)).toBe(before.balanceFen - 30_000);
    // The organization never connected Stripe: the payout job refuses the transfer.
    expect(await api.app.get(PayoutsService).transfer(id, 1)).toMatchObject({ outcome: 'refused' });
    expect((await db.query(`SELECT status FROM disbursements WHERE id = $1`, [id]))[0].status).toBe('failed');
    expect(await balanceOf(`fund:${c0}`)).toBe(before.balanceFen);
    expect(await summary(c0)).toMatchObject({
      balanceFen: before.balanceFen,
      availableFen: before.availableFen - 30_000,
    });
    const returned = await api.request('POST', `/api/disbursements/${id}/rejection`, {
      token: t.finance,
      body: { reason: '机构尚未开通 Stripe 收款' },
    });
    expect(returned.body.status).toBe('rejected');
    expect((await summary(c0)).availableFen).toBe(before.availableFen);
  });

  it('never overspend the fund under concurrent proposals: exactly the affordable number pass', async () => {
    await donate(c1, 1_000_000);
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        propose(c1, { projectId, amountFen: 100_000, purpose: `社区活动资助 ${i}` }, t.staff1),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'fund.insufficient')).toBe(
      true,
    );
    expect(await summary(c1)).toMatchObject({
      balanceFen: 1_000_000,
      availableFen: 0,
      grantsPendingFen: 1_000_000,
    });
    // Approving them all, concurrently, takes the fund to zero and no further.
    const ids = results.filter((r) => r.status === 201).map((r) => r.body.id as string);
    const approvals = await Promise.all(
      ids.map((id) => api.request('POST', `/api/disbursements/${id}/finance-approval`, { token: t.finance })),
    );
    expect(approvals.map((r) => r.body.status)).toEqual(ids.map(() => 'approved'));
    expect(await balanceOf(`fund:${c1}`)).toBe(0);
    expect((await propose(c1, { projectId, amountFen: 100, purpose: '再来一笔资助' }, t.staff1)).status).toBe(
      409,
    );
  });
});

describe('incentive bonuses', () => {
  it('are requested inside the caller transaction, once per final milestone, and paid from the street pool', async () => {
    const bonuses = api.app.get(IncentiveBonusesService);
    const bonus = {
      organizationId: org.id,
      contractId: contract.contractId,
      milestoneId: contract.milestoneId,
    };
    const first = await db.transaction((m) =>
      bonuses.request(m, { ...bonus, amountFen: 50_000, reason: '年度绩效 A 档奖励' }),
    );
    expect(first.created).toBe(true);
    const second = await db.transaction((m) =>
      bonuses.request(m, { ...bonus, amountFen: 50_000, reason: '年度绩效 A 档奖励' }),
    );
    expect(second).toEqual({ id: first.id, created: false });
    await expect(
      db.transaction((m) => bonuses.request(m, { ...bonus, amountFen: 0, reason: 'x' })),
    ).rejects.toMatchObject({ code: 'validation.failed' });
    await expect(
      db.transaction((m) =>
        bonuses.request(m, {
          ...bonus,
          organizationId: DEMO.organization,
          amountFen: 1,
          reason: 'x',
        }),
      ),
    ).rejects.toMatchObject({ code: 'validation.failed' });

    const [row] = await db.query(
      `SELECT kind, status, requested_by, purpose FROM disbursements WHERE id = $1`,
      [first.id],
    );
    expect(row).toEqual({
      kind: 'incentive_bonus',
      status: 'accepted',
      requested_by: null,
      purpose: '年度绩效 A 档奖励',
    });
    // The pool is empty: finance cannot approve it yet, and nothing is posted.
    const empty = await api.request('POST', `/api/disbursements/${first.id}/finance-approval`, {
      token: t.finance,
    });
    expect([empty.status, empty.body.code]).toEqual([409, 'fund.insufficient']);
    const ledger = api.app.get(LedgerService);
    await db.transaction(async (m) => {
      const pool = await ledger.account(m, incentivePoolAccount(street));
      const appropriation = await ledger.account(m, {
        code: `appropriation:${street}:incentives`,
        kind: 'appropriation',
        name: 'Incentive appropriation',
        streetId: street,
      });
      await ledger.post(m, {
        reference: 'incentive-pool-test-funding',
        memo: 'Incentive pool funded',
        actorId: null,
        lines: [
          { account: pool, amountFen: 80_000 },
          { account: appropriation, amountFen: -80_000 },
        ],
      });
    });
    const owed = await balanceOf(`payable:${org.id}`); // the approved grants above, not paid yet
    const approved = await api.request('POST', `/api/disbursements/${first.id}/finance-approval`, {
      token: t.finance,
    });
    expect(approved.body).toMatchObject({
      kind: 'incentive_bonus',
      status: 'approved',
      milestoneId: contract.milestoneId,
    });
    expect(await balanceOf(`incentive_pool:${street}`)).toBe(30_000);
    expect(await balanceOf(`payable:${org.id}`)).toBe(owed + 50_000);
    // A milestone payment of the same milestone is still possible beside its bonus.
    expect(
      (
        await db.query(`SELECT count(*)::int AS n FROM disbursements WHERE milestone_id = $1`, [
          contract.milestoneId,
        ])
      )[0].n,
    ).toBe(1);
  });
});

describe('Idempotency-Key on money-moving requests', () => {
  const c2 = DEMO.communities[2];
  const grant = (purpose: string, amountFen = 100_000) => ({ projectId, amountFen, purpose });
  const grantsFor = async (purpose: string) =>
    (await db.query(`SELECT id FROM disbursements WHERE purpose = $1`, [purpose])).length;
  const approve = (id: string, key: string) =>
    api.request('POST', `/api/disbursements/${id}/finance-approval`, {
      token: t.finance,
      headers: { 'idempotency-key': key },
    });

  beforeAll(async () => {
    for (const name of ['a', 'b']) {
      await userWithRoles(db, `staff-c2${name}@example.cn`, [['community_staff', { regionId: c2 }]]);
      t[`c2${name}`] = await tokenFor(api, `staff-c2${name}@example.cn`);
    }
    await donate(c2, 2_000_000);
  });

  it('make a retried grant proposal reserve the fund once and answer the first result', async () => {
    const before = await summary(c2);
    const key = randomUUID();
    const first = await propose(c2, grant('幂等重试资助'), t.c2a, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retried = await propose(c2, grant('幂等重试资助'), t.c2a, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(first.body);
    expect(first.headers.get('location')).toMatch(/^\/api\//);
    expect(retried.headers.get('location')).toBe(first.headers.get('location'));
    expect(await grantsFor('幂等重试资助')).toBe(1);
    expect((await summary(c2)).availableFen).toBe(before.availableFen - 100_000);
  });

  it('let concurrent retries with one key move money once: one proposal, one approval', async () => {
    const before = await summary(c2);
    const key = randomUUID();
    const proposals = await Promise.all(
      Array.from({ length: 8 }, () => propose(c2, grant('幂等并发资助'), t.c2a, key)),
    );
    expect(proposals.map((r) => r.status)).toEqual(proposals.map(() => 201));
    const ids = new Set(proposals.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(await grantsFor('幂等并发资助')).toBe(1);
    expect((await summary(c2)).availableFen).toBe(before.availableFen - 100_000);
    // Street finance's approval, retried concurrently under one key: every answer is the approval, the fund is debited once.
    const [id] = ids;
    const approvalKey = randomUUID();
    const approvals = await Promise.all(Array.from({ length: 6 }, () => approve(id, approvalKey)));
    expect(approvals.map((r) => [r.status, r.body.status])).toEqual(approvals.map(() => [200, 'approved']));
    expect(approvals.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
    expect(await balanceOf(`fund:${c2}`)).toBe(before.balanceFen - 100_000);
    expect(
      await db.query(`SELECT reference FROM journal_entries WHERE reference LIKE $1`, [`%${id}%`]),
    ).toHaveLength(1);
  });

  it('refuse a key reused for another request, and keep nothing of a failed one', async () => {
    const key = randomUUID();
    expect((await propose(c2, grant('幂等键首用'), t.c2a, key)).status).toBe(201);
    const otherBody = await propose(c2, grant('幂等键首用', 100_001), t.c2a, key);
    expect([otherBody.status, otherBody.body.code]).toEqual([422, 'idempotency.key_reused']);
    const otherRoute = await api.request('POST', `/api/communities/${c2}/donations`, {
      token: t.c2a,
      body: { amountFen: 500 },
      headers: { 'idempotency-key': key },
    });
    expect([otherRoute.status, otherRoute.body.code]).toEqual([422, 'idempotency.key_reused']);
    expect(await grantsFor('幂等键首用')).toBe(1);

    // A refused request moved nothing and keeps no answer: the corrected request may use the same key.
    const failing = randomUUID();
    const tooMuch = await propose(c2, grant('幂等失败后重试', 900_000_000), t.c2a, failing);
    expect(tooMuch.status).toBe(400);
    const corrected = await propose(c2, grant('幂等失败后重试'), t.c2a, failing);
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();

    for (const bad of ['short', 'x'.repeat(256), 'has space in the key 0123']) {
      const res = await propose(c2, grant('幂等坏键资助项目'), t.c2a, bad);
      expect([res.status, res.body.code]).toEqual([400, 'validation.failed']);
      expect(res.body.message).toMatch(/Idempotency-Key/);
    }
    expect(await grantsFor('幂等坏键资助项目')).toBe(0);
  });

  it('are per caller: another user sending the same key gets their own result, never the first one', async () => {
    const key = randomUUID();
    const mine = await propose(c2, grant('幂等按用户'), t.c2a, key);
    const theirs = await propose(c2, grant('幂等按用户'), t.c2b, key);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await grantsFor('幂等按用户')).toBe(2);

    // Donations: a visitor's retry gets the same Checkout session; a signed-in donor's key is their own.
    const donation = (token?: string) =>
      api.request('POST', `/api/communities/${c2}/donations`, {
        token,
        body: { amountFen: 800 },
        headers: { 'idempotency-key': `donation-${key}` },
      });
    const visitor = await donation();
    const visitorAgain = await donation();
    const resident = await donation(t.resident);
    expect([visitor.status, visitorAgain.status, resident.status]).toEqual([201, 201, 201]);
    expect(visitorAgain.body.sessionId).toBe(visitor.body.sessionId);
    expect(resident.body.sessionId).not.toBe(visitor.body.sessionId);
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM donation_checkouts WHERE amount_fen = 800`))[0].n,
    ).toBe(2);
  });

  it('expire after 24 hours: an expired key runs as a new request', async () => {
    const key = randomUUID();
    expect((await propose(c2, grant('幂等过期资助项目'), t.c2a, key)).status).toBe(201);
    const [row] = await db.query(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600) AS hours FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    expect(Number(row.hours)).toBe(24);
    await db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [
      key,
    ]);
    const later = await propose(c2, grant('幂等过期资助项目', 100_500), t.c2a, key);
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(await grantsFor('幂等过期资助项目')).toBe(2);
    // The daily idempotency.purge job deletes the expired keys only.
    const live = (await db.query(`SELECT count(*)::int AS n FROM idempotency_keys`))[0].n;
    await db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [
      key,
    ]);
    expect(await purgeExpiredIdempotencyKeys(db)).toBe(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM idempotency_keys`))[0].n).toBe(live - 1);
  });

  it('are accepted, and documented, by every money-moving POST', () => {
    const paths = openApiDocument(api.app).paths;
    const moneyRoutes = [
      '/api/disbursements',
      '/api/disbursements/{id}/accept',
      '/api/disbursements/{id}/finance-approval',
      '/api/disbursements/{id}/director-approval',
      '/api/disbursements/{id}/rejection',
      '/api/disbursements/{id}/payment',
      '/api/communities/{communityId}/fund/grants',
      '/api/communities/{communityId}/donations',
      '/api/streets/{streetId}/budget/allocations',
      '/api/streets/{streetId}/incentive-pool/allocations',
      '/api/tenders/{id}/contract',
    ];
    const documented = moneyRoutes.filter((path) =>
      (paths[path]?.post?.parameters ?? []).some(
        (p) => 'name' in p && p.name === 'Idempotency-Key' && p.in === 'header',
      ),
    );
    expect(documented).toEqual(moneyRoutes);
  });
});
