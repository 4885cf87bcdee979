import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import { StreetWeightsDto, WeightSettingsInputDto, WeightsPreviewDto } from './scoring-weights.dto.js';
import { ScoringWeightsService } from './scoring-weights.service.js';

/** A street's score weights, for its director: read, previewed against the latest scores, saved. */
@ApiTags('scores')
@Controller('streets/:streetId/scoring-weights')
export class ScoringWeightsController {
  constructor(private readonly weights: ScoringWeightsService) {}

  @Get()
  @Auth('street_director', 'platform_admin')
  @ApiOkResponse({ type: StreetWeightsDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('streetId', ParseUUIDPipe) streetId: string,
  ): Promise<StreetWeightsDto> {
    return this.weights.get(user, streetId);
  }

  @Put()
  @Auth('street_director', 'platform_admin')
  @ApiOkResponse({ type: StreetWeightsDto, description: 'Saved; applies from the next scoring run' })
  replace(
    @CurrentUser() user: AuthUser,
    @Param('streetId', ParseUUIDPipe) streetId: string,
    @Body() dto: WeightSettingsInputDto,
  ): Promise<StreetWeightsDto> {
    return this.weights.replace(user, streetId, dto);
  }

  /** Changes nothing: a POST only because the proposal is a body. */
  @Post('preview')
  @HttpCode(200)
  @Auth('street_director', 'platform_admin')
  @ApiOkResponse({ type: WeightsPreviewDto })
  preview(
    @CurrentUser() user: AuthUser,
    @Param('streetId', ParseUUIDPipe) streetId: string,
    @Body() dto: WeightSettingsInputDto,
  ): Promise<WeightsPreviewDto> {
    return this.weights.preview(user, streetId, dto);
  }
}
