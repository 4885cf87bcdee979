import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { BoolField, IntField, SearchField, TextField, UuidField } from '../../../common/http/fields.js';
import { trim } from '../../../common/http/transforms.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';

export class VolunteerProfileInputDto {
  @UuidField({
    description: 'The community the resident lives in',
    example: '00000000-0000-4000-8000-000000000101',
  })
  communityId!: string;

  @ApiProperty({ type: [String], example: ['陪伴老人', '电脑维修'], description: 'Up to 20 skills' })
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value,
  )
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(40, { each: true })
  skills!: string[];

  @TextField(0, 500, { example: '周末上午' })
  availability!: string;

  @BoolField({
    description: 'May my name be shown publicly (hours lists, certificate checks)?',
    example: false,
  })
  publishName!: boolean;
}

export class VolunteerDto {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiProperty() availability!: string;
  @ApiProperty() publishName!: boolean;
  @ApiProperty({ description: 'Minutes that count: recorded more than 7 days ago, no standing objection' })
  certifiedMinutes!: number;
  @ApiProperty({ description: 'Minutes still in their 7-day objection window, or objected' })
  pendingMinutes!: number;
  @ApiProperty() version!: number;
}

export class PostActivityDto {
  @UuidField({ example: '00000000-0000-4000-8000-000000000101' })
  communityId!: string;

  @UuidField({
    optional: true,
    description:
      "Required for an organization's admin: the project of the organization the activity belongs to",
    example: '00000000-0000-4000-8000-000000000621',
  })
  projectId?: string;

  @TextField(2, 100, { example: '重阳节敬老探访' })
  title!: string;

  @TextField(0, 2000, { example: '陪伴独居老人聊天、打扫卫生。' })
  description!: string;

  @TextField(0, 200, { example: '春晖社区活动中心' })
  location!: string;

  @ApiProperty({ format: 'date-time', example: '2026-10-29T01:00:00Z' }) @IsDateString() startsAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-10-29T04:00:00Z' }) @IsDateString() endsAt!: string;

  @IntField(1, 1000, { example: 10 })
  capacity!: number;
}

export class ActivityDto {
  @ApiProperty() id!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty({ type: String, nullable: true }) projectId!: string | null;
  @ApiProperty({ type: String, nullable: true }) organizationId!: string | null;
  @ApiProperty() organizerId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() location!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty() capacity!: number;
  @ApiProperty() signedUp!: number;
  @ApiProperty({ description: 'Whether the caller is signed up' }) signedUpByMe!: boolean;
  @ApiProperty({ description: 'Whether the caller organizes it (records its hours)' })
  organizedByMe!: boolean;
}

export class ActivityPageDto extends PageDto(ActivityDto) {}

export class SignupDto {
  @ApiProperty() activityId!: string;
  @ApiProperty() volunteerId!: string;
  @ApiProperty() createdAt!: Date;
}

/** One sign-up as the organizer sees it, with the hours recorded for it. */
export class ParticipantDto {
  @ApiProperty() volunteerId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) hoursId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) minutes!: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['published', 'objected', 'void'] }) status!:
    string | null;
}

/** An activity I organize (or of my organization's projects), with its volunteers and their hours. */
export class OrganizedActivityDto extends ActivityDto {
  @ApiProperty({ type: [ParticipantDto], description: 'Its sign-ups in order, each with the hours recorded' })
  participants!: ParticipantDto[];
}

export class OrganizedActivityPageDto extends PageDto(OrganizedActivityDto) {}

export class RecordHoursDto {
  @UuidField({ example: '00000000-0000-4000-8000-000000000901' })
  volunteerId!: string;

  @IntField(1, 1440, { description: 'Minutes served', example: 180 })
  minutes!: number;
}

export const HOURS_STATES = ['pending', 'certified', 'objected', 'void'] as const;
export type HoursState = (typeof HOURS_STATES)[number];

export class HoursDto {
  @ApiProperty() id!: string;
  @ApiProperty() activityId!: string;
  @ApiProperty() activityTitle!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() recordedAt!: Date;
  @ApiProperty({ description: 'When the 7-day objection window closes' }) objectionsUntil!: Date;
  @ApiProperty({ enum: HOURS_STATES, enumName: 'VolunteerHoursState' }) state!: HoursState;
  @ApiProperty({ type: String, nullable: true }) objection!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
  @ApiProperty({ description: 'Saved as time credits already' }) deposited!: boolean;
}

export class HoursPageDto extends PageDto(HoursDto) {}

/** An hours entry as the community sees it during its objection window. */
export class PublishedHoursDto {
  @ApiProperty() id!: string;
  @ApiProperty() activityId!: string;
  @ApiProperty() activityTitle!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only when the volunteer consented to publish it',
  })
  volunteerName!: string | null;
  @ApiProperty() minutes!: number;
  @ApiProperty() recordedAt!: Date;
  @ApiProperty() objectionsUntil!: Date;
  @ApiProperty({ enum: HOURS_STATES, enumName: 'VolunteerHoursState' }) state!: HoursState;
}

export class PublishedHoursPageDto extends PageDto(PublishedHoursDto) {}

export class ObjectionDto {
  @TextField(5, 1000, { example: '当天活动只进行了一小时。' })
  reason!: string;
}

export class ResolutionDto {
  @ApiProperty({ enum: ['uphold', 'dismiss'], example: 'dismiss' })
  @IsIn(['uphold', 'dismiss'])
  decision!: 'uphold' | 'dismiss';

  @ApiProperty({ example: '签到表显示服务三小时。' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
}

export class CertificateDto {
  @ApiProperty() id!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() entries!: number;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) periodFrom!: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) periodTo!: string;
  @ApiProperty() issuedAt!: Date;
  @ApiProperty({ description: 'The signature the QR code carries' }) signature!: string;
  @ApiProperty({ description: 'The public page that checks it' }) verifyUrl!: string;
}

export class CertificatePageDto extends PageDto(CertificateDto) {}
export class CertificatesQueryDto extends PageQueryDto {}

export class CertificateVerifyQueryDto {
  @ApiProperty({ description: "The certificate's signature (base64url)", example: 'k3v…' })
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  sig!: string;
}

export class CertificateCheckDto {
  @ApiProperty({ description: 'Whether the certificate exists and its signature matches' }) valid!: boolean;
  @ApiProperty({ type: Number, nullable: true }) minutes!: number | null;
  @ApiProperty({ type: Number, nullable: true }) hours!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) periodFrom!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) periodTo!: string | null;
  @ApiProperty({ type: Date, nullable: true }) issuedAt!: Date | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only when the volunteer consents to publish it',
  })
  volunteerName!: string | null;
}

export class ActivitiesQueryDto extends PageQueryDto {
  @SearchField('Words from the title, place or description', '敬老')
  q?: string;
}
export class HoursQueryDto extends PageQueryDto {}
