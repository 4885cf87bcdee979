import { ApiProperty } from '@nestjs/swagger';
import { ScoringSettingsInputDto } from '../street-settings/street-settings.dto.js';
import { TIERS, type Tier } from './scoring.dto.js';
import { IntField } from '../../common/http/fields.js';

/** A street's weights and satisfaction settings, as the director proposes or saves them. */
export class WeightSettingsInputDto extends ScoringSettingsInputDto {
  @IntField(0, 100, {
    minimum: 0,
    maximum: 100,
    description: "Percent of satisfaction from the community staff's acceptance ratings, when there are any",
    example: 30,
  })
  acceptanceWeight!: number;
}

export class StreetWeightsDto extends WeightSettingsInputDto {
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty() streetName!: string;
  @ApiProperty({ description: 'The street has no weights of its own: the platform defaults apply' })
  defaults!: boolean;
  @ApiProperty({
    enum: ['next_run'],
    description: 'Saved weights apply from the next scoring run; scores already computed keep theirs',
  })
  appliesFrom!: 'next_run';
  @ApiProperty({ description: 'The version, sent as ETag; +1 on every save (0 before the first)' })
  version!: number;
}

export class ScoreAndTierDto {
  @ApiProperty({ description: '0–100' }) score!: number;
  @ApiProperty({ enum: TIERS, enumName: 'Tier' }) tier!: Tier;
}

export class CurrentScoreDto extends ScoreAndTierDto {
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ example: 'v2' }) formulaVersion!: string;
}

export class WeightsPreviewRowDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    type: CurrentScoreDto,
    nullable: true,
    description: 'The latest snapshot; null if never scored',
  })
  current!: CurrentScoreDto | null;
  @ApiProperty({
    type: ScoreAndTierDto,
    nullable: true,
    description: "The latest snapshot's indicators under the proposed weights",
  })
  proposed!: ScoreAndTierDto | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Proposed minus current score' })
  change!: number | null;
}

export class WeightsPreviewDto {
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty({
    type: [WeightsPreviewRowDto],
    description: 'The organizations of the street, best current first',
  })
  organizations!: WeightsPreviewRowDto[];
}
