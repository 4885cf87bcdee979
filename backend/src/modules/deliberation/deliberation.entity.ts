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
import { User } from '../identity/user.entity.js';
import { Need } from '../needs/need.entity.js';
import { Region } from '../regions/region.entity.js';

export const MODERATIONS = ['visible', 'reported', 'hidden'] as const;
export type Moderation = (typeof MODERATIONS)[number];

/**
 * 议题: a question community staff put to the verified residents of the community or one of its
 * grids (`region_id`), open for votes during its period, closed into minutes (决议).
 */
@Entity('consultations')
@Check('consultations_status', `status IN ('open', 'closed')`)
@Check('consultations_period', 'closes_at > opens_at')
@Check('consultations_minutes', `(status = 'closed') = (minutes IS NOT NULL)`)
@Index('consultations_community_idx', ['communityId', 'createdAt'])
export class Consultation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  /** Who may take part: the residents of this region (the community itself or one of its grids). */
  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  question!: string;

  @Column({ name: 'allow_proposals', type: 'boolean' })
  allowProposals!: boolean;

  @Column({ type: 'boolean' })
  secret!: boolean;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt!: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt!: Date;

  @Column({ type: 'text', default: 'open' })
  status!: 'open' | 'closed';

  @Column({ type: 'text', nullable: true })
  minutes!: string | null;

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'opened_by' })
  opener?: Relation<User>;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'closed_by' })
  closer?: Relation<User>;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A choice: listed by staff when opening, or proposed by a resident (then moderated). */
@Entity('consultation_options')
@Check('consultation_options_moderation', `moderation IN ('visible', 'reported', 'hidden')`)
@Index('consultation_options_consultation_idx', ['consultationId', 'createdAt'])
export class ConsultationOption {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId!: string;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Relation<Consultation>;

  @Column({ type: 'text' })
  label!: string;

  /** The resident who proposed it; null for the options staff listed. */
  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'proposed_by' })
  proposer?: Relation<User>;

  @Column({ type: 'text', default: 'visible' })
  moderation!: Moderation;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('consultation_comments')
@Check('consultation_comments_moderation', `moderation IN ('visible', 'reported', 'hidden')`)
@Index('consultation_comments_consultation_idx', ['consultationId', 'createdAt'])
export class ConsultationComment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId!: string;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Relation<Consultation>;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User>;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', default: 'visible' })
  moderation!: Moderation;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Who voted: the primary key is the one-vote rule, decided by the database under concurrency. */
@Entity('consultation_voters')
export class ConsultationVoter {
  @PrimaryColumn({ name: 'consultation_id', type: 'uuid' })
  consultationId!: string;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Relation<Consultation>;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'voted_at', type: 'timestamptz' })
  votedAt!: Date;
}

/**
 * What was chosen. A secret ballot has no voter and no time, so nothing in it leads back to the
 * voter roll; an open one names its voter (once per consultation).
 */
@Entity('consultation_ballots')
@Check('consultation_ballots_secrecy', 'secret = (voter_id IS NULL)')
@Index('consultation_ballots_count_idx', ['consultationId', 'optionId'])
@Index('consultation_ballots_one_open_vote', ['consultationId', 'voterId'], {
  unique: true,
  where: 'voter_id IS NOT NULL',
})
export class ConsultationBallot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId!: string;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Relation<Consultation>;

  @Column({ name: 'option_id', type: 'uuid' })
  optionId!: string;

  @ManyToOne(() => ConsultationOption, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'option_id' })
  option?: Relation<ConsultationOption>;

  @Column({ type: 'boolean' })
  secret!: boolean;

  @Column({ name: 'voter_id', type: 'uuid', nullable: true })
  voterId!: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'voter_id' })
  voter?: Relation<User>;
}

/** 议事会: a residents' council meeting of a community, with its agenda, attendance and minutes. */
@Entity('meetings')
@Check('meetings_status', `status IN ('scheduled', 'held')`)
@Check('meetings_minutes', `(status = 'held') = (minutes IS NOT NULL)`)
@Index('meetings_community_idx', ['communityId', 'startsAt'])
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'text' })
  place!: string;

  @Column({ type: 'text', array: true })
  agenda!: string[];

  @Column({ type: 'text', default: 'scheduled' })
  status!: 'scheduled' | 'held';

  @Column({ type: 'text', nullable: true })
  minutes!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User>;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One person at a meeting: a resident's account, or a free name, with the capacity they came in. */
@Entity('meeting_attendance')
@Check('meeting_attendance_capacity', `capacity IN ('resident', 'staff', 'organization', 'other')`)
@Index('meeting_attendance_meeting_idx', ['meetingId'])
export class MeetingAttendance {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  capacity!: 'resident' | 'staff' | 'organization' | 'other';

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}

/**
 * A need a resolution put on the needs list: the need's source (one consultation at most, the
 * primary key) and the consultation's list of needs, both ways through one row.
 */
@Entity('consultation_needs')
@Index('consultation_needs_consultation_idx', ['consultationId'])
export class ConsultationNeed {
  @PrimaryColumn({ name: 'need_id', type: 'uuid' })
  needId!: string;

  @ManyToOne(() => Need, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: Relation<Need>;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId!: string;

  @ManyToOne(() => Consultation)
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Relation<Consultation>;
}
