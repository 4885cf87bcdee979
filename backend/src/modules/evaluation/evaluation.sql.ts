import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { BidStatus } from '../bids/bid.entity.js';
import type { MyScoreDto } from './dto/evaluation.dto.js';

export const myScores = (db: Queryable, tenderId: string, evaluatorId: string) =>
  selectRows<MyScoreDto>(
    db,
    `SELECT bid_id AS "bidId", criterion_key AS "criterionKey", points::float8 AS points
       FROM evaluation_scores WHERE tender_id = $1 AND evaluator_id = $2`,
    [tenderId, evaluatorId],
  );

/** The bid's tender and status; `forUpdate` locks the row for a change of status. */
export const bidState = (db: Queryable, bidId: string, forUpdate = false) =>
  selectOne<{ tender_id: string; status: BidStatus }>(
    db,
    `SELECT tender_id, status FROM bids WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [bidId],
  );

/** Writes (or rewrites) an evaluator's points for one sub-criterion of a bid. */
export const upsertScore = (
  db: Queryable,
  s: { tenderId: string; bidId: string; evaluatorId: string; criterionKey: string; points: number },
) =>
  db.query(
    `INSERT INTO evaluation_scores (bid_id, evaluator_id, criterion_key, points, tender_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (bid_id, evaluator_id, criterion_key) DO UPDATE SET points = EXCLUDED.points`,
    [s.bidId, s.evaluatorId, s.criterionKey, s.points, s.tenderId],
  );

export const disqualifyBid = (db: Queryable, bidId: string, reason: string) =>
  db.query(`UPDATE bids SET status = 'disqualified', disqualification_reason = $2 WHERE id = $1`, [
    bidId,
    reason,
  ]);

/** Evaluators who declared no conflict, and the score sheets they still owe for bids in competition. */
export const scoringProgress = async (db: Queryable, tenderId: string) =>
  (await selectOne<{ declared: number; missing: number }>(
    db,
    `SELECT (SELECT count(*)::int FROM tender_evaluators WHERE tender_id = $1 AND declared_no_conflict_at IS NOT NULL) AS declared,
            (SELECT count(*)::int FROM tender_evaluators e CROSS JOIN bids b
              WHERE e.tender_id = $1 AND e.declared_no_conflict_at IS NOT NULL AND b.tender_id = $1 AND b.status IN ('opened', 'qualified')
                AND NOT EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.bid_id = b.id AND s.evaluator_id = e.user_id)) AS missing`,
    [tenderId],
  ))!;

/** Each declared evaluator's total technical points per bid (points may be fractional). */
export const technicalTotals = (db: Queryable, tenderId: string) =>
  selectRows<{ bid_id: string; evaluator_id: string; total: number }>(
    db,
    `SELECT s.bid_id, s.evaluator_id, sum(s.points)::float8 AS total FROM evaluation_scores s
       JOIN tender_evaluators e ON e.tender_id = s.tender_id AND e.user_id = s.evaluator_id AND e.declared_no_conflict_at IS NOT NULL
      WHERE s.tender_id = $1 GROUP BY s.bid_id, s.evaluator_id`,
    [tenderId],
  );

/** The winner is awarded, every other bid in competition not; the tender enters its standstill. */
export async function recordAward(db: Queryable, tenderId: string, bidId: string, status: string) {
  await db.query(
    `UPDATE bids SET status = CASE WHEN id = $2 THEN 'awarded' ELSE 'not_awarded' END WHERE tender_id = $1 AND status IN ('opened', 'qualified')`,
    [tenderId, bidId],
  );
  await db.query(
    `UPDATE tenders SET status = $2, awarded_bid_id = $3, standstill_ends_at = now() + make_interval(days => standstill_days) WHERE id = $1`,
    [tenderId, status, bidId],
  );
}

/** Undoes an award: its bids are back in competition and the tender back to `status`. */
export async function undoAward(db: Queryable, tenderId: string, status: string) {
  await db.query(
    `UPDATE bids SET status = 'qualified' WHERE tender_id = $1 AND status IN ('awarded', 'not_awarded')`,
    [tenderId],
  );
  await db.query(
    `UPDATE tenders SET status = $2, awarded_bid_id = NULL, standstill_ends_at = NULL WHERE id = $1`,
    [tenderId, status],
  );
}
