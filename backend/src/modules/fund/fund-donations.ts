import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { communityFundAccount, LedgerService, stripeClearingAccount } from '../ledger/ledger.service.js';

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

interface AskedSession {
  communityId: string;
  amountFen: number;
  currency: string;
  donorUserId: string | null;
  donorName: string | null;
  donorEmail: string | null;
  message: string | null;
}

type Refusal = 'unknown_session' | 'community_mismatch' | 'amount_mismatch';

/**
 * The paid side of a donation (PRODUCT §6): the `checkout.session.completed` (or
 * `async_payment_succeeded`) webhook credits the community's fund from the Stripe clearing account
 * and records the receipt, once per Checkout session whatever the number and order of deliveries.
 * Only a session this API created (donation_checkouts) is credited, to the community and for the
 * amount and currency it asked; anything else is refused, logged and audited, and credits nothing.
 * Runs inside the webhook's transaction (StripeEventsService).
 */
@Injectable()
export class FundDonations {
  private readonly logger = new Logger(FundDonations.name);

  constructor(
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async paid(m: EntityManager, session: Stripe.Checkout.Session): Promise<string> {
    const meta = (session.metadata ?? {}) as Partial<DonationMetadata>;
    const [asked]: AskedSession[] = await m.query(
      `SELECT community_id AS "communityId", amount_fen::float8 AS "amountFen", currency, donor_user_id AS "donorUserId",
              donor_name AS "donorName", donor_email AS "donorEmail", message
         FROM donation_checkouts WHERE checkout_session_id = $1`,
      [session.id],
    );
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
    // The receipt serial comes from the id sequence now, at payment: no gaps from abandoned sessions.
    const [receipt] = await m.query(
      `WITH s AS (SELECT nextval(pg_get_serial_sequence('fund_donations', 'id')) AS id)
       INSERT INTO fund_donations (id, receipt_no, community_id, checkout_session_id, amount_fen, currency, donor_name, donor_email,
                                   message, donor_user_id, paid_at)
       SELECT s.id, 'JZ' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(s.id::text, 6, '0'),
              $1, $2, $3, $4, $5, $6, $7, $8, now() FROM s
       RETURNING receipt_no AS "receiptNo"`,
      [
        communityId,
        session.id,
        asked.amountFen,
        asked.currency,
        asked.donorName,
        asked.donorEmail ?? session.customer_details?.email ?? session.customer_email ?? null,
        asked.message,
        asked.donorUserId,
      ],
    );
    // The donor's name and e-mail stay in the receipt (visible to the community's staff), not in the audit trail.
    await this.audit.record(m, {
      actorId: null,
      action: 'fund.donation_received',
      entityType: 'region',
      entityId: communityId,
      after: {
        sessionId: session.id,
        receiptNo: receipt.receiptNo,
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
