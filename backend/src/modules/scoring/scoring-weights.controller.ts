import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import { StreetWeightsDto, WeightSettingsInputDto, WeightsPreviewDto } from './scoring-weights.dto.js';
import { ScoringWeightsService } from './scoring-weights.service.js';
import { UuidParam } from '../../common/http/params.js';

const EDITORS = ['street_director', 'platform_admin'] as const;

/** A street's score weights, for its director: read, previewed against the latest scores, saved. */
@ApiTags('scores')
@Controller('streets/:streetId/scoring-weights')
export class ScoringWeightsController {
  constructor(private readonly weights: ScoringWeightsService) {}

  @Get()
  @Operation({
    summary: "A street's scoring weights",
    description:
      "The street's indicator weights and satisfaction settings (the platform defaults where it has none), with their version as ETag.",
    auth: EDITORS,
    ok: StreetWeightsDto,
    etag: true,
    scoped: true,
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('streetId') streetId: string): Promise<StreetWeightsDto> {
    return this.weights.get(user, streetId);
  }

  @Put()
  @Operation({
    summary: "Save a street's scoring weights",
    description:
      'The street director saves the weights (summing to 100) and satisfaction settings. Send If-Match with the version read: 412 when someone saved since. They apply from the next scoring run; scores already computed keep theirs.',
    auth: EDITORS,
    ok: StreetWeightsDto,
    etag: true,
    ifMatch: true,
    scoped: true,
  })
  replace(
    @CurrentUser() user: AuthUser,
    @UuidParam('streetId') streetId: string,
    @Body() dto: WeightSettingsInputDto,
    @IfMatch() expected: number | undefined,
  ): Promise<StreetWeightsDto> {
    return this.weights.replace(user, streetId, dto, expected);
  }

  /** Changes nothing: a POST only because the proposal is a body. */
  @Post('preview')
  @Operation({
    summary: 'Preview weights against the latest scores',
    description:
      'Changes nothing: each verified organization of the street with its latest score and the score its indicators would give under the proposed weights. A POST only because the proposal is a body.',
    auth: EDITORS,
    ok: WeightsPreviewDto,
    scoped: true,
  })
  preview(
    @CurrentUser() user: AuthUser,
    @UuidParam('streetId') streetId: string,
    @Body() dto: WeightSettingsInputDto,
  ): Promise<WeightsPreviewDto> {
    return this.weights.preview(user, streetId, dto);
  }
}
