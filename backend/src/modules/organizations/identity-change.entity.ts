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
import { inList } from '../../database/in-list.js';
import { Organization } from './organization.entity.js';

export const IDENTITY_CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type IdentityChangeStatus = (typeof IDENTITY_CHANGE_STATUSES)[number];

/**
 * A verified organization's edit of its identity (name, legal representative, credit code, service
 * categories), waiting for its street office: until approved, the organization keeps the verified values
 * everywhere (directory, profile, OCDS, bids). Holds the whole proposed identity, so approval applies it at once.
 */
@Entity('organization_identity_changes')
@Check('organization_identity_changes_status', inList('status', IDENTITY_CHANGE_STATUSES))
// One open change per organization; a new edit updates it.
@Index('organization_identity_changes_one_pending', ['organizationId'], {
  unique: true,
  where: `status = 'pending'`,
})
export class OrganizationIdentityChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'legal_representative', type: 'text' })
  legalRepresentative!: string;

  @Column({ name: 'credit_code', type: 'char', length: 18, nullable: true })
  creditCode!: string | null;

  @Column({ name: 'category_codes', type: 'text', array: true })
  categoryCodes!: string[];

  @Column({ type: 'text', default: 'pending' })
  status!: IdentityChangeStatus;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
