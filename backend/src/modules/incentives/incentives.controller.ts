import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, ValidateNested } from 'class-validator';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { INCENTIVE_ACTIONS, type IncentiveAction } from './incentive.entity.js';
import { IncentivesService } from './incentives.service.js';
import { IntField } from '../../common/http/fields.js';
import { UuidParam } from '../../common/http/params.js';
import { type Page, PageDto, PageQueryDto } from '../../common/pagination/page.js';

const TIERS = ['A', 'B', 'C', 'D'] as const;

export class IncentiveRuleInputDto {
  @ApiProperty({ enum: TIERS, example: 'A' }) @IsIn(TIERS) tier!: 'A' | 'B' | 'C' | 'D';
  @IntField(1, 12, {
    minimum: 1,
    maximum: 12,
    description: 'Months in a row the tier must have held',
    example: 3,
  })
  consecutiveMonths!: number;
  @ApiProperty({ enum: INCENTIVE_ACTIONS, example: 'bonus' })
  @IsIn(INCENTIVE_ACTIONS)
  action!: IncentiveAction;
  @IntField(1, 10000, {
    optional: true,
    type: Number,
    nullable: true,
    description: 'Bonus rules: basis points of the final milestone (500 = 5 %)',
    example: 500,
  })
  bonusShareBp?: number | null;
  @IntField(1, 36, {
    optional: true,
    type: Number,
    nullable: true,
    description: 'Bar rules: months new bids are barred',
    example: null,
  })
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
  @ApiProperty({ description: 'The version, sent as ETag; +1 on every replacement' }) version!: number;
}

export class ReplaceIncentiveRulesDto {
  @ApiProperty({
    type: [IncentiveRuleInputDto],
    description: 'The new rule set; empty returns to the platform defaults',
    example: [
      { tier: 'A', consecutiveMonths: 1, action: 'badge' },
      { tier: 'A', consecutiveMonths: 3, action: 'bonus', bonusShareBp: 500 },
      { tier: 'D', consecutiveMonths: 2, action: 'bar', barMonths: 6 },
    ],
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
}

export class IncentiveDecisionPageDto extends PageDto(IncentiveDecisionDto) {}
export class IncentiveDecisionsQueryDto extends PageQueryDto {}

export class IncentivePoolDto {
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty({ description: 'What the pool holds, in fen' }) balanceFen!: number;
  @ApiProperty({ description: 'Bonuses awaiting approval, in fen' }) pendingBonusesFen!: number;
}

export class PoolAllocationDto {
  @IntField(1, 1_000_000_000_000, { description: 'Amount in fen', example: 10_000_000 })
  amountFen!: number;
  @ApiProperty({
    description: 'Idempotency key of this top-up (e.g. the budget document number)',
    example: 'JL-2026-017',
  })
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
  @Operation({
    summary: "An organization's incentives",
    description:
      'Public (transparency): the badge and the bar on new bids in force today; every decision is in GET /api/organizations/{id}/incentive-decisions.',
    auth: 'public',
    ok: OrganizationIncentivesDto,
    errors: ['resource.not_found'],
  })
  ofOrganization(@UuidParam('id') id: string): Promise<OrganizationIncentivesDto> {
    return this.incentives.ofOrganization(id);
  }

  @Get('organizations/:id/incentive-decisions')
  @Operation({
    summary: "Page through an organization's incentive decisions",
    description:
      'Public (transparency): every badge, bar and bonus decided on a verified organization, newest first, with its reason in words and its evidence.',
    auth: 'public',
    ok: IncentiveDecisionPageDto,
    errors: ['resource.not_found'],
  })
  decisions(
    @UuidParam('id') id: string,
    @Query() query: IncentiveDecisionsQueryDto,
  ): Promise<Page<IncentiveDecisionDto>> {
    return this.incentives.decisionsOf(id, query);
  }

  @Get('streets/:streetId/incentive-rules')
  @Operation({
    summary: "A street's incentive rules",
    description:
      "Public: the street's own rule set, or the platform defaults it inherits (inherited: true), with its version as ETag.",
    auth: 'public',
    ok: IncentiveRuleSetDto,
    etag: true,
    errors: ['resource.not_found'],
  })
  rules(@UuidParam('streetId') streetId: string): Promise<IncentiveRuleSetDto> {
    return this.incentives.rulesOf(streetId);
  }

  @Get('streets/:streetId/incentive-pool')
  @Operation({
    summary: "A street's incentive pool",
    description: 'What the pool holds and what bonuses awaiting approval will draw from it.',
    auth: ['street_finance', 'street_director', 'street_officer'],
    ok: IncentivePoolDto,
    scoped: true,
  })
  pool(@CurrentUser() user: AuthUser, @UuidParam('streetId') streetId: string): Promise<IncentivePoolDto> {
    return this.incentives.pool(user, streetId);
  }

  @Post('streets/:streetId/incentive-pool/allocations')
  @Idempotent()
  @Operation({
    summary: 'Top up the incentive pool',
    description:
      "Street finance tops up the pool from the street's incentive appropriation (a line of its own). The reference makes it idempotent: the same reference posts once.",
    auth: ['street_finance'],
    created: { type: IncentivePoolDto, location: '/api/streets/{streetId}/incentive-pool' },
    scoped: true,
  })
  fundPool(
    @CurrentUser() user: AuthUser,
    @UuidParam('streetId') streetId: string,
    @Body() dto: PoolAllocationDto,
  ): Promise<IncentivePoolDto> {
    return this.incentives.fundPool(user, streetId, dto.amountFen, dto.reference);
  }

  @Put('streets/:streetId/incentive-rules')
  @Operation({
    summary: "Replace a street's incentive rules",
    description:
      "The street director replaces the street's rule set (an empty set returns to the platform defaults). Send If-Match with the version read: 412 when someone replaced the set since. Applies from the next scoring run.",
    auth: ['street_director'],
    ok: IncentiveRuleSetDto,
    etag: true,
    ifMatch: true,
    scoped: true,
  })
  replaceRules(
    @CurrentUser() user: AuthUser,
    @UuidParam('streetId') streetId: string,
    @Body() dto: ReplaceIncentiveRulesDto,
    @IfMatch() expected: number | undefined,
  ): Promise<IncentiveRuleSetDto> {
    return this.incentives.replaceRules(user, streetId, dto.rules, expected);
  }
}
