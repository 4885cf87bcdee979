import { DocumentFileDto, DocumentIds } from '../../documents/dto/document.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GRADES, type Grade } from '../../organizations/organization.entity.js';
import {
  PROCUREMENT_METHODS,
  TENDER_STATUSES,
  type ProcurementMethod,
  type TenderStatus,
} from '../tender.entity.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';
import { TextField, IntField, SearchField, UuidField } from '../../../common/http/fields.js';

export class KpisDto {
  @IntField(0, 1_000_000, { description: 'Service hours to deliver', example: 2400 })
  serviceHours!: number;
  @IntField(0, 10_000_000, { description: 'Distinct beneficiaries to reach', example: 120 })
  beneficiaries!: number;
  @ApiProperty({ description: 'Minimum average satisfaction, 1–5', example: 4.2 })
  @IsNumber()
  @Min(1)
  @Max(5)
  minSatisfaction!: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'plan' }) @Matches(/^[a-z0-9_]{1,30}$/) key!: string;
  @TextField(1, 60, { example: '服务方案' })
  name!: string;
  @IntField(1, 100, { description: 'Percent of the total score', example: 40 })
  weight!: number;
}

export class WeightsDto {
  @ApiProperty({ example: 30 }) @IsInt() @Min(0) @Max(100) price!: number;
  @ApiProperty({ example: 60 }) @IsInt() @Min(0) @Max(100) technical!: number;
  @ApiProperty({ example: 10 }) @IsInt() @Min(0) @Max(100) performance!: number;

  @ApiProperty({
    type: [CriterionDto],
    description: 'Technical sub-criteria; their weights add up to `technical`',
    example: [
      { key: 'plan', name: '服务方案', weight: 40 },
      { key: 'team', name: '团队', weight: 20 },
    ],
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];
}

export class MilestoneDto {
  @TextField(1, 60, { example: '中期验收' })
  name!: string;
  @IntField(1, 10000, { description: 'Share of the contract in basis points (2500 = 25 %)', example: 4000 })
  shareBp!: number;
  @IntField(1, 3650, { description: 'Due this many days after the contract starts', example: 180 })
  dueInDays!: number;
  @IntField(0, 20, {
    optional: true,
    description:
      'Acceptance rule: clean deliverable files the organization must attach before community staff accept the milestone (0: none)',
    example: 1,
  })
  minDeliverables?: number;
}

export class TenderInputDto {
  @TextField(4, 120, { example: '春晖社区居家养老上门服务项目' })
  title!: string;
  @TextField(10, 10000, { example: '为80岁以上独居老人提供每周两次上门探访、助餐、助洁服务。' })
  description!: string;
  @ApiProperty({ example: 'elderly.home_care' }) @IsString() @MaxLength(60) categoryCode!: string;
  @UuidField({ example: '00000000-0000-4000-8000-000000000011' })
  streetId!: string;

