import type { INestApplicationContext } from '@nestjs/common';
import type Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { DisbursementsService } from '../../src/modules/disbursements/disbursements.service.js';
import { ConnectService } from '../../src/modules/payments/connect.service.js';
import { startFakeStripe, type FakeStripe } from '@sanshe/fake-stripe';
import { payoutIdempotencyKey } from '../../src/modules/payments/payout-providers.js';
import { PayoutsService } from '../../src/modules/payments/payouts.service.js';
import { StripeClient } from '../../src/modules/payments/stripe-client.js';
import { StripeEventsService } from '../../src/modules/payments/stripe-events.service.js';
import { verifiedOrganization } from '../support/fixtures.js';
import { ACCEPTANCE_RATING, STRIPE_TEST_SECRET, stripeTestEnv } from '../support/payments.js';
import {
  principal,
  balanceOf,
  contractWithProject,
  payoutEntries,
  startServiceSuite,
  stopServiceSuite,
  type ServiceSuite,
} from '../support/services.js';

/**
 * Payout attempts through PayoutsService on real PostgreSQL and the fake Stripe: one transfer per
 * attempt and idempotency key, refusals before any transfer, retries that never pay twice, and the
 * provider's events (applied here, in any order) settling the disbursement and the ledger once.
 */
const AMOUNT = 2_000_000;
let fake: FakeStripe;
let suite: ServiceSuite | undefined;
let db: DataSource;
let app: INestApplicationContext;
let disbursements: DisbursementsService;
let payouts: PayoutsService;
let events: StripeEventsService;
let seen = 0;
const who: Record<string, AuthUser> = {};

/** Applies the events the fake Stripe emitted since the last call (the webhook, without HTTP). */
async function applyNewEvents(order: 'as_sent' | 'reversed' = 'as_sent'): Promise<string[]> {
  const fresh = fake.events.slice(seen);
  seen = fake.events.length;
  const outcomes: string[] = [];
  for (const event of order === 'reversed' ? fresh.reverse() : fresh)
    outcomes.push(`${event.type}:${(await events.process(event)).outcome}`);
  return outcomes;
}

async function organization(name: string, onboarded: boolean) {
  const org = await verifiedOrganization(db, name);
  const admin = await principal(db, org.adminEmail);
  if (onboarded) await onboard(admin, org.id);
  return { id: org.id, admin };
}

async function onboard(admin: AuthUser, organizationId: string) {
  const { accountId } = await app.get(ConnectService).onboarding(admin, organizationId);
  fake.completeOnboarding(accountId!);
  expect(await applyNewEvents()).toEqual(['account.updated:applied']);
}

/** A Stripe milestone payment approved by finance: attempt 1 is due. */
async function approved(org: {
  id: string;
  admin: AuthUser;
}): Promise<{ id: string; milestoneId: string; contractId: string }> {
  const { milestoneId, contractId } = await contractWithProject(app, db, org.admin, org.id, AMOUNT);
  const d = await disbursements.request(org.admin, {
    milestoneId,
    method: 'stripe',
    deliverables: '服务报告',
  });
  await disbursements.accept(who.staff, d.id, ACCEPTANCE_RATING);
  expect((await disbursements.financeApprove(who.finance, d.id)).status).toBe('approved');
  return { id: d.id, milestoneId, contractId };
}

const state = async (id: string) =>
  (
    await db.query(
      `SELECT d.status, d.payout_attempt AS attempt, d.failure_reason AS "failureReason", d.provider_reference AS "providerReference",
              m.status AS milestone
         FROM disbursements d JOIN milestones m ON m.id = d.milestone_id WHERE d.id = $1`,
      [id],
    )
  )[0];
const attempts = (id: string) =>
  db.query(
    `SELECT attempt, status, provider_transfer_id AS "transferId", idempotency_key AS "key" FROM payout_transfers
      WHERE disbursement_id = $1 ORDER BY attempt`,
    [id],
  );
