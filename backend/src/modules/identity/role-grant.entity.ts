import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { Region } from '../regions/region.entity.js';
import { User } from './user.entity.js';
import { ROLES, type Role } from '../../common/auth/roles.js';
import { inList } from '../../database/in-list.js';

/**
 * One role a user is granted, scoped to a region or an organization (platform_admin: to nothing),
 * with who granted it, from when, until when and whether it was revoked. Rows are never deleted:
 * a revocation is the end of the history. The roles in force now are the view `role_memberships`
 * (unrevoked, started, not ended), which every authorization check reads.
 */
@Entity('role_grants')
// A user holds each role at most once per scope among the grants not revoked.
@Index('role_grants_region_unique', ['userId', 'role', 'regionId'], {
  unique: true,
  where: 'region_id IS NOT NULL AND revoked_at IS NULL',
})
@Index('role_grants_org_unique', ['userId', 'role', 'organizationId'], {
  unique: true,
  where: 'organization_id IS NOT NULL AND revoked_at IS NULL',
})
@Index('role_grants_platform_unique', ['userId', 'role'], {
  unique: true,
  where: 'region_id IS NULL AND organization_id IS NULL AND revoked_at IS NULL',
})
@Index('role_grants_region_idx', ['regionId', 'role'])
@Check('role_grants_role', inList('role', ROLES))
@Check('role_grants_one_scope', `num_nonnulls(region_id, organization_id) <= 1`)
@Check(
  'role_grants_period',
  `(ends_at IS NULL OR ends_at > starts_at) AND (revoked_at IS NULL OR revoked_at >= starts_at)`,
)
// Segregation of duties (four eyes on payments): nobody is street finance and street director of
// the same street at any one time. A revoked grant counts until its revocation
// (never before its start: role_grants_period).
@Exclusion(
  'role_grants_finance_director_apart',
  `USING gist (user_id WITH =, region_id WITH =, tstzrange(starts_at, LEAST(ends_at, revoked_at)) WITH &&) WHERE (role IN ('street_finance', 'street_director'))`,
)
export class RoleGrant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('role_grants_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'region_id', type: 'uuid', nullable: true })
  regionId!: string | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region> | null;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  /** Who granted it; null for roles a user takes by their own action (registering an organization, joining one, a resident's verification). */
  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy!: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'granted_by' })
  granter?: Relation<User> | null;

  @Column({ name: 'starts_at', type: 'timestamptz', default: () => 'now()' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy!: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'revoked_by' })
  revoker?: Relation<User> | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
