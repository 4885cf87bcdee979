import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/*
 * The score's rollups (docs/benchmarks.md, "Scoring"): what SCORE_SQL reads instead of the 10 M service records,
 * their beneficiaries and ratings. Kept in the writing transaction by the triggers of migration ScoreRollups
 * (statement-level, transition tables: one upsert per statement, whoever writes); score_rollups_rebuild()
 * recomputes all four from the base tables (the migration's backfill, the bench seed's bulk load).
 * Days are UTC days. The sums are kept per decimal scale of their terms (hscale, tscale) so that a sum of
 * rollups has exactly the value and the display scale of the sum over the base rows (numeric sums are exact).
 */

/** Per project, UTC day of started_at and scale of the record's hours: counts per status and approved hours. */
@Entity('score_record_days')
@Index('score_record_days_day_idx', ['day'])
export class ScoreRecordDay {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' }) projectId!: string;
  @PrimaryColumn({ type: 'date' }) day!: string;
  /** scale(extract(epoch FROM ended_at - started_at) / 3600) of the records counted here. */
  @PrimaryColumn({ type: 'smallint' }) hscale!: number;
  @Column({ type: 'int', default: 0 }) approved!: number;
  @Column({ type: 'int', default: 0 }) submitted!: number;
  @Column({ type: 'int', default: 0 }) rejected!: number;
  /** Σ extract(epoch FROM ended_at - started_at) / 3600 of the approved records. */
  @Column({ name: 'approved_hours', type: 'numeric', default: 0 }) approvedHours!: string;
}

/** Per project (of the rated record), UTC day of the rating's created_at and scale of its mean. */
@Entity('score_rating_days')
export class ScoreRatingDay {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' }) projectId!: string;
  @PrimaryColumn({ type: 'date' }) day!: string;
  /** scale((attitude + professionalism + effect) / 3.0) of the ratings counted here. */
  @PrimaryColumn({ type: 'smallint' }) tscale!: number;
  @Column({ type: 'int', default: 0 }) ratings!: number;
  /** Σ (attitude + professionalism + effect) / 3.0. */
  @Column({ type: 'numeric', default: 0 }) total!: string;
}

/** Per (project, community): the latest started_at of an approved record (none: no row or null). */
@Entity('score_served')
export class ScoreServed {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' }) projectId!: string;
  @PrimaryColumn({ name: 'community_id', type: 'uuid' }) communityId!: string;
  @Column({ name: 'last_at', type: 'timestamptz', nullable: true }) lastAt!: Date | null;
}

/** Per (project, resident): the latest started_at of an approved record the resident confirmed as beneficiary. */
@Entity('score_reach')
export class ScoreReach {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' }) projectId!: string;
  @PrimaryColumn({ name: 'resident_user_id', type: 'uuid' }) residentUserId!: string;
  @Column({ name: 'last_at', type: 'timestamptz', nullable: true }) lastAt!: Date | null;
}
