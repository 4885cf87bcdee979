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
import { Organization } from '../organizations/organization.entity.js';

export const MEMBER_STATUSES = ['invited', 'active', 'declined', 'removed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** 助理社会工作师 / 社会工作师 / 高级社会工作师. */
export const QUALIFICATION_LEVELS = ['assistant', 'social_worker', 'senior'] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

/**
 * A social worker's place in an organization, from invitation (by e-mail or phone) to
 * acceptance. A worker may belong to several organizations.
 */
@Entity('organization_members')
@Check('organization_members_status', `status IN ('invited', 'active', 'declined', 'removed')`)
@Check(
  'organization_members_level',
  `qualification_level IS NULL OR qualification_level IN ('assistant', 'social_worker', 'senior')`,
)
@Check('organization_members_contact', `num_nonnulls(invited_email, invited_phone) >= 1`)
// One live invitation or membership per person and organization.
@Index('organization_members_live_email', ['organizationId', 'invitedEmail'], {
  unique: true,
  where: `status IN ('invited', 'active') AND invited_email IS NOT NULL`,
})
@Index('organization_members_live_phone', ['organizationId', 'invitedPhone'], {
  unique: true,
  where: `status IN ('invited', 'active') AND invited_phone IS NOT NULL`,
})
@Index('organization_members_live_user', ['organizationId', 'userId'], {
  unique: true,
  where: `status = 'active'`,
})
export class OrganizationMember {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index('organization_members_user_idx')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User> | null;

  @Column({ name: 'invited_email', type: 'text', nullable: true })
  invitedEmail!: string | null;

  @Column({ name: 'invited_phone', type: 'text', nullable: true })
  invitedPhone!: string | null;

  @Column({ type: 'text', default: 'invited' })
  status!: MemberStatus;

  @Column({ name: 'qualification_level', type: 'text', nullable: true })
  qualificationLevel!: QualificationLevel | null;

  @Column({ name: 'certificate_no', type: 'text', nullable: true })
  certificateNo!: string | null;

  @Column({ name: 'qualification_verified_at', type: 'timestamptz', nullable: true })
  qualificationVerifiedAt!: Date | null;

  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true })
  joinedAt!: Date | null;

  /** When the member was removed; staff retention in the score (formula v2) counts from it. */
  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  /** +1 on every write of the membership (its ETag). */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
