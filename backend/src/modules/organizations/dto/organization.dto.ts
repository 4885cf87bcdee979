import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  CREDIT_STATUSES,
  GRADES,
  ORGANIZATION_STATUSES,
  ORGANIZATION_TYPES,
  type CreditStatus,
  type Grade,
  type OrganizationStatus,
  type OrganizationType,
} from '../organization.entity.js';
import { OBJECTION_STATUSES, type ObjectionStatus } from '../credit-objection.entity.js';
import { IDENTITY_CHANGE_STATUSES, type IdentityChangeStatus } from '../identity-change.entity.js';
import { trim } from '../../../common/http/transforms.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';
import { BoolField, SearchField, TextField } from '../../../common/http/fields.js';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

class OrganizationFieldsDto {
  @TextField(2, 100, { example: '阳光居家养老服务中心' })
  name!: string;

  @ApiProperty({ example: 'social_work_agency', enum: ORGANIZATION_TYPES, enumName: 'OrganizationType' })
  @IsIn(ORGANIZATION_TYPES)
  type!: OrganizationType;

  @ApiPropertyOptional({ example: '为春晖社区独居老人提供上门探访与助餐服务', maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  description?: string;

  @TextField(1, 60, { example: '周明' })
  legalRepresentative!: string;

  @ApiProperty({ example: '057188000000' })
  @Matches(/^\+?[0-9-]{6,20}$/, { message: 'contactPhone must be a phone number' })
  contactPhone!: string;

  @ApiProperty({ example: ['elderly.home_care'], type: [String], description: 'Catalog codes' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  categoryCodes!: string[];

  @ApiProperty({
    example: ['00000000-0000-4000-8000-000000000101'],
    type: [String],
    description: 'Community ids served',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  communityIds!: string[];
}

export class RegisterOrganizationDto extends OrganizationFieldsDto {
  @BoolField({ example: false, description: 'Filed-only (备案) community group without a credit code' })
  filedOnly!: boolean;

  @ApiPropertyOptional({ example: '91350100M000100Y43', description: 'Required unless filed-only' })
  @ValidateIf((o: RegisterOrganizationDto) => !o.filedOnly || o.creditCode !== undefined)
  @Transform(upper)
  @IsString()
  creditCode?: string;

  @ApiProperty({
    example: '00000000-0000-4000-8000-000000000011',
    format: 'uuid',
    description: 'The street office the organization registers with',
  })
  @IsUUID()
  homeStreetId!: string;
}

export class UpdateOrganizationDto {
  @TextField(2, 100, { optional: true, example: '阳光居家养老服务中心' })
  name?: string;
  @ApiPropertyOptional({
    example: 'social_work_agency',
    enum: ORGANIZATION_TYPES,
    enumName: 'OrganizationType',
  })
  @IsOptional()
  @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;
  @ApiPropertyOptional({ example: '为独居老人提供上门探访与助餐服务' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  description?: string;
  @TextField(1, 60, { optional: true, example: '周明' })
  legalRepresentative?: string;
  @ApiPropertyOptional({ example: '057188000000' })
  @IsOptional()
  @Matches(/^\+?[0-9-]{6,20}$/)
  contactPhone?: string;

  @ApiPropertyOptional({ example: '91350100M000100Y43', description: 'Not for filed-only (备案) groups' })
  @IsOptional()
  @Transform(upper)
  @IsString()
  creditCode?: string;

  @ApiPropertyOptional({ example: ['elderly.home_care', 'elderly.meals'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  categoryCodes?: string[];

  @ApiPropertyOptional({ example: ['00000000-0000-4000-8000-000000000101'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  communityIds?: string[];
}

export const STATUS_ACTIONS = ['verify', 'suspend', 'reinstate', 'deregister'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export class StatusChangeDto {
  @ApiProperty({ example: 'verify', enum: STATUS_ACTIONS, enumName: 'OrganizationStatusAction' })
  @IsIn(STATUS_ACTIONS)
  action!: StatusAction;

  @TextField(2, 500, {
    example: '登记证书与章程核实无误',
    description: 'Why; recorded in the audit trail and shown to the organization',
  })
  reason!: string;
}

export class GradeDto {
  @ApiProperty({
    example: '4A',
    type: String,
    enum: GRADES,
    enumName: 'Grade',
    nullable: true,
    description: 'null removes the grade',
  })
  @ValidateIf((o: GradeDto) => o.grade !== null)
  @IsIn(GRADES)
  grade!: Grade | null;

  @ApiPropertyOptional({ example: '2028-12-31', description: 'Required with a grade' })
  @ValidateIf((o: GradeDto) => o.grade !== null)
  @IsDateString({ strict: true })
  expiresOn?: string;

  @TextField(2, 500, { example: '2026年度社会组织等级评估结果' })
  reason!: string;
}

export class CreditDto {
  @ApiProperty({ example: 'abnormal', enum: CREDIT_STATUSES, enumName: 'CreditStatus' })
  @IsIn(CREDIT_STATUSES)
  status!: CreditStatus;

  @ApiProperty({ example: '2026-11-01', description: 'Date the listing took effect' })
  @IsDateString({ strict: true })
  since!: string;

  @TextField(2, 500, { example: '未按时提交年度报告' })
  reason!: string;
}

export class ObjectionDto {
  @TextField(5, 2000, { example: '年度报告已于截止日前提交，附回执' })
  reason!: string;
}

export class ObjectionDecisionDto {
  @BoolField({ example: true, description: 'true restores normal credit status' })
  uphold!: boolean;
  @TextField(2, 2000, { example: '回执核实无误，移出名录' })
  reason!: string;
}

export class DocumentDto {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() createdAt!: Date;
}

export class ObjectionViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: OBJECTION_STATUSES, enumName: 'ObjectionStatus' }) status!: ObjectionStatus;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt!: Date | null;
}

/** The fields that make up a verified organization's identity: editing them waits for the street office. */
export class IdentityDto {
  @ApiProperty() name!: string;
  @ApiProperty() legalRepresentative!: string;
  @ApiProperty({ type: String, nullable: true }) creditCode!: string | null;
  @ApiProperty({ type: [String] }) categoryCodes!: string[];
}

export class IdentityChangeDto {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty({ enum: IDENTITY_CHANGE_STATUSES, enumName: 'IdentityChangeStatus' })
  status!: IdentityChangeStatus;
  @ApiProperty({ type: IdentityDto, description: 'The identity the organization asks for' })
  proposed!: IdentityDto;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt!: Date | null;
}

/** A pending identity change as the street office reviews it: the verified identity next to the proposed one. */
export class IdentityChangeReviewDto extends IdentityChangeDto {
  @ApiProperty() homeStreetName!: string;
  @ApiProperty({ type: IdentityDto, description: 'The verified identity in force' }) current!: IdentityDto;
}

export class IdentityChangeReviewPageDto extends PageDto(IdentityChangeReviewDto) {}
export class IdentityChangePageDto extends PageDto(IdentityChangeDto) {}

export class IdentityChangeDecisionDto {
  @BoolField({ example: true, description: 'true applies the proposed identity' })
  approve!: boolean;

  @ApiPropertyOptional({
    example: '变更登记证明已核实',
    description: 'Required to reject; shown to the organization',
  })
  @ValidateIf((o: IdentityChangeDecisionDto) => !o.approve || o.reason !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason?: string;
}

/** The organization as its own admins and its street office see it (private fields included). */
export class OrganizationDto {
  @ApiProperty({ description: 'Sent as the ETag; +1 on every write', example: 3 }) version!: number;
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) creditCode!: string | null;
  @ApiProperty() filedOnly!: boolean;
  @ApiProperty({ enum: ORGANIZATION_TYPES, enumName: 'OrganizationType' }) type!: OrganizationType;
  @ApiProperty() description!: string;
  @ApiProperty() legalRepresentative!: string;
  @ApiProperty() contactPhone!: string;
  @ApiProperty() homeStreetId!: string;
  @ApiProperty() homeStreetName!: string;
  @ApiProperty({ enum: ORGANIZATION_STATUSES, enumName: 'OrganizationStatus' }) status!: OrganizationStatus;
  @ApiProperty({ type: String, nullable: true }) grade!: Grade | null;
  @ApiProperty({ type: String, nullable: true }) gradeExpiresOn!: string | null;
  @ApiProperty({ description: 'False when there is no grade or it has expired' }) gradeValid!: boolean;
  @ApiProperty({ enum: CREDIT_STATUSES, enumName: 'CreditStatus' }) creditStatus!: CreditStatus;
  @ApiProperty({ type: String, nullable: true }) creditSince!: string | null;
  @ApiProperty({ type: String, nullable: true }) creditReason!: string | null;
  @ApiProperty({ type: [String] }) categoryCodes!: string[];
  @ApiProperty({ type: [String] }) communityIds!: string[];
  @ApiProperty({ type: [DocumentDto] }) documents!: DocumentDto[];
  @ApiProperty({ type: [ObjectionViewDto] }) objections!: ObjectionViewDto[];
  @ApiProperty({
    type: [IdentityChangeDto],
    description:
      'Identity changes, newest first (at most one pending); the fields above stay the verified ones until one is approved',
  })
  identityChanges!: IdentityChangeDto[];
  @ApiProperty() createdAt!: Date;
}

/** Registration order of the review queue: oldest first (first come, first served) or newest first. */
export const REVIEW_QUEUE_SORTS = ['oldest', 'newest'] as const;
export type ReviewQueueSort = (typeof REVIEW_QUEUE_SORTS)[number];

export class ReviewQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_STATUSES, enumName: 'OrganizationStatus', default: 'pending' })
  @IsOptional()
  @IsIn(ORGANIZATION_STATUSES)
  status: OrganizationStatus = 'pending';

  @SearchField('Part of the name or of the credit code (阳光, 9135…)', '阳光')
  q?: string;

  @ApiPropertyOptional({ enum: REVIEW_QUEUE_SORTS, enumName: 'ReviewQueueSort', default: 'oldest' })
  @IsOptional()
  @IsIn(REVIEW_QUEUE_SORTS)
  sort: ReviewQueueSort = 'oldest';
}

export class ReviewItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) creditCode!: string | null;
  @ApiProperty() filedOnly!: boolean;
  @ApiProperty({ enum: ORGANIZATION_TYPES, enumName: 'OrganizationType' }) type!: OrganizationType;
  @ApiProperty({ enum: ORGANIZATION_STATUSES, enumName: 'OrganizationStatus' }) status!: OrganizationStatus;
  @ApiProperty() homeStreetName!: string;
  @ApiProperty() documentCount!: number;
  @ApiProperty() pendingObjections!: number;
  @ApiProperty() createdAt!: Date;
}

export class ReviewItemPageDto extends PageDto(ReviewItemDto) {}

export class EligibilityReasonDto {
  @ApiProperty({ example: 'not_verified' }) code!: string;
  @ApiProperty() message!: string;
}

export class EligibilityDto {
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: [EligibilityReasonDto] }) reasons!: EligibilityReasonDto[];
}
