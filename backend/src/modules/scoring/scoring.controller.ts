import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReadsFrom } from '../../common/auth/reads-from.js';
import { Operation } from '../../common/http/operation.js';
import type { ReadFrom } from '../../database/replica.js';
import { ScoreReadService } from './score-read.service.js';
import {
  type LeaderboardPage,
  LeaderboardPageDto,
  LeaderboardQueryDto,
  OrganizationScoreDto,
} from './scoring.dto.js';
import { UuidParam } from '../../common/http/params.js';

/**
 * Scores are public (PRODUCT §8: org profiles show score and tier; every snapshot keeps its breakdown "so an
 * organization can see why", §7). The leaderboard only sorts those same public figures, so it is public too.
 */
@ApiTags('scores')
@Controller()
export class ScoringController {
  constructor(private readonly scores: ScoreReadService) {}

  @Get('organizations/:id/score')
  @Operation({
    summary: "An organization's score",
    description:
      "Public: a verified organization's latest snapshot under the formula in force with its indicators, weights and inputs (why it scores what it does), its monthly history, and the formula change if it was scored under the previous one.",
    auth: 'public',
    ok: OrganizationScoreDto,
    errors: ['resource.not_found'],
  })
  organizationScore(@UuidParam('id') id: string, @ReadsFrom() from: ReadFrom): Promise<OrganizationScoreDto> {
    return this.scores.organizationScore(id, from);
  }

  @Get('streets/:streetId/leaderboard')
  @Operation({
    summary: "A street's leaderboard",
    description:
      'Public: the scored, verified organizations of a street (home street, or serving one of its communities), best first, filtered by tier, category or community; ranks count within the filtered list and equal scores share a rank.',
    auth: 'public',
    ok: LeaderboardPageDto,
    errors: ['resource.not_found'],
  })
  leaderboard(
    @UuidParam('streetId') streetId: string,
    @Query() query: LeaderboardQueryDto,
    @ReadsFrom() from: ReadFrom,
  ): Promise<LeaderboardPage> {
    return this.scores.leaderboard(streetId, query, from);
  }
}
