import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { LedgerService } from './ledger.service.js';
import { IntField } from '../../common/http/fields.js';
import { UuidParam } from '../../common/http/params.js';

export class AllocationDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @IntField(1, 1_000_000_000_000, { description: 'Amount in fen', example: 100_000_000 })
  amountFen!: number;
  @ApiProperty({
    description: 'Idempotency key of this allocation (e.g. the budget document number)',
    example: 'YS-2026-001',
  })
  @IsString()
  @Matches(/^[\w.-]{1,80}$/)
  reference!: string;
}

export class BudgetQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}

export class BudgetContractLineDto {
  @ApiProperty() contractId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ description: 'What the contract committed against this budget, in fen' }) amountFen!: number;
  @ApiProperty({ description: 'Paid to the organization so far, in fen' }) paidFen!: number;
  @ApiProperty({ description: 'Committed and not paid yet (amount − paid), in fen' }) committedFen!: number;
}

/** A street's budget for a year: allocated = committed + paid + available. */
export class BudgetSummaryDto {
  @ApiProperty() streetId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Allocated to the year, in fen' }) allocatedFen!: number;
  @ApiProperty({
    description: 'Held by contracts and not paid yet (approved payouts on their way included), in fen',
  })
  committedFen!: number;
  @ApiProperty({ description: 'Paid out to organizations, in fen' }) paidFen!: number;
  @ApiProperty({ description: 'Free for new contracts, in fen' }) availableFen!: number;
  @ApiProperty({ type: [BudgetContractLineDto], description: 'The contracts committed against this year' })
  contracts!: BudgetContractLineDto[];
}

@ApiTags('budgets')
@Controller('streets/:streetId/budget')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Post('allocations')
  @Idempotent()
  @Operation({
    summary: "Add to a year's budget",
    description:
      "Street finance adds to the street's purchase-of-service budget for a year, from its appropriation. The reference makes it idempotent: the same reference posts once. Answers the year's budget.",
    auth: ['street_finance'],
    created: { type: BudgetSummaryDto, location: '/api/streets/{streetId}/budget?year={year}' },
    scoped: true,
  })
  allocate(
    @CurrentUser() user: AuthUser,
    @UuidParam('streetId') streetId: string,
    @Body() dto: AllocationDto,
  ): Promise<BudgetSummaryDto> {
    return this.ledger.allocate(user, streetId, dto.year, dto.amountFen, dto.reference);
  }

  @Get()
  @Operation({
    summary: "A street's budget for a year",
    description:
      'Allocated = committed + paid + available, with the contracts committed against the year: what each holds, has been paid and still owes.',
    auth: ['street_finance', 'street_director', 'street_officer'],
    ok: BudgetSummaryDto,
    scoped: true,
  })
  summary(
    @CurrentUser() user: AuthUser,
    @UuidParam('streetId') streetId: string,
    @Query() query: BudgetQueryDto,
  ): Promise<BudgetSummaryDto> {
    return this.ledger.budgetFor(user, streetId, query.year);
  }
}