const transfersOf = (id: string) => fake.transfers.filter((t) => t.metadata?.disbursement_id === id);
const transferPosts = (id: string) =>
  fake.requests.filter(
    (r) => r.method === 'POST' && r.path === '/v1/transfers' && r.idempotencyKey?.includes(id),
  );

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: STRIPE_TEST_SECRET, webhookDelivery: 'drop' });
  suite = await startServiceSuite(stripeTestEnv(fake));
  ({ db, app } = suite);
  disbursements = app.get(DisbursementsService);
  payouts = app.get(PayoutsService);
  events = app.get(StripeEventsService);
  who.staff = await principal(db, 'staff@demo.sanshe.cn');
  who.finance = await principal(db, 'finance@demo.sanshe.cn');
}, 120_000);

afterAll(async () => {
  await stopServiceSuite(suite);
  await fake?.close();
});

describe('payout attempts', () => {
  it('refuses an attempt to an organization without a Stripe account: nothing sent, the money back in the commitment', async () => {
    const org = await organization('未接入支付的机构', false);
    const d = await approved(org);
    const refused = await payouts.transfer(d.id, 1);
    expect(refused).toMatchObject({ outcome: 'refused' });
    expect(transfersOf(d.id)).toHaveLength(0);
    expect(await state(d.id)).toMatchObject({ status: 'failed', attempt: 1, milestone: 'planned' });
    expect((await state(d.id)).failureReason).toMatch(/not connected a Stripe account/);
    expect(await attempts(d.id)).toEqual([
      { attempt: 1, status: 'refused', transferId: null, key: payoutIdempotencyKey(d.id, 1) },
    ]);
    expect(await payoutEntries(db, d.id)).toEqual([`failed:${d.id}:1`, `payable:${d.id}`]);
    expect(await balanceOf(db, `commitment:${d.contractId}`)).toBe(AMOUNT);
    expect(await balanceOf(db, `payable:${org.id}`)).toBe(0);
    // The same job again does nothing: the attempt is over.
    expect(await payouts.transfer(d.id, 1)).toMatchObject({ outcome: 'skipped' });

    // Once onboarded, finance approves again: attempt 2 pays, and the provider's event settles it.
    await onboard(org.admin, org.id);
    expect(await disbursements.financeApprove(who.finance, d.id)).toMatchObject({
      status: 'approved',
      payoutAttempt: 2,
    });
    expect(await payouts.transfer(d.id, 1)).toMatchObject({ outcome: 'skipped' }); // a stale attempt's job
    const submitted = await payouts.transfer(d.id, 2);
    expect(submitted).toMatchObject({ outcome: 'submitted' });
    expect(await applyNewEvents()).toEqual(['transfer.created:applied']);
    expect(await state(d.id)).toMatchObject({ status: 'paid', attempt: 2, milestone: 'paid' });
    expect(await payoutEntries(db, d.id)).toEqual([
      `failed:${d.id}:1`,
      `paid:${d.id}:2`,
      `payable:${d.id}`,
      `payable:${d.id}:2`,
    ]);
    expect(await balanceOf(db, `payable:${org.id}`)).toBe(0);
    expect(await balanceOf(db, `commitment:${d.contractId}`)).toBe(0);
  });

  it('a retried job never pays twice: every call of an attempt sends its one idempotency key', async () => {
    const org = await organization('重试机构', true);
    const d = await approved(org);
    // Stripe answers 500 three times: the SDK retries twice, then the job fails (BullMQ would retry it).
    fake.failures.push({ method: 'POST', path: '/v1/transfers', mode: 'error500', times: 3 });
    await expect(payouts.transfer(d.id, 1)).rejects.toBeDefined();
    expect(await attempts(d.id)).toEqual([
      { attempt: 1, status: 'pending', transferId: null, key: payoutIdempotencyKey(d.id, 1) },
    ]);
    expect(await state(d.id)).toMatchObject({ status: 'approved', providerReference: null });
    expect(await payouts.transfer(d.id, 1)).toMatchObject({ outcome: 'submitted' });
    expect(transfersOf(d.id)).toHaveLength(1);
    const keys = transferPosts(d.id).map((r) => r.idempotencyKey);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(new Set(keys)).toEqual(new Set([payoutIdempotencyKey(d.id, 1)]));
    expect(await payouts.transfer(d.id, 1)).toMatchObject({ outcome: 'skipped' });
    expect(await state(d.id)).toMatchObject({
      status: 'approved',
      providerReference: transfersOf(d.id)[0].id,
    });
    expect(await applyNewEvents()).toEqual(['transfer.created:applied']);
    expect(await state(d.id)).toMatchObject({ status: 'paid' });
  });

  it('an answer lost after Stripe did the work is replayed under the same key: one transfer', async () => {
    const org = await organization('应答丢失机构', true);
    const d = await approved(org);
    fake.failures.push({ method: 'POST', path: '/v1/transfers', mode: 'drop_response', times: 1 });
    expect(await payouts.transfer(d.id, 1)).toMatchObject({ outcome: 'submitted' });
    expect(transfersOf(d.id)).toHaveLength(1);
    expect(transferPosts(d.id).map((r) => r.replayed)).toEqual([false, true]);
    expect(await applyNewEvents()).toEqual(['transfer.created:applied']);
    expect(await state(d.id)).toMatchObject({ status: 'paid', milestone: 'paid' });
  });

  it('a reversal, in whichever order the events arrive, fails the payout once and puts the money back', async () => {
    const stripe = app.get(StripeClient).api;
    const results: { entries: string[]; commitment: number; clearing: number }[] = [];
    for (const order of ['as_sent', 'reversed'] as const) {
      const org = await organization(`撤回机构-${order}`, true);
      const d = await approved(org);
      const clearingBefore = await balanceOf(db, 'clearing:stripe');
      await payouts.transfer(d.id, 1);
      const [transfer] = transfersOf(d.id) as Stripe.Transfer[];
      if (order === 'as_sent') expect(await applyNewEvents()).toEqual(['transfer.created:applied']);
      await stripe.transfers.createReversal(transfer.id);
      const outcomes = await applyNewEvents(order);
      expect(outcomes).toEqual(
        order === 'as_sent'
          ? ['transfer.reversed:applied']
          : ['transfer.reversed:applied', 'transfer.created:stale'],
      );
      expect(await state(d.id)).toMatchObject({ status: 'failed', milestone: 'planned' });
      expect((await state(d.id)).failureReason).toMatch(/reversed/);
      expect(await attempts(d.id)).toMatchObject([
        { attempt: 1, status: 'reversed', transferId: transfer.id },
      ]);
      results.push({
        entries: (await payoutEntries(db, d.id)).map((e) => e.replace(d.id, '<id>')),
        commitment: await balanceOf(db, `commitment:${d.contractId}`),
        clearing: (await balanceOf(db, 'clearing:stripe')) - clearingBefore,
      });
      // The snapshot before the reversal, applied again later, changes nothing.
      expect(
        await db.transaction((m) => payouts.applyTransfer(m, { ...transfer, amount_reversed: 0 }, 'test')),
      ).toBe('stale');
    }
    expect(results[0]).toEqual({
      entries: ['paid:<id>', 'payable:<id>', 'reversed:<id>:1'],
      commitment: AMOUNT,
      clearing: 0,
    });
    expect(results[1]).toEqual(results[0]);
  });

  it('refuses to settle an attempt with a transfer that does not match what was sent', async () => {
    const org = await organization('金额不符机构', true);
    const d = await approved(org);
    await payouts.transfer(d.id, 1);
    const [transfer] = transfersOf(d.id) as Stripe.Transfer[];
    expect(
      await db.transaction((m) => payouts.applyTransfer(m, { ...transfer, amount: AMOUNT + 1 }, 'test')),
    ).toBe('conflict');
    expect(
      await db.transaction((m) => payouts.applyTransfer(m, { ...transfer, id: 'tr_someone_else' }, 'test')),
    ).toBe('conflict');
    expect(await state(d.id)).toMatchObject({ status: 'approved' });
    expect(await applyNewEvents()).toEqual(['transfer.created:applied']);
    expect(await state(d.id)).toMatchObject({ status: 'paid' });
  });
});
