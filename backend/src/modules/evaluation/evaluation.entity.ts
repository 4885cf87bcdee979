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
import { Bid } from '../bids/bid.entity.js';
import { User } from '../identity/user.entity.js';
import { Tender } from '../tenders/tender.entity.js';

/** An evaluator (评审专家) on a tender's panel; sees bids only after declaring no conflict of interest. */
@Entity('tender_evaluators')
export class TenderEvaluator {
  @PrimaryColumn({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender>;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'declared_no_conflict_at', type: 'timestamptz', nullable: true })
  declaredNoConflictAt!: Date | null;

  @Column({ name: 'assigned_by', type: 'uuid' })
  assignedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One evaluator's points for one technical sub-criterion of one bid (0 … the criterion's weight). */
@Entity('evaluation_scores')
@Check('evaluation_scores_points', 'points >= 0')
export class EvaluationScore {
  @PrimaryColumn({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @PrimaryColumn({ name: 'evaluator_id', type: 'uuid' })
  evaluatorId!: string;

  @PrimaryColumn({ name: 'criterion_key', type: 'text' })
  criterionKey!: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid?: Relation<Bid>;

  @Column({ type: 'numeric', precision: 6, scale: 2 })
  points!: string;

  @Index('evaluation_scores_tender_idx')
  @Column({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A bidder's complaint during the standstill, upheld (re-evaluation) or dismissed with reasons. */
@Entity('tender_complaints')
@Check('tender_complaints_status', `status IN ('pending', 'upheld', 'dismissed')`)
export class TenderComplaint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('tender_complaints_tender_idx')
  @Column({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender>;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: 'pending' | 'upheld' | 'dismissed';

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
