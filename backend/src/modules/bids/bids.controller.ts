import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { BidsService } from './bids.service.js';
import {
  BidDto,
  type MyBidDto,
  MyBidPageDto,
  ReceiptCheckDto,
  SubmitBidDto,
  SubmittedBidDto,
  VerifyReceiptDto,
} from './dto/bid.dto.js';
import { type Page, PageQueryDto } from '../../common/pagination/page.js';
import { TenderSummaryPageDto, type TenderSummaryDto } from '../tenders/dto/tender.dto.js';
import { UuidParam } from '../../common/http/params.js';

@ApiTags('bids')
@Controller()
export class BidsController {
  constructor(private readonly bids: BidsService) {}

  @Post('tenders/:tenderId/bids')
  @Operation({
    summary: 'Submit a sealed bid',
    description:
      'An organization’s admin bids in its name before the deadline (the database clock decides): price within the ceiling, a team of its active members, the KPIs it offers. One live bid per organization. Answers the bid and its SHA-256 receipt of exactly what was stored.',
    auth: ['org_admin'],
    created: { type: SubmittedBidDto, location: '/api/bids/{id}' },
    scoped: true,
    errors: ['tender.closed', 'organization.ineligible', 'state.conflict'],
  })
  submit(
    @CurrentUser() user: AuthUser,
    @UuidParam('tenderId') tenderId: string,
    @Body() dto: SubmitBidDto,
  ): Promise<SubmittedBidDto> {
    return this.bids.submit(user, tenderId, dto);
  }

  @Get('tenders/:tenderId/bids/mine')
  @Operation({
    summary: 'My organizations’ bids on a tender',
    description:
      'The bids of the organizations the caller administers, withdrawn ones included, in submission order.',
    auth: ['org_admin'],
    ok: [BidDto],
  })
  mine(@CurrentUser() user: AuthUser, @UuidParam('tenderId') tenderId: string): Promise<BidDto[]> {
    return this.bids.mine(user, tenderId);
  }

  @Get('bids/mine')
  @Operation({
    summary: 'My organizations’ bids',
    description:
      'The bids of the organizations the caller administers, withdrawn ones included, the latest first, each with its tender’s summary.',
    auth: ['org_admin'],
    ok: MyBidPageDto,
  })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<MyBidDto>> {
    return this.bids.listMine(user, query);
  }

  @Get('bids/due')
  @Operation({
    summary: 'Tenders due a bid',
    description:
      'Tenders open for bids on which none of the verified organizations the caller administers has a live bid (the home page’s bids due), the earliest deadline first.',
    auth: ['org_admin'],
    ok: TenderSummaryPageDto,
  })
  due(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<TenderSummaryDto>> {
    return this.bids.due(user, query);
  }

  @Get('bids/:id')
  @Operation({
    summary: 'Read a bid',
    description:
      'Its own organization’s admins always; the tender’s street office once bidding has closed. To anyone else, and to everyone before the deadline, the bid does not exist (404).',
    auth: 'any',
    ok: BidDto,
    errors: ['resource.not_found'],
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<BidDto> {
    return this.bids.get(user, id);
  }

  @Post('bids/:id/withdraw')
  @Operation({
    summary: 'Withdraw a bid',
    description: 'Before the deadline only; the organization may then submit another.',
    auth: ['org_admin'],
    ok: BidDto,
    errors: ['resource.not_found', 'tender.closed', 'state.invalid_transition'],
  })
  withdraw(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<BidDto> {
    return this.bids.withdraw(user, id);
  }

  @Post('bids/:id/receipt/verify')
  @Operation({
    summary: 'Check a receipt against the stored bid',
    description:
      'Recomputes the hash from what is stored now: a bid changed behind its receipt no longer matches. For the bidding organization.',
    auth: ['org_admin'],
    ok: ReceiptCheckDto,
    errors: ['resource.not_found'],
  })
  verify(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: VerifyReceiptDto,
  ): Promise<ReceiptCheckDto> {
    return this.bids.verifyReceipt(user, id, dto.hash);
  }
}
