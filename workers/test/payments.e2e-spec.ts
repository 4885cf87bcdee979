import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { DEMO, seedDemo } from '@sanshe/backend/database/seed/demo.js';
import { startFakeStripe, type FakeStripe } from '@sanshe/fake-stripe';
import { payoutIdempotencyKey } from '@sanshe/backend/modules/payments/payout-providers.js';
import { Api, tokenFor } from '../../backend/test/support/http.js';
import {
  acceptedStripeDisbursement,
  onboard,
  STRIPE_TEST_SECRET,
  stripeTestEnv,
  testOrganization,
  webhookUrl,
  type TestOrg,
} from '../../backend/test/support/payments.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { waitFor } from '../../backend/test/support/wait.js';
import { createWorkers } from '../src/bootstrap.js';
import { queueConnection } from '../../backend/src/jobs/queue-connection.js';

let fake: FakeStripe;
let env: Env;
let db: DataSource;
let api: Api;
let workers: INestApplicationContext | undefined;
let queue: Queue;
let org: TestOrg;
const t: Record<string, string> = {};

const statusOf = async (id: string) =>
  (await db.query(`SELECT status FROM disbursements WHERE id = $1`, [id]))[0].status;
const transfersOf = (id: string) => fake.transfers.filter((x) => x.metadata.disbursement_id === id);
const entries = async (like: string) =>
  (await db.query(`SELECT reference FROM journal_entries WHERE reference LIKE $1 ORDER BY 1`, [like])).map(
    (r: { reference: string }) => r.reference,
  );
const approve = (id: string) =>
  api.request('POST', `/api/disbursements/${id}/finance-approval`, { token: t.finance });

async function startWorkers(): Promise<void> {
  workers = await createWorkers({ logger: false });
  await workers.init();
}

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: STRIPE_TEST_SECRET });
  env = useTestEnv(stripeTestEnv(fake));
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  fake.webhookUrl = webhookUrl(api);
  queue = new Queue('payments', queueConnection(env));
  t.finance = await tokenFor(api, 'finance@demo.sanshe.cn');
  t.staff = await tokenFor(api, 'staff@demo.sanshe.cn');
  org = await testOrganization(db, api, '后台支付机构');
  await onboard(api, fake, org);
  await api.request('POST', `/api/streets/${DEMO.streets[0]}/budget/allocations`, {
    token: t.finance,
    body: { year: 2026, amountFen: 100_000_000, reference: 'W-PAY-1' },
  });
});
afterEach(async () => {
  // After every test the whole ledger still sums to zero.
  const [{ total }] = await db.query(`SELECT coalesce(sum(amount_fen), 0)::float8 AS total FROM postings`);
  expect(total).toBe(0);
});
afterAll(async () => {
  try {
    await workers?.close();
    await queue?.close();
    await fake?.close(); // first: its last webhooks still reach the API
    await api?.close();
  } finally {
    if (db) await dropSchema(db, env);
  }
});

describe('Stripe payouts in the workers', () => {
  it('pay an approved disbursement in the background: 200 concurrent approvals, one transfer, paid by the webhook', async () => {
    await startWorkers();
    const id = await acceptedStripeDisbursement(db, api, org, t.staff);
    const results = await Promise.all(Array.from({ length: 200 }, () => approve(id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(statuses.some((s) => s >= 500)).toBe(false);
    await waitFor(async () => (await statusOf(id)) === 'paid', 'the payout to be paid');
    expect(transfersOf(id)).toHaveLength(1);
    expect(transfersOf(id)[0]).toMatchObject({ amount: 2_000_000, metadata: { attempt: '1' } });
    expect(await entries(`%:${id}%`)).toEqual([`paid:${id}`, `payable:${id}`]);
  });

  it('retry a transient Stripe failure with the same idempotency key, and never pay twice', async () => {
    const id = await acceptedStripeDisbursement(db, api, org, t.staff, 1_000_000);
    // Stripe answers 500 three times: the SDK retries twice, then the job fails and BullMQ retries it.
    fake.failures.push({ method: 'POST', path: '/v1/transfers', mode: 'error500', times: 3 });
    expect((await approve(id)).body.status).toBe('approved');
    await waitFor(async () => (await statusOf(id)) === 'paid', 'the retried payout to be paid', 20000);
    expect(transfersOf(id)).toHaveLength(1);
    const calls = fake.requests.filter((r) => r.idempotencyKey === payoutIdempotencyKey(id, 1));
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(1);
  });

  it('run on start the transfer of a payout approved while the queue lost its job', async () => {
    await workers!.close();
    workers = undefined;
    const id = await acceptedStripeDisbursement(db, api, org, t.staff, 500_000);
    expect((await approve(id)).body.status).toBe('approved');
    await queue.obliterate({ force: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(await statusOf(id)).toBe('approved');
    await startWorkers();
    await waitFor(async () => (await statusOf(id)) === 'paid', 'the re-ensured payout to be paid');
    expect(transfersOf(id)).toHaveLength(1);
  });

  it('schedule the daily reconciliation, which finds everything consistent', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toContainEqual(
      expect.objectContaining({
        key: 'payments-reconcile-daily',
        pattern: '30 3 * * *',
        tz: 'Asia/Shanghai',
      }),
    );
    await queue.add('payments.reconcile', {});
    await waitFor(
      async () => (await db.query(`SELECT 1 FROM reconciliation_reports`)).length > 0,
      'a reconciliation report',
    );
    const [report] = await db.query(
      `SELECT status, transfers_checked AS transfers, healed, mismatches FROM reconciliation_reports`,
    );
    expect(report).toEqual({ status: 'clean', transfers: 3, healed: 0, mismatches: [] });
  });

  it('schedule the daily purge of expired Idempotency-Keys, which keeps the live ones', async () => {
    expect(await queue.getJobSchedulers()).toContainEqual(
      expect.objectContaining({ key: 'idempotency-purge-daily', pattern: '30 4 * * *', tz: 'Asia/Shanghai' }),
    );
    await db.query(
      `INSERT INTO idempotency_keys (principal, key, fingerprint, method, path, expires_at)
       VALUES ('anonymous', 'expired-key-0123456789', repeat('0', 64), 'POST', '/api/x', now() - interval '1 minute'),
              ('anonymous', 'live-key-0123456789ab', repeat('0', 64), 'POST', '/api/x', now() + interval '1 hour')`,
    );
    await queue.add('idempotency.purge', {});
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM idempotency_keys WHERE key = 'expired-key-0123456789'`)).length === 0,
      'the expired key to be purged',
    );
    expect(await db.query(`SELECT key FROM idempotency_keys WHERE principal = 'anonymous'`)).toEqual([
      { key: 'live-key-0123456789ab' },
    ]);
  });
});
