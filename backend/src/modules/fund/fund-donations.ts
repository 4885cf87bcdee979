import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { communityFundAccount, LedgerService, stripeClearingAccount } from '../ledger/ledger.service.js';
import { StripeEventHandlers } from '../payments/stripe-event-handlers.js';
import { donationCheckout, insertReceipt, type AskedSession } from './fund.sql.js';

/** Donations to a community's development fund carry this in their Checkout session's metadata. */
export const DONATION_PURPOSE = 'community_fund';

/** Donations are asked and credited in this currency only. */
export const DONATION_CURRENCY = 'CNY';

/**
 * The Checkout session metadata of a donation (Stripe keeps each value to 500 characters). Only a
 * label: what is credited comes from the session recorded at creation (donation_checkouts).
 */
export interface DonationMetadata {
  purpose: typeof DONATION_PURPOSE;
  community_id: string;
  donor_user_id?: string;
}

type Refusal = 'unknown_session' | 'community_mismatch' | 'amount_mismatch';

/**
 * The paid side of a donation (PRODUCT §6): the `checkout.session.completed` (or
 * `async_payment_succeeded`) webhook credits the community's fund from the Stripe clearing account
 * and records the receipt, once per Checkout session whatever the number and order of deliveries.
 * Only a session this API created (donation_checkouts) is credited, to the community and for the
 * amount and currency it asked; anything else is refused, logged and audited, and credits nothing.
 * Runs inside the webhook's transaction, as the handler of those events (StripeEventHandlers).
 */
@Injectable()
export class FundDonations implements OnModuleInit {
  private readonly logger = new Logger(FundDonations.name);

  constructor(
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly stripeEvents: StripeEventHandlers,
  ) {}

  onModuleInit(): void {
    this.stripeEvents.on(
      ['checkout.session.completed', 'checkout.session.async_payment_succeeded'],
      (m, event) => this.paid(m, event.data.object),
    );
  }

  async paid(m: EntityManager, session: Stripe.Checkout.Session): Promise<string> {
    const meta = (session.metadata ?? {}) as Partial<DonationMetadata>;
    const asked = await donationCheckout(m, session.id);
    if (!asked) {
      // Not a donation (another Checkout use), or one this API never created: never credited.
      if (meta.purpose !== DONATION_PURPOSE) return 'ignored';
      await this.refuse(m, session, 'unknown_session', meta.community_id ?? null);
      return 'unmatched';
    }
    if (session.payment_status !== 'paid') return 'ignored'; // an async method: wait for async_payment_succeeded
    if (meta.community_id !== asked.communityId) {
      await this.refuse(m, session, 'community_mismatch', asked.communityId, asked);
      return 'conflict';
    }
    if (
      session.amount_total !== asked.amountFen ||
      (session.currency ?? '').toUpperCase() !== asked.currency
    ) {
      await this.refuse(m, session, 'amount_mismatch', asked.communityId, asked);
      return 'conflict';
    }
    const communityId = asked.communityId;
    const fund = await this.ledger.account(m, communityFundAccount(communityId));
    const clearing = await this.ledger.account(m, stripeClearingAccount);
    const posted = await this.ledger.post(m, {
      reference: `donation:${session.id}`,
      memo: `Donation to the community development fund (Checkout ${session.id})`,
      actorId: null,
      lines: [
        { account: fund, amountFen: asked.amountFen },
        { account: clearing, amountFen: -asked.amountFen },
      ],
    });
    if (!posted) return 'stale'; // this session was credited already
    const receiptNo = await insertReceipt(m, session.id, {
      ...asked,
      donorEmail: asked.donorEmail ?? session.customer_details?.email ?? session.customer_email ?? null,
    });
    // The donor's name and e-mail stay in the receipt (visible to the community's staff), not in the audit trail.
    await this.audit.recordChange(m, null, 'fund.donation_received', ['region', communityId], {
      after: {
        sessionId: session.id,
        receiptNo,
        amountFen: asked.amountFen,
        donorUserId: asked.donorUserId,
      },
    });
    return 'applied';
  }

  /** A paid event that does not match what this API asked for: on the record, and nothing credited. */
  private async refuse(
    m: EntityManager,
    session: Stripe.Checkout.Session,
    reason: Refusal,
    communityId: string | null,
    asked?: AskedSession,
  ): Promise<void> {
    this.logger.warn(`donation refused (${reason}): Checkout ${session.id}`);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const community = communityId && uuid.test(communityId) ? communityId : null;
    await this.audit.record(m, {
      actorId: null,
      action: 'fund.donation_refused',
      // Filed under the fund it claims to credit, so the community's record shows the attempt.
      entityType: community ? 'region' : 'checkout_session',
      entityId: community ?? session.id,
      before: asked
        ? { communityId: asked.communityId, amountFen: asked.amountFen, currency: asked.currency }
        : null,
      after: {
        reason,
        sessionId: session.id,
        communityId: session.metadata?.community_id ?? null,
        amountFen: session.amount_total,
        currency: session.currency,
      },
    });
  }
}
