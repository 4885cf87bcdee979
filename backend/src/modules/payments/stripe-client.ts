import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { DomainError } from '../../common/errors/domain-error.js';
import { Env } from '../../config/env.js';

/** The key the SDK presents to a fake Stripe (any sk_test_… is accepted there). */
export const LOCAL_FAKE_STRIPE_KEY = 'sk_test_local_fake_stripe';

export interface StripeTarget {
  key: string;
  /** Base URL of the API; undefined means api.stripe.com. */
  url?: string;
  /** The local fake, started beside the API by the development launcher (development without a key). */
  localFake: boolean;
}

/**
 * Where the SDK points, from the configuration:
 * - STRIPE_SECRET_KEY set: the real Stripe (or STRIPE_API_URL when also set);
 * - no key, STRIPE_API_URL set: a fake or stripe-mock at that URL, with a placeholder test key;
 * - no key, no URL, NODE_ENV=development: the local fake on 127.0.0.1:LOCAL_FAKE_STRIPE_PORT, which
 *   `npm start` and the browser tests start beside the API (scripts/lib/stack.mjs);
 * - otherwise: none (Stripe payouts are unavailable; treasury payouts still work).
 */
export function stripeTarget(
  env: Pick<Env, 'STRIPE_SECRET_KEY' | 'STRIPE_API_URL' | 'NODE_ENV' | 'LOCAL_FAKE_STRIPE_PORT'>,
): StripeTarget | null {
  if (env.STRIPE_SECRET_KEY) return { key: env.STRIPE_SECRET_KEY, url: env.STRIPE_API_URL, localFake: false };
  if (env.STRIPE_API_URL) return { key: LOCAL_FAKE_STRIPE_KEY, url: env.STRIPE_API_URL, localFake: false };
  if (env.NODE_ENV === 'development')
    return {
      key: LOCAL_FAKE_STRIPE_KEY,
      url: `http://127.0.0.1:${env.LOCAL_FAKE_STRIPE_PORT}`,
      localFake: true,
    };
  return null;
}

/**
 * How real the Stripe this deployment talks to is: 'fake' (the local fake or another stand-in at
 * STRIPE_API_URL), 'test' (Stripe's test mode), 'live', or 'off' (not configured).
 */
export type StripeMode = 'off' | 'fake' | 'test' | 'live';

export function stripeMode(target: StripeTarget | null): StripeMode {
  if (!target) return 'off';
  if (target.localFake || target.url) return 'fake';
  return /^(sk|rk)_live_/.test(target.key) ? 'live' : 'test';
}

/** The official SDK, pointed at the target: STRIPE_API_URL maps to its host, port and protocol options. */
export function createStripeSdk(target: Pick<StripeTarget, 'key' | 'url'>): Stripe {
  const url = target.url ? new URL(target.url) : undefined;
  const protocol = url?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(target.key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'sanshe-linkage', version: '0.1.0' },
    ...(url ? { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol } : {}),
  });
}

/**
 * How far a webhook's signed timestamp may be from our clock, in seconds, either way: Stripe's
 * default tolerance for old events; as much for clock skew ahead, and no more.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The signed `t=` of a Stripe-Signature header (unix seconds), or undefined. */
function signedAt(signature: string): number | undefined {
  const t = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(signature)?.[1];
  return t === undefined ? undefined : Number(t);
}

/** The Stripe SDK for this process, or a clear refusal when Stripe is not configured. */
@Injectable()
export class StripeClient {
  readonly target: StripeTarget | null;
  private readonly sdk: Stripe | null;
  private readonly webhookSecrets: string[];

  constructor(env: Env) {
    this.target = stripeTarget(env);
    this.sdk = this.target ? createStripeSdk(this.target) : null;
    this.webhookSecrets = env.STRIPE_WEBHOOK_SECRET?.split(',') ?? [];
  }

  get configured(): boolean {
    return this.sdk !== null;
  }

  get mode(): StripeMode {
    return stripeMode(this.target);
  }

  get api(): Stripe {
    if (!this.sdk) {
      throw new DomainError(
        'payments.unavailable',
        'Stripe is not configured here: set STRIPE_SECRET_KEY (see docs/configuration.md)',
      );
    }
    return this.sdk;
  }

  /**
   * Checks the Stripe-Signature header against the raw body and returns the event. Where Stripe is
   * not configured no event is trusted at all (503), whatever secret signed it.
   */
  verify(rawBody: Buffer | undefined, signature: string | string[] | undefined): Stripe.Event {
    if (!this.configured || !this.webhookSecrets.length) {
      throw new DomainError('payments.unavailable', 'Stripe is not configured here: no webhook is accepted');
    }
    if (!rawBody || !signature) {
      throw new DomainError(
        'webhook.invalid_signature',
        'A signed Stripe event is expected: body or Stripe-Signature missing',
      );
    }
    // The SDK's tolerance only refuses old timestamps: one signed far ahead would stay replayable for as long.
    const at = typeof signature === 'string' ? signedAt(signature) : undefined;
    if (at !== undefined && at > Date.now() / 1000 + WEBHOOK_TOLERANCE_SECONDS) {
      throw new DomainError(
        'webhook.invalid_signature',
        'The Stripe signature does not verify: its timestamp is in the future',
      );
    }
    let failure: unknown;
    for (const secret of this.webhookSecrets) {
      try {
        return Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
      } catch (err) {
        failure = err;
      }
    }
    throw new DomainError(
      'webhook.invalid_signature',
      `The Stripe signature does not verify: ${(failure as Error).message}`,
    );
  }
}

/** A Stripe API failure turned into a DomainError for a synchronous call (onboarding, checkout). */
export function providerError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const e = err as { message?: string; code?: string; type?: string; statusCode?: number };
  return new DomainError(
    'payments.provider_error',
    `Stripe refused the request: ${e.message ?? String(err)}`,
    {
      ...(e.type ? { type: e.type } : {}),
      ...(e.code ? { providerCode: e.code } : {}),
      ...(e.statusCode ? { providerStatus: e.statusCode } : {}),
    },
  );
}
