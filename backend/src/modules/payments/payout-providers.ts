import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { JobQueue } from '../../jobs/job-queue.js';
import {
  PayoutProviders,
  type PayoutMethod,
  type PayoutOrder,
  type PayoutProvider,
  type TransferResult,
} from '../disbursements/payout-provider.js';
import { StripeClient } from './stripe-client.js';

/** The idempotency key of an attempt: the same attempt always sends the same key. */
export const payoutIdempotencyKey = (disbursementId: string, attempt: number) =>
  `sanshe-payout-${disbursementId}-${attempt}`;

/** The deterministic job id of an attempt's transfer job (BullMQ ignores a second add with the same id). */
export const payoutJobId = (disbursementId: string, attempt: number) => `payout-${disbursementId}-${attempt}`;

@Injectable()
export class TreasuryPayoutProvider implements PayoutProvider {
  readonly method = 'treasury' as const;
  readonly available = true;

  async approved(): Promise<void> {
    // Street finance transfers through the treasury and records the voucher.
  }

  async transfer(): Promise<TransferResult> {
    return {
      outcome: 'refused',
      reason: 'Treasury payouts are recorded by street finance with the bank voucher',
    };
  }

  // eslint-disable-next-line require-yield
  async *listTransfers(): AsyncIterable<Stripe.Transfer> {
    return;
  }
}

/** Stripe error types that mean "the request ran and was refused": nothing was created. */
const DEFINITIVE = new Set(['StripeInvalidRequestError', 'StripeCardError', 'StripePermissionError']);

@Injectable()
export class StripePayoutProvider implements PayoutProvider {
  readonly method = 'stripe' as const;
  private readonly logger = new Logger(StripePayoutProvider.name);

  constructor(
    private readonly stripe: StripeClient,
    private readonly jobs: JobQueue,
  ) {}

  get available(): boolean {
    return this.stripe.configured;
  }

  async approved(disbursementId: string, attempt: number): Promise<void> {
    await this.jobs
      .add('payout.transfer', { disbursementId, attempt }, { jobId: payoutJobId(disbursementId, attempt) })
      // The workers re-ensure the job of every approved Stripe payout when they start.
      .catch((err: unknown) =>
        this.logger.warn(`payout job for ${disbursementId} attempt ${attempt} not queued: ${String(err)}`),
      );
  }

  async transfer(order: PayoutOrder): Promise<TransferResult> {
    try {
      const transfer = await this.stripe.api.transfers.create(
        {
          amount: order.amountFen,
          currency: order.currency.toLowerCase(),
          destination: order.destination,
          description: `Milestone payment ${order.disbursementId}`,
          transfer_group: `disbursement-${order.disbursementId}`,
          metadata: {
            disbursement_id: order.disbursementId,
            attempt: String(order.attempt),
            organization_id: order.organizationId,
          },
        },
        { idempotencyKey: order.idempotencyKey },
      );
      return { outcome: 'submitted', transfer };
    } catch (err) {
      const e = err as { type?: string; statusCode?: number; message?: string; code?: string };
      // An idempotency error means a transfer may exist under this key: never call that a refusal.
      if (e.type && DEFINITIVE.has(e.type) && e.statusCode && e.statusCode < 500 && e.statusCode !== 409) {
        return {
          outcome: 'refused',
          reason: `Stripe refused the transfer: ${e.message}${e.code ? ` (${e.code})` : ''}`,
        };
      }
      throw err;
    }
  }

  async *listTransfers(since: Date): AsyncIterable<Stripe.Transfer> {
    yield* this.stripe.api.transfers.list({
      limit: 100,
      created: { gte: Math.floor(since.getTime() / 1000) },
    });
  }
}

/** The payout providers of this deployment, by method (provided as the disbursements' PayoutProviders port). */
@Injectable()
export class PaymentsPayoutProviders implements PayoutProviders {
  private readonly byMethod: Record<PayoutMethod, PayoutProvider>;

  constructor(treasury: TreasuryPayoutProvider, stripe: StripePayoutProvider) {
    this.byMethod = { treasury, stripe };
  }

  of(method: PayoutMethod): PayoutProvider {
    return this.byMethod[method];
  }
}
