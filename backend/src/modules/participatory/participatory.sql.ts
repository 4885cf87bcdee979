import { cursorTime, newestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { changedRows, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import { SERVES_COMMUNITY } from '../fund/fund.sql.js';
import type { RoundSummaryDto, SubmissionDto, SubmittableProjectDto } from './dto/participatory.dto.js';
import type { Eligibility, RoundMethod, RoundStatus } from './participatory.entity.js';

/** Every statement of the participatory fund (参与式预算): rounds, submissions, votes, the count. */

export const communityRegion = (db: Queryable, id: string) =>
  selectOne<{ path: string; retired: boolean }>(
    db,
    `SELECT path, retired_at IS NOT NULL AS retired FROM regions WHERE id = $1 AND level = 'community'`,
    [id],
  );

export interface NewRound {
  communityId: string;
  title: string;
  description: string;
  budgetFen: number;
  capFen: number;
  method: RoundMethod;
  submissionsOpenAt: string | null;
  submissionsCloseAt: string;
  votingOpensAt: string | null;
  votingClosesAt: string;
  openedBy: string;
}

/** Undefined when the periods are not in order (submissions close in the future, voting after them). */
export const insertRound = (db: Queryable, r: NewRound) =>
  selectOne<{ id: string }>(
    db,
    `WITH p AS (SELECT coalesce($7::timestamptz, now()) AS sub_open, $8::timestamptz AS sub_close,
                       coalesce($9::timestamptz, $8::timestamptz) AS vote_open, $10::timestamptz AS vote_close)
     INSERT INTO participatory_rounds (community_id, title, description, budget_fen, cap_fen, method, submissions_open_at,
                                       submissions_close_at, voting_opens_at, voting_closes_at, opened_by)
     SELECT $1, $2, $3, $4, $5, $6, p.sub_open, p.sub_close, p.vote_open, p.vote_close, $11 FROM p
      WHERE p.sub_close > greatest(now(), p.sub_open) AND p.vote_open >= p.sub_close AND p.vote_close > p.vote_open
     RETURNING id`,
    [
      r.communityId,
      r.title,
      r.description,
      r.budgetFen,
      r.capFen,
      r.method,
      r.submissionsOpenAt,
      r.submissionsCloseAt,
      r.votingOpensAt,
      r.votingClosesAt,
      r.openedBy,
    ],
  );

/** Where a round stands by the clock: before submissions, taking them, under review, voting, over. */
const PHASE = `CASE WHEN now() < r.submissions_open_at THEN 'upcoming'
                    WHEN now() < r.submissions_close_at THEN 'submissions'
                    WHEN now() < r.voting_opens_at THEN 'review'
                    WHEN now() < r.voting_closes_at THEN 'voting'
                    ELSE 'closed' END`;

const SUMMARY_COLUMNS = `r.id, r.community_id AS "communityId", r.title, r.budget_fen AS "budgetFen", r.cap_fen AS "capFen",
    r.method, r.status, ${PHASE} AS phase, r.submissions_open_at AS "submissionsOpenAt",
    r.submissions_close_at AS "submissionsCloseAt", r.voting_opens_at AS "votingOpensAt",
    r.voting_closes_at AS "votingClosesAt",
    (SELECT count(*)::int FROM participatory_submissions s WHERE s.round_id = r.id) AS "submissionCount",
    (SELECT count(*)::int FROM participatory_voters v WHERE v.round_id = r.id) AS "voterCount"`;

/** A page of a community's rounds, newest first, with `q` in the title when given. */
export const roundsOfCommunity = (
  db: Queryable,
  communityId: string,
  q: string | undefined,
  keyset: TimeKeyset,
) =>
  selectRows<RoundSummaryDto & { k: string }>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, ${cursorTime('r.created_at')} AS k FROM participatory_rounds r
      WHERE r.community_id = $1 AND ($2::text IS NULL OR r.title ILIKE $2)
        AND ${newestFirst('r.created_at', 'r.id', 3)}`,
    [communityId, q ? `%${likeEscape(q)}%` : null, ...(keyset.after ?? [null, null]), keyset.limit],
  );

export type RoundRow = RoundSummaryDto & {
  communityName: string;
  communityPath: string;
  description: string;
  countedAt: Date | null;
  awardedAt: Date | null;
  votedByMe: boolean;
};

/** $2 = the viewer (null for a visitor). */
export const roundById = (db: Queryable, id: string, viewerId: string | null) =>
  selectOne<RoundRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, c.name AS "communityName", c.path AS "communityPath", r.description,
            r.counted_at AS "countedAt", r.awarded_at AS "awardedAt",
            EXISTS (SELECT 1 FROM participatory_voters v WHERE v.round_id = r.id AND v.user_id = $2) AS "votedByMe"
       FROM participatory_rounds r JOIN regions c ON c.id = r.community_id WHERE r.id = $1`,
    [id, viewerId],
  );

/**
 * A round's submissions in the order they came, with their organization and project, the count's
 * result once counted, and the fund grant a winner became (status and amount, as on the fund page).
 */
export const submissionsOf = (db: Queryable, roundId: string) =>
  selectRows<SubmissionDto>(
    db,
    `SELECT s.id, s.title, s.description, s.amount_fen AS "amountFen", s.project_id AS "projectId", p.title AS "projectTitle",
            s.organization_id AS "organizationId", o.name AS "organizationName", s.eligibility,
            s.ineligible_reason AS "ineligibleReason", s.approvals, s.winner, s.created_at AS "submittedAt",
            CASE WHEN d.id IS NULL THEN NULL
                 ELSE json_build_object('id', d.id, 'status', d.status, 'amountFen', d.amount_fen) END AS "grant"
       FROM participatory_submissions s JOIN projects p ON p.id = s.project_id JOIN organizations o ON o.id = s.organization_id
       LEFT JOIN disbursements d ON d.id = s.disbursement_id
      WHERE s.round_id = $1 ORDER BY s.created_at, s.id`,
    [roundId],
  );

export interface LockedRound {
  id: string;
  community_id: string;
  community_path: string;
  title: string;
  budget_fen: number;
  cap_fen: number;
  method: RoundMethod;
  status: RoundStatus;
  phase: string;
}

const LOCKED = `SELECT r.id, r.community_id, c.path AS community_path, r.title, r.budget_fen, r.cap_fen, r.method, r.status,
    ${PHASE} AS phase
  FROM participatory_rounds r JOIN regions c ON c.id = r.community_id WHERE r.id = $1`;

/** The round, share-locked: submissions, eligibility decisions and votes go on together; the count waits for them. */
export const lockRound = (db: Queryable, id: string) =>
  selectOne<LockedRound>(db, `${LOCKED} FOR SHARE OF r`, [id]);

/** The round, locked for counting or awarding. */
export const lockRoundForUpdate = (db: Queryable, id: string) =>
  selectOne<LockedRound>(db, `${LOCKED} FOR UPDATE OF r`, [id]);

/**
 * The active projects serving the community of the verified organizations (registered or filed-only
 * 备案 groups) among `organizationIds`: what their admins may submit for.
 */
export const submittableProjects = (
  db: Queryable,
  communityId: string,
  organizationIds: string[],
  projectId: string | null = null,
) =>
  selectRows<SubmittableProjectDto>(
    db,
    `SELECT p.id, p.title, o.id AS "organizationId", o.name AS "organizationName", o.filed_only AS "filedOnly"
       FROM projects p JOIN contracts c ON c.id = p.contract_id JOIN organizations o ON o.id = p.organization_id
       JOIN regions r ON r.id = $1
      WHERE p.status = 'active' AND o.status = 'verified' AND o.id = ANY($2::uuid[])
        AND ($3::uuid IS NULL OR p.id = $3) AND ${SERVES_COMMUNITY}
      ORDER BY p.created_at DESC`,
    [communityId, organizationIds, projectId],
  );

export interface NewSubmission {
  roundId: string;
  title: string;
  description: string;
  amountFen: number;
  projectId: string;
  organizationId: string;
  submittedBy: string;
}

export const insertSubmission = async (db: Queryable, s: NewSubmission) =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO participatory_submissions (round_id, title, description, amount_fen, project_id, organization_id, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [s.roundId, s.title, s.description, s.amountFen, s.projectId, s.organizationId, s.submittedBy],
  ))!.id;

