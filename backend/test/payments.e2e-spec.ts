import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import { AuditService, type AuditEvent } from '../src/common/audit/audit.service.js';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { LedgerService } from '../src/modules/ledger/ledger.service.js';
import { startFakeStripe, type FakeStripe } from '@sanshe/fake-stripe';
import { payoutIdempotencyKey, payoutJobId } from '../src/modules/payments/payout-providers.js';
import { PayoutsService } from '../src/modules/payments/payouts.service.js';
import { ReconciliationService } from '../src/modules/payments/reconciliation.service.js';
import { createStripeSdk } from '../src/modules/payments/stripe-client.js';
import { Api, tokenFor } from './support/http.js';
import {
  acceptedStripeDisbursement,
  onboard,
  STRIPE_TEST_KEY,
  STRIPE_TEST_SECRET,
  stripeTestEnv,
  testOrganization,
  webhookUrl,
  type TestOrg,
} from './support/payments.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';
import { queueConnection } from '../src/jobs/queue-connection.js';

const street = DEMO.streets[0];
let fake: FakeStripe;
let stripe: Stripe;
let env: Env;
let db: DataSource;
let api: Api;
let payouts: PayoutsService;
const t: Record<string, string> = {};
const orgs: Record<string, TestOrg> = {};

const ledgerTotal = async () =>
  (await db.query(`SELECT coalesce(sum(amount_fen), 0)::float8 AS total FROM postings`))[0].total;
const entries = async (like: string) =>
  (
    await db.query(`SELECT reference FROM journal_entries WHERE reference LIKE $1 ORDER BY reference`, [like])
  ).map((r: { reference: string }) => r.reference);
const disbursement = async (id: string) =>
  (
    await db.query(
      `SELECT status, payout_attempt AS attempt, failure_reason AS "failureReason", provider_reference AS "providerReference" FROM disbursements WHERE id = $1`,
      [id],
    )
  )[0];
const transfersOf = (id: string) => fake.transfers.filter((x) => x.metadata.disbursement_id === id);
const balanceOf = async (code: string) =>
  (
    await db.query(
      `SELECT coalesce(sum(p.amount_fen), 0)::float8 AS total FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = $1`,
      [code],
    )
  )[0].total;

const accepted = (orgKey: string, amountFen?: number) =>
  acceptedStripeDisbursement(db, api, orgs[orgKey], t.staff, amountFen);

const financeApproval = (id: string, token = t.finance) =>
  api.request('POST', `/api/disbursements/${id}/finance-approval`, { token });

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: STRIPE_TEST_SECRET });
  stripe = createStripeSdk({ key: STRIPE_TEST_KEY, url: fake.url });
  env = useTestEnv(stripeTestEnv(fake));
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  fake.webhookUrl = webhookUrl(api);
  payouts = api.app.get(PayoutsService);
  t.finance = await tokenFor(api, 'finance@demo.sanshe.cn');
  t.staff = await tokenFor(api, 'staff@demo.sanshe.cn');
  for (const key of ['a', 'b']) orgs[key] = await testOrganization(db, api, `支付测试机构${key}`);
  const allocated = await api.request('POST', `/api/streets/${street}/budget/allocations`, {
    token: t.finance,
    body: { year: 2026, amountFen: 900_000_000_000, reference: 'PAY-1' },
  });
  expect(allocated.status).toBe(201);
});
afterEach(async () => {
  // After every test the whole ledger still sums to zero.
  expect(await ledgerTotal()).toBe(0);
});
afterAll(async () => {
  try {
    if (api) expect(await api.app.get(AuditService).verifyChain()).toMatchObject({ ok: true });
  } finally {
    await fake?.close(); // first: its last webhooks still reach the API
    await api?.close();
    if (db) await dropSchema(db, env);
  }
});

