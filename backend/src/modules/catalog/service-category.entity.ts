import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';

/**
 * The purchase-of-service catalog (购买服务指导目录), a tree keyed by stable codes. The catalog is
 * versioned: every change by a platform admin is a new version, each entry records the version that
 * added it and the one that retired it. Codes are never reused (the primary key; nothing is
 * deleted), and a retired entry stays readable for the tenders and organizations that name it.
 */
@Entity('service_categories')
export class ServiceCategory {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => ServiceCategory)
  @JoinColumn({ name: 'parent_code' })
  parent?: Relation<ServiceCategory> | null;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh!: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn!: string;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder!: number;

  @Column({ name: 'since_version', type: 'int', default: 1 })
  sinceVersion!: number;

  @Column({ name: 'retired_in_version', type: 'int', nullable: true })
  retiredInVersion!: number | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** +1 on every rename, reorder or retirement of the entry (its ETag; not the catalog's version). */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
