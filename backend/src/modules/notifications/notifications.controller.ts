import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import type { Page } from '../../common/pagination/page.js';
import {
  NotificationDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  NotificationQueryDto,
  ReadAllDto,
  SetNotificationPreferencesDto,
  UnreadCountDto,
} from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';
import { UuidParam } from '../../common/http/params.js';

/** The caller's own notices and notification settings; nobody else's are reachable. */
@ApiTags('notifications')
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Operation({
    summary: 'Page through my notifications',
    description: "The caller's in-app notices, newest first; `unread=true` keeps the unread ones only.",
    auth: 'any',
    ok: NotificationPageDto,
  })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationQueryDto): Promise<Page<NotificationDto>> {
    return this.notifications.list(user.id, query);
  }

  @Get('notifications/unread-count')
  @Operation({
    summary: 'Count my unread notifications',
    description: 'For the bell of the web app.',
    auth: 'any',
    ok: UnreadCountDto,
  })
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { count: await this.notifications.unreadCount(user.id) };
  }

  @Post('notifications/read-all')
  @Operation({
    summary: 'Mark all my notifications read',
    description: 'Answers how many notices were unread.',
    auth: 'any',
    ok: ReadAllDto,
  })
  async readAll(@CurrentUser() user: AuthUser): Promise<ReadAllDto> {
    return { updated: await this.notifications.markAllRead(user.id) };
  }

  @Post('notifications/:id/read')
  @Operation({
    summary: 'Mark one of my notifications read',
    description: "Marking it again changes nothing; another user's notice is not found.",
    auth: 'any',
    ok: NotificationDto,
    errors: ['resource.not_found'],
  })
  read(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<NotificationDto> {
    return this.notifications.markRead(user.id, id);
  }

  @Get('notification-preferences')
  @Operation({
    summary: 'Read my notification settings',
    description:
      'Every notification type with the channels (in-app, e-mail) the caller chose, or the defaults; the version of the settings is the ETag.',
    auth: 'any',
    ok: NotificationPreferencesDto,
    etag: true,
  })
  preferences(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(user.id);
  }

  @Put('notification-preferences')
  @Operation({
    summary: 'Change my notification settings',
    description:
      'Sets the channels of the given types (the others keep theirs), against the version sent in If-Match: settings changed since (in another tab, say) answer 412.',
    auth: 'any',
    ok: NotificationPreferencesDto,
    etag: true,
    ifMatch: true,
  })
  setPreferences(
    @CurrentUser() user: AuthUser,
    @Body() dto: SetNotificationPreferencesDto,
    @IfMatch() expected: number | undefined,
  ): Promise<NotificationPreferencesDto> {
    return this.notifications.setPreferences(user.id, dto.preferences, expected);
  }
}
