import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';

export const REGION_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** The level a region's parent must have (a district has none). */
export const PARENT_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  district: null,
  street: 'district',
  community: 'street',
  grid: 'community',
};

/**
 * district → street → community → grid. `path` is the chain of ids from the root, each
 * followed by '/', so "is X inside Y" is a prefix test that one index answers.
 */
@Entity('regions')
// Live siblings have distinct names, so an import row names its parent by the names above it.
@Index('regions_sibling_name_unique', ['parentId', 'name'], { unique: true, where: 'retired_at IS NULL' })
// …and so do live districts (no parent: the index above does not see them).
@Index('regions_district_name_unique', ['name'], {
  unique: true,
  where: 'parent_id IS NULL AND retired_at IS NULL',
})
@Check('regions_level', `level IN (${REGION_LEVELS.map((l) => `'${l}'`).join(', ')})`)
export class Region {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  level!: RegionLevel;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Region> | null;

  @Index('regions_path_idx')
  @Column({ type: 'text', collation: 'C' })
  path!: string;

  /** Set when retired: nothing new may be placed in it; what refers to it keeps working. Never deleted. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** +1 on every rename, move or retirement (its ETag). */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
