import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import { type Page, PageQueryDto } from '../../common/pagination/page.js';
import { ModerationDto, RateDto, RatingDto, RatingPageDto, ReplyDto } from './dto/rating.dto.js';
import { RATING_EDIT_DAYS, RatingsService } from './ratings.service.js';
import { UuidParam } from '../../common/http/params.js';

@ApiTags('ratings')
@Controller()
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Post('records/:recordId/ratings')
  @Operation({
    summary: 'Rate a service I received',
    description:
      'A resident listed on a submitted or approved record rates it once (attitude, professionalism, effect, an optional comment); the organization that delivered it is notified.',
    auth: ['resident'],
    created: { type: RatingDto, location: '/api/records/{recordId}/ratings' },
    etag: true,
    errors: ['resource.not_found', 'state.invalid_transition', 'state.conflict'],
  })
  rate(
    @CurrentUser() user: AuthUser,
    @UuidParam('recordId') recordId: string,
    @Body() dto: RateDto,
  ): Promise<RatingDto> {
    return this.ratings.rate(user, recordId, dto);
  }

  @Get('records/:recordId/ratings')
  @Operation({
    summary: "Read a service record's ratings",
    description:
      'For the residents listed on it, community staff and the street office above its community, the delivering organization and platform admins. Comments under moderation are left out; the scores always show.',
    auth: 'any',
    ok: [RatingDto],
    errors: ['resource.not_found'],
  })
  ofRecord(@CurrentUser() user: AuthUser, @UuidParam('recordId') recordId: string): Promise<RatingDto[]> {
    return this.ratings.ofRecord(user, recordId);
  }

  @Put('ratings/:id')
  @Operation({
    summary: 'Edit my rating',
    description: `Its author edits a rating within ${RATING_EDIT_DAYS} days, sending the version they saw in If-Match: a rating changed since (edited elsewhere, reported, moderated, replied to) answers 412.`,
    auth: ['resident'],
    ok: RatingDto,
    etag: true,
    ifMatch: true,
    errors: ['resource.not_found', 'state.invalid_transition'],
  })
  edit(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: RateDto,
    @IfMatch() expected: number | undefined,
  ): Promise<RatingDto> {
    return this.ratings.edit(user, id, dto, expected);
  }

  @Post('ratings/:id/report')
  @Operation({
    summary: 'Report a rating’s comment',
    description:
      'Anyone who can see the rating reports its comment, which is hidden until community staff decide; reporting it again changes nothing.',
    auth: 'any',
    ok: RatingDto,
    errors: ['resource.not_found'],
  })
  report(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<RatingDto> {
    return this.ratings.report(user, id);
  }

  @Post('ratings/:id/moderation')
  @Operation({
    summary: 'Decide on a reported comment',
    description: "Community staff of the service's community hide the comment for good or show it again.",
    auth: ['community_staff'],
    ok: RatingDto,
    scoped: true,
  })
  moderate(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ModerationDto,
  ): Promise<RatingDto> {
    return this.ratings.moderate(user, id, dto.hide);
  }

  @Get('communities/:communityId/rating-reports')
  @Operation({
    summary: 'Page through the reported comments of a community',
    description: "The moderation queue of the community's staff, longest waiting first, comments shown.",
    auth: ['community_staff'],
    ok: RatingPageDto,
    scoped: true,
  })
  queue(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<RatingDto>> {
    return this.ratings.moderationQueue(user, communityId, query);
  }

  @Post('ratings/:id/reply')
  @Operation({
    summary: 'Reply to a rating',
    description:
      'An admin of the organization that delivered the service answers a rating (replacing an earlier reply).',
    auth: ['org_admin'],
    ok: RatingDto,
    scoped: true,
  })
  reply(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ReplyDto,
  ): Promise<RatingDto> {
    return this.ratings.reply(user, id, dto.reply);
  }
}
