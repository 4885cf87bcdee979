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
import { Region } from '../regions/region.entity.js';

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

/** 拨付: the payment of one milestone, through acceptance and approvals to the payout (PRODUCT §6). */
@Entity('disbursements')
@Check('disbursements_status', `status IN (${DISBURSEMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('disbursements_method', `method IN ('treasury', 'stripe')`)
@Check('disbursements_amount', 'amount_fen > 0')
// One live disbursement per milestone: a rejected one may be requested again, a paid one never.
@Index('disbursements_one_live_per_milestone', ['milestoneId'], {
  unique: true,
  where: `status <> 'rejected'`,
})
export class Disbursement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'milestone_id', type: 'uuid' })
  milestoneId!: string;

  @ManyToOne(() => Milestone)
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Relation<Milestone>;

  @Index('disbursements_contract_idx')
  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

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

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

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
}
