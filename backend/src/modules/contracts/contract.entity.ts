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
import { Bid } from '../bids/bid.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Tender, type TenderKpis } from '../tenders/tender.entity.js';

/** The contract an award turns into (PRODUCT §5): organization, amount, period, KPIs and milestones. */
@Entity('contracts')
@Check('contracts_amount_positive', 'amount_fen > 0')
@Check('contracts_period', 'ends_on > starts_on')
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** One contract per tender. */
  @Index('contracts_tender_unique', { unique: true, where: 'tender_id IS NOT NULL' })
  @Column({ name: 'tender_id', type: 'uuid', nullable: true })
  tenderId!: string | null;

  @ManyToOne(() => Tender)
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender> | null;

  @Column({ name: 'bid_id', type: 'uuid', nullable: true })
  bidId!: string | null;

  @ManyToOne(() => Bid)
  @JoinColumn({ name: 'bid_id' })
  bid?: Relation<Bid> | null;

  @Index('contracts_org_idx')
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'street_id', type: 'uuid' })
  streetId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column(fenColumn('amount_fen'))
  amountFen!: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency!: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ type: 'jsonb' })
  kpis!: TenderKpis;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A payment milestone of a contract; shares of the amount, exact to the fen. */
@Entity('milestones')
@Check('milestones_amount', 'amount_fen > 0')
@Check('milestones_min_deliverables', 'min_deliverables BETWEEN 0 AND 20')
@Index('milestones_contract_seq', ['contractId', 'seq'], { unique: true })
export class Milestone {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Relation<Contract>;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'share_bp', type: 'int' })
  shareBp!: number;

  @Column(fenColumn('amount_fen'))
  amountFen!: number;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'text', default: 'planned' })
  status!: string;

  /** Acceptance rule: cumulative approved service hours the project must reach by this milestone. */
  @Column({ name: 'min_approved_hours', type: 'numeric', precision: 10, scale: 2, default: 0 })
  minApprovedHours!: string;

  /** Acceptance rule: cumulative distinct beneficiaries who confirmed a service. */
  @Column({ name: 'min_confirmed_beneficiaries', type: 'int', default: 0 })
  minConfirmedBeneficiaries!: number;

  /** Acceptance rule: clean deliverable files attached to the milestone (checked when community staff accept it). */
  @Column({ name: 'min_deliverables', type: 'int', default: 0 })
  minDeliverables!: number;
}
