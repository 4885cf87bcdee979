import { ApiProperty } from '@nestjs/swagger';
import { IntField, TextField, UuidField } from '../../../common/http/fields.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';

export class DepositDto {
  @UuidField({
    description: 'A certified hours entry of mine, not yet saved',
    example: '00000000-0000-4000-8000-000000000951',
  })
  hoursId!: string;
}

export class TimePostingDto {
  @ApiProperty() journalId!: string;
  @ApiProperty({ enum: ['earn', 'hold', 'settle', 'release'] }) kind!: string;
  @ApiProperty({ description: 'Minutes into (+) or out of (-) my account' }) minutes!: number;
  @ApiProperty({ type: String, nullable: true }) hoursId!: string | null;
  @ApiProperty({ type: String, nullable: true }) helpRequestId!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class TimeAccountDto {
  @ApiProperty({ description: 'Minutes I can spend (derived from the postings)' }) balanceMinutes!: number;
  @ApiProperty({ description: 'Minutes held for my open help requests' }) heldMinutes!: number;
  @ApiProperty({ type: [TimePostingDto], description: 'My latest 50 postings, newest first' })
  postings!: TimePostingDto[];
}

export class PostHelpRequestDto {
  @TextField(2, 100, { example: '帮忙取药' })
  title!: string;

  @TextField(0, 1000, { example: '周三上午去社区卫生服务中心帮我取降压药。' })
  description!: string;

  @IntField(15, 480, {
    description: 'Time credits offered, in minutes (held until confirmed or cancelled)',
    example: 60,
  })
  minutes!: number;
}

export const HELP_STATUSES = ['open', 'accepted', 'fulfilled', 'confirmed', 'cancelled'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];

export class HelpRequestDto {
  @ApiProperty() id!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() requesterId!: string;
  @ApiProperty() requesterName!: string;
  @ApiProperty({ type: String, nullable: true }) helperId!: string | null;
  @ApiProperty({ type: String, nullable: true }) helperName!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty({ enum: HELP_STATUSES, enumName: 'HelpRequestStatus' }) status!: HelpStatus;
  @ApiProperty() createdAt!: Date;
}

export class HelpRequestPageDto extends PageDto(HelpRequestDto) {}
export class HelpRequestsQueryDto extends PageQueryDto {}
