import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';

/**
 * A local stand-in for the part of Stripe's HTTP API this product uses, spoken well enough for the
 * official SDK pointed at it (host/port/protocol): Connect accounts and onboarding links, transfers
 * (create, list with cursors, reverse), Checkout sessions, and signed webhooks. Tests use it, and
 * `npm start` runs one when no STRIPE_SECRET_KEY is set, so the demo works without the internet.
 *
 * Like Stripe: form-encoded bodies with bracketed keys (`metadata[k]=v`), `Authorization: Bearer sk_…`,
 * Stripe-shaped objects and errors, idempotency keys replayed (same key and parameters → the stored
 * response; same key, other parameters → 400 idempotency_error), lists newest first, and webhooks
 * signed `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`.
 */

export type WebhookDelivery = 'immediate' | 'hold' | 'drop';

export interface FakeStripeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Where events are POSTed; may be set later (`fake.webhookUrl = …`). */
  webhookUrl?: string;
  webhookSecret: string;
  /** When set, only this key is accepted; otherwise any sk_test_…, sk_live_… or rk_… key. */
  apiKey?: string;
  /** immediate (default): POST each event as it happens; hold: keep them in `held`; drop: lose them. */
  webhookDelivery?: WebhookDelivery;
}

export interface InjectedFailure {
  method: string;
  path: string | RegExp;
  /**
   * error500: answer 500 with `Stripe-Should-Retry: true` before doing anything (nothing is stored
   * under the idempotency key, so a retry runs for real); drop_response: do the work, store it under
   * the key, then cut the connection (a retry with the same key gets the replay).
   */
  mode: 'error500' | 'drop_response';
  times: number;
}

export interface FakeStripe {
  readonly url: string;
  readonly port: number;
  webhookUrl: string | undefined;
  webhookDelivery: WebhookDelivery;
  readonly webhookSecret: string;
  readonly accounts: Map<string, Stripe.Account>;
  /** Every transfer, in creation order. */
  readonly transfers: Stripe.Transfer[];
  readonly checkoutSessions: Map<string, Stripe.Checkout.Session>;
  /** Every event created, in order. */
  readonly events: Stripe.Event[];
  /** Events kept back while `webhookDelivery` is 'hold'. */
  readonly held: Stripe.Event[];
  /** Each request the API received: method, path and idempotency key. */
  readonly requests: { method: string; path: string; idempotencyKey?: string; replayed: boolean }[];
  readonly failures: InjectedFailure[];
  close(): Promise<void>;
  /** Builds (and records) an event without delivering it. */
  event(
    type: Stripe.Event.Type,
    object: object,
    options?: { account?: string; created?: number },
  ): Stripe.Event;
  /** Signs and POSTs one event to the webhook URL now, whatever the delivery mode; resolves with the answer. */
  deliver(
    event: Stripe.Event,
    options?: { timestamp?: number; secret?: string; url?: string },
  ): Promise<{ status: number; body: string }>;
  /** event() + deliver(). */
  sendEvent(
    type: Stripe.Event.Type,
    object: object,
    options?: { account?: string },
  ): Promise<{ event: Stripe.Event; status: number }>;
  /** The Stripe-Signature header for a payload. */
  signatureHeader(payload: string, timestamp?: number, secret?: string): string;
  /** Delivers the held events (in order) and switches back to immediate delivery. */
  flush(): Promise<void>;
  /** Resolves when every background webhook delivery has finished. */
  idle(): Promise<void>;
  /** The connected account finishes onboarding: payouts become enabled; `account.updated` is sent. */
  completeOnboarding(accountId: string, options?: { payoutsEnabled?: boolean }): Stripe.Account;
  /** Pays a Checkout session: `checkout.session.completed` is sent. */
  completeCheckout(sessionId: string): Stripe.Checkout.Session;
  /** A payout of a connected account to its bank: `payout.paid` or `payout.failed` is sent. */
  payout(accountId: string, amount: number, status: 'paid' | 'failed'): Stripe.Payout;
}

