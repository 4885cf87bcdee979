import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Milestone } from '../contracts/contract.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { User } from '../identity/user.entity.js';

/**
 * 验收评价: the community staff's rating of a project at a milestone's acceptance (PRODUCT §5),
 * one per milestone, given by the person who accepted it.
 */
@Entity('acceptance_ratings')
@Check(
  'acceptance_ratings_scores',
  'quality BETWEEN 1 AND 5 AND timeliness BETWEEN 1 AND 5 AND cooperation BETWEEN 1 AND 5',
)
@Check('acceptance_ratings_comment', 'char_length(comment) <= 1000')
@Index('acceptance_ratings_organization', ['organizationId', 'createdAt'])
export class AcceptanceRating {
  @PrimaryColumn({ name: 'milestone_id', type: 'uuid' })
  milestoneId!: string;

  @ManyToOne(() => Milestone)
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Relation<Milestone>;

  /** The rated organization (the contract's), kept here so scoring reads one table. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'rated_by', type: 'uuid' })
  ratedBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'rated_by' })
  rater?: Relation<User>;

  @Column({ type: 'smallint' }) quality!: number;
  @Column({ type: 'smallint' }) timeliness!: number;
  @Column({ type: 'smallint' }) cooperation!: number;

  @Column({ type: 'text', default: '' })
  comment!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
