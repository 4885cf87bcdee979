import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import {
  BoolField,
  DateTimeField,
  IntField,
  SearchField,
  TextField,
  UuidField,
} from '../../../common/http/fields.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';
import {
  DISBURSEMENT_STATUSES,
  PAYOUT_METHODS,
  type DisbursementStatus,
  type PayoutMethod,
} from '../../disbursements/disbursement.entity.js';
import {
  ELIGIBILITIES,
  ROUND_METHODS,
  ROUND_STATUSES,
  type Eligibility,
  type RoundMethod,
  type RoundStatus,
} from '../participatory.entity.js';

export class RoundsQueryDto extends PageQueryDto {
  @SearchField('Part of the title (健身)', '健身')
  q?: string;
}

export const ROUND_PHASES = ['upcoming', 'submissions', 'review', 'voting', 'closed'] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];

export class OpenRoundDto {
  @TextField(2, 120, { example: '2027年春季社区微项目' })
  title!: string;
  @TextField(5, 4000, { example: '社区基金拿出五万元，由居民投票决定资助哪些小项目。' })
  description!: string;
  @IntField(100, 100_000_000, {
    description: 'Budget in fen: at most what the fund has available to grant now',
    example: 5_000_000,
  })
  budgetFen!: number;
  @IntField(100, 100_000_000, {
    description: 'Cap per submission in fen (at most the budget)',
    example: 1_000_000,
  })
  capFen!: number;
  @ApiProperty({
    enum: ROUND_METHODS,
    enumName: 'RoundMethod',
    description:
      'approval: a resident approves any number of projects; knapsack: the chosen projects must fit the budget together',
  })
  @IsIn(ROUND_METHODS)
  method!: RoundMethod;

  @DateTimeField({ optional: true, example: '2027-03-01T08:00:00+08:00', description: 'Default: now' })
  submissionsOpenAt?: string;
  @DateTimeField({ example: '2027-03-15T20:00:00+08:00' })
  submissionsCloseAt!: string;
  @DateTimeField({
    optional: true,
    example: '2027-03-20T08:00:00+08:00',
    description: 'Default: when submissions close (eligibility is checked until then)',
  })
  votingOpensAt?: string;
  @DateTimeField({ example: '2027-03-31T20:00:00+08:00' })
  votingClosesAt!: string;
}

export class SubmitProjectDto {
  @UuidField({
    example: '00000000-0000-4000-8000-000000000621',
    description: 'An active project of your verified (or filed 备案) organization serving the community',
  })
  projectId!: string;
  @TextField(2, 120, { example: '楼道照明改造' })
  title!: string;
  @TextField(5, 4000, { example: '为3号楼至6号楼更换声控照明灯，方便老人夜间出行。' })
  description!: string;
  @IntField(100, 100_000_000, {
    description: 'Amount asked, in fen (at most the round’s cap)',
    example: 800_000,
  })
  amountFen!: number;
}

export class SubmissionEligibilityDto {
  @BoolField({ example: true, description: 'Eligible (true) or ineligible (false, with a reason)' })
  eligible!: boolean;
  @ApiPropertyOptional({ example: '项目不在本社区服务范围内', description: 'Required when ineligible' })
  @ValidateIf((o: SubmissionEligibilityDto) => o.eligible === false || o.reason !== undefined)
  @TextField(2, 1000)
  reason?: string;
}

export class RoundVoteDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The eligible submissions the resident approves (for knapsack: together within the budget)',
    example: ['00000000-0000-4000-8000-000000000951'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  submissionIds!: string[];
}

export class AwardRoundDto {
  @ApiPropertyOptional({ enum: PAYOUT_METHODS, enumName: 'PayoutMethod', default: 'treasury' })
  @IsOptional()
  @IsIn(PAYOUT_METHODS)
  method: PayoutMethod = 'treasury';
}

export class RoundSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() budgetFen!: number;
  @ApiProperty() capFen!: number;
  @ApiProperty({ enum: ROUND_METHODS, enumName: 'RoundMethod' }) method!: RoundMethod;
  @ApiProperty({ enum: ROUND_STATUSES, enumName: 'RoundStatus' }) status!: RoundStatus;
  @ApiProperty({
    enum: ROUND_PHASES,
    enumName: 'RoundPhase',
    description: 'Where the round stands by the clock',
  })
  phase!: RoundPhase;
  @ApiProperty() submissionsOpenAt!: Date;
  @ApiProperty() submissionsCloseAt!: Date;
  @ApiProperty() votingOpensAt!: Date;
  @ApiProperty() votingClosesAt!: Date;
  @ApiProperty() submissionCount!: number;
  @ApiProperty({ description: 'How many residents have voted' }) voterCount!: number;
}

export class RoundPageDto extends PageDto(RoundSummaryDto) {}

export class RoundGrantDto {
  @ApiProperty({ description: 'The fund_grant disbursement' }) id!: string;
  @ApiProperty({ enum: DISBURSEMENT_STATUSES, enumName: 'DisbursementStatus' }) status!: DisbursementStatus;
  @ApiProperty() amountFen!: number;
}

export class SubmissionDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() projectId!: string;
  @ApiProperty() projectTitle!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: ELIGIBILITIES, enumName: 'SubmissionEligibility' }) eligibility!: Eligibility;
  @ApiProperty({ type: String, nullable: true }) ineligibleReason!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Approvals: only once the round is counted' })
  approvals!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Funded by the count (null before it)' })
  winner!: boolean | null;
  @ApiProperty({
    type: RoundGrantDto,
    nullable: true,
    description: 'The fund grant a winner became at the award',
  })
  grant!: RoundGrantDto | null;
  @ApiProperty() submittedAt!: Date;
}

export class RoundDto extends RoundSummaryDto {
  @ApiProperty() communityName!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: Date, nullable: true }) countedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) awardedAt!: Date | null;
  @ApiProperty({ description: 'Whether the caller has voted (false for visitors)' }) votedByMe!: boolean;
  @ApiProperty({ description: 'The caller is a verified resident of the community and may vote now' })
  canVote!: boolean;
  @ApiProperty({ description: 'The caller is community staff of the community' }) canManage!: boolean;
  @ApiProperty({ description: 'What the winners ask for together (0 before the count)' }) awardedFen!: number;
  @ApiProperty({ type: [SubmissionDto] }) submissions!: SubmissionDto[];
}

export class SubmittableProjectDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ description: 'A filed-only (备案) resident group' }) filedOnly!: boolean;
}
