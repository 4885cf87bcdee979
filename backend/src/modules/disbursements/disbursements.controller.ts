import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { PageQueryDto, type Page } from '../../common/pagination/page.js';
import { DisbursementViewsService } from './disbursement-views.service.js';
import { DisbursementsService } from './disbursements.service.js';
import {
  AcceptDisbursementDto,
  DisbursementDto,
  DisbursementPageDto,
  DisbursementRejectDto,
  DisbursementSearchQueryDto,
  InboxQueryDto,
  RequestDisbursementDto,
  VoucherDto,
} from './dto/disbursement.dto.js';
import { UuidParam } from '../../common/http/params.js';

/** The errors of every step on one disbursement: unknown, out of the caller's scope, not its turn. */
const STEP_ERRORS = ['resource.not_found', 'auth.out_of_scope', 'state.invalid_transition'] as const;

@ApiTags('disbursements')
@Controller()
export class DisbursementsController {
  constructor(
    private readonly disbursements: DisbursementsService,
    private readonly views: DisbursementViewsService,
  ) {}

  @Post('disbursements')
  @Idempotent()
  @Operation({
    summary: 'Request payment of a milestone',
    description:
      "The organization's admin requests payment of a milestone of its contract once the milestone meets its acceptance rule, attaching the deliverable files (uploaded as milestone_deliverable) the rule asks for; files still being scanned may be attached, infected ones may not. It then waits for community staff to accept the delivery (验收), street finance to approve, and the street director at or above the street's threshold.",
    auth: ['org_admin'],
    created: { type: DisbursementDto, location: '/api/disbursements/{id}' },
    scoped: true,
    errors: [
      'state.invalid_transition',
      'state.conflict',
      'payments.unavailable',
      'disbursement.deliverables_missing',
      'document.wrong_purpose',
      'document.infected',
    ],
  })
  request(@CurrentUser() user: AuthUser, @Body() dto: RequestDisbursementDto): Promise<DisbursementDto> {
    return this.disbursements.request(user, dto);
  }

  @Get('disbursements/inbox')
  @Operation({
    summary: 'Disbursements waiting for me',
    description:
      'What waits for the caller, oldest first (or newest), optionally searched, a page at a time: acceptances for community staff of the communities a contract serves; approvals, failed payouts to approve again and treasury payments to record for street finance; approvals at the threshold for the street director.',
    auth: ['community_staff', 'street_finance', 'street_director'],
    ok: DisbursementPageDto,
  })
  inbox(@CurrentUser() user: AuthUser, @Query() query: InboxQueryDto): Promise<Page<DisbursementDto>> {
    return this.views.inbox(user, query);
  }

  @Get('disbursements/:id')
  @Operation({
    summary: 'One disbursement',
    description:
      "A disbursement with its signatures, for the organization's admins and the street's officers, finance and director.",
    auth: 'any',
    ok: DisbursementDto,
    scoped: true,
  })
  one(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<DisbursementDto> {
    return this.views.get(user, id);
  }

  @Get('contracts/:contractId/disbursements')
  @Operation({
    summary: "A contract's disbursements",
    description:
      "Every disbursement of a contract (its milestones' payments, grants and bonuses tied to it), oldest first, a page at a time: for the organization's admins and the street's officers, finance and director.",
    auth: 'any',
    ok: DisbursementPageDto,
    scoped: true,
  })
  ofContract(
    @CurrentUser() user: AuthUser,
    @UuidParam('contractId') contractId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<DisbursementDto>> {
    return this.views.ofContract(user, contractId, query);
  }

  @Get('organizations/:id/disbursements')
  @Operation({
    summary: "An organization's disbursements",
    description:
      "The organization's payment requests, grants and bonuses, newest first, optionally searched, a page at a time.",
    auth: ['org_admin'],
    ok: DisbursementPageDto,
    errors: ['auth.out_of_scope'],
  })
  ofOrganization(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: DisbursementSearchQueryDto,
  ): Promise<Page<DisbursementDto>> {
    return this.views.ofOrganization(user, id, query);
  }

  @Post('disbursements/:id/accept')
  @Idempotent()
  @Operation({
    summary: 'Accept a milestone’s delivery (验收) and rate it',
    description:
      "Staff of a community the contract serves accept the delivery and rate it (quality, timeliness, cooperation) in one step; the rating counts in the organization's score. Milestone payments only; never by whoever requested it, and only once the deliverable files the milestone's rule asks for are attached and checked clean (422 disbursement.deliverables_missing otherwise, with the counts).",
    auth: ['community_staff'],
    ok: DisbursementDto,
    errors: [...STEP_ERRORS, 'auth.forbidden', 'disbursement.deliverables_missing'],
  })
  accept(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: AcceptDisbursementDto,
  ): Promise<DisbursementDto> {
    return this.disbursements.accept(user, id, dto);
  }

  @Post('disbursements/:id/finance-approval')
  @Idempotent()
  @Operation({
    summary: 'Approve as street finance',
    description:
      "Street finance approves an accepted disbursement (or a failed payout again, as a new attempt). Below the street's director threshold this is the last approval: the money becomes owed and the payout starts. Never by someone who already signed it; fund grants and bonuses need their source to hold the amount.",
    auth: ['street_finance'],
    ok: DisbursementDto,
    errors: [...STEP_ERRORS, 'auth.forbidden', 'fund.insufficient'],
  })
  financeApprove(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<DisbursementDto> {
    return this.disbursements.financeApprove(user, id);
  }

  @Post('disbursements/:id/director-approval')
  @Idempotent()
  @Operation({
    summary: 'Approve as street director',
    description:
      'The street director approves a disbursement at or above the threshold after finance: the money becomes owed and the payout starts. Never by someone who already signed it.',
    auth: ['street_director'],
    ok: DisbursementDto,
    errors: [...STEP_ERRORS, 'auth.forbidden', 'fund.insufficient'],
  })
  directorApprove(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<DisbursementDto> {
    return this.disbursements.directorApprove(user, id);
  }

  @Post('disbursements/:id/rejection')
  @Idempotent()
  @Operation({
    summary: 'Return a disbursement with the reason',
    description:
      'Whoever would sign the step a disbursement waits for may return it to the organization instead, with the reason. A returned milestone may be requested again.',
    auth: ['community_staff', 'street_finance', 'street_director'],
    ok: DisbursementDto,
    errors: STEP_ERRORS,
  })
  reject(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: DisbursementRejectDto,
  ): Promise<DisbursementDto> {
    return this.disbursements.reject(user, id, dto.reason);
  }

  @Post('disbursements/:id/payment')
  @Idempotent()
  @Operation({
    summary: 'Record a treasury payment',
    description:
      'Street finance records the bank voucher of an approved treasury payout: the payable is paid and, for a milestone, the milestone too. Stripe payouts are settled by the provider instead.',
    auth: ['street_finance'],
    ok: DisbursementDto,
    errors: STEP_ERRORS,
  })
  pay(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: VoucherDto,
  ): Promise<DisbursementDto> {
    return this.disbursements.recordPayment(user, id, dto.voucher);
  }
}
