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
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Region } from '../regions/region.entity.js';
import { inList } from '../../database/in-list.js';

export const EXPORT_DATASETS = ['service_records', 'disbursements', 'scores'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Language of the column headers and of the labels in the cells. */
export const EXPORT_LANGS = ['zh-CN', 'en-US'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** bigint read back as a JS number (file sizes stay far below 2^53). */
const bigintNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * 数据导出: one export of a dataset for a street or an organization, requested by a user and built
 * by a worker into the file storage. Only the requester downloads it, until it expires.
 */
@Entity('export_jobs')
@Check('export_jobs_dataset', inList('dataset', EXPORT_DATASETS))
@Check('export_jobs_format', inList('format', EXPORT_FORMATS))
@Check('export_jobs_lang', inList('lang', EXPORT_LANGS))
@Check('export_jobs_status', inList('status', EXPORT_STATUSES))
@Check('export_jobs_scope', 'num_nonnulls(street_id, organization_id) = 1')
@Check('export_jobs_range', 'date_to IS NULL OR date_from IS NULL OR date_to >= date_from')
@Check('export_jobs_progress', 'progress BETWEEN 0 AND 100')
@Check('export_jobs_done', `status <> 'done' OR (row_count IS NOT NULL AND expires_at IS NOT NULL)`)
@Index('export_jobs_requester_idx', ['requestedBy', 'createdAt'])
export class ExportJob {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'requested_by' })
  requester?: Relation<User>;

  @Column({ type: 'text' })
  dataset!: ExportDataset;

  @Column({ type: 'text' })
  format!: ExportFormat;

  @Column({ type: 'text', default: 'zh-CN' })
  lang!: ExportLang;

  /** The scope: a street, or an organization (exactly one). */
  @Column({ name: 'street_id', type: 'uuid', nullable: true })
  streetId!: string | null;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'street_id' })
  street?: Relation<Region> | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  /** Inclusive dates, China Standard Time; null = unbounded. */
  @Column({ name: 'date_from', type: 'date', nullable: true })
  dateFrom!: string | null;

  @Column({ name: 'date_to', type: 'date', nullable: true })
  dateTo!: string | null;

  @Column({ type: 'text', default: 'queued' })
  status!: ExportStatus;

  @Column({ type: 'int', default: 0 })
  progress!: number;

  @Column({ name: 'row_count', type: 'int', nullable: true })
  rowCount!: number | null;

  /** The name the download is offered under (chosen at request time, never used as a storage key). */
  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'file_key', type: 'text', nullable: true })
  fileKey!: string | null;

  @Column({ name: 'file_size', type: 'bigint', nullable: true, transformer: bigintNumber })
  fileSize!: number | null;

  /** Why the last attempt failed (kept while a retry is queued, final once failed). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** After this the file is no longer offered, and the cleanup removes it. */
  @Index('export_jobs_expires_idx')
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
