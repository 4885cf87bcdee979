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
import { ServiceCategory } from '../catalog/service-category.entity.js';
import { Need } from '../needs/need.entity.js';
import { Organization, type Grade } from '../organizations/organization.entity.js';
import { DocumentSeal } from '../documents/document.entity.js';
import { Region } from '../regions/region.entity.js';
import { inList } from '../../database/in-list.js';

export const TENDER_STATUSES = [
  'draft',
  'published',
  'evaluating',
  'awarded',
  'standstill',
  'contracted',
  'cancelled',
  'unsuccessful',
] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];

export const PROCUREMENT_METHODS = [
  'public_tender',
  'competitive_consultation',
  'single_source',
  'direct_commission',
] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

export interface TenderKpis {
  serviceHours: number;
  beneficiaries: number;
  /** Minimum average satisfaction, 1–5. */
  minSatisfaction: number;
}

/** Evaluation weights in percent: price + technical + performance = 100; technical split into scored sub-criteria. */
export interface TenderWeights {
  price: number;
  technical: number;
  performance: number;
  criteria: { key: string; name: string; weight: number }[];
}

/** Milestone plan: shares in basis points summing to 10000 (100 %). */
export interface MilestonePlanItem {
  name: string;
  shareBp: number;
  dueInDays: number;
  /** Clean deliverable files the milestone's acceptance needs (absent: none). */
  minDeliverables?: number;
}

/** A purchase-of-service tender (PRODUCT §4), published by a street office. */
@Entity('tenders')
@Check('tenders_status', inList('status', TENDER_STATUSES))
@Check('tenders_method', inList('method', PROCUREMENT_METHODS))
@Check('tenders_budget_positive', 'budget_ceiling_fen > 0')
@Check('tenders_deadlines', 'enquiry_deadline <= bid_deadline')
@Index('tenders_street_status_idx', ['streetId', 'status'])
export class Tender {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode!: string;

  @ManyToOne(() => ServiceCategory)
  @JoinColumn({ name: 'category_code' })
  category?: Relation<ServiceCategory>;

  @Column({ name: 'street_id', type: 'uuid' })
  streetId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'street_id' })
  street?: Relation<Region>;

  @Column(fenColumn('budget_ceiling_fen'))
  budgetCeilingFen!: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency!: string;

  @Column({ type: 'text' })
  method!: ProcurementMethod;

  @Column({ name: 'single_source_justification', type: 'text', nullable: true })
  singleSourceJustification!: string | null;

  /** The one organization invited to a single-source or direct-commission procurement. */
  @Column({ name: 'invited_organization_id', type: 'uuid', nullable: true })
  invitedOrganizationId!: string | null;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'invited_organization_id' })
  invitedOrganization?: Relation<Organization> | null;

  /** The key pair its bids' files are sealed for, made at publication and opened at the bid deadline. */
  @Column({ name: 'seal_id', type: 'uuid', nullable: true })
  sealId!: string | null;

  @ManyToOne(() => DocumentSeal)
  @JoinColumn({ name: 'seal_id' })
  seal?: Relation<DocumentSeal> | null;

  @Column({ type: 'jsonb' })
  kpis!: TenderKpis;

  @Column({ name: 'min_grade', type: 'text', nullable: true })
  minGrade!: Grade | null;

  @Column({ type: 'jsonb' })
  weights!: TenderWeights;

  @Column({ name: 'milestone_plan', type: 'jsonb' })
  milestonePlan!: MilestonePlanItem[];

  @Column({ name: 'enquiry_deadline', type: 'timestamptz' })
  enquiryDeadline!: Date;

  @Column({ name: 'bid_deadline', type: 'timestamptz' })
  bidDeadline!: Date;

  @Column({ name: 'standstill_days', type: 'int', default: 10 })
  standstillDays!: number;

  @Column({ type: 'text', default: 'draft' })
  status!: TenderStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'awarded_bid_id', type: 'uuid', nullable: true })
  awardedBidId!: string | null;

  @Column({ name: 'standstill_ends_at', type: 'timestamptz', nullable: true })
  standstillEndsAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Counted up by a trigger on every change of the row; the tender's ETag. */
  @Column({ type: 'int', default: 1 })
  version!: number;
}

@Entity('tender_communities')
export class TenderCommunity {
  @PrimaryColumn({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @PrimaryColumn({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender>;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;
}

@Entity('tender_needs')
export class TenderNeed {
  @PrimaryColumn({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @PrimaryColumn({ name: 'need_id', type: 'uuid' })
  needId!: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender>;

  @ManyToOne(() => Need)
  @JoinColumn({ name: 'need_id' })
  need?: Relation<Need>;
}

/** A published change to a tender; bidders are told of each. */
@Entity('tender_amendments')
export class TenderAmendment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('tender_amendments_tender_idx')
  @Column({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender>;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb' })
  changes!: Record<string, unknown>;

  @Column({ name: 'deadline_extended_to', type: 'timestamptz', nullable: true })
  deadlineExtendedTo!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A bidder's question; the answer goes to all bidders, never naming who asked. */
@Entity('tender_enquiries')
export class TenderEnquiry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('tender_enquiries_tender_idx')
  @Column({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender>;

  /** Kept for the audit trail and for abuse handling; never shown to other bidders. */
  @Column({ name: 'asked_by_organization_id', type: 'uuid' })
  askedByOrganizationId!: string;

  @Column({ type: 'text' })
  question!: string;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
