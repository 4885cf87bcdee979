import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ORGANIZATION_TYPES, type OrganizationType } from '../organizations/organization.entity.js';
import { UuidField } from '../../common/http/fields.js';
import { type Page, PageDto, PageQueryDto } from '../../common/pagination/page.js';

/** Score → tier (PRODUCT §7): A ≥ 85, B ≥ 70, C ≥ 60, D below. */
export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

/** The five indicators (formulas v1 and v2), in the order the pages show them. */
export const INDICATORS = ['delivery', 'satisfaction', 'compliance', 'capacity', 'reach'] as const;
export type Indicator = (typeof INDICATORS)[number];

/**
 * A `tier` query filter taking one or more tiers: repeated (`tier=A&tier=B`, as the generated client
 * sends arrays) or comma-separated (`tier=A,B`).
 */
export const TierFilter = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: TIERS,
      enumName: 'Tier',
      isArray: true,
      description: 'Only organizations whose current score has one of these tiers',
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      value === undefined || value === null
        ? undefined
        : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()),
    ),
    IsArray(),
    ArrayMaxSize(TIERS.length),
    IsIn(TIERS, { each: true }),
  );

export class IndicatorValuesDto {
  @ApiProperty() delivery!: number;
  @ApiProperty() satisfaction!: number;
  @ApiProperty() compliance!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty() reach!: number;
}

/** What the formula read over the 12 months, as stored with the snapshot (scoring.sql.ts). */
export class ScoreInputsDto {
  @ApiProperty({ description: 'Hours of approved service records' }) approvedHours!: number;
  @ApiProperty({ description: 'Service hours of the contracts running in the period (KPI)' })
  contractedHours!: number;
  @ApiProperty() milestonesDue!: number;
  @ApiProperty({ description: 'Milestones whose payment was requested by the due date' })
  milestonesOnTime!: number;
  @ApiProperty({ description: 'Resident ratings received' }) ratings!: number;
  @ApiProperty({ description: 'Sum of the ratings (each the mean of its three 1–5 marks)' })
  ratingTotal!: number;
  @ApiProperty({ description: 'Service records decided or pending' }) records!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ description: 'Active team members' }) members!: number;
  @ApiProperty({ description: 'Members holding a verified qualification' }) qualified!: number;
  @ApiProperty({ description: 'Distinct residents who confirmed a service' }) beneficiaries!: number;
  @ApiProperty({ description: 'Communities served by approved records' }) communities!: number;
  @ApiProperty({ description: 'Prior mean rating (1–5) of the Bayesian average' }) priorMean!: number;
  @ApiProperty({ description: 'Weight of the prior, in ratings' }) priorWeight!: number;
  // Formula v2's inputs: null on a v1 snapshot, which did not read them.
  @ApiProperty({ type: Number, nullable: true, description: 'Acceptance ratings by community staff (v2)' })
  acceptanceRatings!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean of the acceptance ratings, 1–5 (v2; null without any)',
  })
  acceptanceMean!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Satisfaction from the residents' ratings alone, 0–100 (v2)",
  })
  residentSatisfaction!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Satisfaction from the acceptance ratings, 0–100 (v2; null without any)',
  })
  acceptanceSatisfaction!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Percent of satisfaction the acceptance ratings carry when there are any (v2, the street's)",
  })
  acceptanceWeight!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Approved records under a resident's standing dispute (v2)",
  })
  upheldComplaints!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Milestone reports whose due date passed (v2)' })
  reportsDue!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Of them, requested after the due date (v2)' })
  reportsLate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Of them, not requested at all (v2)' })
  reportsMissing!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "Members active at the period's start (v2)" })
  membersAtStart!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Of them, still active at its end (v2)' })
  membersRetained!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Needs on the needs list answered by the organization's contracts (v2)",
  })
  needsAddressed!: number | null;
}

export class ScoreSnapshotDto {
  @ApiProperty({ description: 'First day of the rolling 12 months', format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ example: 'v2' }) formulaVersion!: string;
  @ApiProperty({ description: '0–100' }) score!: number;
  @ApiProperty({ enum: TIERS, enumName: 'Tier' }) tier!: Tier;
  @ApiProperty({ type: IndicatorValuesDto, description: 'Each indicator 0–100' })
  indicators!: IndicatorValuesDto;
  @ApiProperty({ type: IndicatorValuesDto, description: 'Weights in percent, summing to 100' })
  weights!: IndicatorValuesDto;
  @ApiProperty({ type: ScoreInputsDto }) inputs!: ScoreInputsDto;
  @ApiProperty() computedAt!: Date;
}

export class ScoreHistoryPointDto {
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty() formulaVersion!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ enum: TIERS, enumName: 'Tier' }) tier!: Tier;
  @ApiProperty({ type: IndicatorValuesDto }) indicators!: IndicatorValuesDto;
}

/** The move from one formula to the next, for one organization: what the page explains. */
export class FormulaChangeDto {
  @ApiProperty({ type: ScoreSnapshotDto, description: 'The last snapshot of the previous formula (v1)' })
  previous!: ScoreSnapshotDto;
  @ApiProperty({ type: ScoreSnapshotDto, description: 'The first snapshot of the formula in force (v2)' })
  next!: ScoreSnapshotDto;
}

export class OrganizationScoreDto {
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() homeStreetId!: string;
  @ApiProperty() homeStreetName!: string;
  @ApiProperty({
    type: ScoreSnapshotDto,
    nullable: true,
    description: 'The latest snapshot; null until the organization is first scored',
  })
  current!: ScoreSnapshotDto | null;
  @ApiProperty({
    type: [ScoreHistoryPointDto],
    description: 'The last snapshot of each month, oldest first, at most 12 (the latest included)',
  })
  history!: ScoreHistoryPointDto[];
  @ApiProperty({
    type: () => FormulaChangeDto,
    nullable: true,
    description:
      'When the organization was scored under the previous formula: its last snapshot beside the first of the formula in force',
  })
  formulaChange!: FormulaChangeDto | null;
}

/** `?cursor=&limit=` with the board's filters. */
export class LeaderboardQueryDto extends PageQueryDto {
  @TierFilter()
  tier?: Tier[];

  @ApiPropertyOptional({ description: 'Catalog code; a parent code also matches its children' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  category?: string;

  @UuidField({ optional: true, description: 'Serving this community' })
  communityId?: string;
}

export class LeaderboardEntryDto {
  @ApiProperty({ description: 'Position among the organizations matching the filters; ties share it' })
  rank!: number;
  @ApiProperty() organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES, enumName: 'OrganizationType' }) type!: OrganizationType;
  @ApiProperty() score!: number;
  @ApiProperty({ enum: TIERS, enumName: 'Tier' }) tier!: Tier;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ type: IndicatorValuesDto }) indicators!: IndicatorValuesDto;
}

export type LeaderboardPage = Page<LeaderboardEntryDto> & {
  streetId: string;
  streetName: string;
  total: number;
};

export class LeaderboardPageDto extends PageDto(LeaderboardEntryDto) {
  @ApiProperty() streetId!: string;
  @ApiProperty() streetName!: string;
  @ApiProperty({ description: 'Scored organizations matching the filters' }) total!: number;
}
