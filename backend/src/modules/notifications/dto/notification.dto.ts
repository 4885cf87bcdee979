import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';
import { NOTIFICATION_TYPES, type NotificationType } from '../notification-types.js';
import { BoolField, QueryBoolField } from '../../../common/http/fields.js';

export class NotificationQueryDto extends PageQueryDto {
  @QueryBoolField({ optional: true, description: 'true: only unread notices' })
  unread?: boolean;
}

export class NotificationParamsDto {
  @ApiPropertyOptional() tenderId?: string;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional({ description: 'ISO time' }) deadline?: string;
  @ApiPropertyOptional() awarded?: boolean;
  @ApiPropertyOptional() disbursementId?: string;
  @ApiPropertyOptional({ enum: ['milestone', 'fund_grant', 'incentive_bonus'] })
  kind?: 'milestone' | 'fund_grant' | 'incentive_bonus';
  @ApiPropertyOptional() milestoneName?: string;
  @ApiPropertyOptional() contractTitle?: string;
  @ApiPropertyOptional() organizationName?: string;
  @ApiPropertyOptional() amountFen?: number;
  @ApiPropertyOptional({ description: 'approval_waiting: the status the disbursement waits in' })
  step?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason?: string | null;
  @ApiPropertyOptional() ratingId?: string;
  @ApiPropertyOptional() stars?: number;
}

export class NotificationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES, enumName: 'NotificationType' }) type!: NotificationType;
  @ApiProperty({
    type: NotificationParamsDto,
    description: 'The facts the client renders with the type as i18n key',
  })
  params!: NotificationParamsDto;
  @ApiProperty({ type: String, nullable: true, description: "The web app's path of the object" })
  link!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) readAt!: Date | null;
}

export class NotificationPageDto extends PageDto(NotificationDto) {}

export class UnreadCountDto {
  @ApiProperty() count!: number;
}

export class ReadAllDto {
  @ApiProperty({ description: 'How many notices were marked read' }) updated!: number;
}

export class NotificationPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_TYPES, enumName: 'NotificationType', example: 'tender_published' })
  @IsIn(NOTIFICATION_TYPES)
  type!: NotificationType;

  @BoolField({ description: 'Show in the inbox', example: true }) inApp!: boolean;
  @BoolField({ description: 'Send an e-mail', example: false }) email!: boolean;
}

/** The types to change; the others keep their setting. */
export class SetNotificationPreferencesDto {
  @ApiProperty({
    type: [NotificationPreferenceDto],
    description: 'The types to change',
    example: [{ type: 'tender_published', inApp: true, email: false }],
  })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  @ArrayMaxSize(NOTIFICATION_TYPES.length)
  preferences!: NotificationPreferenceDto[];
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto], description: 'Every type, defaults filled in' })
  preferences!: NotificationPreferenceDto[];
  @ApiProperty({
    description: 'Of the settings as a whole; sent as the ETag, send it back in If-Match',
    example: 3,
  })
  version!: number;
}