export const lockSubmission = (db: Queryable, id: string) =>
  selectOne<{ id: string; round_id: string; eligibility: Eligibility; ineligible_reason: string | null }>(
    db,
    `SELECT id, round_id, eligibility, ineligible_reason FROM participatory_submissions WHERE id = $1 FOR UPDATE`,
    [id],
  );

export const setEligibility = (db: Queryable, id: string, eligibility: Eligibility, reason: string | null) =>
  db.query(`UPDATE participatory_submissions SET eligibility = $2, ineligible_reason = $3 WHERE id = $1`, [
    id,
    eligibility,
    reason,
  ]);

/** Of the chosen ids, the eligible submissions of the round: how many, and what they ask for together. */
export const chosenOnBallot = async (db: Queryable, roundId: string, submissionIds: string[]) =>
  (await selectOne<{ found: number; sumFen: number }>(
    db,
    `SELECT count(*)::int AS found, coalesce(sum(amount_fen), 0)::bigint AS "sumFen"
       FROM participatory_submissions WHERE round_id = $1 AND eligibility = 'eligible' AND id = ANY($2::uuid[])`,
    [roundId, submissionIds],
  ))!;

/** Puts the resident on the round's voter roll; false when they are on it already (the primary key decides). */
export const addVoter = async (db: Queryable, roundId: string, userId: string) =>
  (
    await selectRows(
      db,
      `INSERT INTO participatory_voters (round_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
      [roundId, userId],
    )
  ).length > 0;

/** One anonymous ballot row per approved submission: no voter, no time, a random id. */
export const insertBallots = (db: Queryable, roundId: string, submissionIds: string[]) =>
  db.query(`INSERT INTO participatory_ballots (round_id, submission_id) SELECT $1, unnest($2::uuid[])`, [
    roundId,
    submissionIds,
  ]);

/**
 * The count, in one statement: approvals per eligible submission; then, in order of approvals
 * (ties: the smaller amount, then the earlier submission), each submission with at least one
 * approval wins if it still fits in what is left of the budget, else it is skipped and the next one
 * is tried (the recursive CTE walks the ordered list carrying the amount spent), so the budget is
 * filled greedily. Writes every eligible submission's approvals and result and marks the round counted.
 */
export const countRound = (db: Queryable, roundId: string) =>
  changedRows<{ id: string; approvals: number; winner: boolean }>(
    db,
    `WITH RECURSIVE
       tally AS (
         SELECT s.id, s.amount_fen, s.created_at,
                (SELECT count(*) FROM participatory_ballots b WHERE b.round_id = s.round_id AND b.submission_id = s.id)::int AS approvals
           FROM participatory_submissions s WHERE s.round_id = $1 AND s.eligibility = 'eligible'),
       ranked AS (
         SELECT t.*, row_number() OVER (ORDER BY t.approvals DESC, t.amount_fen, t.created_at, t.id) AS rank FROM tally t),
       budget AS (SELECT budget_fen FROM participatory_rounds WHERE id = $1),
       fill (rank, id, won, spent) AS (
         SELECT 0::bigint, NULL::uuid, false, 0::bigint
         UNION ALL
         SELECT r.rank, r.id, r.approvals > 0 AND f.spent + r.amount_fen <= b.budget_fen,
                f.spent + CASE WHEN r.approvals > 0 AND f.spent + r.amount_fen <= b.budget_fen THEN r.amount_fen ELSE 0 END
           FROM fill f JOIN ranked r ON r.rank = f.rank + 1 CROSS JOIN budget b),
       round AS (UPDATE participatory_rounds SET status = 'counted', counted_at = now() WHERE id = $1)
     UPDATE participatory_submissions s SET approvals = t.approvals, winner = f.won
       FROM tally t JOIN fill f ON f.id = t.id
      WHERE s.id = t.id
     RETURNING s.id, s.approvals, s.winner`,
    [roundId],
  );

/** The winners, in the count's order, for the award. */
export const winnersOf = (db: Queryable, roundId: string) =>
  selectRows<{ id: string; title: string; amount_fen: number; project_id: string }>(
    db,
    `SELECT id, title, amount_fen, project_id FROM participatory_submissions
      WHERE round_id = $1 AND winner ORDER BY approvals DESC, amount_fen, created_at, id`,
    [roundId],
  );

export const linkGrant = (db: Queryable, submissionId: string, disbursementId: string) =>
  db.query(`UPDATE participatory_submissions SET disbursement_id = $2 WHERE id = $1`, [
    submissionId,
    disbursementId,
  ]);

export const markAwarded = (db: Queryable, roundId: string) =>
  db.query(`UPDATE participatory_rounds SET status = 'awarded', awarded_at = now() WHERE id = $1`, [roundId]);

/** Submissions still waiting for their eligibility decision in the communities' open rounds, before voting opens. */
export const countSubmissionsToCheck = async (db: Queryable, communityIds: string[]) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count
       FROM participatory_submissions s JOIN participatory_rounds r ON r.id = s.round_id
      WHERE r.community_id = ANY($1::uuid[]) AND r.status = 'open' AND now() < r.voting_opens_at
        AND s.eligibility = 'pending'`,
    [communityIds],
  ))!.count;
