import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  ACTIVITY_TYPES,
  RECORD_STATUSES,
  type ActivityType,
  type RecordStatus,
} from '../service-record.entity.js';
import { trim } from '../../../common/http/transforms.js';
import { DocumentIds } from '../../documents/dto/document.dto.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';
import { SearchField } from '../../../common/http/fields.js';
import { RatingDto } from '../../ratings/dto/rating.dto.js';

export class LogServiceDto {
  @ApiProperty({ enum: ACTIVITY_TYPES, enumName: 'ActivityType', example: 'home_visit' })
  @IsIn(ACTIVITY_TYPES)
  activityType!: ActivityType;
  @ApiProperty({ format: 'uuid', example: '00000000-0000-4000-8000-000000000101' })
  @IsUUID()
  communityId!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-20T09:00:00+08:00' })
  @Type(() => Date)
  @IsDate()
  startedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-20T11:00:00+08:00' })
  @Type(() => Date)
  @IsDate()
  endedAt!: Date;

  @ApiProperty({
    type: [String],
    description: 'Resident accounts served',
    example: ['00000000-0000-4000-8000-000000000701'],
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  beneficiaryUserIds!: string[];

  @ApiProperty({ description: 'People served without an account', example: 1 })
  @IsInt()
  @Min(0)
  @Max(10000)
  anonymousCount!: number;
  @ApiPropertyOptional({ example: '春晖社区3栋' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  location?: string;
  @ApiPropertyOptional({ example: '上门探访，测量血压，协助整理药品。' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @DocumentIds(
    'Evidence (photos, sign-in sheets): clean documents uploaded for service_record_evidence by the organization, attached with the record',
  )
  documentIds?: string[];
}

export class RejectDto {
  @ApiProperty({ example: '服务时间与排班不符' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
}

export class CorrectionDto extends LogServiceDto {
  @ApiProperty({ description: 'Why the approved record is corrected', example: '服务时长填错了' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
}

export class DisputeDto {
  @ApiProperty({ example: '当天没有人来' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
}

export const RECORD_LIST_SORTS = ['newest', 'oldest'] as const;
export type RecordListSort = (typeof RECORD_LIST_SORTS)[number];

export class RecordsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RECORD_STATUSES, enumName: 'RecordStatus' })
  @IsOptional()
  @IsIn(RECORD_STATUSES)
  status?: RecordStatus;

  @SearchField("Part of the worker's or a beneficiary's name, the place or the notes (张, 春晖…)", '张')
  q?: string;

  @ApiPropertyOptional({
    enum: RECORD_LIST_SORTS,
    enumName: 'RecordListSort',
    default: 'newest',
    description: 'By when the service started: newest or oldest first',
  })
  @IsOptional()
  @IsIn(RECORD_LIST_SORTS)
  sort?: RecordListSort = 'newest';
}

export class MyServicesQueryDto extends PageQueryDto {
  @SearchField("Part of the project's title, the worker's name, the place or the notes (探访, 春晖…)", '探访')
  q?: string;
}

export class BeneficiaryDto {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['pending', 'confirmed', 'disputed'] }) response!:
    'pending' | 'confirmed' | 'disputed';
  @ApiProperty({ type: String, nullable: true }) disputeReason!: string | null;
}

/** A document attached to a record, as its list shows it (the file itself is at /api/documents/{id}/content). */
export class AttachedDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'Decided from the bytes' }) contentType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'A photo has a small WebP at /api/documents/{id}/thumbnail' })
  hasThumbnail!: boolean;
}

export class ServiceRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty() projectTitle!: string;
  @ApiProperty() workerUserId!: string;
  @ApiProperty() workerName!: string;
  @ApiProperty({ enum: ACTIVITY_TYPES, enumName: 'ActivityType' }) activityType!: ActivityType;
  @ApiProperty() communityId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) endedAt!: Date;
  @ApiProperty() hours!: number;
  @ApiProperty() anonymousCount!: number;
  @ApiProperty() location!: string;
  @ApiProperty() notes!: string;
  @ApiProperty({ enum: RECORD_STATUSES, enumName: 'RecordStatus' }) status!: RecordStatus;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) correctsRecordId!: string | null;
  @ApiProperty({ type: [BeneficiaryDto] }) beneficiaries!: BeneficiaryDto[];
  @ApiProperty({ type: [AttachedDocumentDto], description: 'Evidence, in the order it was attached' })
  documents!: AttachedDocumentDto[];
  @ApiProperty({ description: 'How many documents are attached' }) documentCount!: number;
  @ApiProperty({ description: 'How many of them are photos' }) photoCount!: number;
  @ApiProperty() createdAt!: Date;
}

export class ServiceRecordPageDto extends PageDto(ServiceRecordDto) {}

/** A service I received, with the rating I gave it. */
export class MyServiceDto extends ServiceRecordDto {
  @ApiProperty({
    type: RatingDto,
    nullable: true,
    description: 'The rating I gave, with my comment; null before I rate',
  })
  myRating!: RatingDto | null;
}

export class MyServicePageDto extends PageDto(MyServiceDto) {}
