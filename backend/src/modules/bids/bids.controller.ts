import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import { BidsService } from './bids.service.js';
import { BidDto, ReceiptCheckDto, SubmitBidDto, SubmittedBidDto, VerifyReceiptDto } from './dto/bid.dto.js';

@ApiTags('bids')
@Controller()
export class BidsController {
  constructor(private readonly bids: BidsService) {}

  @Post('tenders/:tenderId/bids')
  @Auth('org_admin')
  @ApiCreatedResponse({ type: SubmittedBidDto, description: 'The bid and its SHA-256 receipt' })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('tenderId', ParseUUIDPipe) tenderId: string,
    @Body() dto: SubmitBidDto,
  ): Promise<SubmittedBidDto> {
    return this.bids.submit(user, tenderId, dto);
  }

  @Get('tenders/:tenderId/bids/mine')
  @Auth('org_admin')
  @ApiOkResponse({ type: [BidDto] })
  mine(@CurrentUser() user: AuthUser, @Param('tenderId', ParseUUIDPipe) tenderId: string): Promise<BidDto[]> {
    return this.bids.mine(user, tenderId);
  }

  @Get('bids/:id')
  @Auth()
  @ApiOkResponse({ type: BidDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BidDto> {
    return this.bids.get(user, id);
  }

  @Post('bids/:id/withdraw')
  @Auth('org_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: BidDto })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BidDto> {
    return this.bids.withdraw(user, id);
  }

  @Post('bids/:id/receipt/verify')
  @Auth('org_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ReceiptCheckDto })
  verify(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VerifyReceiptDto,
  ): Promise<ReceiptCheckDto> {
    return this.bids.verifyReceipt(user, id, dto.hash);
  }
}
