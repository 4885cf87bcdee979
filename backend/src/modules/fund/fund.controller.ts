import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser, Public } from '../../common/auth/auth.decorator.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { OptionalUser } from '../../common/auth/optional-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { DisbursementDto, ProposeGrantDto } from '../disbursements/dto/disbursement.dto.js';
import {
  DonationCheckoutDto,
  DonationReceiptDto,
  DonationRequestDto,
  FundDonationDto,
  FundProjectDto,
  FundSummaryDto,
} from './dto/fund.dto.js';
import { FundGrantsService } from './fund-grants.service.js';
import { FundService } from './fund.service.js';

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
  @Public()
  @ApiOperation({
    summary: "Donate to a community's development fund: returns the Stripe Checkout page (signed in or not)",
  })
  @ApiCreatedResponse({ type: DonationCheckoutDto })
  async donate(
    @Req() request: FastifyRequest,
    @Param('communityId', ParseUUIDPipe) communityId: string,
    @Body() dto: DonationRequestDto,
  ): Promise<DonationCheckoutDto> {
    return this.fund.donate(await this.optionalUser.of(request), communityId, dto);
  }

  @Get('donations/:sessionId/receipt')
  @Public()
  @ApiOperation({
    summary:
      'The receipt of a paid donation, by its Checkout session (404 until the paid webhook credited it)',
  })
  @ApiOkResponse({ type: DonationReceiptDto })
  @ApiNotFoundResponse({ description: 'Unknown session, or not paid yet' })
  receipt(@Param('sessionId') sessionId: string): Promise<DonationReceiptDto> {
    if (!/^cs_\w{1,200}$/.test(sessionId)) throw notFound('Donation receipt', sessionId);
    return this.fund.receipt(sessionId);
  }

  @Get('communities/:communityId/fund')
  @Public()
  @ApiOperation({ summary: "A community's development fund in totals (public: no donor data)" })
  @ApiOkResponse({ type: FundSummaryDto })
  summary(@Param('communityId', ParseUUIDPipe) communityId: string): Promise<FundSummaryDto> {
    return this.fund.summary(communityId);
  }

  @Get('communities/:communityId/fund/donations')
  @Auth('community_staff')
  @ApiOperation({
    summary: 'The donations with their receipts and donors (community staff of that community)',
  })
  @ApiOkResponse({ type: [FundDonationDto] })
  donations(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
  ): Promise<FundDonationDto[]> {
    return this.fund.donations(user, communityId);
  }

  @Get('communities/:communityId/fund/grants')
  @Auth('community_staff', 'street_officer', 'street_finance', 'street_director')
  @ApiOkResponse({ type: [DisbursementDto] })
  grants(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
  ): Promise<DisbursementDto[]> {
    return this.fundGrants.list(user, communityId);
  }

  @Get('communities/:communityId/fund/projects')
  @Auth('community_staff')
  @ApiOperation({
    summary: 'The active projects serving the community, which a grant of its fund may support',
  })
  @ApiOkResponse({ type: [FundProjectDto] })
  projects(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
  ): Promise<FundProjectDto[]> {
    return this.fund.projects(user, communityId);
  }

  @Post('communities/:communityId/fund/grants')
  @Idempotent()
  @Auth('community_staff')
  @ApiOperation({
    summary:
      'Propose a grant of the fund to a project serving the community; it waits for street finance (409 fund.insufficient when the fund cannot cover it)',
  })
  @ApiCreatedResponse({ type: DisbursementDto })
  proposeGrant(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
    @Body() dto: ProposeGrantDto,
  ): Promise<DisbursementDto> {
    return this.fundGrants.propose(user, communityId, dto);
  }
}
