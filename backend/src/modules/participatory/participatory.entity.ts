import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { fenColumn } from '../../common/money/money.js';
import { Disbursement } from '../disbursements/disbursement.entity.js';
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { Region } from '../regions/region.entity.js';

export const ROUND_METHODS = ['approval', 'knapsack'] as const;
export type RoundMethod = (typeof ROUND_METHODS)[number];
export const ROUND_STATUSES = ['open', 'counted', 'awarded'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ELIGIBILITIES = ['pending', 'eligible', 'ineligible'] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];

/**
 * 参与式预算: a share of a community's development fund put to its verified residents' vote
 * (docs/participation.md). Submissions come in during the submission period, residents vote during
 * the voting period, staff count (one SQL statement) and award the winners as fund grants.
 */
@Entity('participatory_rounds')
@Check('participatory_rounds_method', `method IN ('approval', 'knapsack')`)
@Check('participatory_rounds_status', `status IN ('open', 'counted', 'awarded')`)
@Check('participatory_rounds_amounts', 'cap_fen > 0 AND cap_fen <= budget_fen')
@Check(
  'participatory_rounds_periods',
  'submissions_close_at > submissions_open_at AND voting_opens_at >= submissions_close_at AND voting_closes_at > voting_opens_at',
)
@Index('participatory_rounds_community_idx', ['communityId', 'createdAt'])
export class ParticipatoryRound {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column(fenColumn('budget_fen'))
  budgetFen!: number;

  /** The most one submission may ask for. */
  @Column(fenColumn('cap_fen'))
  capFen!: number;

  @Column({ type: 'text' })
  method!: RoundMethod;

  @Column({ name: 'submissions_open_at', type: 'timestamptz' })
  submissionsOpenAt!: Date;

  @Column({ name: 'submissions_close_at', type: 'timestamptz' })
  submissionsCloseAt!: Date;

  @Column({ name: 'voting_opens_at', type: 'timestamptz' })
  votingOpensAt!: Date;

  @Column({ name: 'voting_closes_at', type: 'timestamptz' })
  votingClosesAt!: Date;

  @Column({ type: 'text', default: 'open' })
  status!: RoundStatus;

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'opened_by' })
  opener?: Relation<User>;

  @Column({ name: 'counted_at', type: 'timestamptz', nullable: true })
  countedAt!: Date | null;

  @Column({ name: 'awarded_at', type: 'timestamptz', nullable: true })
  awardedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A small project asking for part of a round's budget, for a project of the submitting organization. */
@Entity('participatory_submissions')
@Check('participatory_submissions_amount', 'amount_fen > 0')
@Check('participatory_submissions_eligibility', `eligibility IN ('pending', 'eligible', 'ineligible')`)
@Check('participatory_submissions_reason', `(eligibility = 'ineligible') = (ineligible_reason IS NOT NULL)`)
@Check('participatory_submissions_result', '(approvals IS NULL) = (winner IS NULL)')
@Index('participatory_submissions_round_idx', ['roundId', 'createdAt'])
@Index('participatory_submissions_disbursement', ['disbursementId'], {
  unique: true,
  where: 'disbursement_id IS NOT NULL',
})
export class ParticipatorySubmission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @ManyToOne(() => ParticipatoryRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Relation<ParticipatoryRound>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column(fenColumn('amount_fen'))
  amountFen!: number;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => Project)
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'submitted_by' })
  submitter?: Relation<User>;

  @Column({ type: 'text', default: 'pending' })
  eligibility!: Eligibility;

  @Column({ name: 'ineligible_reason', type: 'text', nullable: true })
  ineligibleReason!: string | null;

  /** Approvals received, written by the count (null before it). */
  @Column({ type: 'int', nullable: true })
  approvals!: number | null;

  /** Whether the count funded it (null before the count). */
  @Column({ type: 'boolean', nullable: true })
  winner!: boolean | null;

  /** The fund grant the award turned a winner into. */
  @Column({ name: 'disbursement_id', type: 'uuid', nullable: true })
  disbursementId!: string | null;

  @ManyToOne(() => Disbursement)
  @JoinColumn({ name: 'disbursement_id' })
  disbursement?: Relation<Disbursement>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Who voted in a round: the primary key is the one-vote rule, decided by the database. */
@Entity('participatory_voters')
export class ParticipatoryVoter {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @ManyToOne(() => ParticipatoryRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Relation<ParticipatoryRound>;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'voted_at', type: 'timestamptz' })
  votedAt!: Date;
}

/**
 * One approval of one submission: always secret, so no voter, no time, a random id; nothing
 * leads back to the voter roll.
 */
@Entity('participatory_ballots')
@Index('participatory_ballots_count_idx', ['roundId', 'submissionId'])
export class ParticipatoryBallot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @ManyToOne(() => ParticipatoryRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Relation<ParticipatoryRound>;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId!: string;

  @ManyToOne(() => ParticipatorySubmission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Relation<ParticipatorySubmission>;
}
