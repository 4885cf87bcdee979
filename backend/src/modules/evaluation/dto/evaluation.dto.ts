import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNumber,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { BidDto } from '../../bids/dto/bid.dto.js';
import { TenderSummaryDto } from '../../tenders/dto/tender.dto.js';
import { PageDto } from '../../../common/pagination/page.js';
import { BoolField, TextField, UuidField } from '../../../common/http/fields.js';

/** The size of the panel to draw at random from the street's evaluator pool. */
export class DrawPanelDto {
  @ApiProperty({ minimum: 1, maximum: 15, example: 5 }) @IsInt() @Min(1) @Max(15) size!: number;
}

export class RedrawPanelDto {
  @ApiProperty({
    type: [String],
    description:
      'Whom to replace: members who have not scored yet, or evaluators who left by declaring a conflict and were not replaced yet',
    example: ['8d3f1c2a-6b7e-4f90-a1b2-c3d4e5f60718'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(15)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds!: string[];

  @TextField(5, 1000, {
    minLength: 5,
    maxLength: 1000,
    description: 'Why, recorded with the draw',
    example: '该评审专家因病无法参加评审',
  })
  reason!: string;
}

export class ConflictDeclarationDto {
  @TextField(2, 1000, { minLength: 2, maxLength: 1000, example: '本人曾在投标机构任职，需回避' })
  reason!: string;
}

export class CriterionPointsDto {
  @ApiProperty({ example: 'plan' }) @Matches(/^[a-z0-9_]{1,30}$/) key!: string;
  @ApiProperty({ description: '0 … the criterion weight', example: 32.5 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  points!: number;
}

export class ScoreBidDto {
  @ApiProperty({
    type: [CriterionPointsDto],
    example: [
      { key: 'plan', points: 32.5 },
      { key: 'team', points: 16 },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriterionPointsDto)
  criteria!: CriterionPointsDto[];
}

export class DisqualifyDto {
  @TextField(2, 1000, { example: '投标文件缺少资质证明' })
  reason!: string;
}

export class ComplaintInputDto {
  @UuidField({ example: '00000000-0000-4000-8000-000000000501' })
  organizationId!: string;
  @TextField(5, 4000, { example: '技术评分未说明理由，请求复核' })
  reason!: string;
}

export class ComplaintDecisionDto {
  @BoolField({ description: 'true sends the tender back to evaluation', example: false })
  uphold!: boolean;
  @TextField(2, 4000, { example: '评审程序合规' })
  reason!: string;
}

/** A tender whose panel the caller sits on, and whether it still waits for them. */
export class PanelTenderDto extends TenderSummaryDto {
  @ApiProperty({ description: 'Your declaration, or your scores of a bid, are still owed' }) owed!: boolean;
}

export class PanelTenderPageDto extends PageDto(PanelTenderDto) {}

export class EvaluatorDto {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) declaredNoConflictAt!: Date | null;
  @ApiProperty({ description: 'Has scored at least one bid (and can no longer be replaced)' })
  scored!: boolean;
}

/** A seat left by an evaluator who declared a conflict of interest, open until a redraw names them. */
export class PanelVacancyDto {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'date-time' }) declaredAt!: Date;
}

export class PanelDto {
  @ApiProperty({ type: [EvaluatorDto] }) members!: EvaluatorDto[];
  @ApiProperty({ type: [PanelVacancyDto] }) vacancies!: PanelVacancyDto[];
  @ApiProperty({
    description: "Evaluators of the street's pool (street or district) whose categories cover the tender's",
  })
  poolSize!: number;
  @ApiProperty({
    description:
      'Of them, who could be drawn now: not in a bidding organization, not on the panel, never drawn or replaced for this tender, no declared conflict',
  })
  eligible!: number;
}

/** One random draw, enough to re-run drawPanel(seed, candidates, drawn.length) and get `drawn`. */
export class PanelDrawDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ description: '32 random bytes, hex' }) seed!: string;
  @ApiProperty({
    type: [String],
    description: 'The eligible evaluators (user ids) in the order drawn from: by id',
  })
  candidates!: string[];
  @ApiProperty({ type: [String] }) drawn!: string[];
  @ApiProperty({ type: [String], description: 'The members this draw replaced (none for the first)' })
  replaced!: string[];
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) drawnAt!: Date;
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
