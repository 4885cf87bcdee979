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
import { Region } from '../regions/region.entity.js';

/** 准入清单: the administrative tasks a street may push onto this community. */
@Entity('admission_items')
@Index('admission_items_unique', ['communityId', 'code'], { unique: true })
export class AdmissionItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A task a street pushed onto a community: assigned when on the admission list, refused (with the reason) otherwise. */
@Entity('community_tasks')
@Check('community_tasks_status', `status IN ('assigned', 'refused')`)
@Index('community_tasks_community_idx', ['communityId', 'createdAt'])
export class CommunityTask {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  status!: 'assigned' | 'refused';

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;

  @Column({ name: 'pushed_by', type: 'uuid' })
  pushedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