const API_VERSION = '2026-10-28.endive';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const id = (prefix: string) =>
  `${prefix}_${Array.from(randomBytes(24), (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
const now = () => Math.floor(Date.now() / 1000);

/** An error Stripe would answer: HTTP status plus the `{ error: { … } }` body. */
class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      type: string;
      message: string;
      code?: string;
      param?: string;
    },
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new StripeHttpError(400, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  });
const missing = (what: string, value: string, param: string) =>
  new StripeHttpError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${what}: '${value}'`,
    param,
  });

type Params = Record<string, unknown>;

/** `a[b][0][c]=v` pairs → nested objects and arrays, as Stripe reads them. */
export function parseStripeForm(text: string): Params {
  const root: Params = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const path = rawKey.replace(/\]/g, '').split('[');
    let node: Params = root;
    path.forEach((part, i) => {
      const key = part === '' ? String(Object.keys(node).length) : part;
      if (i === path.length - 1) {
        node[key] = value;
      } else {
        node[key] ??= {};
        node = node[key] as Params;
      }
    });
  }
  return arraysFromIndices(root) as Params;
}

function arraysFromIndices(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Params).map(([k, v]) => [k, arraysFromIndices(v)] as const);
  if (entries.length && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

/** Sorted-key JSON, so the same parameters always compare equal. */
const fingerprint = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  return `{${Object.keys(value as Params)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${fingerprint((value as Params)[k])}`)
    .join(',')}}`;
};

function integer(params: Params, name: string, options: { required?: boolean; min?: number } = {}) {
  const raw = params[name];
  if (raw === undefined || raw === '') {
    if (options.required) throw invalid(`Missing required param: ${name}.`, name, 'parameter_missing');
    return undefined;
  }
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw invalid(`Invalid integer: ${String(raw)}`, name);
  const n = Number(raw);
  if (options.min !== undefined && n < options.min)
    throw invalid(`This value must be greater than or equal to ${options.min}.`, name);
  return n;
}

function text(params: Params, name: string, required = false): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') {
    if (required) throw invalid(`Missing required param: ${name}.`, name, 'parameter_missing');
    return undefined;
  }
  if (typeof raw !== 'string') throw invalid(`Invalid string: ${JSON.stringify(raw)}`, name);
  return raw;
}

function metadata(params: Params): Record<string, string> {
  const raw = params.metadata;
  if (raw === undefined || raw === '') return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('Invalid hash', 'metadata');
  for (const [k, v] of Object.entries(raw as Params)) {
    if (typeof v !== 'string') throw invalid(`Invalid value for metadata[${k}]`, `metadata[${k}]`);
    if (k.length > 40) throw invalid('Metadata keys can be at most 40 characters', `metadata[${k}]`);
    if (v.length > 500) throw invalid('Metadata values can be at most 500 characters', `metadata[${k}]`);
  }
  return raw as Record<string, string>;
}

function createdFilter(params: Params): (created: number) => boolean {
  const raw = params.created;
  if (raw === undefined) return () => true;
  if (typeof raw === 'string') {
    const exact = integer(params, 'created');
    return (c) => c === exact;
  }
  const range = raw as Params;
  const bound = (k: string) => (range[k] === undefined ? undefined : integer(range, k));
  const [gt, gte, lt, lte] = ['gt', 'gte', 'lt', 'lte'].map(bound);
  return (c) =>
    (gt === undefined || c > gt) &&
    (gte === undefined || c >= gte) &&
    (lt === undefined || c < lt) &&
    (lte === undefined || c <= lte);
}

/** Stripe's list page: newest first, `limit` 1–100 (default 10), cursors by object id. */
function page<T extends { id: string }>(all: T[], params: Params, url: string): Stripe.ApiList<T> {
  const limit = integer(params, 'limit', { min: 1 }) ?? 10;
  if (limit > 100) throw invalid('This value must be less than or equal to 100.', 'limit');
  const newestFirst = [...all].reverse();
  const after = text(params, 'starting_after');
  const before = text(params, 'ending_before');
  let items = newestFirst;
  if (after) {
    const i = newestFirst.findIndex((x) => x.id === after);
    if (i < 0) throw invalid(`No such object: '${after}'`, 'starting_after', 'resource_missing');
    items = newestFirst.slice(i + 1);
    return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url };
  }
  if (before) {
    const i = newestFirst.findIndex((x) => x.id === before);
    if (i < 0) throw invalid(`No such object: '${before}'`, 'ending_before', 'resource_missing');
    items = newestFirst.slice(0, i);
    return { object: 'list', data: items.slice(-limit), has_more: items.length > limit, url };
  }
  return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export function stripeSignatureHeader(payload: string, secret: string, timestamp = now()): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export async function startFakeStripe(options: FakeStripeOptions): Promise<FakeStripe> {
  const host = options.host ?? '127.0.0.1';
  const accounts = new Map<string, Stripe.Account>();
  const transfers: Stripe.Transfer[] = [];
  const checkoutSessions = new Map<string, Stripe.Checkout.Session>();
  const events: Stripe.Event[] = [];
  const held: Stripe.Event[] = [];
  const requests: FakeStripe['requests'] = [];
  const failures: InjectedFailure[] = [];
  const idempotency = new Map<
    string,
    { method: string; path: string; params: string; status: number; body: string }
  >();
  const pending = new Set<Promise<unknown>>();
  let baseUrl = '';

  // ---- events and webhooks -------------------------------------------------------------------
  const makeEvent = (
    type: Stripe.Event.Type,
    object: object,
    extra: {
      account?: string;
      created?: number;
      request?: { id: string; idempotency_key: string | null };
      previous?: object;
    } = {},
  ): Stripe.Event => {
    const event = {
      id: id('evt'),
      object: 'event',
      ...(extra.account ? { account: extra.account } : {}),
      api_version: API_VERSION,
      created: extra.created ?? now(),
      data: {
        object: structuredClone(object),
        ...(extra.previous ? { previous_attributes: extra.previous } : {}),
      },
      livemode: false,
      pending_webhooks: 1,
      request: extra.request ?? { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    events.push(event);
    return event;
  };

  const post = async (
    event: Stripe.Event,
    opts: { timestamp?: number; secret?: string; url?: string } = {},
  ) => {
    const url = opts.url ?? fake.webhookUrl;
    if (!url) throw new Error('the fake Stripe has no webhook URL');
    const payload = JSON.stringify(event, null, 2);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'stripe-signature': stripeSignatureHeader(
          payload,
          opts.secret ?? options.webhookSecret,
          opts.timestamp,
        ),
      },
      body: payload,
    });
    return { status: res.status, body: await res.text() };
  };

  /** Background delivery with a few retries, like Stripe (which retries for days). */
  const emit = (type: Stripe.Event.Type, object: object, extra: Parameters<typeof makeEvent>[2] = {}) => {
    const event = makeEvent(type, object, extra);
    if (fake.webhookDelivery === 'drop' || !fake.webhookUrl) return event;
    if (fake.webhookDelivery === 'hold') {
      held.push(event);
      return event;
    }
    const delivery = (async () => {
      await new Promise((r) => setImmediate(r)); // after the API response has gone out
      for (let attempt = 0; attempt < 4; attempt++) {
        try {
          const { status } = await post(event);
          if (status >= 200 && status < 300) return;
        } catch {
          // endpoint down: retry
        }
        await new Promise((r) => setTimeout(r, 100 * 3 ** attempt));
      }
    })();
    pending.add(delivery);
    void delivery.finally(() => pending.delete(delivery));
    return event;
  };

  // ---- resources -----------------------------------------------------------------------------
  const account = (accountId: string, param = 'account') => {
    const found = accounts.get(accountId);
    if (!found) throw missing('account', accountId, param);
    return found;
  };

  const transferById = (transferId: string) => {
    const found = transfers.find((t) => t.id === transferId);
    if (!found) throw missing('transfer', transferId, 'id');
    return found;
  };

  const reverse = (
    transfer: Stripe.Transfer,
    amount: number,
    params: Params,
    request: { id: string; idempotency_key: string | null },
  ) => {
    const left = transfer.amount - transfer.amount_reversed;
    if (amount < 1 || amount > left)
      throw invalid(
        `You cannot reverse ${amount} when only ${left} remains on the transfer.`,
        'amount',
        'transfer_reversal_amount_exceeds_remaining',
      );
    const reversal = {
      id: id('trr'),
      object: 'transfer_reversal',
      amount,
      balance_transaction: id('txn'),
      created: now(),
      currency: transfer.currency,
      destination_payment_refund: id('pyr'),
      metadata: metadata(params),
      source_refund: null,
      transfer: transfer.id,
    } as unknown as Stripe.TransferReversal;
    transfer.amount_reversed += amount;
    transfer.reversed = transfer.amount_reversed >= transfer.amount;
    transfer.reversals.data.unshift(reversal);
    (transfer.reversals as { total_count?: number }).total_count = transfer.reversals.data.length;
    emit('transfer.reversed', transfer, { request });
    return reversal;
  };

  type Handler = (ctx: {
    params: Params;
    match: RegExpMatchArray;
    request: { id: string; idempotency_key: string | null };
  }) => unknown;

  const routes: [string, RegExp, Handler][] = [
    [
      'POST',
      /^\/v1\/accounts$/,
      ({ params }) => {
        const type = text(params, 'type') ?? 'express';
        if (!['express', 'standard', 'custom'].includes(type))
          throw invalid(`Invalid type: must be one of custom, express, or standard`, 'type');
        const created = {
          id: id('acct'),
          object: 'account',
          business_profile: (params.business_profile as object) ?? null,
          business_type: text(params, 'business_type') ?? null,
          capabilities: Object.fromEntries(
            Object.keys((params.capabilities as Params) ?? {}).map((c) => [c, 'inactive']),
          ),
          charges_enabled: false,
          country: text(params, 'country') ?? 'US',
          created: now(),
          default_currency: 'usd',
          details_submitted: false,
          email: text(params, 'email') ?? null,
          metadata: metadata(params),
          payouts_enabled: false,
          requirements: {
            currently_due: ['external_account', 'tos_acceptance.date'],
            disabled_reason: 'requirements.past_due',
          },
          type,
        } as unknown as Stripe.Account;
        accounts.set(created.id, created);
        return created;
      },
    ],
    ['GET', /^\/v1\/accounts\/([\w-]+)$/, ({ match }) => account(match[1], 'id')],
    [
      'POST',
      /^\/v1\/account_links$/,
      ({ params }) => {
        const accountId = text(params, 'account', true)!;
        if (!accounts.has(accountId))
          throw invalid(`No such account: '${accountId}'`, 'account', 'resource_missing');
        const type = text(params, 'type', true)!;
        if (!['account_onboarding', 'account_update'].includes(type))
          throw invalid('Invalid type: must be one of account_onboarding or account_update', 'type');
        const returnUrl = text(params, 'return_url') ?? '';
        const created = now();
        return {
          object: 'account_link',
          created,
          expires_at: created + 300,
          url: `${baseUrl}/connect/onboarding/${accountId}?return_url=${encodeURIComponent(returnUrl)}`,
        } satisfies Stripe.AccountLink;
      },
    ],
    [
      'POST',
      /^\/v1\/transfers$/,
      ({ params, request }) => {
        const amount = integer(params, 'amount', { required: true, min: 1 })!;
        const currency = text(params, 'currency', true)!.toLowerCase();
        const destination = text(params, 'destination', true)!;
        const target = accounts.get(destination);
        if (!target)
          throw invalid(`No such destination: '${destination}'`, 'destination', 'resource_missing');
        if (!target.payouts_enabled) {
          throw invalid(
            'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
            'destination',
            'insufficient_capabilities_for_transfer',
          );
        }
        const created = {
          id: id('tr'),
          object: 'transfer',
          amount,
          amount_reversed: 0,
          balance_transaction: id('txn'),
          created: now(),
          currency,
          description: text(params, 'description') ?? null,
          destination,
          destination_payment: id('py'),
          livemode: false,
          metadata: metadata(params),
          reversals: { object: 'list', data: [], has_more: false, total_count: 0, url: '' },
          reversed: false,
          source_transaction: null,
          source_type: 'card',
          transfer_group: text(params, 'transfer_group') ?? null,
        } as unknown as Stripe.Transfer;
        created.reversals.url = `/v1/transfers/${created.id}/reversals`;
        transfers.push(created);
        emit('transfer.created', created, { request });
        return created;
      },
    ],
    [
      'GET',
      /^\/v1\/transfers$/,
      ({ params }) => {
        const inRange = createdFilter(params);
        const destination = text(params, 'destination');
        const group = text(params, 'transfer_group');
        const matching = transfers.filter(
          (t) =>
            inRange(t.created) &&
            (!destination || t.destination === destination) &&
            (!group || t.transfer_group === group),
        );
        return page(matching, params, '/v1/transfers');
      },
    ],
    ['GET', /^\/v1\/transfers\/(tr_\w+)$/, ({ match }) => transferById(match[1])],
    [
      'POST',
      /^\/v1\/transfers\/(tr_\w+)\/reversals$/,
      ({ match, params, request }) => {
        const transfer = transferById(match[1]);
        const amount = integer(params, 'amount', { min: 1 }) ?? transfer.amount - transfer.amount_reversed;
        return reverse(transfer, amount, params, request);
      },
    ],
    [
      'POST',
      /^\/v1\/checkout\/sessions$/,
      ({ params }) => {
        const mode = text(params, 'mode', true)!;
        if (mode !== 'payment') throw invalid('The fake Stripe only supports mode=payment', 'mode');
        const items = (params.line_items as Params[] | undefined) ?? [];
        if (!Array.isArray(items) || !items.length)
          throw invalid('Missing required param: line_items.', 'line_items', 'parameter_missing');
        let total = 0;
        let currency: string | undefined;
        items.forEach((item, i) => {
          const price = (item.price_data ?? {}) as Params;
          const unit = integer(price, 'unit_amount', { required: true, min: 1 })!;
          const quantity = integer(item, 'quantity', { min: 1 }) ?? 1;
          const c = text(price, 'currency', true)!.toLowerCase();
          if (currency && c !== currency)
            throw invalid('All line items must share one currency', `line_items[${i}]`);
          currency = c;
          total += unit * quantity;
        });
        const sessionId = id('cs_test');
        const session = {
          id: sessionId,
          object: 'checkout.session',
          amount_subtotal: total,
          amount_total: total,
          cancel_url: text(params, 'cancel_url') ?? null,
          client_reference_id: text(params, 'client_reference_id') ?? null,
          created: now(),
          currency,
          customer: null,
          customer_email: text(params, 'customer_email') ?? null,
          expires_at: now() + 24 * 3600,
          livemode: false,
          metadata: metadata(params),
          mode,
          payment_intent: null,
          payment_status: 'unpaid',
          status: 'open',
          success_url: text(params, 'success_url') ?? null,
          url: `${baseUrl}/checkout/pay/${sessionId}`,
        } as unknown as Stripe.Checkout.Session;
        checkoutSessions.set(sessionId, session);
        return session;
      },
    ],
    [
      'GET',
      /^\/v1\/checkout\/sessions\/(cs_\w+)$/,
      ({ match }) => {
        const found = checkoutSessions.get(match[1]);
        if (!found) throw missing('checkout.session', match[1], 'session');
        return found;
      },
    ],
  ];

  const authenticate = (req: IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    const key = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!key)
      throw new StripeHttpError(401, {
        type: 'invalid_request_error',
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      });
    const valid = options.apiKey ? key === options.apiKey : /^(sk|rk)_(test|live)_\w+$/.test(key);
    if (!valid)
      throw new StripeHttpError(401, {
        type: 'invalid_request_error',
        message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
      });
  };

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'stripe-version': API_VERSION,
      ...headers,
    });
    res.end(body);
  };

  /** Browser pages of the demo: finishing onboarding and paying a Checkout session. */
  const page404 = (res: ServerResponse) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };
  const redirect = (res: ServerResponse, to: string | null | undefined) => {
    if (!to) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Done (fake Stripe). You can close this page.');
      return;
    }
    res.writeHead(302, { location: to });
    res.end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake-stripe.local');
    const method = req.method ?? 'GET';
    const onboarding = url.pathname.match(/^\/connect\/onboarding\/(acct_\w+)$/);
    if (method === 'GET' && onboarding) {
      if (!accounts.has(onboarding[1])) return page404(res);
      fake.completeOnboarding(onboarding[1]);
      return redirect(res, url.searchParams.get('return_url'));
    }
    const pay = url.pathname.match(/^\/checkout\/pay\/(cs_\w+)$/);
    if (method === 'GET' && pay) {
      if (!checkoutSessions.has(pay[1])) return page404(res);
      const session = fake.completeCheckout(pay[1]);
      return redirect(res, session.success_url?.replace('{CHECKOUT_SESSION_ID}', session.id));
    }

    const requestId = id('req');
    const key = req.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    const body = await readBody(req);
    try {
      authenticate(req);
      const params =
        method === 'GET' || method === 'DELETE'
          ? parseStripeForm(url.search.slice(1))
          : parseStripeForm(body);
      const route = routes.find(([m, pattern]) => m === method && pattern.test(url.pathname));
      if (!route) {
        throw new StripeHttpError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        });
      }
      const stored = method === 'POST' && idempotencyKey ? idempotency.get(idempotencyKey) : undefined;
      const paramsPrint = fingerprint(params);
      if (stored) {
        requests.push({ method, path: url.pathname, idempotencyKey, replayed: true });
        if (stored.method !== method || stored.path !== url.pathname || stored.params !== paramsPrint) {
          throw new StripeHttpError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          });
        }
        return send(res, stored.status, stored.body, {
          'request-id': requestId,
          'idempotency-key': idempotencyKey!,
          'idempotent-replayed': 'true',
        });
      }
      requests.push({ method, path: url.pathname, idempotencyKey, replayed: false });
      const failure = failures.find(
        (f) =>
          f.times > 0 &&
          f.method === method &&
          (typeof f.path === 'string' ? f.path === url.pathname : f.path.test(url.pathname)),
      );
      if (failure?.mode === 'error500') {
        failure.times--;
        throw new StripeHttpError(500, {
          type: 'api_error',
          message: 'An unknown error occurred (injected).',
        });
      }
      const result = route[2]({
        params,
        match: url.pathname.match(route[1])!,
        request: { id: requestId, idempotency_key: idempotencyKey ?? null },
      });
      const json = JSON.stringify(result);
      if (method === 'POST' && idempotencyKey) {
        idempotency.set(idempotencyKey, {
          method,
          path: url.pathname,
          params: paramsPrint,
          status: 200,
          body: json,
        });
      }
      if (failure?.mode === 'drop_response') {
        failure.times--;
        res.socket?.destroy(); // the work is done, the answer is lost
        return;
      }
      return send(res, 200, json, {
        'request-id': requestId,
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      });
    } catch (err) {
      if (err instanceof StripeHttpError) {
        const json = JSON.stringify({
          error: {
            ...err.body,
            ...(err.body.code
              ? { doc_url: `https://stripe.com/docs/error-codes/${err.body.code.replace(/_/g, '-')}` }
              : {}),
            request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`,
          },
        });
        // Stripe stores the outcome of a request that ran (4xx) under its key, not one that crashed (5xx).
        if (
          method === 'POST' &&
          idempotencyKey &&
          err.status < 500 &&
          err.status !== 401 &&
          err.body.type !== 'idempotency_error'
        ) {
          const params = parseStripeForm(body);
          idempotency.set(idempotencyKey, {
            method,
            path: url.pathname,
            params: fingerprint(params),
            status: err.status,
            body: json,
          });
        }
        return send(res, err.status, json, {
          'request-id': requestId,
          ...(err.status >= 500 ? { 'stripe-should-retry': 'true' } : {}),
          ...err.headers,
        });
      }
      return send(
        res,
        500,
        JSON.stringify({ error: { type: 'api_error', message: `fake Stripe crashed: ${String(err)}` } }),
        { 'request-id': requestId },
      );
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        send(res, 500, JSON.stringify({ error: { type: 'api_error', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;

  const fake: FakeStripe = {
    url: baseUrl,
    port,
    webhookUrl: options.webhookUrl,
    webhookDelivery: options.webhookDelivery ?? 'immediate',
    webhookSecret: options.webhookSecret,
    accounts,
    transfers,
    checkoutSessions,
    events,
    held,
    requests,
    failures,
    async close() {
      await fake.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    event: (type, object, opts = {}) => makeEvent(type, object, opts),
    deliver: (event, opts = {}) => post(event, opts),
    async sendEvent(type, object, opts = {}) {
      const event = makeEvent(type, object, opts);
      const { status } = await post(event);
      return { event, status };
    },
    signatureHeader: (payload, timestamp, secret) =>
      stripeSignatureHeader(payload, secret ?? options.webhookSecret, timestamp),
    async flush() {
      fake.webhookDelivery = 'immediate';
      for (const event of held.splice(0)) await post(event);
    },
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    completeOnboarding(accountId, opts = {}) {
      const found = account(accountId);
      const previous = { payouts_enabled: found.payouts_enabled, details_submitted: found.details_submitted };
      const enabled = opts.payoutsEnabled ?? true;
      Object.assign(found, {
        details_submitted: true,
        charges_enabled: enabled,
        payouts_enabled: enabled,
        capabilities: Object.fromEntries(
          Object.keys(found.capabilities ?? { transfers: 'inactive' }).map((c) => [
            c,
            enabled ? 'active' : 'inactive',
          ]),
        ),
        requirements: {
          currently_due: [],
          disabled_reason: enabled ? null : 'requirements.pending_verification',
        },
      });
      emit('account.updated', found, { account: accountId, previous });
      return found;
    },
    completeCheckout(sessionId) {
      const session = checkoutSessions.get(sessionId);
      if (!session) throw new Error(`no checkout session ${sessionId}`);
      if (session.status !== 'complete') {
        Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: id('pi') });
        emit('checkout.session.completed', session);
      }
      return session;
    },
    payout(accountId, amount, status) {
      account(accountId);
      const created = {
        id: id('po'),
        object: 'payout',
        amount,
        arrival_date: now() + 86400,
        automatic: true,
        balance_transaction: id('txn'),
        created: now(),
        currency: 'cny',
        description: 'STRIPE PAYOUT',
        destination: id('ba'),
        failure_balance_transaction: status === 'failed' ? id('txn') : null,
        failure_code: status === 'failed' ? 'account_closed' : null,
        failure_message: status === 'failed' ? 'The bank account has been closed.' : null,
        livemode: false,
        metadata: {},
        method: 'standard',
        source_type: 'card',
        statement_descriptor: null,
        status,
        type: 'bank_account',
      } as unknown as Stripe.Payout;
      emit(status === 'paid' ? 'payout.paid' : 'payout.failed', created, { account: accountId });
      return created;
    },
  };

  return fake;
}
