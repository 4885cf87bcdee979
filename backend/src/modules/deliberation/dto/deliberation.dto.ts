import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BoolField, DateTimeField, SearchField, TextField, UuidField } from '../../../common/http/fields.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';
import { MODERATIONS, type Moderation } from '../deliberation.entity.js';

export class OpenConsultationDto {
  @UuidField({
    example: '00000000-0000-4000-8000-000000000101',
    description: 'Who may take part: the residents of this community, or of one of its grids',
  })
  regionId!: string;
  @TextField(2, 120, { example: '小区南门停车位如何规划' })
  title!: string;
  @TextField(5, 4000, { example: '南门外空地可改为停车位或休闲区，请居民表态。' })
  question!: string;

  @ApiProperty({
    type: [String],
    example: ['改为停车位', '改为休闲区'],
    description: 'The options staff list',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  options!: string[];

  @BoolField({ example: true, description: 'Residents may add their own proposals during the period' })
  allowProposals!: boolean;

  @BoolField({ example: true, description: 'Secret ballot: nobody can tell who chose what' })
  secret!: boolean;

  @DateTimeField({ optional: true, example: '2027-03-01T08:00:00+08:00', description: 'Default: now' })
  opensAt?: string;

  @DateTimeField({ example: '2027-03-15T20:00:00+08:00' })
  closesAt!: string;
}

export class ProposeDto {
  @TextField(1, 200, { example: '一半停车位，一半休闲区' })
  label!: string;
}

export class CommentDto {
  @TextField(1, 2000, { example: '晚上停车太难了，支持改停车位。' })
  body!: string;
}

export class VoteDto {
  @UuidField({ example: '00000000-0000-4000-8000-000000000901' })
  optionId!: string;
}

export class ModerateDto {
  @BoolField({ example: true, description: 'Hide it (true) or show it again (false)' })
  hide!: boolean;
}

export class ResolutionNeedDto {
  @ApiProperty({ example: 'community.culture' }) @IsString() @MaxLength(60) categoryCode!: string;
  @TextField(2, 100, { example: '南门外空地改建停车位' })
  title!: string;
  @TextField(5, 2000, { example: '按议事结果，将南门外空地改建为20个停车位。' })
  text!: string;
}

export class CloseConsultationDto {
  @TextField(5, 10000, { example: '经居民投票，多数同意将南门外空地改建为停车位。' })
  minutes!: string;

  @ApiProperty({
    type: [ResolutionNeedDto],
    description: 'Needs the resolution puts on the needs list (accepted at once)',
    example: [{ categoryCode: 'community.culture', title: '南门外空地改建停车位', text: '按议事结果改建。' }],
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ResolutionNeedDto)
  needs!: ResolutionNeedDto[];
}

export class ConsultationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @SearchField('Part of the title (空地)', '空地')
  q?: string;
}

export class ConsultationSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() regionName!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty() secret!: boolean;
  @ApiProperty() opensAt!: Date;
  @ApiProperty() closesAt!: Date;
  @ApiProperty({ description: 'How many residents have voted' }) voterCount!: number;
  @ApiProperty({ description: 'Whether the caller has voted' }) votedByMe!: boolean;
}

export class ConsultationPageDto extends PageDto(ConsultationSummaryDto) {}

export class OptionDto {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'A resident proposed it (staff listed the others)' }) proposed!: boolean;
  @ApiProperty({ enum: MODERATIONS, enumName: 'Moderation' }) moderation!: Moderation;
  @ApiProperty({ type: Number, nullable: true, description: 'Votes: only once the consultation is closed' })
  votes!: number | null;
}

export class CommentViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null while reported or hidden (except for its author and staff)',
  })
  body!: string | null;
  @ApiProperty({ enum: MODERATIONS, enumName: 'Moderation' }) moderation!: Moderation;
  @ApiProperty() createdAt!: Date;
}

export class CommentPageDto extends PageDto(CommentViewDto) {}
export class CommentsQueryDto extends PageQueryDto {}

export class ResolutionNeedViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: string;
}

export class ConsultationDto extends ConsultationSummaryDto {
  @ApiProperty() communityName!: string;
  @ApiProperty() question!: string;
  @ApiProperty() allowProposals!: boolean;
  @ApiProperty({ description: 'Whether the caller may vote (eligible, open, in its period, not voted yet)' })
  canVote!: boolean;
  @ApiProperty({ type: String, nullable: true }) minutes!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: Date | null;
  @ApiProperty({ type: [OptionDto] }) options!: OptionDto[];
  @ApiProperty({ type: [ResolutionNeedViewDto], description: 'The needs its resolution created' })
  needs!: ResolutionNeedViewDto[];
}

export class AttendeeInputDto {
  @TextField(1, 60, { example: '王大伯' })
  name!: string;
  @ApiProperty({ enum: ['resident', 'staff', 'organization', 'other'], example: 'resident' })
  @IsIn(['resident', 'staff', 'organization', 'other'])
  capacity!: 'resident' | 'staff' | 'organization' | 'other';
  @UuidField({
    optional: true,
    example: '00000000-0000-4000-8000-000000000777',
    description: "The resident's account, when known",
  })
  userId?: string;
}

export class ScheduleMeetingDto {
  @TextField(2, 120, { example: '三月居民议事会' })
  title!: string;
  @DateTimeField({ example: '2027-03-20T19:00:00+08:00' })
  startsAt!: string;
  @TextField(1, 200, { example: '社区活动中心二楼' })
  place!: string;
  @ApiProperty({ type: [String], example: ['南门停车位议题结果', '楼道照明'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(300, { each: true })
  agenda!: string[];
}

export class RecordMinutesDto {
  @TextField(5, 20000, { example: '到会23人。一、通报停车位议题结果……' })
  minutes!: string;
  @ApiProperty({ type: [AttendeeInputDto], example: [{ name: '王大伯', capacity: 'resident' }] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendeeInputDto)
  attendance!: AttendeeInputDto[];
}

export class AttendeeDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['resident', 'staff', 'organization', 'other'] }) capacity!: string;
  @ApiProperty({ type: String, nullable: true }) userId!: string | null;
}

export class MeetingDto {
  @ApiProperty() id!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() place!: string;
  @ApiProperty({ type: [String] }) agenda!: string[];
  @ApiProperty({ enum: ['scheduled', 'held'] }) status!: 'scheduled' | 'held';
  @ApiProperty({ type: String, nullable: true }) minutes!: string | null;
  @ApiProperty({ type: [AttendeeDto] }) attendance!: AttendeeDto[];
}

export class MeetingPageDto extends PageDto(MeetingDto) {}
