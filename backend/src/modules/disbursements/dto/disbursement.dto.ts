import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { DocumentFileDto } from '../../documents/dto/document.dto.js';
import {
  DISBURSEMENT_KINDS,
  DISBURSEMENT_STATUSES,
  PAYOUT_METHODS,
  type DisbursementKind,
  type DisbursementStatus,
  type PayoutMethod,
} from '../disbursement.entity.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';
import { TextField, IntField, SearchField, UuidField } from '../../../common/http/fields.js';

export class RequestDisbursementDto {
  @UuidField({ example: '00000000-0000-4000-8000-000000000611' })
  milestoneId!: string;
  @ApiProperty({ enum: PAYOUT_METHODS, enumName: 'PayoutMethod', example: 'treasury' })
  @IsIn(PAYOUT_METHODS)
  method!: PayoutMethod;
  @TextField(5, 4000, {
    description: 'What was delivered (reports, attachments)',
    example: '第一阶段服务报告、服务对象签收表 32 份',
  })
  deliverables!: string;
  @ApiPropertyOptional({
    type: [String],
    description:
      "Deliverable files (uploaded as milestone_deliverable for the milestone's organization) attached to the milestone with the request; files still being scanned may be attached, community staff accept once enough are clean",
    example: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'],
    maxItems: 20,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  documentIds?: string[];
}

/** A grant of a community's development fund, proposed by its staff. */
export class ProposeGrantDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A project serving the community',
    example: '00000000-0000-4000-8000-000000000621',
  })
  @IsUUID()
  projectId!: string;
  @IntField(100, 100_000_000, {
    description: 'Amount in fen (1 yuan to 1,000,000 yuan)',
    minimum: 100,
    maximum: 100_000_000,
    example: 500_000,
  })
  amountFen!: number;
  @TextField(5, 2000, { description: 'What the grant is for', example: '为独居老人购置防跌倒扶手' })
  purpose!: string;
  @ApiPropertyOptional({
    enum: PAYOUT_METHODS,
    enumName: 'PayoutMethod',
    default: 'treasury',
    example: 'treasury',
  })
  @IsOptional()
  @IsIn(PAYOUT_METHODS)
  method: PayoutMethod = 'treasury';
}

/** 验收评价: community staff rate the delivery when they accept a milestone (PRODUCT §5). */
export class AcceptDisbursementDto {
  @IntField(1, 5, { minimum: 1, maximum: 5, description: 'Quality of the delivery', example: 4 })
  quality!: number;
  @IntField(1, 5, { minimum: 1, maximum: 5, description: 'Delivered on time', example: 5 })
  timeliness!: number;
  @IntField(1, 5, { minimum: 1, maximum: 5, description: 'Cooperation with the community', example: 4 })
  cooperation!: number;
  @TextField(0, 1000, { optional: true, maxLength: 1000, example: '服务记录完整，居民反馈良好' })
  comment?: string;
}

export class DisbursementRejectDto {
  @TextField(2, 1000, { example: '签收表缺少服务对象签字，请补充后重新提交' })
  reason!: string;
}

export class VoucherDto {
  @ApiProperty({ example: 'GK2026112500017', description: 'Treasury / bank voucher number' })
  @Matches(/^[\w-]{4,40}$/)
  voucher!: string;
}

export class DisbursementQueryDto {
  @ApiPropertyOptional({ enum: DISBURSEMENT_STATUSES, enumName: 'DisbursementStatus' })
  @IsOptional()
  @IsIn(DISBURSEMENT_STATUSES)
  status?: DisbursementStatus;
}

export class DisbursementDto {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: DISBURSEMENT_KINDS,
    enumName: 'DisbursementKind',
    description: 'milestone payment, community fund grant, or performance bonus',
  })
  kind!: DisbursementKind;
  @ApiProperty({ type: String, nullable: true, description: 'The milestone paid (none for a fund grant)' })
  milestoneId!: string | null;
  @ApiProperty({ type: String, nullable: true }) milestoneName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "A fund grant's project" }) projectId!:
    string | null;
  @ApiProperty({ type: String, nullable: true }) projectTitle!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "A fund grant's community" })
  communityId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "A grant's purpose or a bonus's reason" })
  purpose!: string | null;
  @ApiProperty() contractId!: string;
  @ApiProperty() contractTitle!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() streetId!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: DISBURSEMENT_STATUSES, enumName: 'DisbursementStatus' }) status!: DisbursementStatus;
  @ApiProperty({ enum: PAYOUT_METHODS, enumName: 'PayoutMethod' }) method!: PayoutMethod;
  @ApiProperty({ description: 'Whether the street director must approve too' }) needsDirector!: boolean;
  @ApiProperty() deliverables!: string;
  @ApiProperty({
    type: [DocumentFileDto],
    description:
      "The milestone's deliverable files, in the order attached, with their virus-scan status (none for grants and bonuses)",
  })
  deliverableFiles!: DocumentFileDto[];
  @ApiProperty({
    description: "Clean deliverable files the milestone's acceptance rule needs (0: none)",
  })
  minDeliverables!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The contract's project, whose page shows each milestone's progress",
  })
  contractProjectId!: string | null;
  @ApiProperty({
    description: "The contract's amount not yet paid or approved for payment to its milestones (fen)",
  })
  contractRemainingFen!: number;
  @ApiProperty({ type: String, nullable: true }) rejectionReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) voucher!: string | null;
  @ApiProperty({
    description: 'Payout attempt: 1 at the first approval, +1 at each approval after a failed payout',
  })
  payoutAttempt!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The provider transfer of the current attempt (Stripe tr_…)',
  })
  providerReference!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last payout failed' })
  failureReason!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ type: String, nullable: true, description: 'Who requested it (the organization admin)' })
  requestedByName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Community staff who accepted the delivery' })
  acceptedByName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Street finance who approved the current attempt',
  })
  financeApprovedByName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Street director who approved the current attempt',
  })
  directorApprovedByName!: string | null;
}

export class DisbursementPageDto extends PageDto(DisbursementDto) {}

/** A list of disbursements searched by what they pay for or to whom. */
export class DisbursementSearchQueryDto extends PageQueryDto {
  @SearchField('Part of the contract, milestone, project or organization name (助老, 首期…)', '助老')
  q?: string;
}

export const INBOX_SORTS = ['oldest', 'newest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export class InboxQueryDto extends DisbursementSearchQueryDto {
  @ApiPropertyOptional({
    enum: INBOX_SORTS,
    enumName: 'InboxSort',
    default: 'oldest',
    description: 'oldest: what has waited longest first; newest: the latest requests first',
  })
  @IsOptional()
  @IsIn(INBOX_SORTS)
  sort?: InboxSort = 'oldest';
}
