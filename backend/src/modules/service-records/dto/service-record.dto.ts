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

export class LogServiceDto {
  @ApiProperty({ enum: ACTIVITY_TYPES, enumName: 'ActivityType' })
  @IsIn(ACTIVITY_TYPES)
  activityType!: ActivityType;
  @ApiProperty({ format: 'uuid' }) @IsUUID() communityId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() startedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() endedAt!: Date;

  @ApiProperty({ type: [String], description: 'Resident accounts served' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  beneficiaryUserIds!: string[];

  @ApiProperty({ description: 'People served without an account' })
  @IsInt()
  @Min(0)
  @Max(10000)
  anonymousCount!: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(200) location?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(4000) notes?: string;
}

export class RejectDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(1000) reason!: string;
}

export class CorrectionDto extends LogServiceDto {
  @ApiProperty({ description: 'Why the approved record is corrected' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
}

export class DisputeDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(1000) reason!: string;
}

export class RecordsQueryDto {
  @ApiPropertyOptional({ enum: RECORD_STATUSES, enumName: 'RecordStatus' })
  @IsOptional()
  @IsIn(RECORD_STATUSES)
  status?: RecordStatus;
}

export class BeneficiaryDto {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['pending', 'confirmed', 'disputed'] }) response!:
    'pending' | 'confirmed' | 'disputed';
  @ApiProperty({ type: String, nullable: true }) disputeReason!: string | null;
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
  @ApiProperty() createdAt!: Date;
}
