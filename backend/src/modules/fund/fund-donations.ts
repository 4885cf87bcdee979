import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { communityFundAccount, LedgerService, stripeClearingAccount } from '../ledger/ledger.service.js';

/** Donations to a community's development fund carry this in their Checkout session's metadata. */
export const DONATION_PURPOSE = 'community_fund';

/** The Checkout session metadata of a donation (Stripe keeps each value to 500 characters). */
export interface DonationMetadata {
  purpose: typeof DONATION_PURPOSE;
  community_id: string;
  donor_user_id?: string;
  donor_name?: string;
  donor_email?: string;
  donor_message?: string;
}

/**
 * The paid side of a donation (PRODUCT §6): the `checkout.session.completed` (or
 * `async_payment_succeeded`) webhook credits the community's fund from the Stripe clearing account
 * and records the receipt, once per Checkout session whatever the number and order of deliveries.
 * Runs inside the webhook's transaction (StripeEventsService).
 */
@Injectable()
export class FundDonations {
  constructor(
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async paid(m: EntityManager, session: Stripe.Checkout.Session): Promise<string> {
    const meta = (session.metadata ?? {}) as Partial<DonationMetadata>;
    const communityId = meta.community_id;
    if (meta.purpose !== DONATION_PURPOSE || !communityId) return 'ignored';
    if (session.payment_status !== 'paid') return 'ignored'; // an async method: wait for async_payment_succeeded
    if ((session.currency ?? '').toUpperCase() !== 'CNY' || !session.amount_total) return 'conflict';
    const [community] = await m.query(`SELECT id FROM regions WHERE id::text = $1 AND level = 'community'`, [
      communityId,
    ]);
    if (!community) return 'unmatched';
    const fund = await this.ledger.account(m, communityFundAccount(communityId));
    const clearing = await this.ledger.account(m, stripeClearingAccount);
    const posted = await this.ledger.post(m, {
      reference: `donation:${session.id}`,
      memo: `Donation to the community development fund (Checkout ${session.id})`,
      actorId: null,
      lines: [
        { account: fund, amountFen: session.amount_total },
        { account: clearing, amountFen: -session.amount_total },
      ],
    });
    if (!posted) return 'stale'; // this session was credited already
    const blank = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
    const uuid = /^[0-9a-f-]{36}$/i;
    // The receipt serial comes from the id sequence now, at payment: no gaps from abandoned sessions.
    const [receipt] = await m.query(
      `WITH s AS (SELECT nextval(pg_get_serial_sequence('fund_donations', 'id')) AS id)
       INSERT INTO fund_donations (id, receipt_no, community_id, checkout_session_id, amount_fen, currency, donor_name, donor_email,
                                   message, donor_user_id, paid_at)
       SELECT s.id, 'JZ' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(s.id::text, 6, '0'),
              $1, $2, $3, 'CNY', $4, $5, $6, $7, now() FROM s
       RETURNING receipt_no AS "receiptNo"`,
      [
        communityId,
        session.id,
        session.amount_total,
        blank(meta.donor_name),
        blank(meta.donor_email) ?? blank(session.customer_details?.email ?? session.customer_email),
        blank(meta.donor_message),
        meta.donor_user_id && uuid.test(meta.donor_user_id) ? meta.donor_user_id : null,
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
        amountFen: session.amount_total,
        donorUserId: meta.donor_user_id ?? null,
      },
    });
    return 'applied';
  }
}