  @ApiProperty({ type: [String], example: ['00000000-0000-4000-8000-000000000101'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  communityIds!: string[];

  @IntField(1, 100_000_000_000, {
    description: 'Budget ceiling in fen (integer minor units)',
    example: 50000000,
  })
  budgetCeilingFen!: number;

  @ApiProperty({
    enum: PROCUREMENT_METHODS,
    enumName: 'ProcurementMethod',
    example: 'competitive_consultation',
  })
  @IsIn(PROCUREMENT_METHODS)
  method!: ProcurementMethod;

  @TextField(10, 2000, {
    optional: true,
    description: 'Required for single_source',
    example: '该服务涉及既有服务对象档案的延续，仅原承接机构具备条件。',
  })
  singleSourceJustification?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The one organization for single_source and direct_commission',
    example: '00000000-0000-4000-8000-000000000501',
  })
  @IsOptional()
  @IsUUID()
  invitedOrganizationId?: string;

  @ApiProperty({ type: KpisDto, example: { serviceHours: 2400, beneficiaries: 120, minSatisfaction: 4.2 } })
  @ValidateNested()
  @Type(() => KpisDto)
  kpis!: KpisDto;
  @ApiPropertyOptional({ enum: GRADES, enumName: 'Grade', example: '3A' })
  @IsOptional()
  @IsIn(GRADES)
  minGrade?: Grade;
  @ApiProperty({
    type: WeightsDto,
    example: {
      price: 30,
      technical: 60,
      performance: 10,
      criteria: [
        { key: 'plan', name: '服务方案', weight: 40 },
        { key: 'team', name: '团队', weight: 20 },
      ],
    },
  })
  @ValidateNested()
  @Type(() => WeightsDto)
  weights!: WeightsDto;

  @ApiProperty({
    type: [MilestoneDto],
    example: [
      { name: '首期', shareBp: 3000, dueInDays: 30 },
      { name: '中期验收', shareBp: 4000, dueInDays: 180 },
      { name: '终期', shareBp: 3000, dueInDays: 365 },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestonePlan!: MilestoneDto[];

  @ApiProperty({ type: String, format: 'date-time', example: '2027-03-05T09:00:00.000Z' })
  @Type(() => Date)
  @IsDate()
  enquiryDeadline!: Date;
  @ApiProperty({ type: String, format: 'date-time', example: '2027-03-10T09:00:00.000Z' })
  @Type(() => Date)
  @IsDate()
  bidDeadline!: Date;
  @ApiProperty({ default: 10, example: 10 }) @IsInt() @Min(0) @Max(60) standstillDays!: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'Accepted needs this tender answers',
    example: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  needIds?: string[];
}

export class AmendmentDto {
  @TextField(4, 1000, {
    description: 'What changed, for the bidders',
    example: '投标截止时间延后一周，补充服务对象名单。',
  })
  summary!: string;
  @TextField(10, 10000, {
    optional: true,
    example: '为80岁以上独居老人提供每周两次上门探访、助餐、助洁服务，并建立一人一档。',
  })
  description?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-03-17T09:00:00.000Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  bidDeadline?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-03-12T09:00:00.000Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  enquiryDeadline?: Date;
  @IntField(1, 100_000_000_000, { optional: true, example: 52000000 })
  budgetCeilingFen?: number;
}

export class ReasonDto {
  @TextField(2, 1000, { example: '需求已由其他项目满足' })
  reason!: string;
}

export class EnquiryInputDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The organization asking (you must administer it)',
    example: '00000000-0000-4000-8000-000000000501',
  })
  @IsUUID()
  organizationId!: string;
  @TextField(5, 2000, { example: '服务对象名单由谁提供？' })
  question!: string;
}

export class AnswerDto {
  @TextField(2, 4000, { example: '名单由各社区居委会提供。' })
  answer!: string;
}

export class EnquiryDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenderId!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) answeredAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class AmendmentViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) deadlineExtendedTo!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class TenderDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() categoryCode!: string;
  @ApiProperty() streetId!: string;
  @ApiProperty() streetName!: string;
  @ApiProperty({ type: [String] }) communityIds!: string[];
  @ApiProperty() budgetCeilingFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: PROCUREMENT_METHODS, enumName: 'ProcurementMethod' }) method!: ProcurementMethod;
  @ApiProperty({ type: String, nullable: true }) singleSourceJustification!: string | null;
  @ApiProperty({ type: String, nullable: true }) invitedOrganizationId!: string | null;
  @ApiProperty({ type: KpisDto }) kpis!: KpisDto;
  @ApiProperty({ type: String, nullable: true }) minGrade!: Grade | null;
  @ApiProperty({ type: WeightsDto }) weights!: WeightsDto;
  @ApiProperty({ type: [MilestoneDto] }) milestonePlan!: MilestoneDto[];
  @ApiProperty({ type: String, format: 'date-time' }) enquiryDeadline!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) bidDeadline!: Date;
  @ApiProperty() standstillDays!: number;
  @ApiProperty({ enum: TENDER_STATUSES, enumName: 'TenderStatus' }) status!: TenderStatus;
  @ApiProperty({ type: String, nullable: true }) statusReason!: string | null;
  @ApiProperty({ type: [String] }) needIds!: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt!: Date | null;
  @ApiProperty({ description: 'Bids received so far (the only thing anyone learns of sealed bids)' })
  bidCount!: number;
  @ApiProperty({ type: [AmendmentViewDto] }) amendments!: AmendmentViewDto[];
  @ApiProperty({
    type: [DocumentFileDto],
    description: 'The tender documents (terms, budget tables), public once the tender is',
  })
  documents!: DocumentFileDto[];
  @ApiProperty({
    description: 'Counted up by every change; sent as ETag, expected back in If-Match',
    example: 3,
  })
  version!: number;
}

export class AttachDocumentsDto {
  @DocumentIds(
    'Clean documents uploaded for tender_document by the street office (see POST /api/documents)',
    {
      required: true,
    },
  )
  documentIds!: string[];
}

export const TENDER_LIST_SORTS = ['newest', 'deadline'] as const;
export type TenderListSort = (typeof TENDER_LIST_SORTS)[number];

export class TenderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TENDER_STATUSES, enumName: 'TenderStatus' })
  @IsOptional()
  @IsIn(TENDER_STATUSES)
  status?: TenderStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() streetId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) category?: string;

  @SearchField('Part of the title (养老, 助餐…)', '养老')
  q?: string;

  @ApiPropertyOptional({
    enum: TENDER_LIST_SORTS,
    enumName: 'TenderListSort',
    default: 'newest',
    description: 'newest: the latest notices first; deadline: the earliest bid deadline first',
  })
  @IsOptional()
  @IsIn(TENDER_LIST_SORTS)
  sort?: TenderListSort = 'newest';
}

export class TenderSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() categoryCode!: string;
  @ApiProperty() streetName!: string;
  @ApiProperty() budgetCeilingFen!: number;
  @ApiProperty({ enum: PROCUREMENT_METHODS, enumName: 'ProcurementMethod' }) method!: ProcurementMethod;
  @ApiProperty({ enum: TENDER_STATUSES, enumName: 'TenderStatus' }) status!: TenderStatus;
  @ApiProperty({ type: String, format: 'date-time' }) bidDeadline!: Date;
  @ApiProperty() bidCount!: number;
}

export class TenderSummaryPageDto extends PageDto(TenderSummaryDto) {}