describe('Stripe Connect onboarding', () => {
  it('creates the account once, returns onboarding links, and records payouts_enabled from account.updated', async () => {
    const path = `/api/organizations/${orgs.a.id}/stripe/onboarding`;
    const first = await api.request('POST', path, { token: orgs.a.token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ payoutsEnabled: false, detailsSubmitted: false });
    expect(first.body.accountId).toMatch(/^acct_/);
    expect(first.body.url.startsWith(fake.url)).toBe(true);
    const again = await api.request('POST', path, { token: orgs.a.token });
    expect(again.body.accountId).toBe(first.body.accountId);
    expect([...fake.accounts.values()].filter((x) => x.metadata?.organization_id === orgs.a.id)).toHaveLength(
      1,
    );
    expect((await api.request('POST', path, { token: orgs.b.token })).status).toBe(403);

    // The fake completes onboarding at once and sends the admin back to the organization's payouts page.
    const page = await fetch(first.body.url, { redirect: 'manual' });
    expect(page.headers.get('location')).toBe(
      `${env.WEB_URL.replace(/\/$/, '')}/payouts?organization=${orgs.a.id}&stripe=return`,
    );
    await fake.idle();
    const status = await api.request('GET', `/api/organizations/${orgs.a.id}/stripe`, {
      token: orgs.a.token,
    });
    expect(status.body).toEqual({
      accountId: first.body.accountId,
      payoutsEnabled: true,
      detailsSubmitted: true,
    });
  });
});

describe('the payments mode', () => {
  it('tells anyone that Stripe is a stand-in here, so the web app labels test mode', async () => {
    const res = await api.request('GET', '/api/payments/mode');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ stripe: 'fake', testMode: true });
  });
});

