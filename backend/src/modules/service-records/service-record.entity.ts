import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';
import { Project } from '../projects/project.entity.js';
import { Region } from '../regions/region.entity.js';
import { inList } from '../../database/in-list.js';

export const ACTIVITY_TYPES = [
  'casework',
  'group_work',
  'community_activity',
  'home_visit',
  'consultation',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const RECORD_STATUSES = ['submitted', 'approved', 'rejected', 'reversed'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/**
 * 服务记录: a social worker's logged service. The database itself refuses a record in the future
 * (it cannot end after it was written), one longer than 24 hours, and one overlapping the same
 * worker's other live records (an exclusion constraint, added in the migration).
 */
@Entity('service_records')
@Check('service_records_status', inList('status', RECORD_STATUSES))
@Check('service_records_activity', inList('activity_type', ACTIVITY_TYPES))
@Check('service_records_period', `ended_at > started_at AND ended_at - started_at <= interval '24 hours'`)
@Check('service_records_not_future', 'ended_at <= created_at')
@Check('service_records_anonymous', 'anonymous_count >= 0')
@Exclusion(
  'service_records_no_overlap',
  `USING gist (worker_user_id WITH =, tstzrange(started_at, ended_at) WITH &&) WHERE (status IN ('submitted', 'approved'))`,
)
@Index('service_records_project_idx', ['projectId', 'status'])
@Index('service_records_worker_idx', ['workerUserId', 'startedAt'])
// The scores' reads per project and period (SCORE_SQL): (project_id, started_at) INCLUDE (ended_at, status,
// community_id, id), so a per-organization recompute is an index-only scan (created by hand in the migration:
// TypeORM cannot express INCLUDE).
@Index('service_records_scoring_idx', { synchronize: false })
export class ServiceRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => Project)
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ name: 'worker_user_id', type: 'uuid' })
  workerUserId!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'worker_user_id' })
  worker?: Relation<User>;

  @Column({ name: 'activity_type', type: 'text' })
  activityType!: ActivityType;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt!: Date;

  @Column({ name: 'anonymous_count', type: 'int', default: 0 })
  anonymousCount!: number;

  @Column({ type: 'text', default: '' })
  location!: string;

  @Column({ type: 'text', default: '' })
  notes!: string;

  @Column({ type: 'text', default: 'submitted' })
  status!: RecordStatus;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  /** For a correction: the approved record this one replaces. */
  @Column({ name: 'corrects_record_id', type: 'uuid', nullable: true })
  correctsRecordId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A resident listed on a record, who may confirm or dispute having received the service. */
@Entity('record_beneficiaries')
@Check('record_beneficiaries_response', `response IN ('pending', 'confirmed', 'disputed')`)
@Index('record_beneficiaries_resident_idx', ['residentUserId'])
// The scores' reach (SCORE_SQL): a record's confirmed beneficiaries, index-only.
@Index('record_beneficiaries_confirmed_idx', ['recordId', 'residentUserId'], {
  where: `response = 'confirmed'`,
})
// The scores' upheld complaints (formula v2): the few standing disputes, without reading every beneficiary.
@Index('record_beneficiaries_disputed_idx', ['recordId'], { where: `response = 'disputed'` })
export class RecordBeneficiary {
  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId!: string;

  @PrimaryColumn({ name: 'resident_user_id', type: 'uuid' })
  residentUserId!: string;

  @ManyToOne(() => ServiceRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id' })
  record?: Relation<ServiceRecord>;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'resident_user_id' })
  resident?: Relation<User>;

  @Column({ type: 'text', default: 'pending' })
  response!: 'pending' | 'confirmed' | 'disputed';

  @Column({ name: 'dispute_reason', type: 'text', nullable: true })
  disputeReason!: string | null;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;
}
