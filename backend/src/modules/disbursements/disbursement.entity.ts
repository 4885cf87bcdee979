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
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { fenColumn } from '../../common/money/money.js';
import { Milestone } from '../contracts/contract.entity.js';
import { Project } from '../projects/project.entity.js';
import { Region } from '../regions/region.entity.js';
import { inList } from '../../database/in-list.js';

export const DISBURSEMENT_STATUSES = [
  'requested',
  'accepted',
  'finance_approved',
  'approved',
  'paid',
  'failed',
  'rejected',
] as const;
export type DisbursementStatus = (typeof DISBURSEMENT_STATUSES)[number];

export const PAYOUT_METHODS = ['treasury', 'stripe'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/**
 * What a disbursement pays (see DISBURSEMENT_KINDS in disbursement-rules.ts for each kind's source
 * account and steps): a contract milestone, a grant of a community's development fund to a project,
 * or a performance bonus of the street's incentive pool tied to a contract's final milestone.
 */
export const DISBURSEMENT_KINDS = ['milestone', 'fund_grant', 'incentive_bonus'] as const;
export type DisbursementKind = (typeof DISBURSEMENT_KINDS)[number];

/** 拨付: a payment to an organization, through acceptance and approvals to the payout (PRODUCT §6). */
@Entity('disbursements')
@Check('disbursements_status', inList('status', DISBURSEMENT_STATUSES))
@Check('disbursements_method', `method IN ('treasury', 'stripe')`)
@Check('disbursements_amount', 'amount_fen > 0')
@Check('disbursements_kind', inList('kind', DISBURSEMENT_KINDS))
// What each kind points at: a milestone (milestone, bonus) or a project in a community (grant).
@Check(
  'disbursements_kind_shape',
  `(kind = 'milestone' AND milestone_id IS NOT NULL AND requested_by IS NOT NULL)
   OR (kind = 'fund_grant' AND project_id IS NOT NULL AND community_id IS NOT NULL AND milestone_id IS NULL AND requested_by IS NOT NULL)
   OR (kind = 'incentive_bonus' AND milestone_id IS NOT NULL)`,
)
// One live disbursement per milestone and kind: a rejected one may be requested again, a paid one never.
@Index('disbursements_one_live_per_milestone', ['milestoneId', 'kind'], {
  unique: true,
  where: `status <> 'rejected' AND milestone_id IS NOT NULL`,
})
@Index('disbursements_community_kind_idx', ['communityId', 'kind'], { where: 'community_id IS NOT NULL' })
export class Disbursement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', default: 'milestone' })
  kind!: DisbursementKind;

  @Column({ name: 'milestone_id', type: 'uuid', nullable: true })
  milestoneId!: string | null;

  @ManyToOne(() => Milestone)
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Relation<Milestone>;

  /** The contract paid (milestone, bonus) or whose project a fund grant supports. */
  @Index('disbursements_contract_idx')
  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  /** A fund grant's project. */
  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  @ManyToOne(() => Project)
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  /** A fund grant's community: the fund it is paid from. */
  @Column({ name: 'community_id', type: 'uuid', nullable: true })
  communityId!: string | null;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  /** What a fund grant is for, or why a bonus is paid. */
  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Index('disbursements_street_status_idx', ['streetId', 'status'])
  @Column({ name: 'street_id', type: 'uuid' })
  streetId!: string;

  @Column(fenColumn('amount_fen'))
  amountFen!: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency!: string;

  @Column({ type: 'text', default: 'requested' })
  status!: DisbursementStatus;

  @Column({ type: 'text', default: 'treasury' })
  method!: PayoutMethod;

  @Column({ type: 'text', default: '' })
  deliverables!: string;

  /** Who asked for it: the org admin (milestone), the proposing community staff (grant); null for a bonus decided by the incentive rules. */
  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy!: string | null;

  @Column({ name: 'finance_approved_by', type: 'uuid', nullable: true })
  financeApprovedBy!: string | null;

  @Column({ name: 'director_approved_by', type: 'uuid', nullable: true })
  directorApprovedBy!: string | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  /** Bank voucher number recorded by finance for a treasury transfer. */
  @Column({ type: 'text', nullable: true })
  voucher!: string | null;

  /** The payment provider's id of the payout (a Stripe transfer tr_…) of the current attempt. */
  @Column({ name: 'provider_reference', type: 'text', nullable: true })
  providerReference!: string | null;

  /** 1 at the first approval for payment; each approval after a failed payout starts the next attempt. */
  @Column({ name: 'payout_attempt', type: 'int', default: 0 })
  payoutAttempt!: number;

  /** Why the last payout failed (refused, reversed), for the people who approve it again. */
  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Per-street settings of the money flow. */
@Entity('street_settings')
export class StreetSettings {
  @PrimaryColumn({ name: 'street_id', type: 'uuid' })
  streetId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'street_id' })
  street?: Relation<Region>;

  /** Disbursements at or above this amount also need the street director's approval. */
  @Column(fenColumn('director_threshold_fen', { default: 10_000_000 }))
  directorThresholdFen!: number;

  /** +1 on every write of the threshold; part of the street settings' ETag (street-settings.sql.ts). */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
