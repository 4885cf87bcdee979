import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { UuidParam } from '../../common/http/params.js';
import { type Page, PageQueryDto } from '../../common/pagination/page.js';
import { MeetingDto, MeetingPageDto, RecordMinutesDto, ScheduleMeetingDto } from './dto/deliberation.dto.js';
import { MeetingsService } from './meetings.service.js';

const READERS = ['resident', 'community_staff', 'street_officer', 'platform_admin'] as const;

@ApiTags('deliberation')
@Controller()
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('communities/:communityId/meetings')
  @Operation({
    summary: "Schedule a residents' council meeting",
    description:
      'Community staff schedule a meeting (议事会) of their community with its time, place and agenda.',
    auth: ['community_staff'],
    created: { type: MeetingDto, location: '/api/meetings/{id}' },
    scoped: true,
    errors: ['reference.retired'],
  })
  schedule(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Body() dto: ScheduleMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.schedule(user, communityId, dto);
  }

  @Get('communities/:communityId/meetings')
  @Operation({
    summary: "Page through a community's meetings",
    description: 'Latest first, with agenda, attendance and minutes.',
    auth: READERS,
    ok: MeetingPageDto,
    scoped: true,
  })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<MeetingDto>> {
    return this.meetings.list(user, communityId, query);
  }

  @Get('meetings/:id')
  @Operation({
    summary: 'Read a meeting',
    description: 'Its agenda and, once held, the attendance and minutes.',
    auth: READERS,
    ok: MeetingDto,
    scoped: true,
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<MeetingDto> {
    return this.meetings.get(user, id);
  }

  @Post('meetings/:id/minutes')
  @Operation({
    summary: 'Record the attendance and minutes of a meeting',
    description:
      'Community staff record who came (residents by account or by name, staff, organizations, others) and the minutes, once; the meeting is then held.',
    auth: ['community_staff'],
    ok: MeetingDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  recordMinutes(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: RecordMinutesDto,
  ): Promise<MeetingDto> {
    return this.meetings.recordMinutes(user, id, dto);
  }
}
