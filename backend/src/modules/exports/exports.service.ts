import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import type { Page } from '../../common/pagination/page.js';
import { JobQueue } from '../../jobs/job-queue.js';
import type { Role } from '../../common/auth/roles.js';
import { DATASETS } from './export-datasets.js';
import { shanghaiToday } from './export-format.js';
import {
  expiredFiles,
  exportById,
  exportsOf,
  forgetFile,
  insertExport,
  lockExportsOf,
  organizationName,
  regionNameAndLevel,
  unfinishedExports,
  unfinishedExportsOf,
  type ExportRow,
} from './exports.sql.js';
import { ExportDto, ExportsQueryDto, RequestExportDto } from './dto/export.dto.js';
import { CONTENT_TYPES } from './sheet-writer.js';

export const STREET_EXPORT_ROLES: readonly Role[] = ['street_officer', 'street_finance', 'street_director'];
export const ORG_EXPORT_ROLES: readonly Role[] = ['org_admin'];
export const EXPORT_ROLES: Role[] = [...STREET_EXPORT_ROLES, ...ORG_EXPORT_ROLES];

/** Attempts of the build job; the last one marks the export failed. */
export const EXPORT_ATTEMPTS = 3;
/** Exports one person may have waiting or running at once. */
export const MAX_UNFINISHED_EXPORTS = 5;

/** Characters a file name may not carry on the common systems. */
const unsafeFileChars = /[\\/:*?"<>|\p{Cc}]/gu;

/**
 * Exports (PRODUCT §8): CSV or XLSX of a street's or an organization's service records,
 * disbursements or scores. The request is checked and queued here; a worker builds the file
 * (ExportBuilder); only the requester downloads it, until it expires.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly storage: FileStorage,
  ) {}

  async request(user: AuthUser, dto: RequestExportDto): Promise<ExportDto> {
    if (Boolean(dto.streetId) === Boolean(dto.organizationId))
      throw new DomainError('validation.failed', 'Give either a street or an organization', {
        field: 'streetId',
      });
    if (dto.from && dto.to && dto.to < dto.from)
      throw new DomainError('validation.failed', 'The range ends before it starts', { field: 'to' });
    const scopeName = await this.requireScope(user, dto.streetId ?? null, dto.organizationId ?? null);
    const lang = dto.lang ?? 'zh-CN';
    const fileName = `${DATASETS[dto.dataset].title[lang]}-${scopeName.replace(unsafeFileChars, '_')}-${shanghaiToday()}.${dto.format}`;

    const id = await this.dataSource.transaction(async (m) => {
      // One person's exports are counted under a lock on their own rows' key, so two requests
      // at once cannot both slip under the limit.
      await lockExportsOf(m, user.id);
      const unfinished = await unfinishedExportsOf(m, user.id);
      if (unfinished >= MAX_UNFINISHED_EXPORTS)
        throw new DomainError(
          'state.conflict',
          `At most ${MAX_UNFINISHED_EXPORTS} exports may wait at once; try again when one is done`,
          { unfinished },
        );
      const exportId = await insertExport(m, {
        requestedBy: user.id,
        dataset: dto.dataset,
        format: dto.format,
        lang,
        streetId: dto.streetId ?? null,
        organizationId: dto.organizationId ?? null,
        from: dto.from ?? null,
        to: dto.to ?? null,
        fileName,
      });
      await this.audit.recordChange(m, user.id, 'export.requested', ['export', exportId], {
        after: {
          dataset: dto.dataset,
          format: dto.format,
          streetId: dto.streetId ?? null,
          organizationId: dto.organizationId ?? null,
          from: dto.from ?? null,
          to: dto.to ?? null,
        },
      });
      return exportId;
    });
    // After the commit, so the worker always finds the row; the job id makes a repeat a no-op.
    await this.jobs.add(
      'export.build',
      { exportId: id },
      { jobId: `export-${id}`, attempts: EXPORT_ATTEMPTS },
    );
    return this.get(user, id);
  }

  /** My exports, newest first, a page at a time. */
  async mine(user: AuthUser, query: ExportsQueryDto): Promise<Page<ExportDto>> {
    const filter = { q: query.q ?? null, oldest: query.sort === 'oldest' };
    const page = await timeKeyedPage(query, (keyset) => exportsOf(this.dataSource, user.id, filter, keyset));
    return { ...page, items: page.items.map(toDto) };
  }

  async get(user: AuthUser, id: string): Promise<ExportDto> {
    return toDto(await this.own(user, id));
  }

  /** The file, to the requester only, while they still hold the scope, once done and until it expires. */
  async download(
    user: AuthUser,
    id: string,
  ): Promise<{ fileName: string; contentType: string; size: number | null; stream: Readable }> {
    const row = await this.own(user, id);
    await this.requireScope(user, row.street_id, row.organization_id);
    if (row.status !== 'done')
      throw new DomainError('state.conflict', 'The export is not ready yet', {
        status: row.status,
        progress: row.progress,
      });
    if (!row.file_key || (row.expires_at && row.expires_at <= new Date()))
      throw new DomainError('export.expired', 'The export has expired; request it again');
    return {
      fileName: row.file_name,
      contentType: CONTENT_TYPES[row.format],
      size: row.file_size,
      stream: await this.storage.getStream(row.file_key),
    };
  }

  /** Deletes the files of expired exports (the rows stay, as the record of who exported what). */
  async removeExpired(now = new Date()): Promise<number> {
    const rows = await expiredFiles(this.dataSource, now);
    for (const row of rows) {
      await this.storage.delete(row.file_key);
      await forgetFile(this.dataSource, row.id);
    }
    return rows.length;
  }

  /** Exports whose job may have been lost (queued while Redis was away): re-ensured at worker start. */
  async ensureQueued(): Promise<number> {
    const rows = await unfinishedExports(this.dataSource);
    for (const { id } of rows) await this.jobs.ensure('export.build', { exportId: id }, `export-${id}`);
    return rows.length;
  }

  /** Someone else's export answers as if it did not exist. */
  private async own(user: AuthUser, id: string): Promise<ExportRow> {
    const row = await exportById(this.dataSource, id);
    if (!row || row.requested_by !== user.id) throw notFound('Export', id);
    return row;
  }

  /** A street's roles for their street, an org admin for their organization; returns the scope's name. */
  private async requireScope(
    user: AuthUser,
    streetId: string | null,
    organizationId: string | null,
  ): Promise<string> {
    if (streetId) {
      await this.access.requireRegion(user, STREET_EXPORT_ROLES, streetId);
      const region = (await regionNameAndLevel(this.dataSource, streetId))!;
      if (region.level !== 'street')
        throw new DomainError('validation.failed', 'Exports cover a whole street', { field: 'streetId' });
      return region.name;
    }
    this.access.requireOrganization(user, ORG_EXPORT_ROLES, organizationId!);
    const name = await organizationName(this.dataSource, organizationId!);
    if (name === undefined) throw notFound('Organization', organizationId!);
    return name;
  }
}

function toDto(row: ExportRow): ExportDto {
  const expired = row.expires_at !== null && row.expires_at <= new Date();
  return {
    id: row.id,
    dataset: row.dataset,
    format: row.format,
    lang: row.lang,
    streetId: row.street_id,
    organizationId: row.organization_id,
    scopeName: row.scope_name,
    from: row.date_from,
    to: row.date_to,
    status: row.status,
    progress: row.progress,
    rowCount: row.row_count,
    fileName: row.file_name,
    fileSize: row.file_size,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    downloadable: row.status === 'done' && row.file_key !== null && !expired,
  };
}
