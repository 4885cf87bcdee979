import { cursorTime } from '../../common/database/keyset.js';
import { changedRows, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import type { RateDto, RatingDto } from './dto/rating.dto.js';

export type Moderation = RatingDto['moderation'];

/** The comment is shown only while visible, unless $2 (its author, a moderator); the scores always count. */
const RATING_COLUMNS = `ra.id, ra.record_id AS "recordId", ra.attitude, ra.professionalism, ra.effect,
    CASE WHEN ra.moderation = 'visible' OR $2 THEN ra.comment END AS comment, ra.moderation, ra.org_reply AS "orgReply",
    ra.created_at AS "createdAt", ra.updated_at AS "updatedAt", ra.version`;

export const ratingById = (db: Queryable, id: string, showComment: boolean) =>
  selectOne<RatingDto>(db, `SELECT ${RATING_COLUMNS} FROM ratings ra WHERE ra.id = $1`, [id, showComment]);

export const ratingsOfRecord = (db: Queryable, recordId: string) =>
  selectRows<RatingDto>(
    db,
    `SELECT ${RATING_COLUMNS} FROM ratings ra WHERE ra.record_id = $1 ORDER BY ra.created_at`,
    [recordId, false],
  );

/** The ratings the resident gave of these records, their comments included (they are their author). */
export const ratingsGivenBy = (db: Queryable, residentId: string, recordIds: string[]) =>
  selectRows<RatingDto>(
    db,
    `SELECT ${RATING_COLUMNS} FROM ratings ra WHERE ra.record_id = ANY($1::uuid[]) AND ra.resident_user_id = $3`,
    [recordIds, true, residentId],
  );

export type KeyedRating = RatingDto & { k: string };

/**
 * A page of the reported comments of a community's records, longest waiting first (moderators
 * see the comment), after the position (last change `k`, id) when given.
 */
export const reportedInCommunity = (
  db: Queryable,
  communityId: string,
  page: { after: [string, string] | null; limit: number },
) =>
  selectRows<KeyedRating>(
    db,
    `SELECT ${RATING_COLUMNS}, ${cursorTime('ra.updated_at')} AS k
       FROM ratings ra JOIN service_records r ON r.id = ra.record_id
      WHERE r.community_id = $1 AND ra.moderation = 'reported'
        AND ($3::timestamptz IS NULL OR (ra.updated_at, ra.id) > ($3::timestamptz, $4::uuid))
      ORDER BY ra.updated_at, ra.id LIMIT $5`,
    [communityId, true, ...(page.after ?? [null, null]), page.limit],
  );

/** Where a service record sits (its community, the organization that delivered it), and whether the user is listed on it. */
export interface RecordScope {
  community_id: string;
  organization_id: string;
  listed: boolean;
}

export const recordScope = (db: Queryable, recordId: string, userId: string) =>
  selectOne<RecordScope>(
    db,
    `SELECT r.community_id, p.organization_id,
            EXISTS (SELECT 1 FROM record_beneficiaries b WHERE b.record_id = r.id AND b.resident_user_id = $2) AS listed
       FROM service_records r JOIN projects p ON p.id = r.project_id WHERE r.id = $1`,
    [recordId, userId],
  );

/** A rating, locked, with what decides who may change it. */
export interface LockedRating {
  record_id: string;
  resident_user_id: string;
  moderation: Moderation;
  version: number;
  /** Still inside the days its author may edit it. */
  editable: boolean;
  community_id: string;
  organization_id: string;
}

export const lockRating = (db: Queryable, id: string, editDays: number) =>
  selectOne<LockedRating>(
    db,
    `SELECT ra.record_id, ra.resident_user_id, ra.moderation, ra.version, ra.created_at > now() - make_interval(days => $2) AS editable,
            r.community_id, p.organization_id
       FROM ratings ra JOIN service_records r ON r.id = ra.record_id JOIN projects p ON p.id = r.project_id
      WHERE ra.id = $1 FOR UPDATE OF ra`,
    [id, editDays],
  );

/** The new rating's id, or undefined when the resident rated the record already (the unique index decides). */
export async function insertRating(
  db: Queryable,
  recordId: string,
  residentId: string,
  dto: RateDto,
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO ratings (record_id, resident_user_id, attitude, professionalism, effect, comment) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (record_id, resident_user_id) DO NOTHING RETURNING id`,
    [recordId, residentId, dto.attitude, dto.professionalism, dto.effect, dto.comment ?? ''],
  );
  return row?.id;
}

export const setScores = (db: Queryable, id: string, dto: RateDto) =>
  changedRows(
    db,
    `UPDATE ratings SET attitude = $2, professionalism = $3, effect = $4, comment = $5, updated_at = now(), version = version + 1 WHERE id = $1`,
    [id, dto.attitude, dto.professionalism, dto.effect, dto.comment ?? ''],
  );

export const setModeration = (db: Queryable, id: string, moderation: Moderation) =>
  changedRows(db, `UPDATE ratings SET moderation = $2, version = version + 1 WHERE id = $1`, [
    id,
    moderation,
  ]);

export const setReply = (db: Queryable, id: string, reply: string) =>
  changedRows(db, `UPDATE ratings SET org_reply = $2, version = version + 1 WHERE id = $1`, [id, reply]);

/** How many live services list the resident and have no rating of theirs yet. */
export const countUnrated = async (db: Queryable, residentId: string) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM record_beneficiaries b JOIN service_records r ON r.id = b.record_id
      WHERE b.resident_user_id = $1 AND r.status IN ('submitted', 'approved')
        AND NOT EXISTS (SELECT 1 FROM ratings ra WHERE ra.record_id = r.id AND ra.resident_user_id = $1)`,
    [residentId],
  ))!.count;

/** How many reported comments wait for a decision in these communities. */
export const countReported = async (db: Queryable, communityIds: string[]) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM ratings ra JOIN service_records r ON r.id = ra.record_id
      WHERE r.community_id = ANY($1::uuid[]) AND ra.moderation = 'reported'`,
    [communityIds],
  ))!.count;
