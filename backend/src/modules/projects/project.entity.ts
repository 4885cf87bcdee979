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
import { Contract } from '../contracts/contract.entity.js';
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/** What a contract buys, delivered by a team of the organization's social workers under a lead (PRODUCT §5). */
@Entity('projects')
@Check('projects_status', `status IN ('active', 'completed')`)
export class Project {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('projects_contract_unique', { unique: true })
  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => Contract)
  @JoinColumn({ name: 'contract_id' })
  contract?: Relation<Contract>;

  @Index('projects_org_idx')
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  title!: string;

  /** The project lead approves the team's service records. */
  @Column({ name: 'lead_user_id', type: 'uuid' })
  leadUserId!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'lead_user_id' })
  lead?: Relation<User>;

  @Column({ type: 'text', default: 'active' })
  status!: 'active' | 'completed';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('project_members')
export class ProjectMember {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}
