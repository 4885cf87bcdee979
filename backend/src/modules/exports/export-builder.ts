import { PassThrough } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { DATASETS, statementOf } from './export-datasets.js';
import { progressOf } from './export-format.js';
import {
  beginSnapshot,
  claimExport,
  countRows,
  declareCursor,
  failExportAttempt,
  fetchBatch,
  finishExport,
  saveProgress,
  type ClaimedExport,
} from './exports.sql.js';
import { sheetWriter } from './sheet-writer.js';

/** How long a finished export stays downloadable. */
export const EXPORT_TTL_DAYS = 7;
/** Rows fetched from the cursor per round trip (and written per batch). */
export const EXPORT_BATCH_SIZE = 500;

export const storageKeyOf = (exportId: string) => `exports/${exportId}`;

/**
 * Builds an export's file (the worker's half of exports). Rows stream from a server-side cursor
 * inside one REPEATABLE READ, READ ONLY transaction: the count and the rows come from the same
 * snapshot, and only one batch is ever in memory. Progress is written as batches go; the file is
 * stored whole or not at all. Idempotent: a finished or failed export is left alone, a retried one
 * starts over.
 */
@Injectable()
export class ExportBuilder {
  private readonly logger = new Logger(ExportBuilder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  async build(
    exportId: string,
    options: { finalAttempt: boolean; batchSize?: number },
  ): Promise<'built' | 'skipped'> {
    const job = await claimExport(this.dataSource, exportId);
    if (!job) return 'skipped';
    try {
      const { rows, size } = await this.write(job, options.batchSize ?? EXPORT_BATCH_SIZE);
      await this.dataSource.transaction(async (m) => {
        await finishExport(m, job.id, {
          rows,
          fileKey: storageKeyOf(job.id),
          size,
          ttlDays: EXPORT_TTL_DAYS,
        });
        await this.audit.recordChange(m, null, 'export.built', ['export', job.id], {
          after: { status: 'done', rowCount: rows, fileSize: size },
        });
      });
      return 'built';
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      this.logger.warn(`export ${job.id} failed${options.finalAttempt ? '' : ' (will retry)'}: ${message}`);
      await this.dataSource.transaction(async (m) => {
        await failExportAttempt(m, job.id, message, options.finalAttempt);
        if (options.finalAttempt)
          await this.audit.recordChange(m, null, 'export.failed', ['export', job.id], {
            after: { status: 'failed', error: message },
          });
      });
      throw err;
    }
  }

  private async write(job: ClaimedExport, batchSize: number): Promise<{ rows: number; size: number }> {
    const dataset = DATASETS[job.dataset];
    const { sql, params } = statementOf(dataset, {
      streetId: job.street_id,
      organizationId: job.organization_id,
      dateFrom: job.date_from,
      dateTo: job.date_to,
    });
    const out = new PassThrough();
    const stored = this.storage.putStream(storageKeyOf(job.id), out);
    stored.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await beginSnapshot(runner);
      const total = await countRows(runner, sql, params);
      await declareCursor(runner, sql, params);
      const writer = sheetWriter(job.format, out, {
        title: dataset.title[job.lang],
        columns: dataset.columns,
        lang: job.lang,
      });
      let written = 0;
      let shown = 0;
      for (;;) {
        const batch = await fetchBatch(runner, batchSize);
        if (!batch.length) break;
        await writer.write(batch);
        written += batch.length;
        const progress = progressOf(written, total);
        if (progress > shown) {
          shown = progress;
          await saveProgress(this.dataSource, job.id, progress);
        }
      }
      await writer.end();
      const size = await stored;
      return { rows: written, size };
    } catch (err) {
      out.destroy(err instanceof Error ? err : new Error(String(err)));
      await stored.catch(() => undefined);
      throw err;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
