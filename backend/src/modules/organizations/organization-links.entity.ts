import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { ServiceCategory } from '../catalog/service-category.entity.js';
import { Region } from '../regions/region.entity.js';
import { Organization } from './organization.entity.js';

/** The catalog categories an organization serves. */
@Entity('organization_categories')
@Index('organization_categories_code_idx', ['categoryCode'])
export class OrganizationCategory {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ name: 'category_code', type: 'text' })
  categoryCode!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @ManyToOne(() => ServiceCategory)
  @JoinColumn({ name: 'category_code' })
  category?: Relation<ServiceCategory>;
}

/** The communities an organization serves. */
@Entity('organization_communities')
@Index('organization_communities_community_idx', ['communityId'])
export class OrganizationCommunity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;
}
