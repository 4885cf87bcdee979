import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { parseStripeForm, startFakeStripe, type FakeStripe } from './fake-stripe.js';
import { createStripeSdk } from '@sanshe/backend/modules/payments/stripe-client.js';

const secret = 'whsec_fake_stripe_spec_0123456789';
let fake: FakeStripe;
let stripe: Stripe;
let receiver: Server;
const received: { body: string; signature: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['stripe-signature']) });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  fake = await startFakeStripe({
    webhookSecret: secret,
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
  });
  stripe = createStripeSdk({ key: 'sk_test_fake_spec_key', url: fake.url });
});
afterAll(async () => {
  await fake.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('parseStripeForm', () => {
  it('reads bracketed keys into objects and indexed keys into arrays', () => {
    expect(
      parseStripeForm(
        'amount=5&metadata[a]=1&metadata[b]=x%20y&line_items[0][price_data][currency]=cny&line_items[1][quantity]=2&created[gte]=10',
      ),
    ).toEqual({
      amount: '5',
      metadata: { a: '1', b: 'x y' },
      line_items: [{ price_data: { currency: 'cny' } }, { quantity: '2' }],
      created: { gte: '10' },
    });
  });
});

describe('the fake Stripe, driven by the official SDK', () => {
  let account: Stripe.Account;

  it('creates Connect accounts and onboarding links, and says when payouts become enabled', async () => {
    account = await stripe.accounts.create({
      type: 'express',
      capabilities: { transfers: { requested: true } },
      metadata: { organization_id: 'org-1' },
    });
    expect(account).toMatchObject({
      object: 'account',
      payouts_enabled: false,
      metadata: { organization_id: 'org-1' },
    });
    expect(account.id).toMatch(/^acct_/);
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: 'http://web/refresh',
      return_url: 'http://web/return',
    });
    expect(link.url.startsWith(fake.url)).toBe(true);
    // The onboarding page finishes onboarding and returns to the app.
    const page = await fetch(link.url, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('http://web/return');
    expect((await stripe.accounts.retrieve(account.id)).payouts_enabled).toBe(true);
    await fake.idle();
    const event = JSON.parse(received.at(-1)!.body) as Stripe.Event;
    expect(event).toMatchObject({
      type: 'account.updated',
      account: account.id,
      data: { object: { payouts_enabled: true } },
    });
  });

  it('answers Stripe-shaped errors that the SDK turns into its error classes', async () => {
    await expect(stripe.accounts.retrieve('acct_nope')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
    });
    await expect(
      stripe.transfers.create({ amount: 100, currency: 'cny', destination: 'acct_nope' }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'destination' });
    const wrongKey = createStripeSdk({ key: 'pk_test_not_a_secret', url: fake.url });
    await expect(wrongKey.accounts.retrieve(account.id)).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });
  });

  it('replays an idempotent request and refuses the same key with other parameters', async () => {
    const params = {
      amount: 1234,
      currency: 'cny',
      destination: account.id,
      metadata: { disbursement_id: 'd-1' },
    };
    const first = await stripe.transfers.create(params, { idempotencyKey: 'key-1' });
    const again = await stripe.transfers.create(params, { idempotencyKey: 'key-1' });
    expect(again.id).toBe(first.id);
    expect(fake.transfers.filter((t) => t.metadata.disbursement_id === 'd-1')).toHaveLength(1);
    await expect(
      stripe.transfers.create({ ...params, amount: 999 }, { idempotencyKey: 'key-1' }),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
  });

  it('survives a lost response: the SDK retries with the same key and gets the same transfer', async () => {
    fake.failures.push({ method: 'POST', path: '/v1/transfers', mode: 'drop_response', times: 1 });
    const before = fake.transfers.length;
    const transfer = await stripe.transfers.create(
      { amount: 500, currency: 'cny', destination: account.id },
      { idempotencyKey: 'key-lost-response' },
    );
    expect(fake.transfers.length).toBe(before + 1);
    expect(fake.transfers.at(-1)!.id).toBe(transfer.id);
    expect(
      fake.requests.filter((r) => r.idempotencyKey === 'key-lost-response').map((r) => r.replayed),
    ).toEqual([false, true]);
  });

  it('lists transfers newest first, page by page, and reverses them', async () => {
    for (let i = 0; i < 5; i++)
      await stripe.transfers.create({ amount: 10 + i, currency: 'cny', destination: account.id });
    const firstPage = await stripe.transfers.list({ limit: 3 });
    expect(firstPage.data).toHaveLength(3);
    expect(firstPage.has_more).toBe(true);
    expect(firstPage.data[0].id).toBe(fake.transfers.at(-1)!.id);
    const all: string[] = [];
    for await (const t of stripe.transfers.list({ limit: 2 })) all.push(t.id);
    expect(all).toEqual(fake.transfers.map((t) => t.id).reverse());
    const reversal = await stripe.transfers.createReversal(all[0]);
    expect(reversal.amount).toBe(fake.transfers.at(-1)!.amount);
    expect(await stripe.transfers.retrieve(all[0])).toMatchObject({ reversed: true });
  });

  it('creates Checkout sessions and signs its webhooks the way the SDK verifies them', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        { quantity: 2, price_data: { currency: 'cny', unit_amount: 500, product_data: { name: 'x' } } },
      ],
      success_url: 'http://web/ok',
      metadata: { purpose: 'community_fund' },
    });
    expect(session).toMatchObject({ amount_total: 1000, currency: 'cny', payment_status: 'unpaid' });
    fake.completeCheckout(session.id);
    await fake.idle();
    const { body, signature } = received.at(-1)!;
    const event = Stripe.webhooks.constructEvent(body, signature, secret);
    expect(event).toMatchObject({
      type: 'checkout.session.completed',
      data: { object: { id: session.id, payment_status: 'paid' } },
    });
    expect(() => Stripe.webhooks.constructEvent(body.replace('1000', '9000'), signature, secret)).toThrow();
    const stale = fake.signatureHeader(body, Math.floor(Date.now() / 1000) - 600);
    expect(() => Stripe.webhooks.constructEvent(body, stale, secret)).toThrow(/tolerance/);
  });
});
