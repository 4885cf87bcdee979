import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { FundDonations } from '../fund/fund-donations.js';
import { PayoutsService } from './payouts.service.js';
import { StripeClient } from './stripe-client.js';

export interface WebhookOutcome {
  eventId: string;
  type: string;
  /** A redelivery of an event already received: nothing was done. */
  duplicate: boolean;
  outcome: string;
}

/**
 * Stripe webhooks (PRODUCT §6). Each event is verified, stored once (a redelivery is a no-op) and
 * applied in the same transaction as its audit entry. Handlers apply snapshots forward only, so
 * events may arrive in any order:
 * - transfer.created / transfer.updated / transfer.reversed: the transfer's state (Stripe has no
 *   transfer.paid or transfer.failed since API 2017-04-06: a Connect transfer succeeds when created
 *   and fails only by reversal);
 * - account.updated: the connected account's payouts_enabled, latest event wins;
 * - payout.paid / payout.failed: the connected account's payout to its bank, recorded (the
 *   disbursement was settled when the transfer reached the account);
 * - checkout.session.completed (and async_payment_succeeded): a paid donation credits the fund.
 */
@Injectable()
export class StripeEventsService {
  private readonly logger = new Logger(StripeEventsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly payouts: PayoutsService,
    private readonly stripe: StripeClient,
    private readonly donations: FundDonations,
  ) {}

  /** The webhook endpoint: raw body and Stripe-Signature in, a 400 for anything not signed by Stripe. */
  receive(rawBody: Buffer | undefined, signature: string | string[] | undefined): Promise<WebhookOutcome> {
    return this.process(this.stripe.verify(rawBody, signature));
  }

  async process(event: Stripe.Event): Promise<WebhookOutcome> {
    const object = event.data.object as { id?: string };
    return this.dataSource.transaction(async (m) => {
      // First, before any lock: a concurrent redelivery waits here for the first one to commit.
      const inserted: unknown[] = await m.query(
        `INSERT INTO provider_events (id, provider, type, account, object_id, occurred_at, outcome, payload)
         VALUES ($1, 'stripe', $2, $3, $4, to_timestamp($5), 'received', $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type, event.account ?? null, object.id ?? null, event.created, event],
      );
      if (!inserted.length)
        return { eventId: event.id, type: event.type, duplicate: true, outcome: 'duplicate' };
      const outcome = await this.dispatch(m, event);
      await m.query(`UPDATE provider_events SET outcome = $2 WHERE id = $1`, [event.id, outcome]);
      await this.audit.record(m, {
        actorId: null,
        action: 'payments.webhook_received',
        entityType: 'provider_event',
        entityId: event.id,
        after: { type: event.type, objectId: object.id ?? null, account: event.account ?? null, outcome },
      });
      if (outcome === 'unmatched' || outcome === 'conflict')
        this.logger.warn(`stripe event ${event.id} (${event.type}) ${outcome}`);
      return { eventId: event.id, type: event.type, duplicate: false, outcome };
    });
  }

  private dispatch(m: EntityManager, event: Stripe.Event): Promise<string> {
    switch (event.type) {
      case 'transfer.created':
      case 'transfer.updated':
      case 'transfer.reversed':
        return this.payouts.applyTransfer(m, event.data.object, `event ${event.id}`);
      case 'account.updated':
        return this.accountUpdated(m, event, event.data.object);
      case 'payout.paid':
      case 'payout.failed':
        return this.connectedPayout(m, event, event.data.object);
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        return this.donations.paid(m, event.data.object);
      default:
        return Promise.resolve('ignored');
    }
  }

  /** The latest snapshot of the connected account wins, by (created, id), whatever the arrival order. */
  private async accountUpdated(
    m: EntityManager,
    event: Stripe.Event,
    account: Stripe.Account,
  ): Promise<string> {
    const [org] = await m.query(
      `SELECT id, stripe_payouts_enabled AS "payoutsEnabled", stripe_details_submitted AS "detailsSubmitted",
              extract(epoch FROM stripe_account_event_at)::float8 AS "eventAt", stripe_account_event_id AS "eventId"
         FROM organizations WHERE stripe_account_id = $1 FOR UPDATE`,
      [account.id],
    );
    if (!org) return 'unmatched';
    const newer =
      org.eventAt === null ||
      event.created > org.eventAt ||
      (event.created === org.eventAt && event.id > org.eventId);
    if (!newer) return 'stale';
    const after = { payoutsEnabled: account.payouts_enabled, detailsSubmitted: account.details_submitted };
    await m.query(
      `UPDATE organizations SET stripe_payouts_enabled = $2, stripe_details_submitted = $3,
              stripe_account_event_at = to_timestamp($4), stripe_account_event_id = $5 WHERE id = $1`,
      [org.id, after.payoutsEnabled, after.detailsSubmitted, event.created, event.id],
    );
    await this.audit.record(m, {
      actorId: null,
      action: 'organization.stripe_account_updated',
      entityType: 'organization',
      entityId: org.id,
      before: { payoutsEnabled: org.payoutsEnabled, detailsSubmitted: org.detailsSubmitted },
      after: { ...after, accountId: account.id, eventId: event.id },
    });
    return 'applied';
  }

  /** A connected account's payout to its bank: on the record, for the organization and finance to see. */
  private async connectedPayout(
    m: EntityManager,
    event: Stripe.Event,
    payout: Stripe.Payout,
  ): Promise<string> {
    const [org] = await m.query(`SELECT id FROM organizations WHERE stripe_account_id = $1`, [
      event.account ?? '',
    ]);
    if (!org) return 'unmatched';
    await this.audit.record(m, {
      actorId: null,
      action:
        event.type === 'payout.paid'
          ? 'organization.stripe_payout_paid'
          : 'organization.stripe_payout_failed',
      entityType: 'organization',
      entityId: org.id,
      after: {
        payoutId: payout.id,
        amount: payout.amount,
        currency: payout.currency,
        status: payout.status,
        failureCode: payout.failure_code,
        failureMessage: payout.failure_message,
      },
    });
    return 'recorded';
  }
}
