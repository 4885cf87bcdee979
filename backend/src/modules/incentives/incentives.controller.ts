import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser, Public } from '../../common/auth/auth.decorator.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { INCENTIVE_ACTIONS, type IncentiveAction } from './incentive.entity.js';
import { IncentivesService } from './incentives.service.js';

const TIERS = ['A', 'B', 'C', 'D'] as const;

export class IncentiveRuleInputDto {
  @ApiProperty({ enum: TIERS }) @IsIn(TIERS) tier!: 'A' | 'B' | 'C' | 'D';
  @ApiProperty({ minimum: 1, maximum: 12, description: 'Months in a row the tier must have held' })
  @IsInt()
  @Min(1)
  @Max(12)
  consecutiveMonths!: number;
  @ApiProperty({ enum: INCENTIVE_ACTIONS }) @IsIn(INCENTIVE_ACTIONS) action!: IncentiveAction;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Bonus rules: basis points of the final milestone (500 = 5 %)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  bonusShareBp?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Bar rules: months new bids are barred' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36)
  barMonths?: number | null;
}

export class IncentiveRuleDto extends IncentiveRuleInputDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class IncentiveRuleSetDto {
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty({ description: 'The street has no rules of its own: the platform defaults apply' })
  inherited!: boolean;
  @ApiProperty({ type: [IncentiveRuleDto] }) rules!: IncentiveRuleDto[];
}

export class ReplaceIncentiveRulesDto {
  @ApiProperty({
    type: [IncentiveRuleInputDto],
    description: 'The new rule set; empty returns to the platform defaults',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IncentiveRuleInputDto)
  rules!: IncentiveRuleInputDto[];
}

export class IncentiveDecisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INCENTIVE_ACTIONS }) action!: IncentiveAction;
  @ApiProperty({ description: "'YYYY-MM' for a badge or bar, the contract id for a bonus" }) subject!: string;
  @ApiProperty({ enum: ['applied', 'skipped'] }) outcome!: 'applied' | 'skipped';
  @ApiProperty({ description: 'Why, in words' }) explanation!: string;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectiveUntil!: string | null;
  @ApiProperty({ type: Number, nullable: true }) amountFen!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) disbursementId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The rule as it was when it decided',
  })
  rule!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The monthly tiers and scores that matched',
  })
  evidence!: Record<string, unknown>;
  @ApiProperty() decidedAt!: string;
}

export class OrganizationIncentivesDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ type: IncentiveDecisionDto, nullable: true }) badge!: IncentiveDecisionDto | null;
  @ApiProperty({ type: IncentiveDecisionDto, nullable: true }) bar!: IncentiveDecisionDto | null;
  @ApiProperty({ type: [IncentiveDecisionDto] }) decisions!: IncentiveDecisionDto[];
}

export class IncentivePoolDto {
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty({ description: 'What the pool holds, in fen' }) balanceFen!: number;
  @ApiProperty({ description: 'Bonuses awaiting approval, in fen' }) pendingBonusesFen!: number;
}

export class PoolAllocationDto {
  @ApiProperty({ description: 'Amount in fen' }) @IsInt() @Min(1) @Max(1_000_000_000_000) amountFen!: number;
  @ApiProperty({ description: 'Idempotency key of this top-up (e.g. the budget document number)' })
  @IsString()
  @Matches(/^[\w.-]{1,80}$/)
  reference!: string;
}

/** Incentives are public (PRODUCT §8 transparency); only a street's director changes its rules. */
@ApiTags('incentives')
@Controller()
export class IncentivesController {
  constructor(private readonly incentives: IncentivesService) {}

  @Get('organizations/:id/incentives')
  @Public()
  @ApiOkResponse({ type: OrganizationIncentivesDto })
  ofOrganization(@Param('id', ParseUUIDPipe) id: string): Promise<OrganizationIncentivesDto> {
    return this.incentives.ofOrganization(id);
  }

  @Get('streets/:streetId/incentive-rules')
  @Public()
  @ApiOkResponse({ type: IncentiveRuleSetDto })
  rules(@Param('streetId', ParseUUIDPipe) streetId: string): Promise<IncentiveRuleSetDto> {
    return this.incentives.rulesOf(streetId);
  }

  @Get('streets/:streetId/incentive-pool')
  @Auth('street_finance', 'street_director', 'street_officer')
  @ApiOkResponse({ type: IncentivePoolDto })
  pool(
    @CurrentUser() user: AuthUser,
    @Param('streetId', ParseUUIDPipe) streetId: string,
  ): Promise<IncentivePoolDto> {
    return this.incentives.pool(user, streetId);
  }

  @Post('streets/:streetId/incentive-pool/allocations')
  @Idempotent()
  @Auth('street_finance')
  @ApiCreatedResponse({ type: IncentivePoolDto })
  fundPool(
    @CurrentUser() user: AuthUser,
    @Param('streetId', ParseUUIDPipe) streetId: string,
    @Body() dto: PoolAllocationDto,
  ): Promise<IncentivePoolDto> {
    return this.incentives.fundPool(user, streetId, dto.amountFen, dto.reference);
  }

  @Put('streets/:streetId/incentive-rules')
  @Auth('street_director')
  @ApiOkResponse({ type: IncentiveRuleSetDto })
  replaceRules(
    @CurrentUser() user: AuthUser,
    @Param('streetId', ParseUUIDPipe) streetId: string,
    @Body() dto: ReplaceIncentiveRulesDto,
  ): Promise<IncentiveRuleSetDto> {
    return this.incentives.replaceRules(user, streetId, dto.rules);
  }
}
