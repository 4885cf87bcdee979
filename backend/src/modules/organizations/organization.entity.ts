import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Region } from '../regions/region.entity.js';
import { inList } from '../../database/in-list.js';

export const ORGANIZATION_STATUSES = ['pending', 'verified', 'suspended', 'deregistered'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export const ORGANIZATION_TYPES = [
  'life_service',
  'charity',
  'mutual_aid',
  'social_work_agency',
  'other',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** 等级评估: 1A (lowest) to 5A. */
export const GRADES = ['1A', '2A', '3A', '4A', '5A'] as const;
export type Grade = (typeof GRADES)[number];

/** normal, 活动异常名录 (abnormal activity list), 严重违法失信名单 (serious violation list). */
export const CREDIT_STATUSES = ['normal', 'abnormal', 'serious'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

/** A social organization (社会组织), the marketplace's supply side (PRODUCT §2). */
@Entity('organizations')
@Check('organizations_status', inList('status', ORGANIZATION_STATUSES))
@Check('organizations_type', inList('type', ORGANIZATION_TYPES))
@Check(
  'organizations_grade',
  `grade IS NULL OR (${inList('grade', GRADES)} AND grade_expires_on IS NOT NULL)`,
)
@Check('organizations_credit_status', inList('credit_status', CREDIT_STATUSES))
// Filed-only (备案) community groups have no credit code; registered ones must have one.
@Check('organizations_credit_code', `(credit_code IS NULL) = filed_only`)
// The directory's default order, over the organizations it shows.
@Index('organizations_directory_name_idx', ['name', 'id'], { where: `status = 'verified'` })
// Trigram index over name and description for directory search (created by hand in the migration).
@Index('organizations_search_trgm_idx', { synchronize: false })
@Check('organizations_current_tier', `current_tier IS NULL OR current_tier IN ('A', 'B', 'C', 'D')`)
// The directory's "by score" keyset order, best first and unscored last: ((-coalesce(current_score, -1)), name, id)
// over the verified organizations (an expression index, created by hand in the migration).
@Index('organizations_directory_score_idx', { synchronize: false })
// No two verified (or suspended) organizations share a normalised name in one district: a unique expression
// index over (district_id, organization_name_key(name)), created by hand in the migration.
@Index('organizations_verified_name_unique', { synchronize: false })
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** 统一社会信用代码; null for filed-only (备案) community groups. */
  @Column({ name: 'credit_code', type: 'char', length: 18, nullable: true, unique: true })
  creditCode!: string | null;

  @Column({ name: 'filed_only', type: 'boolean', default: false })
  filedOnly!: boolean;

  @Column({ type: 'text', default: 'other' })
  type!: OrganizationType;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'legal_representative', type: 'text', default: '' })
  legalRepresentative!: string;

  @Column({ name: 'contact_phone', type: 'text', default: '' })
  contactPhone!: string;

  @Index('organizations_home_street_idx')
  @Column({ name: 'home_street_id', type: 'uuid' })
  homeStreetId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'home_street_id' })
  homeStreet?: Relation<Region>;

  /** The home street's district, kept by a trigger on insert and on a change of home street. */
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'district_id' })
  district?: Relation<Region>;

  @Column({ type: 'text', default: 'pending' })
  status!: OrganizationStatus;

  @Column({ type: 'text', nullable: true })
  grade!: Grade | null;

  @Column({ name: 'grade_expires_on', type: 'date', nullable: true })
  gradeExpiresOn!: string | null;

  @Column({ name: 'credit_status', type: 'text', default: 'normal' })
  creditStatus!: CreditStatus;

  @Column({ name: 'credit_since', type: 'date', nullable: true })
  creditSince!: string | null;

  @Column({ name: 'credit_reason', type: 'text', nullable: true })
  creditReason!: string | null;

  /** The organization's Stripe Connect account (acct_…), created at its first onboarding. */
  @Index('organizations_stripe_account_unique', { unique: true })
  @Column({ name: 'stripe_account_id', type: 'text', nullable: true })
  stripeAccountId!: string | null;

  /** Whether Stripe lets the connected account receive transfers and pay out (from `account.updated`). */
  @Column({ name: 'stripe_payouts_enabled', type: 'boolean', default: false })
  stripePayoutsEnabled!: boolean;

  @Column({ name: 'stripe_details_submitted', type: 'boolean', default: false })
  stripeDetailsSubmitted!: boolean;

  /**
   * The `account.updated` event applied last, by (created, id): an older snapshot arriving late is
   * ignored, so the account state does not depend on the order webhooks arrive in.
   */
  @Column({ name: 'stripe_account_event_at', type: 'timestamptz', nullable: true })
  stripeAccountEventAt!: Date | null;

  @Column({ name: 'stripe_account_event_id', type: 'text', nullable: true })
  stripeAccountEventId!: string | null;

  /**
   * The latest score snapshot's score and tier (PRODUCT §7), kept by ScoringService in the same transaction
   * as the snapshots, so the directory filters and sorts by them without a per-row subquery. Null until scored.
   */
  @Column({ name: 'current_score', type: 'numeric', precision: 5, scale: 2, nullable: true })
  currentScore!: string | null;

  @Column({ name: 'current_tier', type: 'char', length: 1, nullable: true })
  currentTier!: 'A' | 'B' | 'C' | 'D' | null;

  /** +1 on every write of the organization (its ETag): a write prepared against an older one is refused. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
