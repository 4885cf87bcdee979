import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NEED_STATUSES, type NeedStatus } from '../need.entity.js';
import { trim } from '../../../common/http/transforms.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';
import { TextField, UuidField } from '../../../common/http/fields.js';

export class PostNeedDto {
  @UuidField({ example: '00000000-0000-4000-8000-000000000101' })
  communityId!: string;
  @ApiProperty({ example: 'elderly.home_care' }) @IsString() @MaxLength(60) categoryCode!: string;
  @TextField(2, 100, { example: '楼道灯坏了' })
  title!: string;
  @TextField(5, 2000, { example: '三栋楼道灯坏了一周，老人晚上出门不方便。' })
  text!: string;
}

export class TriageDto {
  @ApiProperty({ enum: ['accept', 'decline'], example: 'decline' })
  @IsIn(['accept', 'decline'])
  decision!: 'accept' | 'decline';

  @ApiPropertyOptional({ description: 'Required when declining', example: '超出社区能力范围' })
  @ValidateIf((o: TriageDto) => o.decision === 'decline' || o.reason !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason?: string;
}

export class NeedsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NEED_STATUSES, enumName: 'NeedStatus' })
  @IsOptional()
  @IsIn(NEED_STATUSES)
  status?: NeedStatus;
}

export class NeedDto {
  @ApiProperty() id!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty() categoryCode!: string;
  @ApiProperty() title!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: NEED_STATUSES, enumName: 'NeedStatus' }) status!: NeedStatus;
  @ApiProperty({ type: String, nullable: true }) triageReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) tenderId!: string | null;
  @ApiProperty() upvotes!: number;
  @ApiProperty({ description: 'Whether the caller has upvoted it' }) upvotedByMe!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The consultation whose resolution put it on the list (docs/participation.md)',
  })
  sourceConsultationId!: string | null;
}

export class NeedPageDto extends PageDto(NeedDto) {}

export class AdmissionItemInputDto {
  @ApiProperty({ example: 'census' }) @Matches(/^[a-z0-9_.-]{2,40}$/) code!: string;
  @TextField(2, 100, { example: '人口普查入户登记' })
  title!: string;
}

export class AdmissionItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
}

export class PushTaskDto extends AdmissionItemInputDto {}

export class CommunityTaskDto {
  @ApiProperty() id!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['assigned', 'refused'] }) status!: 'assigned' | 'refused';
  @ApiProperty({ type: String, nullable: true }) refusalReason!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class CommunityTaskPageDto extends PageDto(CommunityTaskDto) {}
