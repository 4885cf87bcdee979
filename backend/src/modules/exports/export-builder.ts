import { PassThrough } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { DATASETS } from './export-datasets.js';
import { progressOf } from './export-format.js';
import type { ExportJob } from './export-job.entity.js';
import { sheetWriter } from './sheet-writer.js';

/** How long a finished export stays downloadable. */
export const EXPORT_TTL_DAYS = 7;
/** Rows fetched from the cursor per round trip (and written per batch). */
export const EXPORT_BATCH_SIZE = 500;

export const storageKeyOf = (exportId: string) => `exports/${exportId}`;

interface ClaimedRow {
  id: string;
  requested_by: string;
  dataset: ExportJob['dataset'];
  format: ExportJob['format'];
  lang: ExportJob['lang'];
  street_id: string | null;
  organization_id: string | null;
  date_from: string | null;
  date_to: string | null;
}

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
    // An UPDATE … RETURNING answers [rows, affected count].
    const [[job]]: [ClaimedRow[], number] = await this.dataSource.query(
      `UPDATE export_jobs SET status = 'running', progress = 0, started_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')
        RETURNING id, requested_by, dataset, format, lang, street_id, organization_id,
                  date_from::text AS date_from, date_to::text AS date_to`,
      [exportId],
    );
    if (!job) return 'skipped';
    try {
      const { rows, size } = await this.write(job, options.batchSize ?? EXPORT_BATCH_SIZE);
      await this.dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE export_jobs SET status = 'done', progress = 100, row_count = $2, file_key = $3, file_size = $4,
                  error = NULL, finished_at = now(), expires_at = now() + make_interval(days => $5)
            WHERE id = $1`,
          [job.id, rows, storageKeyOf(job.id), size, EXPORT_TTL_DAYS],
        );
        await this.audit.record(m, {
          actorId: null,
          action: 'export.built',
          entityType: 'export',
          entityId: job.id,
          after: { status: 'done', rowCount: rows, fileSize: size },
        });
      });
      return 'built';
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      this.logger.warn(`export ${job.id} failed${options.finalAttempt ? '' : ' (will retry)'}: ${message}`);
      await this.dataSource.transaction(async (m) => {
        await m.query(
          options.finalAttempt
            ? `UPDATE export_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`
            : `UPDATE export_jobs SET status = 'queued', progress = 0, error = $2 WHERE id = $1`,
          [job.id, message],
        );
        if (options.finalAttempt)
          await this.audit.record(m, {
            actorId: null,
            action: 'export.failed',
            entityType: 'export',
            entityId: job.id,
            after: { status: 'failed', error: message },
          });
      });
      throw err;
    }
  }

  private async write(job: ClaimedRow, batchSize: number): Promise<{ rows: number; size: number }> {
    const dataset = DATASETS[job.dataset];
    const { sql, params } = dataset.query({
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
      await runner.query('SET TRANSACTION READ ONLY');
      const [{ total }]: { total: number }[] = await runner.query(
        `SELECT count(*)::int AS total FROM (${sql}) rows`,
        params,
      );
      await runner.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`, params);
      const writer = sheetWriter(job.format, out, {
        title: dataset.title[job.lang],
        columns: dataset.columns,
        lang: job.lang,
      });
      let written = 0;
      let shown = 0;
      for (;;) {
        const batch: Record<string, unknown>[] = await runner.query(`FETCH ${batchSize} FROM export_rows`);
        if (!batch.length) break;
        await writer.write(batch);
        written += batch.length;
        const progress = progressOf(written, total);
        if (progress > shown) {
          shown = progress;
          await this.dataSource.query(
            `UPDATE export_jobs SET progress = $2 WHERE id = $1 AND status = 'running'`,
            [job.id, progress],
          );
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
