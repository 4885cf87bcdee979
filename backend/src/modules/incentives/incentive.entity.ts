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
import { Organization } from '../organizations/organization.entity.js';
import { Region } from '../regions/region.entity.js';

export const INCENTIVE_ACTIONS = ['badge', 'bonus', 'bar'] as const;
export type IncentiveAction = (typeof INCENTIVE_ACTIONS)[number];

/**
 * One incentive rule (PRODUCT §7): when an organization's monthly tier has been `tier` for
 * `consecutiveMonths` months in a row, take `action`. A street with no rules of its own uses the
 * platform defaults (street_id NULL).
 */
@Entity('incentive_rules')
@Check('incentive_rules_tier', `tier IN ('A', 'B', 'C', 'D')`)
@Check('incentive_rules_action', `action IN ('badge', 'bonus', 'bar')`)
@Check('incentive_rules_consecutive', 'consecutive_months BETWEEN 1 AND 12')
@Check(
  'incentive_rules_parameters',
  `(action = 'bonus') = (bonus_share_bp IS NOT NULL) AND (action = 'bar') = (bar_months IS NOT NULL)`,
)
@Check('incentive_rules_bonus_share', 'bonus_share_bp IS NULL OR bonus_share_bp BETWEEN 1 AND 10000')
@Check('incentive_rules_bar_months', 'bar_months IS NULL OR bar_months BETWEEN 1 AND 36')
@Index('incentive_rules_street_idx', ['streetId'])
export class IncentiveRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'street_id', type: 'uuid', nullable: true })
  streetId!: string | null;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'street_id' })
  street?: Relation<Region>;

  @Column({ type: 'char', length: 1 })
  tier!: 'A' | 'B' | 'C' | 'D';

  @Column({ name: 'consecutive_months', type: 'int', default: 1 })
  consecutiveMonths!: number;

  @Column({ type: 'text' })
  action!: IncentiveAction;

  /** Bonus as basis points of the final milestone's amount (500 = 5 %), paid from the street's incentive pool. */
  @Column({ name: 'bonus_share_bp', type: 'int', nullable: true })
  bonusShareBp!: number | null;

  /** How long new bids are barred. */
  @Column({ name: 'bar_months', type: 'int', nullable: true })
  barMonths!: number | null;
}

/**
 * A street's rule set as one editable resource: its version, +1 on every replacement, is the ETag
 * checked against If-Match. No row: the street never replaced its set (version 0).
 */
@Entity('incentive_rule_sets')
export class IncentiveRuleSet {
  @PrimaryColumn({ name: 'street_id', type: 'uuid' })
  streetId!: string;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'street_id' })
  street?: Relation<Region>;

  @Column({ type: 'int', default: 0 })
  version!: number;
}

/**
 * What a rule decided for an organization, with its reason in words. One decision per organization,
 * action and subject (the month for badges and bars, the contract for bonuses), so re-running the
 * rules after a recompute never decides twice.
 */
@Entity('incentive_decisions')
@Check('incentive_decisions_action', `action IN ('badge', 'bonus', 'bar')`)
@Check('incentive_decisions_outcome', `outcome IN ('applied', 'skipped')`)
@Index('incentive_decisions_once', ['organizationId', 'action', 'subject'], { unique: true })
@Index('incentive_decisions_bars_idx', ['organizationId', 'effectiveUntil'], { where: `action = 'bar'` })
export class IncentiveDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  action!: IncentiveAction;

  /** 'YYYY-MM' for a badge or a bar, the contract id for a bonus. */
  @Column({ type: 'text' })
  subject!: string;

  /** 'skipped' when the rule matched but could not be carried out (e.g. the pool was short); re-tried next run. */
  @Column({ type: 'text', default: 'applied' })
  outcome!: 'applied' | 'skipped';

  /** The rule as it was when it decided (rules can change later). */
  @Column({ type: 'jsonb' })
  rule!: Record<string, unknown>;

  /** The monthly tiers (and scores) that matched, and for a bonus the milestone, amount and disbursement. */
  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;

  @Column({ type: 'text' })
  explanation!: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ name: 'effective_until', type: 'date', nullable: true })
  effectiveUntil!: string | null;

  @Column(fenColumn('amount_fen', { nullable: true }))
  amountFen!: number | null;

  @Column({ name: 'disbursement_id', type: 'uuid', nullable: true })
  disbursementId!: string | null;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
