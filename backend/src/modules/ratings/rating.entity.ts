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
import { ServiceRecord } from '../service-records/service-record.entity.js';

/** 评价: a listed beneficiary's rating of a service record; one per resident and record. */
@Entity('ratings')
@Check(
  'ratings_scores',
  'attitude BETWEEN 1 AND 5 AND professionalism BETWEEN 1 AND 5 AND effect BETWEEN 1 AND 5',
)
@Check('ratings_moderation', `moderation IN ('visible', 'reported', 'hidden')`)
@Index('ratings_one_per_resident', ['recordId', 'residentUserId'], { unique: true })
export class Rating {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'record_id', type: 'uuid' })
  recordId!: string;

  @ManyToOne(() => ServiceRecord)
  @JoinColumn({ name: 'record_id' })
  record?: Relation<ServiceRecord>;

  @Column({ name: 'resident_user_id', type: 'uuid' })
  residentUserId!: string;

  @Column({ type: 'smallint' })
  attitude!: number;

  @Column({ type: 'smallint' })
  professionalism!: number;

  @Column({ type: 'smallint' })
  effect!: number;

  @Column({ type: 'text', default: '' })
  comment!: string;

  /** A reported comment stays hidden until community staff decide. */
  @Column({ type: 'text', default: 'visible' })
  moderation!: 'visible' | 'reported' | 'hidden';

  @Column({ name: 'org_reply', type: 'text', nullable: true })
  orgReply!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** +1 on every change (the ETag of the rating, checked against If-Match). */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
