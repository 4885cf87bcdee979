import { cursorTime, newestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import type { Queryable } from '../../common/database/queryable.js';
import { changedRows, insertedOnce, selectOne, selectRows } from '../../common/database/queryable.js';
import type { AdmissionItemDto, CommunityTaskDto, NeedDto } from './dto/needs.dto.js';

/** $1 = the viewer (for "upvoted by me"). */
const NEED_COLUMNS = `n.id, n.community_id AS "communityId", c.name AS "communityName", n.category_code AS "categoryCode",
    n.title, n.text, n.status, n.triage_reason AS "triageReason", n.tender_id AS "tenderId", n.upvotes,
    EXISTS (SELECT 1 FROM need_upvotes v WHERE v.need_id = n.id AND v.user_id = $1) AS "upvotedByMe", n.created_at AS "createdAt",
    (SELECT cn.consultation_id FROM consultation_needs cn WHERE cn.need_id = n.id) AS "sourceConsultationId"`;
const NEED_FROM = `FROM needs n JOIN regions c ON c.id = n.community_id`;

const TASK_COLUMNS = `id, community_id AS "communityId", code, title, status, refusal_reason AS "refusalReason", created_at AS "createdAt"`;

export interface NewNeed {
  communityId: string;
  categoryCode: string;
  title: string;
  text: string;
  postedBy: string;
}

export async function insertNeed(db: Queryable, need: NewNeed): Promise<string> {
  const [{ id }] = await selectRows<{ id: string }>(
    db,
    `INSERT INTO needs (community_id, category_code, title, text, posted_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [need.communityId, need.categoryCode, need.title, need.text, need.postedBy],
  );
  return id;
}

export const needById = (db: Queryable, id: string, viewerId: string) =>
  selectOne<NeedDto>(db, `SELECT ${NEED_COLUMNS} ${NEED_FROM} WHERE n.id = $2`, [viewerId, id]);

/** A need with its keyset position on the board: upvotes, creation time (`k`), id. */
export type KeyedNeed = NeedDto & { k: string };

/**
 * A page of a community's board, most upvoted first (then newest), after the position `after`
 * when given; `limit` rows at most.
 */
export const needsOfCommunity = (
  db: Queryable,
  viewerId: string,
  communityId: string,
  options: { status: string | null; after: [number, string, string] | null; limit: number },
) =>
  selectRows<KeyedNeed>(
    db,
    `SELECT ${NEED_COLUMNS}, ${cursorTime('n.created_at')} AS k ${NEED_FROM}
      WHERE n.community_id = $2 AND ($3::text IS NULL OR n.status = $3)
        AND ($4::int IS NULL OR (n.upvotes, n.created_at, n.id) < ($4::int, $5::timestamptz, $6::uuid))
      ORDER BY n.upvotes DESC, n.created_at DESC, n.id DESC LIMIT $7`,
    [viewerId, communityId, options.status, ...(options.after ?? [null, null, null]), options.limit],
  );

export interface LockedNeed {
  community_id: string;
  status: string;
}

export const lockNeed = (db: Queryable, id: string) =>
  selectOne<LockedNeed>(db, `SELECT community_id, status FROM needs WHERE id = $1 FOR UPDATE`, [id]);

/** Records one resident's vote; false when they had voted already (the primary key decides). */
export async function addUpvote(db: Queryable, needId: string, userId: string): Promise<boolean> {
  const added = await insertedOnce(
    db,
    `INSERT INTO need_upvotes (need_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING need_id`,
    [needId, userId],
  );
  if (added) await changedRows(db, `UPDATE needs SET upvotes = upvotes + 1 WHERE id = $1`, [needId]);
  return added;
}

export const setTriage = (db: Queryable, needId: string, status: string, reason: string | null) =>
  changedRows(db, `UPDATE needs SET status = $2, triage_reason = $3 WHERE id = $1`, [needId, status, reason]);

/** The given needs, locked, with the street of their community. */
export const lockNeedsWithStreet = (db: Queryable, ids: string[]) =>
  selectRows<{ id: string; status: string; street_id: string }>(
    db,
    `SELECT n.id, n.status, c.parent_id AS street_id FROM needs n JOIN regions c ON c.id = n.community_id WHERE n.id = ANY($1::uuid[]) FOR UPDATE OF n`,
    [ids],
  );

export const markAddressed = (db: Queryable, ids: string[], tenderId: string) =>
  changedRows(db, `UPDATE needs SET status = 'addressed', tender_id = $2 WHERE id = ANY($1::uuid[])`, [
    ids,
    tenderId,
  ]);

export const admissionItems = (db: Queryable, communityId: string) =>
  selectRows<AdmissionItemDto>(
    db,
    `SELECT id, community_id AS "communityId", code, title FROM admission_items WHERE community_id = $1 ORDER BY code`,
    [communityId],
  );

/** Undefined when the code is on the community's list already. */
export const insertAdmissionItem = (db: Queryable, communityId: string, code: string, title: string) =>
  selectOne<AdmissionItemDto>(
    db,
    `INSERT INTO admission_items (community_id, code, title) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
     RETURNING id, community_id AS "communityId", code, title`,
    [communityId, code, title],
  );

export const isAdmitted = async (db: Queryable, communityId: string, code: string) =>
  (await selectOne(db, `SELECT 1 FROM admission_items WHERE community_id = $1 AND code = $2`, [
    communityId,
    code,
  ])) !== undefined;

export interface NewTask {
  communityId: string;
  code: string;
  title: string;
  refusalReason: string | null;
  pushedBy: string;
}

export async function insertCommunityTask(db: Queryable, task: NewTask): Promise<CommunityTaskDto> {
  const [row] = await selectRows<CommunityTaskDto>(
    db,
    `INSERT INTO community_tasks (community_id, code, title, status, refusal_reason, pushed_by) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${TASK_COLUMNS}`,
    [
      task.communityId,
      task.code,
      task.title,
      task.refusalReason ? 'refused' : 'assigned',
      task.refusalReason,
      task.pushedBy,
    ],
  );
  return row;
}

/** A page of the community's tasks, newest first, after a (created at, id). */
export const communityTasks = (db: Queryable, communityId: string, page: TimeKeyset) =>
  selectRows<CommunityTaskDto & { k: string }>(
    db,
    `SELECT ${TASK_COLUMNS}, ${cursorTime('created_at')} AS k FROM community_tasks
      WHERE community_id = $1 AND ${newestFirst('created_at', 'id', 2)}`,
    [communityId, ...(page.after ?? [null, null]), page.limit],
  );

/** How many open needs wait for triage in these communities. */
export const countOpenNeeds = async (db: Queryable, communityIds: string[]) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM needs WHERE community_id = ANY($1::uuid[]) AND status = 'open'`,
    [communityIds],
  ))!.count;
