import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { ServiceCategory } from '../catalog/service-category.entity.js';
import { RoleGrant } from '../identity/role-grant.entity.js';
import { User } from '../identity/user.entity.js';
import { Tender } from '../tenders/tender.entity.js';

/**
 * The categories an evaluator grant covers. The evaluator pool (专家库) of a street is its live
 * evaluator grants (on the street or its district) with their categories; a category also covers
 * the entries below it in the catalog.
 */
@Entity('evaluator_categories')
export class EvaluatorCategory {
  @PrimaryColumn({ name: 'grant_id', type: 'uuid' })
  grantId!: string;

  @PrimaryColumn({ name: 'category_code', type: 'text' })
  categoryCode!: string;

  @ManyToOne(() => RoleGrant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'grant_id' })
  grant?: Relation<RoleGrant>;

  @ManyToOne(() => ServiceCategory)
  @JoinColumn({ name: 'category_code' })
  category?: Relation<ServiceCategory>;
}

/**
 * One random draw (随机抽取) of a tender's panel: the seed, the eligible candidates in the order
 * the draw used them and who was drawn, so that anyone can re-run `drawPanel` and get the same
 * result. The first draw forms the panel; every later one replaces members and carries a reason.
 */
@Entity('panel_draws')
@Unique('panel_draws_tender_seq', ['tenderId', 'seq'])
export class PanelDraw {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender>;

  @Column({ type: 'int' })
  seq!: number;

  /** Hex of 32 random bytes. */
  @Column({ type: 'text' })
  seed!: string;

  @Column({ type: 'uuid', array: true })
  candidates!: string[];

  @Column({ type: 'uuid', array: true })
  drawn!: string[];

  /** Members this draw replaced (empty for the first draw). */
  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  replaced!: string[];

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'drawn_by', type: 'uuid' })
  drawnBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'drawn_by' })
  drawer?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A conflict of interest an evaluator declared on a tender's panel (before scoring): it took them
 * off the panel, and the seat stays open until a redraw names them among the members it replaces.
 * Whoever declared one is never drawn for that tender again.
 */
@Entity('panel_conflicts')
export class PanelConflict {
  @PrimaryColumn({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender?: Relation<Tender>;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' })
  declaredAt!: Date;
}
