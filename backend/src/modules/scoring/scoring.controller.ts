import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorator.js';
import { ReadsFrom } from '../../common/auth/reads-from.js';
import type { ReadFrom } from '../../database/replica.js';
import { ScoreReadService } from './score-read.service.js';
import { LeaderboardPageDto, LeaderboardQueryDto, OrganizationScoreDto } from './scoring.dto.js';

/**
 * Scores are public (PRODUCT §8: org profiles show score and tier; every snapshot keeps its breakdown "so an
 * organization can see why", §7). The leaderboard only sorts those same public figures, so it is public too.
 */
@ApiTags('scores')
@Controller()
export class ScoringController {
  constructor(private readonly scores: ScoreReadService) {}

  @Get('organizations/:id/score')
  @Public()
  @ApiOkResponse({ type: OrganizationScoreDto })
  @ApiNotFoundResponse({ description: 'No verified organization with this id' })
  organizationScore(
    @Param('id', ParseUUIDPipe) id: string,
    @ReadsFrom() from: ReadFrom,
  ): Promise<OrganizationScoreDto> {
    return this.scores.organizationScore(id, from);
  }

  @Get('streets/:streetId/leaderboard')
  @Public()
  @ApiOkResponse({ type: LeaderboardPageDto })
  @ApiNotFoundResponse({ description: 'No street with this id' })
  leaderboard(
    @Param('streetId', ParseUUIDPipe) streetId: string,
    @Query() query: LeaderboardQueryDto,
    @ReadsFrom() from: ReadFrom,
  ): Promise<LeaderboardPageDto> {
    return this.scores.leaderboard(streetId, query, from);
  }
}
