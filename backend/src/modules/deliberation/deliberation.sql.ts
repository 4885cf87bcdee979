import { cursorTime, newestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import type { Queryable } from '../../common/database/queryable.js';
import { changedRows, insertedOnce, selectOne, selectRows } from '../../common/database/queryable.js';
import type {
  CommentViewDto,
  ConsultationSummaryDto,
  OptionDto,
  ResolutionNeedViewDto,
} from './dto/deliberation.dto.js';
import type { Moderation } from './deliberation.entity.js';

/** A region a consultation may be put to, with the community it belongs to (itself, or a grid's parent). */
export interface TargetRegion {
  id: string;
  level: string;
  community_id: string | null;
  retired: boolean;
}

export const targetRegion = (db: Queryable, regionId: string) =>
  selectOne<TargetRegion>(
    db,
    `SELECT id, level, CASE level WHEN 'community' THEN id WHEN 'grid' THEN parent_id END AS community_id,
            retired_at IS NOT NULL AS retired
       FROM regions WHERE id = $1`,
    [regionId],
  );

export interface NewConsultation {
  communityId: string;
  regionId: string;
  title: string;
  question: string;
  allowProposals: boolean;
  secret: boolean;
  opensAt: string | null;
  closesAt: string;
  openedBy: string;
}

/** Undefined when the period is not in the future (closes before it opens, or already over). */
export const insertConsultation = (db: Queryable, c: NewConsultation) =>
  selectOne<{ id: string }>(
    db,
    `INSERT INTO consultations (community_id, region_id, title, question, allow_proposals, secret, opens_at, closes_at, opened_by)
     SELECT $1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), $8::timestamptz, $9
      WHERE $8::timestamptz > greatest(now(), coalesce($7::timestamptz, now()))
     RETURNING id`,
    [
      c.communityId,
      c.regionId,
      c.title,
      c.question,
      c.allowProposals,
      c.secret,
      c.opensAt,
      c.closesAt,
      c.openedBy,
    ],
  );

/** One option; `proposedBy` null for those staff list. */
export const insertOptions = (
  db: Queryable,
  consultationId: string,
  labels: string[],
  proposedBy: string | null,
) =>
  selectRows<{ id: string }>(
    db,
    `INSERT INTO consultation_options (consultation_id, label, proposed_by) SELECT $1, unnest($2::text[]), $3 RETURNING id`,
    [consultationId, labels, proposedBy],
  );

/** $1 = the viewer. */
const SUMMARY_COLUMNS = `c.id, c.community_id AS "communityId", c.region_id AS "regionId", r.name AS "regionName", c.title,
    c.status, c.secret, c.opens_at AS "opensAt", c.closes_at AS "closesAt",
    (SELECT count(*)::int FROM consultation_voters v WHERE v.consultation_id = c.id) AS "voterCount",
    EXISTS (SELECT 1 FROM consultation_voters v WHERE v.consultation_id = c.id AND v.user_id = $1) AS "votedByMe"`;
const SUMMARY_FROM = `FROM consultations c JOIN regions r ON r.id = c.region_id`;

/** A page of a community's consultations, newest first, in a status and with `q` in the title when given. */
export const consultationsOfCommunity = (
  db: Queryable,
  viewerId: string,
  communityId: string,
  filter: { status?: string; q?: string },
  keyset: TimeKeyset,
) =>
  selectRows<ConsultationSummaryDto & { k: string }>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, ${cursorTime('c.created_at')} AS k ${SUMMARY_FROM}
      WHERE c.community_id = $2 AND ($3::text IS NULL OR c.status = $3)
        AND ($4::text IS NULL OR c.title ILIKE $4)
        AND ${newestFirst('c.created_at', 'c.id', 5)}`,
    [
      viewerId,
      communityId,
      filter.status ?? null,
      filter.q ? `%${likeEscape(filter.q)}%` : null,
      ...(keyset.after ?? [null, null]),
      keyset.limit,
    ],
  );

export type ConsultationRow = ConsultationSummaryDto & {
  communityName: string;
  question: string;
  allowProposals: boolean;
  minutes: string | null;
  closedAt: Date | null;
  regionPath: string;
  inPeriod: boolean;
};

export const consultationById = (db: Queryable, id: string, viewerId: string) =>
  selectOne<ConsultationRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, cm.name AS "communityName", c.question, c.allow_proposals AS "allowProposals",
            c.minutes, c.closed_at AS "closedAt", r.path AS "regionPath",
            now() >= c.opens_at AND now() < c.closes_at AS "inPeriod"
       ${SUMMARY_FROM} JOIN regions cm ON cm.id = c.community_id WHERE c.id = $2`,
    [viewerId, id],
  );

/**
 * The options in the order they came; counts only when `withCounts` (a closed consultation).
 * Reported and hidden proposals show their label only to `moderator`s and their proposer ($4).
 */
export const optionsOf = (
  db: Queryable,
  id: string,
  withCounts: boolean,
  moderator: boolean,
  viewerId: string,
) =>
  selectRows<OptionDto>(
    db,
    `SELECT o.id, CASE WHEN o.moderation = 'visible' OR $3 OR o.proposed_by = $4 THEN o.label ELSE '' END AS label,
            o.proposed_by IS NOT NULL AS proposed, o.moderation,
            CASE WHEN $2 THEN (SELECT count(*)::int FROM consultation_ballots b WHERE b.option_id = o.id) END AS votes
       FROM consultation_options o WHERE o.consultation_id = $1 ORDER BY o.created_at, o.id`,
    [id, withCounts, moderator, viewerId],
  );

