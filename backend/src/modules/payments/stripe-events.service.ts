import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { PayoutsService } from './payouts.service.js';
import { setProviderEventOutcome, storeProviderEvent } from './payouts.sql.js';
import { accountHolder, applyAccountEvent, lockAccountHolder } from './stripe-accounts.sql.js';
import { StripeClient } from './stripe-client.js';
import { StripeEventHandlers } from './stripe-event-handlers.js';

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
 * - other modules' events through the registry (StripeEventHandlers), e.g. the fund's paid Checkout
 *   sessions (checkout.session.completed, async_payment_succeeded) crediting donations.
 */
@Injectable()
export class StripeEventsService {
  private readonly logger = new Logger(StripeEventsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly payouts: PayoutsService,
    private readonly stripe: StripeClient,
    private readonly handlers: StripeEventHandlers,
  ) {
    handlers.on(['transfer.created', 'transfer.updated', 'transfer.reversed'], (m, event) =>
      this.payouts.applyTransfer(m, event.data.object, `event ${event.id}`),
    );
    handlers.on(['account.updated'], (m, event) => this.accountUpdated(m, event, event.data.object));
    handlers.on(['payout.paid', 'payout.failed'], (m, event) =>
      this.connectedPayout(m, event, event.data.object),
    );
  }

  /** The webhook endpoint: raw body and Stripe-Signature in, a 400 for anything not signed by Stripe. */
  receive(rawBody: Buffer | undefined, signature: string | string[] | undefined): Promise<WebhookOutcome> {
    return this.process(this.stripe.verify(rawBody, signature));
  }

  async process(event: Stripe.Event): Promise<WebhookOutcome> {
    const object = event.data.object as { id?: string };
    return this.dataSource.transaction(async (m) => {
      // First, before any lock: a concurrent redelivery waits here for the first one to commit.
      if (!(await storeProviderEvent(m, event)))
        return { eventId: event.id, type: event.type, duplicate: true, outcome: 'duplicate' };
      const outcome = await this.handlers.handle(m, event);
      await setProviderEventOutcome(m, event.id, outcome);
      await this.audit.recordChange(m, null, 'payments.webhook_received', ['provider_event', event.id], {
        after: { type: event.type, objectId: object.id ?? null, account: event.account ?? null, outcome },
      });
      if (outcome === 'unmatched' || outcome === 'conflict')
        this.logger.warn(`stripe event ${event.id} (${event.type}) ${outcome}`);
      return { eventId: event.id, type: event.type, duplicate: false, outcome };
    });
  }

  /** The latest snapshot of the connected account wins, by (created, id), whatever the arrival order. */
  private async accountUpdated(
    m: EntityManager,
    event: Stripe.Event,
    account: Stripe.Account,
  ): Promise<string> {
    const org = await lockAccountHolder(m, account.id);
    if (!org) return 'unmatched';
    const newer =
      org.eventAt === null ||
      event.created > org.eventAt ||
      (event.created === org.eventAt && event.id > org.eventId!);
    if (!newer) return 'stale';
    const after = { payoutsEnabled: account.payouts_enabled, detailsSubmitted: account.details_submitted };
    await applyAccountEvent(m, org.id, { ...after, eventCreated: event.created, eventId: event.id });
    await this.audit.recordChange(m, null, 'organization.stripe_account_updated', ['organization', org.id], {
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
    const organizationId = await accountHolder(m, event.account ?? '');
    if (!organizationId) return 'unmatched';
    await this.audit.record(m, {
      actorId: null,
      action:
        event.type === 'payout.paid'
          ? 'organization.stripe_payout_paid'
          : 'organization.stripe_payout_failed',
      entityType: 'organization',
      entityId: organizationId,
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
