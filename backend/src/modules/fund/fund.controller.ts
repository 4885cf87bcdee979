import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { OptionalUser } from '../../common/auth/optional-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { Operation } from '../../common/http/operation.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { PageQueryDto, type Page } from '../../common/pagination/page.js';
import {
  DisbursementDto,
  DisbursementPageDto,
  ProposeGrantDto,
} from '../disbursements/dto/disbursement.dto.js';
import {
  DonationCheckoutDto,
  DonationReceiptDto,
  DonationRequestDto,
  FundDonationDto,
  FundDonationPageDto,
  FundProjectDto,
  FundSummaryDto,
} from './dto/fund.dto.js';
import { FundGrantsService } from './fund-grants.service.js';
import { FundService } from './fund.service.js';
import { UuidParam } from '../../common/http/params.js';

@ApiTags('fund')
@Controller()
export class FundController {
  constructor(
    private readonly fund: FundService,
    private readonly fundGrants: FundGrantsService,
    private readonly optionalUser: OptionalUser,
  ) {}

  @Post('communities/:communityId/donations')
  @Idempotent()
  @Operation({
    summary: "Donate to a community's development fund",
    description:
      'Anyone, signed in or not, starts a donation: the answer is the Stripe Checkout page to pay on. The fund is credited, and the receipt exists at the Location, once Stripe reports the payment (404 until then).',
    auth: 'public',
    created: { type: DonationCheckoutDto, location: '/api/donations/{sessionId}/receipt' },
    errors: ['resource.not_found', 'payments.unavailable', 'payments.provider_error'],
  })
  async donate(
    @Req() request: FastifyRequest,
    @UuidParam('communityId') communityId: string,
    @Body() dto: DonationRequestDto,
  ): Promise<DonationCheckoutDto> {
    return this.fund.donate(await this.optionalUser.of(request), communityId, dto);
  }

  @Get('donations/:sessionId/receipt')
  @Operation({
    summary: 'The receipt of a paid donation',
    description:
      'The receipt of a donation by its Checkout session, for the donor returning from Checkout (the session id is the capability). 404 until the paid webhook credited the fund: the page polls.',
    auth: 'public',
    ok: DonationReceiptDto,
    errors: ['resource.not_found'],
  })
  receipt(@Param('sessionId') sessionId: string): Promise<DonationReceiptDto> {
    if (!/^cs_\w{1,200}$/.test(sessionId)) throw notFound('Donation receipt', sessionId);
    return this.fund.receipt(sessionId);
  }

  @Get('communities/:communityId/fund')
  @Operation({
    summary: "A community's development fund in totals",
    description:
      'Public totals of the fund: its balance, what a new grant may take, donations and grants (no donor data).',
    auth: 'public',
    ok: FundSummaryDto,
    errors: ['resource.not_found'],
  })
  summary(@UuidParam('communityId') communityId: string): Promise<FundSummaryDto> {
    return this.fund.summary(communityId);
  }

  @Get('communities/:communityId/fund/donations')
  @Operation({
    summary: "A community's donations, with their donors",
    description:
      'The receipts with their donors’ names, e-mails and messages, newest first, a page at a time: for the community’s own staff only.',
    auth: ['community_staff'],
    ok: FundDonationPageDto,
    scoped: true,
  })
  donations(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<FundDonationDto>> {
    return this.fund.donations(user, communityId, query);
  }

  @Get('communities/:communityId/fund/grants')
  @Operation({
    summary: "A community's fund grants",
    description:
      "The grants of the community's fund (disbursements of kind fund_grant), newest first, a page at a time: for its staff and the street's officers, finance and director.",
    auth: ['community_staff', 'street_officer', 'street_finance', 'street_director'],
    ok: DisbursementPageDto,
    scoped: true,
  })
  grants(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<DisbursementDto>> {
    return this.fundGrants.list(user, communityId, query);
  }

  @Get('communities/:communityId/fund/projects')
  @Operation({
    summary: 'Projects a grant may support',
    description:
      'All the active projects whose contracts serve the community, newest first, for its staff proposing a grant.',
    auth: ['community_staff'],
    ok: [FundProjectDto],
    scoped: true,
  })
  projects(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
  ): Promise<FundProjectDto[]> {
    return this.fund.projects(user, communityId);
  }

  @Post('communities/:communityId/fund/grants')
  @Idempotent()
  @Operation({
    summary: 'Propose a grant of the fund',
    description:
      "Community staff propose a grant of their community's fund to a project serving the community. The amount is reserved at once (fund.insufficient when the fund cannot cover it); the grant then waits for street finance, and the director at the threshold. The proposer never approves it.",
    auth: ['community_staff'],
    created: { type: DisbursementDto, location: '/api/disbursements/{id}' },
    scoped: true,
    errors: ['state.invalid_transition', 'fund.insufficient', 'payments.unavailable'],
  })
  proposeGrant(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Body() dto: ProposeGrantDto,
  ): Promise<DisbursementDto> {
    return this.fundGrants.propose(user, communityId, dto);
  }
}
