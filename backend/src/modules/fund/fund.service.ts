import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { Env } from '../../config/env.js';
import { DisbursementsService } from '../disbursements/disbursements.service.js';
import type { DisbursementDto, ProposeGrantDto } from '../disbursements/dto/disbursement.dto.js';
import { providerError, StripeClient } from '../payments/stripe-client.js';
import type {
  DonationCheckoutDto,
  DonationReceiptDto,
  DonationRequestDto,
  FundDonationDto,
  FundProjectDto,
  FundSummaryDto,
} from './dto/fund.dto.js';
import { DONATION_CURRENCY, DONATION_PURPOSE, type DonationMetadata } from './fund-donations.js';

const RECEIPT = `SELECT d.receipt_no AS "receiptNo", d.community_id AS "communityId", r.name AS "communityName",
    d.amount_fen::float8 AS "amountFen", d.currency, d.donor_name AS "donorName", d.donor_email AS "donorEmail",
    d.message, d.paid_at AS "paidAt"
  FROM fund_donations d JOIN regions r ON r.id = d.community_id`;

/** Who sees a community's grants: its staff, and the street's officers, finance and director. */
const GRANT_READERS = ['community_staff', 'street_officer', 'street_finance', 'street_director'] as const;

/**
 * 社区发展基金 (PRODUCT §6): donors give through Stripe Checkout (signed in or not); the paid webhook
 * credits the fund (FundDonations); community staff propose grants to projects serving the
 * community, approved and paid like any disbursement (DisbursementsService).
 */
@Injectable()
export class FundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly stripe: StripeClient,
    private readonly disbursements: DisbursementsService,
    private readonly env: Env,
  ) {}

  /**
   * A Checkout session for a donation, recorded here with its community and amount: the paid webhook
   * credits only a session found in this record (FundDonations). The donor's details stay here.
   */
  async donate(
    user: AuthUser | undefined,
    communityId: string,
    dto: DonationRequestDto,
  ): Promise<DonationCheckoutDto> {
    const community = await this.community(communityId);
    const web = this.env.WEB_URL.replace(/\/$/, '');
    const metadata: DonationMetadata = {
      purpose: DONATION_PURPOSE,
      community_id: communityId,
      ...(user ? { donor_user_id: user.id } : {}),
    };
    const session = await this.stripe.api.checkout.sessions
      .create({
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: DONATION_CURRENCY.toLowerCase(),
              unit_amount: dto.amountFen,
              product_data: { name: `${community.name} 社区发展基金捐赠` },
            },
          },
        ],
        success_url: `${web}/donate/thanks?session={CHECKOUT_SESSION_ID}`,
        cancel_url: `${web}/donate?community=${communityId}`,
        ...(user ? { client_reference_id: user.id } : {}),
        ...(dto.donorEmail ? { customer_email: dto.donorEmail } : {}),
        metadata: { ...metadata },
      })
      .catch((err: unknown) => {
        throw providerError(err);
      });
    // Written once the session exists (its id is Stripe's). Should this insert fail, a payment of the
    // session is refused as unknown and audited (fund.donation_refused), never credited blindly.
    await this.dataSource.query(
      `INSERT INTO donation_checkouts (checkout_session_id, community_id, amount_fen, currency, donor_user_id, donor_name, donor_email, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        session.id,
        communityId,
        dto.amountFen,
        DONATION_CURRENCY,
        user?.id ?? null,
        dto.donorName ?? null,
        dto.donorEmail ?? null,
        dto.message ?? null,
      ],
    );
    return { sessionId: session.id, url: session.url!, amountFen: dto.amountFen };
  }

  /**
   * The receipt of a paid Checkout session, for the donor returning from Checkout (the session id
   * is the capability). Not found until the paid webhook has credited the fund: the page polls.
   */
  async receipt(sessionId: string): Promise<DonationReceiptDto> {
    const [row] = await this.dataSource.query(`${RECEIPT} WHERE d.checkout_session_id = $1`, [sessionId]);
    if (!row) throw notFound('Donation receipt', sessionId);
    return row;
  }

  /** Public totals of a community's fund. */
  async summary(communityId: string): Promise<FundSummaryDto> {
    const community = await this.community(communityId);
    const position = await this.disbursements.fundPosition(this.dataSource.manager, communityId);
    const [row] = await this.dataSource.query(
      `SELECT (SELECT coalesce(sum(amount_fen), 0)::float8 FROM fund_donations WHERE community_id = $1) AS "donationsFen",
              (SELECT count(*)::int FROM fund_donations WHERE community_id = $1) AS "donationCount",
              coalesce(sum(amount_fen) FILTER (WHERE status = 'paid'), 0)::float8 AS "grantsPaidFen",
              coalesce(sum(amount_fen) FILTER (WHERE status IN ('requested', 'accepted', 'finance_approved', 'approved', 'failed')), 0)::float8 AS "grantsPendingFen",
              count(*) FILTER (WHERE status <> 'rejected')::int AS "grantCount"
         FROM disbursements WHERE kind = 'fund_grant' AND community_id = $1`,
      [communityId],
    );
    return {
      communityId,
      communityName: community.name,
      currency: 'CNY',
      balanceFen: position.balanceFen,
      availableFen: position.availableFen,
      ...row,
    };
  }

  /** The donations with their donors' details: for the community's own staff only. */
  async donations(user: AuthUser, communityId: string): Promise<FundDonationDto[]> {
    await this.community(communityId);
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return this.dataSource.query(
      `${RECEIPT.replace('SELECT ', 'SELECT d.checkout_session_id AS "checkoutSessionId", ')}
        WHERE d.community_id = $1 ORDER BY d.paid_at DESC, d.id DESC LIMIT 500`,
      [communityId],
    );
  }

  async grants(user: AuthUser, communityId: string): Promise<DisbursementDto[]> {
    await this.community(communityId);
    await this.access.requireRegion(user, GRANT_READERS, communityId);
    return this.disbursements.grantsOf(communityId);
  }

  /** The active projects a grant of this community's fund may go to. */
  async projects(user: AuthUser, communityId: string): Promise<FundProjectDto[]> {
    const community = await this.community(communityId);
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return this.dataSource.query(
      `SELECT p.id, p.title, p.organization_id AS "organizationId", o.name AS "organizationName"
         FROM projects p JOIN contracts c ON c.id = p.contract_id JOIN organizations o ON o.id = p.organization_id
        WHERE p.status = 'active'
          AND (EXISTS (SELECT 1 FROM tender_communities tc WHERE tc.tender_id = c.tender_id AND tc.community_id = $1)
               OR (c.tender_id IS NULL AND c.street_id = $2))
        ORDER BY p.created_at DESC LIMIT 200`,
      [communityId, community.parentId],
    );
  }

  async proposeGrant(user: AuthUser, communityId: string, dto: ProposeGrantDto): Promise<DisbursementDto> {
    await this.community(communityId);
    return this.disbursements.proposeGrant(user, communityId, dto);
  }

  private async community(id: string): Promise<{ name: string; parentId: string }> {
    const [row] = await this.dataSource.query(
      `SELECT name, parent_id AS "parentId" FROM regions WHERE id = $1 AND level = 'community'`,
      [id],
    );
    if (!row) throw notFound('Community', id);
    return row;
  }
}
