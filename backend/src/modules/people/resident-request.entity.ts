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
import { User } from '../identity/user.entity.js';
import { Region } from '../regions/region.entity.js';

/** A user's request to be a verified resident of a community, decided by its community staff. */
@Entity('resident_requests')
@Check('resident_requests_status', `status IN ('pending', 'verified', 'refused')`)
@Index('resident_requests_one_pending', ['userId', 'communityId'], {
  unique: true,
  where: `status = 'pending'`,
})
@Index('resident_requests_queue_idx', ['communityId', 'status'])
export class ResidentRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  /** What the resident tells the staff to identify them (building, unit, …). */
  @Column({ type: 'text', default: '' })
  note!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: 'pending' | 'verified' | 'refused';

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
