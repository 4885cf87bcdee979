import { cursorTime, newestFirst, oldestFirst } from '../../common/database/keyset.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import { changedRows, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import type { CorrectionDto, ServiceRecordDto } from './dto/service-record.dto.js';

/** Hours are a fraction (float8); the beneficiaries come with their answers. */
const RECORD_COLUMNS = `r.id, r.project_id AS "projectId", p.title AS "projectTitle", r.worker_user_id AS "workerUserId", w.display_name AS "workerName",
    r.activity_type AS "activityType", r.community_id AS "communityId", r.started_at AS "startedAt", r.ended_at AS "endedAt",
    round((extract(epoch FROM r.ended_at - r.started_at) / 3600)::numeric, 2)::float8 AS hours, r.anonymous_count AS "anonymousCount",
    r.location, r.notes, r.status, r.decision_reason AS "decisionReason", r.corrects_record_id AS "correctsRecordId", r.created_at AS "createdAt",
    coalesce((SELECT json_agg(json_build_object('userId', b.resident_user_id, 'displayName', u.display_name, 'response', b.response,
              'disputeReason', b.dispute_reason) ORDER BY u.display_name)
       FROM record_beneficiaries b JOIN users u ON u.id = b.resident_user_id WHERE b.record_id = r.id), '[]') AS beneficiaries,
    ev.documents, ev."documentCount", ev."photoCount"`;
/** The record's evidence (attached documents are clean: only clean ones can be attached). */
const EVIDENCE = `LEFT JOIN LATERAL (
      SELECT coalesce(json_agg(json_build_object('id', d.id, 'fileName', d.file_name, 'contentType', d.content_type, 'size', d.size,
                'hasThumbnail', d.thumbnail_key IS NOT NULL AND d.status = 'clean') ORDER BY l.linked_at, d.id), '[]') AS documents,
             count(*)::int AS "documentCount", (count(*) FILTER (WHERE d.content_type LIKE 'image/%'))::int AS "photoCount"
        FROM document_links l JOIN documents d ON d.id = l.document_id
       WHERE l.subject_type = 'service_record' AND l.subject_id = r.id) ev ON true`;
const RECORD_FROM = `FROM service_records r JOIN projects p ON p.id = r.project_id JOIN users w ON w.id = r.worker_user_id ${EVIDENCE}`;
/** A page's select: the record and its keyset position (start time as `k`, id). */
const KEYED_SELECT = `SELECT ${RECORD_COLUMNS}, ${cursorTime('r.started_at')} AS k ${RECORD_FROM}`;
/** Newest service first, after the position ($a, $a+1) when $a is given. */
const AFTER = (a: number) => newestFirst('r.started_at', 'r.id', a);

export type KeyedRecord = ServiceRecordDto & { k: string };

/** Where a page starts (after this start time and id; null: the first page) and how many rows it reads. */
export interface PageRead {
  after: [string, string] | null;
  limit: number;
}

export const recordById = (db: Queryable, id: string) =>
  selectOne<ServiceRecordDto>(db, `SELECT ${RECORD_COLUMNS} ${RECORD_FROM} WHERE r.id = $1`, [id]);

/** A page of a project's records, newest (or oldest) first; `workerId` limits them to one worker's, `q` searches them. */
export const recordsOfProject = (
  db: Queryable,
  projectId: string,
  filter: { status: string | null; workerId: string | null; q: string | null; oldestFirst: boolean },
  page: PageRead,
) =>
  selectRows<KeyedRecord>(
    db,
    `${KEYED_SELECT} WHERE r.project_id = $1 AND ($2::text IS NULL OR r.status = $2) AND ($3::uuid IS NULL OR r.worker_user_id = $3)
        AND ($7::text IS NULL OR w.display_name ILIKE $7 OR r.location ILIKE $7 OR r.notes ILIKE $7
             OR EXISTS (SELECT 1 FROM record_beneficiaries b JOIN users u ON u.id = b.resident_user_id
                         WHERE b.record_id = r.id AND u.display_name ILIKE $7))
        AND ${filter.oldestFirst ? oldestFirst('r.started_at', 'r.id', 4) : AFTER(4)}`,
    [
      projectId,
      filter.status,
      filter.workerId,
      ...(page.after ?? [null, null]),
      page.limit,
      filter.q ? `%${likeEscape(filter.q)}%` : null,
    ],
  );

/** A page of the live records that list the resident as a beneficiary, newest first; `q` searches them. */
export const recordsOfBeneficiary = (db: Queryable, residentId: string, q: string | null, page: PageRead) =>
  selectRows<KeyedRecord>(
    db,
    `${KEYED_SELECT} WHERE r.status IN ('submitted', 'approved')
        AND EXISTS (SELECT 1 FROM record_beneficiaries b WHERE b.record_id = r.id AND b.resident_user_id = $1)
        AND ($5::text IS NULL OR p.title ILIKE $5 OR w.display_name ILIKE $5 OR r.location ILIKE $5 OR r.notes ILIKE $5)
        AND ${AFTER(2)}`,
    [residentId, ...(page.after ?? [null, null]), page.limit, q ? `%${likeEscape(q)}%` : null],
  );

