import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import { ModerationDto, RateDto, RatingDto, ReplyDto } from './dto/rating.dto.js';
import { RatingsService } from './ratings.service.js';

@ApiTags('ratings')
@Controller()
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Post('records/:recordId/ratings')
  @Auth('resident')
  @ApiCreatedResponse({ type: RatingDto })
  rate(
    @CurrentUser() user: AuthUser,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @Body() dto: RateDto,
  ): Promise<RatingDto> {
    return this.ratings.rate(user, recordId, dto);
  }

  @Get('records/:recordId/ratings')
  @Auth()
  @ApiOkResponse({ type: [RatingDto] })
  ofRecord(
    @CurrentUser() user: AuthUser,
    @Param('recordId', ParseUUIDPipe) recordId: string,
  ): Promise<RatingDto[]> {
    return this.ratings.ofRecord(user, recordId);
  }

  @Put('ratings/:id')
  @Auth('resident')
  @ApiOkResponse({ type: RatingDto })
  edit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RateDto,
  ): Promise<RatingDto> {
    return this.ratings.edit(user, id, dto);
  }

  @Post('ratings/:id/report')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: RatingDto })
  report(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RatingDto> {
    return this.ratings.report(user, id);
  }

  @Post('ratings/:id/moderation')
  @Auth('community_staff')
  @HttpCode(200)
  @ApiOkResponse({ type: RatingDto })
  moderate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ModerationDto,
  ): Promise<RatingDto> {
    return this.ratings.moderate(user, id, dto.hide);
  }

  @Get('communities/:communityId/rating-reports')
  @Auth('community_staff')
  @ApiOkResponse({ type: [RatingDto] })
  queue(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
  ): Promise<RatingDto[]> {
    return this.ratings.moderationQueue(user, communityId);
  }

  @Post('ratings/:id/reply')
  @Auth('org_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: RatingDto })
  reply(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReplyDto,
  ): Promise<RatingDto> {
    return this.ratings.reply(user, id, dto.reply);
  }
}
