import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { fenColumn } from '../../common/money/money.js';
import { Organization } from '../organizations/organization.entity.js';
import { Tender, type TenderKpis } from '../tenders/tender.entity.js';

export const BID_STATUSES = [
  'submitted',
  'withdrawn',
  'opened',
  'qualified',
  'disqualified',
  'awarded',
  'not_awarded',
] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

/**
 * A sealed bid. Until the tender's deadline only the bidding organization reads its content;
 * the database keeps one live (not withdrawn) bid per organization and tender.
 */
@Entity('bids')
@Check('bids_status', `status IN (${BID_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('bids_price_positive', 'price_fen > 0')
@Index('bids_one_live_per_org', ['tenderId', 'organizationId'], {
  unique: true,
  where: `status <> 'withdrawn'`,
})
export class Bid {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('bids_tender_idx')
  @Column({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @ManyToOne(() => Tender)
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender>;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'text', default: 'submitted' })
  status!: BidStatus;

  @Column(fenColumn('price_fen'))
  priceFen!: number;

  @Column({ type: 'text' })
  proposal!: string;

  /** organization_members ids of the proposed team. */
  @Column({ type: 'uuid', array: true })
  team!: string[];

  @Column({ name: 'offered_kpis', type: 'jsonb' })
  offeredKpis!: TenderKpis;

  /** SHA-256 of exactly what was submitted (see bids.service receiptOf). */
  @Column({ name: 'receipt_hash', type: 'char', length: 64 })
  receiptHash!: string;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'disqualification_reason', type: 'text', nullable: true })
  disqualificationReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
