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
import { Disbursement } from '../disbursements/disbursement.entity.js';

/**
 * The state of one payout attempt at the provider, ordered: a transition only ever moves right,
 * so events applied in any order end in the same state.
 * pending: we are about to call the provider (the row is written first, with its idempotency key);
 * submitted: the provider accepted the transfer (its id is known);
 * paid: the money reached the organization's connected account;
 * reversed: the transfer was reversed in full (the money came back);
 * refused: no transfer exists, and none will for this attempt (not onboarded, refused by the provider).
 */
export const PAYOUT_TRANSFER_STATUSES = ['pending', 'submitted', 'paid', 'reversed', 'refused'] as const;
export type PayoutTransferStatus = (typeof PAYOUT_TRANSFER_STATUSES)[number];
export const PAYOUT_TRANSFER_RANK: Record<PayoutTransferStatus, number> = {
  pending: 0,
  submitted: 1,
  paid: 2,
  reversed: 3,
  refused: 3,
};

/** One attempt to pay a disbursement through a provider (PRODUCT §6): never more than one transfer per attempt. */
@Entity('payout_transfers')
@Check('payout_transfers_status', `status IN (${PAYOUT_TRANSFER_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('payout_transfers_amount', 'amount_fen > 0 AND amount_reversed_fen >= 0')
@Check('payout_transfers_attempt', 'attempt > 0')
@Index('payout_transfers_attempt_unique', ['disbursementId', 'attempt'], { unique: true })
export class PayoutTransfer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'disbursement_id', type: 'uuid' })
  disbursementId!: string;

  @ManyToOne(() => Disbursement)
  @JoinColumn({ name: 'disbursement_id' })
  disbursement?: Relation<Disbursement>;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ type: 'text', default: 'stripe' })
  provider!: string;

  /** Sent with the provider call: a retried call replays instead of paying twice. */
  @Index('payout_transfers_idempotency_key_unique', { unique: true })
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  /** The connected account paid (acct_…). */
  @Column({ type: 'text', nullable: true })
  destination!: string | null;

  @Column(fenColumn('amount_fen'))
  amountFen!: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency!: string;

  @Index('payout_transfers_provider_transfer_unique', { unique: true })
  @Column({ name: 'provider_transfer_id', type: 'text', nullable: true })
  providerTransferId!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: PayoutTransferStatus;

  @Column(fenColumn('amount_reversed_fen', { default: 0 }))
  amountReversedFen!: number;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Every webhook event received, once: the primary key turns a redelivery into a no-op. */
@Entity('provider_events')
@Index('provider_events_object_idx', ['objectId'])
export class ProviderEvent {
  /** The provider's event id (evt_…). */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text', default: 'stripe' })
  provider!: string;

  @Column({ type: 'text' })
  type!: string;

  /** The connected account the event is about (Connect events), if any. */
  @Column({ type: 'text', nullable: true })
  account!: string | null;

  @Column({ name: 'object_id', type: 'text', nullable: true })
  objectId!: string | null;

  /** When the provider says the event happened. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** What it did here: applied, stale (an older state than the one we hold), unmatched or ignored. */
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'jsonb' })
  payload!: object;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}

export interface ReconciliationMismatch {
  kind: string;
  detail: string;
  disbursementId?: string;
  transferId?: string;
  healed?: boolean;
}

/** The outcome of one reconciliation run: what the provider and the ledger disagree on. */
@Entity('reconciliation_reports')
@Check('reconciliation_reports_status', `status IN ('clean', 'healed', 'mismatches')`)
export class ReconciliationReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', default: 'stripe' })
  provider!: string;

  @Index('reconciliation_reports_started_idx')
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt!: Date;

  @Column({ name: 'transfers_checked', type: 'int' })
  transfersChecked!: number;

  @Column({ name: 'payouts_checked', type: 'int' })
  payoutsChecked!: number;

  @Column({ type: 'int' })
  healed!: number;

  /** clean: nothing to report; healed: only safe cases, all healed; mismatches: something needs a person. */
  @Column({ type: 'text' })
  status!: 'clean' | 'healed' | 'mismatches';

  @Column({ type: 'jsonb' })
  mismatches!: ReconciliationMismatch[];
}
