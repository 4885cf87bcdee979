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
import { Organization } from '../organizations/organization.entity.js';
import { Region } from '../regions/region.entity.js';
import { User } from './user.entity.js';
import { ROLES, type Role } from './roles.js';
import { inList } from '../../database/in-list.js';

/** One role a user holds, scoped to a region or an organization (platform_admin: to nothing). */
@Entity('role_memberships')
// A user holds each role at most once per scope.
@Index('role_memberships_region_unique', ['userId', 'role', 'regionId'], {
  unique: true,
  where: 'region_id IS NOT NULL',
})
@Index('role_memberships_org_unique', ['userId', 'role', 'organizationId'], {
  unique: true,
  where: 'organization_id IS NOT NULL',
})
@Index('role_memberships_platform_unique', ['userId', 'role'], {
  unique: true,
  where: 'region_id IS NULL AND organization_id IS NULL',
})
@Check('role_memberships_role', inList('role', ROLES))
@Check('role_memberships_one_scope', `num_nonnulls(region_id, organization_id) <= 1`)
export class RoleMembership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('role_memberships_user_idx')
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