/** The comments, newest first; a reported or hidden one's body only for moderators and its author. */
export const commentsOf = (
  db: Queryable,
  id: string,
  moderator: boolean,
  viewerId: string,
  page: TimeKeyset,
) =>
  selectRows<CommentViewDto & { k: string }>(
    db,
    `SELECT k.id, u.display_name AS "authorName",
            CASE WHEN k.moderation = 'visible' OR $2 OR k.author_id = $3 THEN k.body END AS body,
            k.moderation, k.created_at AS "createdAt", ${cursorTime('k.created_at')} AS k
       FROM consultation_comments k JOIN users u ON u.id = k.author_id
      WHERE k.consultation_id = $1 AND ${newestFirst('k.created_at', 'k.id', 4)}`,
    [id, moderator, viewerId, ...(page.after ?? [null, null]), page.limit],
  );

export const needsOf = (db: Queryable, id: string) =>
  selectRows<ResolutionNeedViewDto>(
    db,
    `SELECT n.id, n.title, n.status FROM consultation_needs cn JOIN needs n ON n.id = cn.need_id
      WHERE cn.consultation_id = $1 ORDER BY n.created_at, n.id`,
    [id],
  );

export interface LockedConsultation {
  community_id: string;
  region_path: string;
  status: 'open' | 'closed';
  secret: boolean;
  allow_proposals: boolean;
  in_period: boolean;
  due: boolean;
}

const LOCKED_COLUMNS = `SELECT c.community_id, r.path AS region_path, c.status, c.secret, c.allow_proposals,
            now() >= c.opens_at AND now() < c.closes_at AS in_period, now() >= c.closes_at AS due
       FROM consultations c JOIN regions r ON r.id = c.region_id WHERE c.id = $1`;

/**
 * The consultation, with whether now is inside its period or past it, share-locked: votes and
 * contributions run side by side, a close waits for them (and they for it).
 */
export const lockConsultation = (db: Queryable, id: string) =>
  selectOne<LockedConsultation>(db, `${LOCKED_COLUMNS} FOR SHARE OF c`, [id]);

/** The same, locked for closing. */
export const lockConsultationForUpdate = (db: Queryable, id: string) =>
  selectOne<LockedConsultation>(db, `${LOCKED_COLUMNS} FOR UPDATE OF c`, [id]);

/** Puts the resident on the voter roll; false when they are on it already (the primary key decides). */
export const addVoter = (db: Queryable, consultationId: string, userId: string) =>
  insertedOnce(
    db,
    `INSERT INTO consultation_voters (consultation_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
    [consultationId, userId],
  );

/** The ballot: a secret one names no voter and carries no time. Undefined when the option is not a visible one of it. */
export const insertBallot = (
  db: Queryable,
  consultationId: string,
  optionId: string,
  secret: boolean,
  voterId: string,
) =>
  selectOne<{ ok: boolean }>(
    db,
    `INSERT INTO consultation_ballots (consultation_id, option_id, secret, voter_id)
     SELECT $1, o.id, $3, CASE WHEN $3 THEN NULL ELSE $4::uuid END FROM consultation_options o
      WHERE o.id = $2 AND o.consultation_id = $1 AND o.moderation = 'visible'
     RETURNING true AS ok`,
    [consultationId, optionId, secret, voterId],
  );

export const insertComment = async (db: Queryable, consultationId: string, authorId: string, body: string) =>
  (
    await selectRows<{ id: string }>(
      db,
      `INSERT INTO consultation_comments (consultation_id, author_id, body) VALUES ($1, $2, $3) RETURNING id`,
      [consultationId, authorId, body],
    )
  )[0].id;

export type Contribution = 'option' | 'comment';
const TABLE: Record<Contribution, string> = {
  option: 'consultation_options',
  comment: 'consultation_comments',
};

/** A proposal or comment, locked, with its consultation. Staff-listed options have no author and are never moderated. */
export const lockContribution = (db: Queryable, kind: Contribution, id: string) =>
  selectOne<{ consultation_id: string; moderation: Moderation; authored: boolean }>(
    db,
    `SELECT consultation_id, moderation, ${kind === 'option' ? 'proposed_by IS NOT NULL' : 'true'} AS authored
       FROM ${TABLE[kind]} WHERE id = $1 FOR UPDATE`,
    [id],
  );

export const setModeration = (db: Queryable, kind: Contribution, id: string, moderation: Moderation) =>
  changedRows(db, `UPDATE ${TABLE[kind]} SET moderation = $2 WHERE id = $1`, [id, moderation]);

export const closeConsultation = (db: Queryable, id: string, minutes: string, closedBy: string) =>
  changedRows(
    db,
    `UPDATE consultations SET status = 'closed', minutes = $2, closed_by = $3, closed_at = now(), version = version + 1 WHERE id = $1`,
    [id, minutes, closedBy],
  );

export const linkNeeds = (db: Queryable, consultationId: string, needIds: string[]) =>
  selectRows(db, `INSERT INTO consultation_needs (need_id, consultation_id) SELECT unnest($2::uuid[]), $1`, [
    consultationId,
    needIds,
  ]);

/** Counts per option of a closed consultation, most votes first (the result the minutes record). */
export const tally = (db: Queryable, id: string) =>
  selectRows<{ optionId: string; votes: number }>(
    db,
    `SELECT o.id AS "optionId", count(b.id)::int AS votes FROM consultation_options o
       LEFT JOIN consultation_ballots b ON b.option_id = o.id
      WHERE o.consultation_id = $1 GROUP BY o.id ORDER BY votes DESC, o.id`,
    [id],
  );