/** Who a record belongs to, and whether `userId` is a beneficiary listed on it while it is live. */
export const recordReaders = (db: Queryable, id: string, userId: string) =>
  selectOne<{ projectId: string; workerUserId: string; liveListing: boolean }>(
    db,
    `SELECT r.project_id AS "projectId", r.worker_user_id AS "workerUserId",
            r.status IN ('submitted', 'approved') AND EXISTS (
              SELECT 1 FROM record_beneficiaries b WHERE b.record_id = r.id AND b.resident_user_id = $2) AS "liveListing"
       FROM service_records r WHERE r.id = $1`,
    [id, userId],
  );

export interface LockedRecord {
  project_id: string;
  worker_user_id: string;
  status: string;
}

export const lockRecord = (db: Queryable, id: string) =>
  selectOne<LockedRecord>(
    db,
    `SELECT project_id, worker_user_id, status FROM service_records WHERE id = $1 FOR UPDATE`,
    [id],
  );

/** The lead's decision, or a correction's reversal ('reversed', decided by nobody). */
export const setRecordStatus = (
  db: Queryable,
  id: string,
  status: 'approved' | 'rejected' | 'reversed',
  reason: string | null,
  decidedBy: string | null,
) =>
  changedRows(
    db,
    `UPDATE service_records SET status = $2, decision_reason = $3, decided_by = coalesce($4, decided_by) WHERE id = $1`,
    [id, status, reason, decidedBy],
  );

/**
 * The record's status as seen by one resident listed on it, locking their line when `lock`
 * (undefined when the resident is not listed: the record does not exist for them).
 */
export const beneficiaryLine = (db: Queryable, recordId: string, residentId: string, lock = false) =>
  selectOne<{ status: string; response: string }>(
    db,
    `SELECT r.status, b.response FROM record_beneficiaries b JOIN service_records r ON r.id = b.record_id
      WHERE b.record_id = $1 AND b.resident_user_id = $2${lock ? ' FOR UPDATE OF b' : ''}`,
    [recordId, residentId],
  );

export const setResponse = (
  db: Queryable,
  recordId: string,
  residentId: string,
  response: 'confirmed' | 'disputed',
  disputeReason: string | null,
) =>
  changedRows(
    db,
    `UPDATE record_beneficiaries SET response = $3, dispute_reason = $4, responded_at = now() WHERE record_id = $1 AND resident_user_id = $2`,
    [recordId, residentId, response, disputeReason],
  );

/** Whether the project serves the community, and how many of the users are its residents. */
export async function checkCommunity(
  db: Queryable,
  projectId: string,
  communityId: string,
  userIds: string[],
): Promise<{ community_ok: boolean; residents: number }> {
  const [row] = await selectRows<{ community_ok: boolean; residents: number }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM projects p JOIN contracts c ON c.id = p.contract_id
                      LEFT JOIN tender_communities tc ON tc.tender_id = c.tender_id
                     WHERE p.id = $1 AND (c.tender_id IS NULL OR tc.community_id = $2)) AS community_ok,
            (SELECT count(DISTINCT user_id)::int FROM role_memberships WHERE role = 'resident' AND region_id = $2 AND user_id = ANY($3::uuid[])) AS residents`,
    [projectId, communityId, userIds],
  );
  return row;
}

export type RecordContent = Omit<CorrectionDto, 'reason'>;

/**
 * Inserts a record and its beneficiaries under a savepoint, so that a constraint violation (an
 * overlap, a period out of bounds) leaves the surrounding transaction usable.
 */
export async function insertRecord(
  db: Queryable,
  workerUserId: string,
  projectId: string,
  dto: RecordContent,
  corrects: string | null,
): Promise<string> {
  await db.query('SAVEPOINT log_record');
  const [{ id }] = await selectRows<{ id: string }>(
    db,
    `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, anonymous_count, location, notes, corrects_record_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      projectId,
      workerUserId,
      dto.activityType,
      dto.communityId,
      dto.startedAt,
      dto.endedAt,
      dto.anonymousCount,
      dto.location ?? '',
      dto.notes ?? '',
      corrects,
    ],
  );
  await db.query('RELEASE SAVEPOINT log_record');
  await selectRows(
    db,
    `INSERT INTO record_beneficiaries (record_id, resident_user_id) SELECT $1, unnest($2::uuid[])`,
    [id, dto.beneficiaryUserIds],
  );
  return id;
}

/** How many submitted records wait for the lead of their project (the lead's approvals). */
export const countAwaitingLead = async (db: Queryable, leadUserId: string) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM service_records r JOIN projects p ON p.id = r.project_id
      WHERE r.status = 'submitted' AND p.lead_user_id = $1`,
    [leadUserId],
  ))!.count;
