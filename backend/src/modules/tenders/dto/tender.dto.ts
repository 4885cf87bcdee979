import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GRADES, type Grade } from '../../organizations/organization.entity.js';
import {
  PROCUREMENT_METHODS,
  TENDER_STATUSES,
  type ProcurementMethod,
  type TenderStatus,
} from '../tender.entity.js';
import { trim } from '../../../common/http/transforms.js';

export class KpisDto {
  @ApiProperty({ description: 'Service hours to deliver' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  serviceHours!: number;
  @ApiProperty({ description: 'Distinct beneficiaries to reach' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  beneficiaries!: number;
  @ApiProperty({ description: 'Minimum average satisfaction, 1–5' })
  @IsNumber()
  @Min(1)
  @Max(5)
  minSatisfaction!: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'plan' }) @Matches(/^[a-z0-9_]{1,30}$/) key!: string;
  @ApiProperty({ example: '服务方案' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  name!: string;
  @ApiProperty({ description: 'Percent of the total score' }) @IsInt() @Min(1) @Max(100) weight!: number;
}

export class WeightsDto {
  @ApiProperty() @IsInt() @Min(0) @Max(100) price!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100) technical!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100) performance!: number;

  @ApiProperty({
    type: [CriterionDto],
    description: 'Technical sub-criteria; their weights add up to `technical`',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];
}

export class MilestoneDto {
  @ApiProperty({ example: '中期验收' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  name!: string;
  @ApiProperty({ description: 'Share of the contract in basis points (2500 = 25 %)' })
  @IsInt()
  @Min(1)
  @Max(10000)
  shareBp!: number;
  @ApiProperty({ description: 'Due this many days after the contract starts' })
  @IsInt()
  @Min(1)
  @Max(3650)
  dueInDays!: number;
}

export class TenderInputDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(4) @MaxLength(120) title!: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(10) @MaxLength(10000) description!: string;
  @ApiProperty({ example: 'elderly.home_care' }) @IsString() @MaxLength(60) categoryCode!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() streetId!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  communityIds!: string[];

  @ApiProperty({ description: 'Budget ceiling in fen (integer minor units)', example: 50000000 })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  budgetCeilingFen!: number;

  @ApiProperty({ enum: PROCUREMENT_METHODS, enumName: 'ProcurementMethod' })
  @IsIn(PROCUREMENT_METHODS)
  method!: ProcurementMethod;

  @ApiPropertyOptional({ description: 'Required for single_source' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  singleSourceJustification?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The one organization for single_source and direct_commission',
  })
  @IsOptional()
  @IsUUID()
  invitedOrganizationId?: string;

  @ApiProperty({ type: KpisDto }) @ValidateNested() @Type(() => KpisDto) kpis!: KpisDto;
  @ApiPropertyOptional({ enum: GRADES, enumName: 'Grade' }) @IsOptional() @IsIn(GRADES) minGrade?: Grade;
  @ApiProperty({ type: WeightsDto }) @ValidateNested() @Type(() => WeightsDto) weights!: WeightsDto;

  @ApiProperty({ type: [MilestoneDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestonePlan!: MilestoneDto[];

  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() enquiryDeadline!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() bidDeadline!: Date;
  @ApiProperty({ default: 10 }) @IsInt() @Min(0) @Max(60) standstillDays!: number;

  @ApiPropertyOptional({ type: [String], description: 'Accepted needs this tender answers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  needIds?: string[];
}

export class AmendmentDto {
  @ApiProperty({ description: 'What changed, for the bidders' })
  @Transform(trim)
  @IsString()
  @MinLength(4)
  @MaxLength(1000)
  summary!: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(10000)
  description?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  bidDeadline?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  enquiryDeadline?: Date;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100_000_000_000) budgetCeilingFen?: number;
}

export class ReasonDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(1000) reason!: string;
}

export class EnquiryInputDto {
  @ApiProperty({ format: 'uuid', description: 'The organization asking (you must administer it)' })
  @IsUUID()
  organizationId!: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(2000) question!: string;
}

export class AnswerDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(4000) answer!: string;
}

export class EnquiryDto {
  @ApiProperty() id!: string;
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
    description: 'Counted up by every change; sent as ETag, expected back in If-Match',
    example: 3,
  })
  version!: number;
}

export class TenderListQueryDto {
  @ApiPropertyOptional({ enum: TENDER_STATUSES, enumName: 'TenderStatus' })
  @IsOptional()
  @IsIn(TENDER_STATUSES)
  status?: TenderStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() streetId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) category?: string;
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
