import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { Region } from '../regions/region.entity.js';

/**
 * One organization's performance score for a rolling 12-month period, with the indicator
 * breakdown, the inputs and the formula version, so the organization can see why (PRODUCT §7).
 * Recomputing the same period and version overwrites it (idempotent).
 */
@Entity('score_snapshots')
@Check('score_snapshots_tier', `tier IN ('A', 'B', 'C', 'D')`)
@Index('score_snapshots_latest_idx', ['organizationId', 'periodEnd'])
export class ScoreSnapshot {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ name: 'period_end', type: 'date' })
  periodEnd!: string;

  @PrimaryColumn({ name: 'formula_version', type: 'text' })
  formulaVersion!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'numeric', precision: 5, scale: 2 })
  score!: string;

  @Column({ type: 'char', length: 1 })
  tier!: 'A' | 'B' | 'C' | 'D';

  @Column({ type: 'jsonb' })
  indicators!: Record<string, number>;

  @Column({ type: 'jsonb' })
  inputs!: Record<string, number>;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt!: Date;
}

/** What a street without weights of its own uses (the column defaults, and the fallbacks of SCORE_SQL). */
export const DEFAULT_SCORING_WEIGHTS = {
  weights: { delivery: 30, satisfaction: 25, compliance: 15, capacity: 15, reach: 15 },
  priorMean: 4,
  priorWeight: 10,
} as const;

/** Per-street indicator weights (percent, summing to 100) and the Bayesian prior for satisfaction. */
@Entity('scoring_weights')
@Check('scoring_weights_sum', 'delivery + satisfaction + compliance + capacity + reach = 100')
@Check('scoring_weights_acceptance', 'acceptance_weight BETWEEN 0 AND 100')
export class ScoringWeights {
  @PrimaryColumn({ name: 'street_id', type: 'uuid' })
  streetId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'street_id' })
  street?: Relation<Region>;

  @Column({ type: 'int', default: 30 }) delivery!: number;
  @Column({ type: 'int', default: 25 }) satisfaction!: number;
  @Column({ type: 'int', default: 15 }) compliance!: number;
  @Column({ type: 'int', default: 15 }) capacity!: number;
  @Column({ type: 'int', default: 15 }) reach!: number;

  /** Prior mean rating (1–5) and its weight in ratings, pulling thinly rated organizations to the middle. */
  @Column({ name: 'prior_mean', type: 'numeric', precision: 3, scale: 2, default: 4 })
  priorMean!: string;

  @Column({ name: 'prior_weight', type: 'int', default: 10 })
  priorWeight!: number;

  /** Percent of satisfaction that comes from the community staff's acceptance ratings, when there are any. */
  @Column({ name: 'acceptance_weight', type: 'int', default: 30 })
  acceptanceWeight!: number;

  /** +1 on every write: the ETag of the street's weights, checked against If-Match (0 before the first). */
  @Column({ type: 'int', default: 0 })
  version!: number;
}
