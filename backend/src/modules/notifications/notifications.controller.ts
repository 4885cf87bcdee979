import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import {
  NotificationDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  NotificationQueryDto,
  ReadAllDto,
  UnreadCountDto,
} from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

/** The caller's own notices and notification settings; nobody else's are reachable. */
@ApiTags('notifications')
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Auth()
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(user.id, query);
  }

  @Get('notifications/unread-count')
  @Auth()
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { count: await this.notifications.unreadCount(user.id) };
  }

  @Post('notifications/read-all')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllDto })
  async readAll(@CurrentUser() user: AuthUser): Promise<ReadAllDto> {
    return { updated: await this.notifications.markAllRead(user.id) };
  }

  @Post('notifications/:id/read')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto })
  read(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(user.id, id);
  }

  @Get('notification-preferences')
  @Auth()
  @ApiOkResponse({ type: NotificationPreferencesDto })
  async preferences(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesDto> {
    return { preferences: await this.notifications.preferences(user.id) };
  }

  @Put('notification-preferences')
  @Auth()
  @ApiOkResponse({ type: NotificationPreferencesDto })
  async setPreferences(
    @CurrentUser() user: AuthUser,
    @Body() dto: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return { preferences: await this.notifications.setPreferences(user.id, dto.preferences) };
  }
}