describe('Stripe payouts', () => {
  it('settle 200 concurrent approvals to one approval, one job and one transfer, paid by the webhook', async () => {
    const id = await accepted('a');
    const results = await Promise.all(Array.from({ length: 200 }, () => financeApproval(id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(statuses.some((s) => s >= 500)).toBe(false);
    expect(results.find((r) => r.status === 200)!.body).toMatchObject({
      status: 'approved',
      payoutAttempt: 1,
    });
    expect(await entries(`payable:${id}%`)).toEqual([`payable:${id}`]);

    // Exactly one transfer job, keyed by disbursement and attempt.
    const queue = new Queue('payments', queueConnection(env));
    const jobs = (await queue.getJobs(['waiting', 'delayed', 'active'])).filter(
      (j) => j.data.disbursementId === id,
    );
    await queue.close();
    expect(jobs.map((j) => j.id)).toEqual([payoutJobId(id, 1)]);

    // Even if the job ran twenty times at once (redelivered, two workers), Stripe is asked once.
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => payouts.transfer(id, 1)));
    expect(outcomes.every((o) => o.outcome === 'submitted' || o.outcome === 'skipped')).toBe(true);
    expect(transfersOf(id)).toHaveLength(1);
    const key = payoutIdempotencyKey(id, 1);
    expect(fake.requests.filter((r) => r.idempotencyKey === key && !r.replayed)).toHaveLength(1);
    expect(transfersOf(id)[0]).toMatchObject({
      amount: 2_000_000,
      currency: 'cny',
      destination: expect.stringMatching(/^acct_/),
    });

    await fake.idle(); // transfer.created
    expect(await disbursement(id)).toMatchObject({
      status: 'paid',
      providerReference: transfersOf(id)[0].id,
    });
    expect(await entries(`paid:${id}%`)).toEqual([`paid:${id}`]);
    expect(await balanceOf(`payable:${orgs.a.id}`)).toBe(0);
    expect(await balanceOf('clearing:stripe')).toBeGreaterThanOrEqual(2_000_000);
  });

  it('refuse clearly when the organization cannot receive payouts, and pay after a new approval as a new attempt', async () => {
    const id = await accepted('b', 3_000_000);
    expect((await financeApproval(id)).body.status).toBe('approved');
    expect(await payouts.transfer(id, 1)).toMatchObject({ outcome: 'refused' });
    const failed = await disbursement(id);
    expect(failed).toMatchObject({ status: 'failed', attempt: 1 });
    expect(failed.failureReason).toMatch(/onboarding/);
    expect(transfersOf(id)).toHaveLength(0);
    expect(await entries(`failed:${id}%`)).toEqual([`failed:${id}:1`]);
    expect(await balanceOf(`payable:${orgs.b.id}`)).toBe(0); // the money is committed to the contract again
    const inbox = await api.request('GET', '/api/disbursements/inbox', { token: t.finance });
    expect(inbox.body.items.find((d: { id: string }) => d.id === id)).toMatchObject({ status: 'failed' });

    await onboard(api, fake, orgs.b);
    const again = await financeApproval(id); // the same officer may approve the new attempt
    expect(again.body).toMatchObject({ status: 'approved', payoutAttempt: 2, failureReason: null });
    expect(await payouts.transfer(id, 1)).toMatchObject({ outcome: 'skipped' }); // the old attempt's job
    expect(await payouts.transfer(id, 2)).toMatchObject({ outcome: 'submitted' });
    await fake.idle();
    expect(await disbursement(id)).toMatchObject({ status: 'paid', attempt: 2 });
    expect(transfersOf(id).map((x) => x.metadata.attempt)).toEqual(['2']);
    expect(await entries(`%:${id}%`)).toEqual([
      `failed:${id}:1`,
      `paid:${id}:2`,
      `payable:${id}`,
      `payable:${id}:2`,
    ]);
    expect(await payouts.transfer(id, 2)).toMatchObject({ outcome: 'skipped' });
    expect(transfersOf(id)).toHaveLength(1);
  });

  it('fail when Stripe reverses the transfer, reversing the ledger, and pay again as a new attempt, never twice', async () => {
    const [{ id }] = await db.query(
      `SELECT id FROM disbursements WHERE organization_id = $1 AND status = 'paid' AND payout_attempt = 2`,
      [orgs.b.id],
    );
    const [paidTransfer] = transfersOf(id);
    await stripe.transfers.createReversal(paidTransfer.id);
    await fake.idle(); // transfer.reversed
    const reversed = await disbursement(id);
    expect(reversed).toMatchObject({ status: 'failed', attempt: 2 });
    expect(reversed.failureReason).toMatch(/reversed/);
    expect(await entries(`reversed:${id}%`)).toEqual([`reversed:${id}:2`]);
    const [{ status: milestone }] = await db.query(
      `SELECT m.status FROM milestones m JOIN disbursements d ON d.milestone_id = m.id WHERE d.id = $1`,
      [id],
    );
    expect(milestone).toBe('planned');

    expect((await financeApproval(id)).body).toMatchObject({ status: 'approved', payoutAttempt: 3 });
    await payouts.transfer(id, 3);
    await fake.idle();
    expect(await disbursement(id)).toMatchObject({ status: 'paid', attempt: 3 });
    const all = transfersOf(id);
    expect(all.map((x) => x.metadata.attempt)).toEqual(['2', '3']);
    expect(
      new Set(
        fake.requests
          .filter(
            (r) => all.length && r.path === '/v1/transfers' && !r.replayed && r.idempotencyKey?.includes(id),
          )
          .map((r) => r.idempotencyKey),
      ),
    ).toEqual(new Set([payoutIdempotencyKey(id, 2), payoutIdempotencyKey(id, 3)]));
  });
});

describe('the Stripe webhook endpoint', () => {
  const post = (payload: string, signature?: string) =>
    api.request('POST', '/api/payments/stripe/webhook', {
      rawBody: payload,
      headers: signature ? { 'stripe-signature': signature } : {},
    });

  it('answers 400 webhook.invalid_signature to stale, future, tampered, foreign or missing signatures', async () => {
    const event = fake.event(
      'payout.paid',
      { id: 'po_x', object: 'payout', amount: 1 },
      { account: 'acct_none' },
    );
    const payload = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const cases = {
      stale: post(payload, fake.signatureHeader(payload, now - 600)),
      // Signed with the right secret but dated ahead: it would stay replayable until then.
      future: post(payload, fake.signatureHeader(payload, now + 600)),
      farFuture: post(payload, fake.signatureHeader(payload, now + 10 * 365 * 86_400)),
      tampered: post(payload.replace('"amount":1', '"amount":100'), fake.signatureHeader(payload)),
      foreign: post(payload, fake.signatureHeader(payload, now, 'whsec_someone_else_0123456789')),
      missing: post(payload),
    };
    for (const [name, pending] of Object.entries(cases)) {
      const res = await pending;
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: 400,
        code: 'webhook.invalid_signature',
      });
    }
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM provider_events WHERE id = $1`, [event.id]))[0].n,
    ).toBe(0);
    expect((await post(payload, fake.signatureHeader(payload))).status).toBe(200);
  });

  it('settles a transfer only from an event matching what was sent: amount, currency, connected account', async () => {
    const id = await accepted('a', 700_000);
    expect((await financeApproval(id)).body.status).toBe('approved');
    fake.webhookDelivery = 'hold';
    try {
      expect(await payouts.transfer(id, 1)).toMatchObject({ outcome: 'submitted' });
      const sent = transfersOf(id)[0];
      for (const altered of [
        { ...sent, amount: sent.amount * 10 },
        { ...sent, currency: 'usd' },
        { ...sent, destination: 'acct_someone_else' },
      ]) {
        const forged = await fake.sendEvent('transfer.created', altered);
        expect(forged.status).toBe(200);
        expect(
          (await db.query(`SELECT outcome FROM provider_events WHERE id = $1`, [forged.event.id]))[0].outcome,
        ).toBe('conflict');
      }
      expect((await disbursement(id)).status).toBe('approved');
      expect(await entries(`paid:${id}%`)).toEqual([]);
    } finally {
      await fake.flush(); // the genuine transfer.created
    }
    expect((await disbursement(id)).status).toBe('paid');
  });

  it('stores each event once: a redelivery, even a concurrent one, is a 200 no-op', async () => {
    const event = fake.event('account.updated', {
      id: 'acct_unknown',
      object: 'account',
      payouts_enabled: true,
    });
    const answers = await Promise.all(Array.from({ length: 5 }, () => fake.deliver(event)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => JSON.parse(a.body).duplicate).sort()).toEqual([false, true, true, true, true]);
    expect(await db.query(`SELECT outcome FROM provider_events WHERE id = $1`, [event.id])).toEqual([
      { outcome: 'unmatched' },
    ]);
  });

  it('ends in the same state for the same stream delivered three times in 100 shuffled orders', async () => {
    const ledger = api.app.get(LedgerService);
    const [{ id: actor }] = await db.query(`SELECT id FROM users WHERE email = 'finance@demo.sanshe.cn'`);

    /** A fresh world for one order: an onboarded organization, two approved Stripe payouts, their events. */
    async function scenario(i: number) {
      const acct = `acct_shuffle${i}${randomUUID().slice(0, 8)}`;
      const [{ id: orgId }] = await db.query(
        `INSERT INTO organizations (name, filed_only, home_street_id, status, stripe_account_id) VALUES ($1, true, $2, 'verified', $3) RETURNING id`,
        [`乱序机构${i}`, street, acct],
      );
      const [{ id: contractId }] = await db.query(
        `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
         VALUES ($1, $2, '乱序合同', 3000, '2026-01-01', '2026-12-31', '{}', $3) RETURNING id`,
        [orgId, street, actor],
      );
      const milestones = await db.query(
        `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on)
         VALUES ($1, 1, '一', 3333, 1000, current_date), ($1, 2, '二', 6667, 2000, current_date) RETURNING id, amount_fen::float8 AS amount`,
        [contractId],
      );
      await db.transaction((m) =>
        ledger.commitContract(m, actor, { id: contractId, streetId: street, year: 2026, amountFen: 3000 }),
      );
      const ds: { id: string; amount: number }[] = [];
      for (const ms of milestones) {
        const [{ id }] = await db.query(
          `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, method, status, payout_attempt, requested_by)
           VALUES ($1, $2, $3, $4, $5, 'stripe', 'approved', 1, $6) RETURNING id`,
          [ms.id, contractId, orgId, street, ms.amount, actor],
        );
        await db.transaction(async (m) => {
          const commitment = await ledger.account(m, {
            code: `commitment:${contractId}`,
            kind: 'commitment',
            name: 'c',
          });
          const payable = await ledger.account(m, {
            code: `payable:${orgId}`,
            kind: 'payable',
            name: 'p',
            organizationId: orgId,
          });
          await ledger.post(m, {
            reference: `payable:${id}`,
            memo: 'approved',
            actorId: actor,
            lines: [
              { account: commitment, amountFen: -ms.amount },
              { account: payable, amountFen: ms.amount },
            ],
          });
        });
        await db.query(
          `INSERT INTO payout_transfers (disbursement_id, attempt, idempotency_key, destination, amount_fen) VALUES ($1, 1, $2, $3, $4)`,
          [id, payoutIdempotencyKey(id, 1), acct, ms.amount],
        );
        ds.push({ id, amount: ms.amount });
      }
      const transfer = (d: { id: string; amount: number }) => ({
        id: `tr_${randomUUID().replace(/-/g, '')}`,
        object: 'transfer',
        amount: d.amount,
        amount_reversed: 0,
        created: 1,
        currency: 'cny',
        description: null,
        destination: acct,
        livemode: false,
        metadata: { disbursement_id: d.id, attempt: '1' },
        reversed: false,
        transfer_group: null,
      });
      const [t1, t2] = ds.map(transfer);
      const account = (payoutsEnabled: boolean) => ({
        id: acct,
        object: 'account',
        payouts_enabled: payoutsEnabled,
        charges_enabled: payoutsEnabled,
        details_submitted: true,
      });
      const sessionId = `cs_test_${randomUUID().replace(/-/g, '')}`;
      // The donation's session as the API records it when creating it: only such a session is credited.
      await db.query(
        `INSERT INTO donation_checkouts (checkout_session_id, community_id, amount_fen) VALUES ($1, $2, 500)`,
        [sessionId, DEMO.communities[0]],
      );
      const base = Math.floor(Date.now() / 1000);
      const events = [
        fake.event('transfer.created', t1, { created: base }),
        fake.event('transfer.updated', { ...t1, description: '已更新' }, { created: base + 1 }),
        fake.event(
          'transfer.reversed',
          { ...t1, amount_reversed: t1.amount, reversed: true },
          { created: base + 2 },
        ),
        fake.event('transfer.created', t2, { created: base }),
        fake.event('account.updated', account(false), { account: acct, created: base }),
        fake.event('account.updated', account(true), { account: acct, created: base + 1 }),
        fake.event(
          'payout.paid',
          { id: `po_${i}a`, object: 'payout', amount: 2000, status: 'paid' },
          { account: acct },
        ),
        fake.event(
          'payout.failed',
          { id: `po_${i}b`, object: 'payout', amount: 1000, status: 'failed' },
          { account: acct },
        ),
        fake.event('checkout.session.completed', {
          id: sessionId,
          object: 'checkout.session',
          amount_total: 500,
          currency: 'cny',
          payment_status: 'paid',
          status: 'complete',
          metadata: { purpose: 'community_fund', community_id: DEMO.communities[0] },
        }),
      ];
      const names: [string, string][] = [
        [ds[0].id, 'D1'],
        [ds[1].id, 'D2'],
        [t1.id, 'T1'],
        [t2.id, 'T2'],
        [orgId, 'ORG'],
        [contractId, 'C'],
        [sessionId, 'CS'],
        [events[5].id, 'EV_LATEST'],
      ];
      return { ds, orgId, sessionId, events, names };
    }

    type World = Awaited<ReturnType<typeof scenario>>;
    /** The state a world ended in, with its ids replaced by names, so worlds compare. */
    async function finalState(w: World) {
      const ids = w.ds.map((d) => d.id);
      const state = {
        disbursements: await db.query(
          `SELECT status, failure_reason IS NOT NULL AS "failed", provider_reference AS ref FROM disbursements WHERE id = ANY($1) ORDER BY amount_fen`,
          [ids],
        ),
        milestones: await db.query(
          `SELECT m.status FROM milestones m JOIN disbursements d ON d.milestone_id = m.id WHERE d.id = ANY($1) ORDER BY m.amount_fen`,
          [ids],
        ),
        transfers: await db.query(
          `SELECT status, provider_transfer_id AS transfer, amount_reversed_fen::float8 AS reversed FROM payout_transfers WHERE disbursement_id = ANY($1) ORDER BY amount_fen`,
          [ids],
        ),
        organization: await db.query(
          `SELECT stripe_payouts_enabled AS "payoutsEnabled", stripe_account_event_id AS "event" FROM organizations WHERE id = $1`,
          [w.orgId],
        ),
        journal: await db.query(
          `SELECT j.reference, a.code, p.amount_fen::float8 AS amount FROM journal_entries j JOIN postings p ON p.entry_id = j.id JOIN ledger_accounts a ON a.id = p.account_id
            WHERE j.reference LIKE ANY($1) ORDER BY j.reference, a.code`,
          [[...ids.map((id) => `%${id}%`), `donation:${w.sessionId}`]],
        ),
        events: await db.query(`SELECT count(*)::int AS n FROM provider_events WHERE id = ANY($1)`, [
          w.events.map((e) => e.id),
        ]),
      };
      let text = JSON.stringify(state);
      for (const [id, name] of w.names) text = text.split(id).join(name);
      const named = JSON.parse(text) as typeof state;
      named.journal.sort((x: { reference: string; code: string }, y: { reference: string; code: string }) =>
        `${x.reference} ${x.code}`.localeCompare(`${y.reference} ${y.code}`),
      );
      return named;
    }

    // A seeded shuffle, so a failing order can be replayed.
    const shuffled = <T>(items: T[], seed: number): T[] => {
      const out = [...items];
      let s = seed;
      const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    };

    const finals: unknown[] = [];
    for (let batch = 0; batch < 10; batch++) {
      finals.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, async (_, k) => {
            const order = batch * 10 + k;
            const world = await scenario(order);
            const stream = shuffled([...world.events, ...world.events, ...world.events], order + 1);
            for (const event of stream) {
              const { status } = await fake.deliver(event);
              if (status !== 200) throw new Error(`order ${order}: event ${event.type} answered ${status}`);
            }
            return finalState(world);
          }),
        )),
      );
    }
    expect(finals).toHaveLength(100);
    for (const state of finals) expect(state).toEqual(finals[0]);
    expect(finals[0]).toEqual({
      disbursements: [
        { status: 'failed', failed: true, ref: 'T1' },
        { status: 'paid', failed: false, ref: 'T2' },
      ],
      milestones: [{ status: 'planned' }, { status: 'paid' }],
      transfers: [
        { status: 'reversed', transfer: 'T1', reversed: 1000 },
        { status: 'paid', transfer: 'T2', reversed: 0 },
      ],
      organization: [{ payoutsEnabled: true, event: 'EV_LATEST' }],
      journal: [
        { reference: 'donation:CS', code: 'clearing:stripe', amount: -500 },
        { reference: 'donation:CS', code: `fund:${DEMO.communities[0]}`, amount: 500 },
        { reference: 'paid:D1', code: 'clearing:stripe', amount: 1000 },
        { reference: 'paid:D1', code: 'payable:ORG', amount: -1000 },
        { reference: 'paid:D2', code: 'clearing:stripe', amount: 2000 },
        { reference: 'paid:D2', code: 'payable:ORG', amount: -2000 },
        { reference: 'payable:D1', code: 'commitment:C', amount: -1000 },
        { reference: 'payable:D1', code: 'payable:ORG', amount: 1000 },
        { reference: 'payable:D2', code: 'commitment:C', amount: -2000 },
        { reference: 'payable:D2', code: 'payable:ORG', amount: 2000 },
        { reference: 'reversed:D1:1', code: 'clearing:stripe', amount: -1000 },
        { reference: 'reversed:D1:1', code: 'commitment:C', amount: 1000 },
      ],
      events: [{ n: 9 }],
    });
    // Three hundred deliveries over HTTP: generous, as a busy 2-core machine runs other suites beside.
  }, 180_000);
});

describe('daily reconciliation', () => {
  it('heals a crash between the provider call and the commit, without a second transfer', async () => {
    const id = await accepted('a', 1_500_000);
    expect((await financeApproval(id)).body.status).toBe('approved');
    fake.webhookDelivery = 'hold'; // and the webhook that would have told us is late
    const audit = api.app.get(AuditService);
    const record = audit.record.bind(audit);
    audit.record = async (m, event: AuditEvent) => {
      if (event.action === 'payout.submitted') throw new Error('simulated crash after the Stripe call');
      return record(m, event);
    };
    try {
      await expect(payouts.transfer(id, 1)).rejects.toThrow('simulated crash');
    } finally {
      audit.record = record;
    }
    expect(transfersOf(id)).toHaveLength(1);
    expect(
      await db.query(
        `SELECT status, provider_transfer_id AS transfer FROM payout_transfers WHERE disbursement_id = $1`,
        [id],
      ),
    ).toEqual([{ status: 'pending', transfer: null }]);
    expect(await disbursement(id)).toMatchObject({ status: 'approved', providerReference: null });

    const report = (await api.app.get(ReconciliationService).run())!;
    const mine = report.mismatches.filter((x) => x.disbursementId === id);
    expect(mine).toEqual([
      expect.objectContaining({ kind: 'lost_commit', healed: true, transferId: transfersOf(id)[0].id }),
    ]);
    expect(report.healed).toBeGreaterThanOrEqual(1);
    expect(await disbursement(id)).toMatchObject({
      status: 'paid',
      providerReference: transfersOf(id)[0].id,
    });
    expect(await entries(`paid:${id}%`)).toEqual([`paid:${id}`]);

    // The job's retry and the late webhook change nothing, and nobody pays twice.
    expect(await payouts.transfer(id, 1)).toMatchObject({ outcome: 'skipped' });
    await fake.flush();
    expect(transfersOf(id)).toHaveLength(1);
    expect(await entries(`paid:${id}%`)).toEqual([`paid:${id}`]);
    const stored = await db.query(`SELECT id FROM reconciliation_reports WHERE id = $1`, [report.id]);
    expect(stored).toHaveLength(1);
  });

  it('reports what it must not heal, and finds the payouts that went right consistent', async () => {
    // A transfer at Stripe for a disbursement that never started a payout here.
    const [account] = [...fake.accounts.values()].filter((x) => x.payouts_enabled);
    const stray = randomUUID();
    await stripe.transfers.create({
      amount: 100,
      currency: 'cny',
      destination: account.id,
      metadata: { disbursement_id: stray, attempt: '1' },
    });
    await fake.idle();
    const report = (await api.app.get(ReconciliationService).run())!;
    expect(report.status).toBe('mismatches');
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ kind: 'unknown_transfer', disbursementId: stray }),
    );
    // Everything that went through the real flow above reconciles.
    const real: string[] = (
      await db.query(
        `SELECT DISTINCT disbursement_id AS id FROM payout_transfers WHERE idempotency_key LIKE 'sanshe-payout-%' AND destination LIKE 'acct_%' AND destination NOT LIKE 'acct_shuffle%'`,
      )
    ).map((r: { id: string }) => r.id);
    expect(real.length).toBeGreaterThanOrEqual(3);
    expect(report.mismatches.filter((x) => real.includes(x.disbursementId!))).toEqual([]);
    const [audit] = await db.query(
      `SELECT after FROM audit_log WHERE action = 'payments.reconciled' AND entity_id = $1`,
      [report.id],
    );
    expect(audit.after).toMatchObject({ status: 'mismatches' });
  });
});
