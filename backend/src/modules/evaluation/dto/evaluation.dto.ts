import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BidDto } from '../../bids/dto/bid.dto.js';
import { trim } from '../../../common/http/transforms.js';

export class AssignEvaluatorsDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(15)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds!: string[];
}

export class CriterionPointsDto {
  @ApiProperty() @Matches(/^[a-z0-9_]{1,30}$/) key!: string;
  @ApiProperty({ description: '0 … the criterion weight' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  points!: number;
}

export class ScoreBidDto {
  @ApiProperty({ type: [CriterionPointsDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriterionPointsDto)
  criteria!: CriterionPointsDto[];
}

export class DisqualifyDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(1000) reason!: string;
}

export class ComplaintInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() organizationId!: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(4000) reason!: string;
}

export class ComplaintDecisionDto {
  @ApiProperty({ description: 'true sends the tender back to evaluation' }) @IsBoolean() uphold!: boolean;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(4000) reason!: string;
}

export class ContractTermsDto {
  @ApiProperty({ type: String, format: 'date' }) @Type(() => Date) @IsDate() startsOn!: Date;
  @ApiProperty({ type: String, format: 'date' }) @Type(() => Date) @IsDate() endsOn!: Date;
}

export class EvaluatorDto {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) declaredNoConflictAt!: Date | null;
}

/** An evaluator of the tender's street whom the office may still put on the panel. */
export class PanelCandidateDto {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
}

export class PanelDto {
  @ApiProperty({ type: [EvaluatorDto] }) members!: EvaluatorDto[];
  @ApiProperty({ type: [PanelCandidateDto] }) candidates!: PanelCandidateDto[];
}

export class MyScoreDto {
  @ApiProperty() bidId!: string;
  @ApiProperty() criterionKey!: string;
  @ApiProperty() points!: number;
}

export class WorkspaceDto {
  @ApiProperty({ type: [BidDto], description: 'Bids still in competition' }) bids!: BidDto[];
  @ApiProperty({ type: [MyScoreDto] }) myScores!: MyScoreDto[];
}

export class ResultRowDto {
  @ApiProperty() bidId!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() priceFen!: number;
  @ApiProperty() technical!: number;
  @ApiProperty() price!: number;
  @ApiProperty() performance!: number;
  @ApiProperty() total!: number;
  @ApiProperty() rank!: number;
  @ApiProperty() status!: string;
}

export class ResultsDto {
  @ApiProperty({ type: [ResultRowDto] }) ranking!: ResultRowDto[];
  @ApiProperty({ type: [ResultRowDto], description: 'Disqualified bids with their price' })
  disqualified!: ResultRowDto[];
  @ApiProperty({ type: String, nullable: true }) awardedBidId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) standstillEndsAt!: Date | null;
}

export class ComplaintDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenderId!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['pending', 'upheld', 'dismissed'] }) status!: 'pending' | 'upheld' | 'dismissed';
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class MilestoneViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() seq!: number;
  @ApiProperty() name!: string;
  @ApiProperty() shareBp!: number;
  @ApiProperty() amountFen!: number;
  @ApiProperty() dueOn!: string;
  @ApiProperty() status!: string;
}

export class ContractDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) tenderId!: string | null;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() title!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty({ type: [MilestoneViewDto] }) milestones!: MilestoneViewDto[];
}
