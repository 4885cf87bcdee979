import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Region } from '../regions/region.entity.js';

export const ORGANIZATION_STATUSES = ['pending', 'verified', 'suspended', 'deregistered'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

/** A social organization (社会组织). The registry issue extends it; role memberships point at it. */
@Entity('organizations')
@Check('organizations_status', `status IN (${ORGANIZATION_STATUSES.map((s) => `'${s}'`).join(', ')})`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** 统一社会信用代码; null for filed-only (备案) community groups. */
  @Column({ name: 'credit_code', type: 'char', length: 18, nullable: true, unique: true })
  creditCode!: string | null;

  @Column({ name: 'home_street_id', type: 'uuid' })
  homeStreetId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'home_street_id' })
  homeStreet?: Relation<Region>;

  @Column({ type: 'text', default: 'pending' })
  status!: OrganizationStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
