import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { Env } from '../../config/env.js';
import { decodeCursor } from '../../common/pagination/cursor.js';
import { pageOf, type Page, type PageQueryDto } from '../../common/pagination/page.js';
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
import { FundGrantsService } from './fund-grants.service.js';
import {
  communityOf,
  donationsOf,
  fundTotals,
  insertDonationCheckout,
  projectsServing,
  receiptOfSession,
} from './fund.sql.js';

/**
 * 社区发展基金 (PRODUCT §6): donors give through Stripe Checkout (signed in or not); the paid webhook
 * credits the fund (FundDonations); the grants to projects are FundGrantsService's.
 */
@Injectable()
export class FundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly stripe: StripeClient,
    private readonly grants: FundGrantsService,
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
    await insertDonationCheckout(this.dataSource, session.id, {
      communityId,
      amountFen: dto.amountFen,
      currency: DONATION_CURRENCY,
      donorUserId: user?.id ?? null,
      donorName: dto.donorName ?? null,
      donorEmail: dto.donorEmail ?? null,
      message: dto.message ?? null,
    });
    return { sessionId: session.id, url: session.url!, amountFen: dto.amountFen };
  }

  /**
   * The receipt of a paid Checkout session, for the donor returning from Checkout (the session id
   * is the capability). Not found until the paid webhook has credited the fund: the page polls.
   */
  async receipt(sessionId: string): Promise<DonationReceiptDto> {
    const row = await receiptOfSession(this.dataSource, sessionId);
    if (!row) throw notFound('Donation receipt', sessionId);
    return row;
  }

  /** Public totals of a community's fund. */
  async summary(communityId: string): Promise<FundSummaryDto> {
    const community = await this.community(communityId);
    const position = await this.grants.position(this.dataSource, communityId);
    const row = await fundTotals(this.dataSource, communityId);
    return {
      communityId,
      communityName: community.name,
      currency: 'CNY',
      balanceFen: position.balanceFen,
      availableFen: position.availableFen,
      ...row,
    };
  }

  /** The donations with their donors' details, newest first, a page at a time: for the community's own staff only. */
  async donations(user: AuthUser, communityId: string, page: PageQueryDto): Promise<Page<FundDonationDto>> {
    await this.community(communityId);
    await this.access.requireRegion(user, ['community_staff'], communityId);
    const [at, id] = page.cursor ? decodeCursor(page.cursor, ['timestamp', 'number']) : [];
    const after = page.cursor ? { at: at as string, id: Number(id) } : null;
    const rows = await donationsOf(this.dataSource, communityId, after, page.limit + 1);
    return pageOf(
      rows,
      page.limit,
      (r) => [r.cursorAt, r.id],
      ({ cursorAt: _, id: __, ...donation }) => donation,
    );
  }

  /** The active projects a grant of this community's fund may go to. */
  async projects(user: AuthUser, communityId: string): Promise<FundProjectDto[]> {
    await this.community(communityId);
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return projectsServing(this.dataSource, communityId);
  }

  private async community(id: string): Promise<{ name: string; parentId: string }> {
    const row = await communityOf(this.dataSource, id);
    if (!row) throw notFound('Community', id);
    return row;
  }
}
