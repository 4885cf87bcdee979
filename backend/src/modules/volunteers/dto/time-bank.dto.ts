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

/** One line of my statement of account: a journal entry as it touched my account. */
export class TimePostingDto {
  @ApiProperty({ description: 'The journal entry' }) id!: string;
  @ApiProperty({ enum: ['earn', 'hold', 'settle', 'release'] }) kind!: string;
  @ApiProperty({ description: 'Minutes into (+) or out of (-) my account' }) minutes!: number;
  @ApiProperty({ type: String, nullable: true }) hoursId!: string | null;
  @ApiProperty({ type: String, nullable: true }) helpRequestId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "What for: the activity of the hours saved, or the help request's title",
  })
  about!: string | null;
  @ApiProperty({ description: 'My balance in minutes right after this posting' }) balanceMinutes!: number;
  @ApiProperty() createdAt!: Date;
}

export class TimePostingPageDto extends PageDto(TimePostingDto) {}
export class TimePostingsQueryDto extends PageQueryDto {}

export class TimeAccountDto {
  @ApiProperty({ description: 'Minutes I can spend (derived from the postings)' }) balanceMinutes!: number;
  @ApiProperty({ description: 'Minutes held for my open help requests' }) heldMinutes!: number;
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
