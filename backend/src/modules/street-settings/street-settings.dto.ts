import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IncentiveRuleInputDto, IncentiveRuleSetDto } from '../incentives/incentives.controller.js';
import { IntField } from '../../common/http/fields.js';

/** Most a director threshold may be: ¥1,000,000,000. */
export const MAX_THRESHOLD_FEN = 100_000_000_000;

export class ScoringWeightsDto {
  @ApiProperty({ example: 30, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) delivery!: number;
  @ApiProperty({ example: 25, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) satisfaction!: number;
  @ApiProperty({ example: 20, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) compliance!: number;
  @ApiProperty({ example: 15, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) capacity!: number;
  @ApiProperty({ example: 10, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) reach!: number;
}

/** A street's indicator weights and the prior of its satisfaction indicator, as a form sends them. */
export class ScoringSettingsInputDto {
  @ApiProperty({
    example: { delivery: 30, satisfaction: 25, compliance: 20, capacity: 15, reach: 10 },
    type: ScoringWeightsDto,
    description: 'Indicator weights in percent, summing to 100',
  })
  @ValidateNested()
  @Type(() => ScoringWeightsDto)
  weights!: ScoringWeightsDto;

  @ApiProperty({
    example: 4,
    minimum: 1,
    maximum: 5,
    description: 'Prior mean rating of the satisfaction indicator',
  })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(5)
  priorMean!: number;

  @IntField(1, 1000, {
    example: 5,
    minimum: 1,
    maximum: 1000,
    description: 'Weight of the prior, in ratings',
  })
  priorWeight!: number;
}

export class StreetSettingsInputDto extends ScoringSettingsInputDto {
  @ApiProperty({
    example: 5_000_000,
    minimum: 0,
    maximum: MAX_THRESHOLD_FEN,
    description: "Disbursements of this amount (fen) or more also need the street director's approval",
  })
  @IsInt()
  @Min(0)
  @Max(MAX_THRESHOLD_FEN)
  directorThresholdFen!: number;

  @ApiPropertyOptional({
    example: [],
    type: [IncentiveRuleInputDto],
    description:
      "The street's incentive rules: omitted leaves them as they are, empty returns to the platform defaults",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IncentiveRuleInputDto)
  incentiveRules?: IncentiveRuleInputDto[];
}

export class StreetSettingsDto {
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty() streetName!: string;
  @ApiProperty({ description: 'Fen' }) directorThresholdFen!: number;
  @ApiProperty({ type: ScoringWeightsDto }) weights!: ScoringWeightsDto;
  @ApiProperty() priorMean!: number;
  @ApiProperty() priorWeight!: number;
  @ApiProperty({ description: 'No settings of its own yet: the platform defaults apply' })
  defaults!: boolean;
  @ApiProperty({ type: IncentiveRuleSetDto }) incentiveRules!: IncentiveRuleSetDto;
  @ApiProperty({
    description: 'Sent as the ETag; raised by every write of the threshold, the weights or the rule set',
    example: 3,
  })
  version!: number;
}
