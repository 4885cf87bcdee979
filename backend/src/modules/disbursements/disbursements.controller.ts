import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { DisbursementsService } from './disbursements.service.js';
import {
  AcceptDisbursementDto,
  DisbursementDto,
  DisbursementRejectDto,
  RequestDisbursementDto,
  VoucherDto,
} from './dto/disbursement.dto.js';

@ApiTags('disbursements')
@Controller()
export class DisbursementsController {
  constructor(private readonly disbursements: DisbursementsService) {}

  @Post('disbursements')
  @Idempotent()
  @Auth('org_admin')
  @ApiCreatedResponse({ type: DisbursementDto })
  request(@CurrentUser() user: AuthUser, @Body() dto: RequestDisbursementDto): Promise<DisbursementDto> {
    return this.disbursements.request(user, dto);
  }

  @Get('disbursements/inbox')
  @Auth('community_staff', 'street_finance', 'street_director')
  @ApiOkResponse({ type: [DisbursementDto] })
  inbox(@CurrentUser() user: AuthUser): Promise<DisbursementDto[]> {
    return this.disbursements.inbox(user);
  }

  @Get('contracts/:contractId/disbursements')
  @Auth()
  @ApiOkResponse({ type: [DisbursementDto] })
  ofContract(
    @CurrentUser() user: AuthUser,
    @Param('contractId', ParseUUIDPipe) contractId: string,
  ): Promise<DisbursementDto[]> {
    return this.disbursements.ofContract(user, contractId);
  }

  @Get('organizations/:id/disbursements')
  @Auth('org_admin')
  @ApiOkResponse({
    type: [DisbursementDto],
    description: "The organization's payment requests, newest first",
  })
  ofOrganization(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DisbursementDto[]> {
    return this.disbursements.ofOrganization(user, id);
  }

  @Post('disbursements/:id/accept')
  @Idempotent()
  @Auth('community_staff')
  @HttpCode(200)
  @ApiOkResponse({
    type: DisbursementDto,
    description: "The milestone's delivery accepted (验收) with the staff's rating of it",
  })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcceptDisbursementDto,
  ): Promise<DisbursementDto> {
    return this.disbursements.accept(user, id, dto);
  }

  @Post('disbursements/:id/finance-approval')
  @Idempotent()
  @Auth('street_finance')
  @HttpCode(200)
  @ApiOkResponse({ type: DisbursementDto })
  financeApprove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DisbursementDto> {
    return this.disbursements.financeApprove(user, id);
  }

  @Post('disbursements/:id/director-approval')
  @Idempotent()
  @Auth('street_director')
  @HttpCode(200)
  @ApiOkResponse({ type: DisbursementDto })
  directorApprove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DisbursementDto> {
    return this.disbursements.directorApprove(user, id);
  }

  @Post('disbursements/:id/rejection')
  @Idempotent()
  @Auth('community_staff', 'street_finance', 'street_director')
  @HttpCode(200)
  @ApiOkResponse({ type: DisbursementDto })
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DisbursementRejectDto,
  ): Promise<DisbursementDto> {
    return this.disbursements.reject(user, id, dto.reason);
  }

  @Post('disbursements/:id/payment')
  @Idempotent()
  @Auth('street_finance')
  @HttpCode(200)
  @ApiOkResponse({ type: DisbursementDto, description: 'Treasury transfer recorded with its voucher' })
  pay(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VoucherDto,
  ): Promise<DisbursementDto> {
    return this.disbursements.recordPayment(user, id, dto.voucher);
  }
}
