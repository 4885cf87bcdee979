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
import { ServiceCategory } from '../catalog/service-category.entity.js';
import { User } from '../identity/user.entity.js';
import { Region } from '../regions/region.entity.js';

export const NEED_STATUSES = ['open', 'accepted', 'declined', 'addressed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** 需求清单: a need posted by a resident or community staff, triaged by the community. */
@Entity('needs')
@Check('needs_status', `status IN ('open', 'accepted', 'declined', 'addressed')`)
@Index('needs_community_status_idx', ['communityId', 'status'])
// The scores' needs addressed (formula v2): the needs a tender answered.
@Index('needs_addressed_tender_idx', ['tenderId'], { where: `status = 'addressed'` })
export class Need {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode!: string;

  @ManyToOne(() => ServiceCategory)
  @JoinColumn({ name: 'category_code' })
  category?: Relation<ServiceCategory>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'posted_by', type: 'uuid' })
  postedBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'posted_by' })
  poster?: Relation<User>;

  @Column({ type: 'text', default: 'open' })
  status!: NeedStatus;

  @Column({ name: 'triage_reason', type: 'text', nullable: true })
  triageReason!: string | null;

  @Column({ name: 'tender_id', type: 'uuid', nullable: true })
  tenderId!: string | null;

  @Column({ type: 'int', default: 0 })
  upvotes!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One upvote per resident per need: the primary key enforces it. */
@Entity('need_upvotes')
export class NeedUpvote {
  @PrimaryColumn({ name: 'need_id', type: 'uuid' })
  needId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Need, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: Relation<Need>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
