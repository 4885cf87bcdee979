import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';

/** The purchase-of-service catalog (购买服务指导目录), a tree keyed by stable codes. */
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
}
