import { cursorTime, newestFirst, oldestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import { changedRows, selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type {
  ExportDataset,
  ExportFormat,
  ExportJob,
  ExportLang,
  ExportStatus,
} from './export-job.entity.js';

/** Every statement of exports: the export_jobs rows, and the build's cursor over a dataset. */

export interface ExportRow {
  id: string;
  requested_by: string;
  dataset: ExportDataset;
  format: ExportFormat;
  lang: ExportLang;
  street_id: string | null;
  organization_id: string | null;
  scope_name: string;
  date_from: string | null;
  date_to: string | null;
  status: ExportStatus;
  progress: number;
  row_count: number | null;
  file_name: string;
  file_key: string | null;
  file_size: number | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  expires_at: Date | null;
}

const SELECT = `SELECT e.id, e.requested_by, e.dataset, e.format, e.lang, e.street_id, e.organization_id,
                       COALESCE(r.name, o.name) AS scope_name, e.date_from::text AS date_from, e.date_to::text AS date_to,
                       e.status, e.progress, e.row_count, e.file_name, e.file_key, e.file_size, e.error,
                       e.created_at, e.started_at, e.finished_at, e.expires_at
                  FROM export_jobs e
                  LEFT JOIN regions r ON r.id = e.street_id
                  LEFT JOIN organizations o ON o.id = e.organization_id`;

export const exportById = (db: Queryable, id: string) =>
  selectOne<ExportRow>(db, `${SELECT} WHERE e.id = $1`, [id]);

/**
 * A page of a person's exports by creation time, newest (or oldest) first, those whose file name
 * or scope holds `q` only when given.
 */
export const exportsOf = (
  db: Queryable,
  userId: string,
  filter: { q: string | null; oldest: boolean },
  page: TimeKeyset,
) =>
  selectRows<ExportRow & { k: string }>(
    db,
    `${SELECT.replace('SELECT ', `SELECT ${cursorTime('e.created_at')} AS k, `)}
      WHERE e.requested_by = $1 AND ($2::text IS NULL OR e.file_name || ' ' || COALESCE(r.name, o.name, '') ILIKE $2)
        AND ${(filter.oldest ? oldestFirst : newestFirst)('e.created_at', 'e.id', 3)}`,
    [userId, filter.q ? `%${likeEscape(filter.q)}%` : null, ...(page.after ?? [null, null]), page.limit],
  );

/** One person's exports are counted under a lock on their own key, so two requests cannot both slip under the limit. */
export const lockExportsOf = (db: Queryable, userId: string) =>
  db.query(`SELECT pg_advisory_xact_lock(hashtext('export_jobs:' || $1))`, [userId]);

export const unfinishedExportsOf = async (db: Queryable, userId: string) =>
  (await selectOne<{ unfinished: number }>(
    db,
    `SELECT count(*)::int AS unfinished FROM export_jobs WHERE requested_by = $1 AND status IN ('queued', 'running')`,
    [userId],
  ))!.unfinished;

export const insertExport = async (
  db: Queryable,
  e: {
    requestedBy: string;
    dataset: ExportDataset;
    format: ExportFormat;
    lang: ExportLang;
    streetId: string | null;
    organizationId: string | null;
    from: string | null;
    to: string | null;
    fileName: string;
  },
) =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO export_jobs (requested_by, dataset, format, lang, street_id, organization_id, date_from, date_to, file_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [e.requestedBy, e.dataset, e.format, e.lang, e.streetId, e.organizationId, e.from, e.to, e.fileName],
  ))!.id;

export const expiredFiles = (db: Queryable, now: Date) =>
  selectRows<{ id: string; file_key: string }>(
    db,
    `SELECT id, file_key FROM export_jobs WHERE file_key IS NOT NULL AND expires_at <= $1 ORDER BY expires_at LIMIT 1000`,
    [now],
  );

export const forgetFile = (db: Queryable, id: string) =>
  db.query(`UPDATE export_jobs SET file_key = NULL WHERE id = $1`, [id]);

/** Exports waiting or running (whose job may have been lost). */
export const unfinishedExports = (db: Queryable) =>
  selectRows<{ id: string }>(db, `SELECT id FROM export_jobs WHERE status IN ('queued', 'running')`);

export const regionNameAndLevel = (db: Queryable, regionId: string) =>
  selectOne<{ name: string; level: string }>(db, `SELECT name, level FROM regions WHERE id = $1`, [regionId]);

export const organizationName = async (db: Queryable, organizationId: string) =>
  (await selectOne<{ name: string }>(db, `SELECT name FROM organizations WHERE id = $1`, [organizationId]))
    ?.name;

/** An export the build claims: queued (or running, for a retry), now running from 0. */
export interface ClaimedExport {
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

export const claimExport = async (db: Queryable, exportId: string) =>
  (
    await changedRows<ClaimedExport>(
      db,
      `UPDATE export_jobs SET status = 'running', progress = 0, started_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')
        RETURNING id, requested_by, dataset, format, lang, street_id, organization_id,
                  date_from::text AS date_from, date_to::text AS date_to`,
      [exportId],
    )
  )[0] as ClaimedExport | undefined;

export const finishExport = (
  db: Queryable,
  id: string,
  f: { rows: number; fileKey: string; size: number; ttlDays: number },
) =>
  db.query(
    `UPDATE export_jobs SET status = 'done', progress = 100, row_count = $2, file_key = $3, file_size = $4,
            error = NULL, finished_at = now(), expires_at = now() + make_interval(days => $5)
      WHERE id = $1`,
    [id, f.rows, f.fileKey, f.size, f.ttlDays],
  );

/** A failed attempt: the last one marks the export failed, an earlier one puts it back in the queue. */
export const failExportAttempt = (db: Queryable, id: string, message: string, final: boolean) =>
  db.query(
    final
      ? `UPDATE export_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`
      : `UPDATE export_jobs SET status = 'queued', progress = 0, error = $2 WHERE id = $1`,
    [id, message],
  );

export const saveProgress = (db: Queryable, id: string, progress: number) =>
  db.query(`UPDATE export_jobs SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, progress]);

/** The build's read-only snapshot: the count and the rows of the dataset come from the same one. */
export const beginSnapshot = (db: Queryable) => db.query('SET TRANSACTION READ ONLY');

export const countRows = async (db: Queryable, sql: string, params: unknown[]) =>
  (await selectOne<{ total: number }>(db, `SELECT count(*)::int AS total FROM (${sql}) rows`, params))!.total;

export const declareCursor = (db: Queryable, sql: string, params: unknown[]) =>
  db.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`, params);

export const fetchBatch = (db: Queryable, size: number) =>
  selectRows<Record<string, unknown>>(db, `FETCH ${Math.trunc(size)} FROM export_rows`);
