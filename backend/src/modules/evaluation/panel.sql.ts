import { cursorTime, oldestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import { TENDER_SUMMARY_COLUMNS } from '../tenders/tenders.sql.js';
import type { EvaluatorDto, PanelDrawDto, PanelTenderDto, PanelVacancyDto } from './dto/evaluation.dto.js';

/** Conflicts declared on tender $1 whose seat no redraw has filled yet (a CTE named open_conflicts). */
const OPEN_CONFLICTS = `WITH open_conflicts AS (
  SELECT c.* FROM panel_conflicts c WHERE c.tender_id = $1
     AND NOT EXISTS (SELECT 1 FROM panel_draws d WHERE d.tender_id = c.tender_id AND c.user_id = ANY(d.replaced)))`;

export const drawsAndMembers = async (db: Queryable, tenderId: string) =>
  (await selectOne<{ draws: number; members: number }>(
    db,
    `SELECT (SELECT count(*)::int FROM panel_draws WHERE tender_id = $1) AS draws,
            (SELECT count(*)::int FROM tender_evaluators WHERE tender_id = $1) AS members`,
    [tenderId],
  ))!;

export const memberIds = async (db: Queryable, tenderId: string): Promise<string[]> =>
  (
    await selectRows<{ user_id: string }>(db, `SELECT user_id FROM tender_evaluators WHERE tender_id = $1`, [
      tenderId,
    ])
  ).map((r) => r.user_id);

/** Who left the panel by declaring a conflict and was not replaced yet. */
export const vacatedIds = async (db: Queryable, tenderId: string): Promise<string[]> =>
  (
    await selectRows<{ user_id: string }>(db, `${OPEN_CONFLICTS} SELECT c.user_id FROM open_conflicts c`, [
      tenderId,
    ])
  ).map((r) => r.user_id);

export const vacancies = (db: Queryable, tenderId: string) =>
  selectRows<PanelVacancyDto>(
    db,
    `${OPEN_CONFLICTS} SELECT c.user_id AS "userId", u.display_name AS "displayName", c.reason, c.declared_at AS "declaredAt"
       FROM open_conflicts c JOIN users u ON u.id = c.user_id ORDER BY c.declared_at`,
    [tenderId],
  );

/** The names of those among `userIds` who scored a bid of the tender already. */
export const scoredAmong = async (db: Queryable, tenderId: string, userIds: string[]): Promise<string[]> =>
  (
    await selectRows<{ name: string }>(
      db,
      `SELECT u.display_name AS name FROM users u WHERE u.id = ANY($2::uuid[])
          AND EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.tender_id = $1 AND s.evaluator_id = u.id) ORDER BY 1`,
      [tenderId, userIds],
    )
  ).map((r) => r.name);

export const removeMembers = (db: Queryable, tenderId: string, userIds: string[]) =>
  db.query(`DELETE FROM tender_evaluators WHERE tender_id = $1 AND user_id = ANY($2::uuid[])`, [
    tenderId,
    userIds,
  ]);

export interface DrawRecord {
  tenderId: string;
  seed: string;
  candidates: string[];
  drawn: string[];
  replaced: string[];
  reason: string | null;
  drawnBy: string;
}

/** Records a draw under the tender's next seq and puts the drawn on the panel; returns the seq. */
export async function recordDraw(db: Queryable, d: DrawRecord): Promise<number> {
  const row = await selectOne<{ seq: number }>(
    db,
    `INSERT INTO panel_draws (tender_id, seq, seed, candidates, drawn, replaced, reason, drawn_by)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3::uuid[], $4::uuid[], $5::uuid[], $6, $7 FROM panel_draws WHERE tender_id = $1
     RETURNING seq`,
    [d.tenderId, d.seed, d.candidates, d.drawn, d.replaced, d.reason, d.drawnBy],
  );
  await db.query(
    `INSERT INTO tender_evaluators (tender_id, user_id, assigned_by) SELECT $1, unnest($2::uuid[]), $3`,
    [d.tenderId, d.drawn, d.drawnBy],
  );
  return row!.seq;
}

/**
 * The street's evaluator pool for the tender's category (live evaluator grants on the street or
 * its district whose categories cover it), each marked eligible unless they belong to an
 * organization with a live bid, are on the panel, were drawn, replaced or conflicted before, or
 * are in `exclude`.
 */
export const pool = (db: Queryable, tenderId: string, exclude: string[] = []) =>
  selectRows<{ userId: string; eligible: boolean }>(
    db,
    `WITH RECURSIVE covering(code) AS (
       SELECT category_code FROM tenders WHERE id = $1
       UNION SELECT c.parent_code FROM service_categories c JOIN covering ON c.code = covering.code WHERE c.parent_code IS NOT NULL)
     SELECT p.user_id AS "userId",
            NOT EXISTS (SELECT 1 FROM role_memberships om JOIN bids b ON b.organization_id = om.organization_id
                         WHERE om.user_id = p.user_id AND b.tender_id = $1 AND b.status <> 'withdrawn')
            AND NOT EXISTS (SELECT 1 FROM tender_evaluators e WHERE e.tender_id = $1 AND e.user_id = p.user_id)
            AND NOT EXISTS (SELECT 1 FROM panel_draws d WHERE d.tender_id = $1 AND (p.user_id = ANY(d.drawn) OR p.user_id = ANY(d.replaced)))
            AND NOT EXISTS (SELECT 1 FROM panel_conflicts c WHERE c.tender_id = $1 AND c.user_id = p.user_id)
            AND p.user_id <> ALL($2::uuid[]) AS eligible
       FROM (SELECT DISTINCT rm.user_id FROM role_memberships rm
               JOIN regions r ON r.id = rm.region_id
               JOIN tenders t ON t.id = $1 JOIN regions s ON s.id = t.street_id
               JOIN evaluator_categories ec ON ec.grant_id = rm.id
              WHERE rm.role = 'evaluator' AND starts_with(s.path, r.path) AND ec.category_code IN (SELECT code FROM covering)) p`,
    [tenderId, exclude],
  );

export const drawsOf = (db: Queryable, tenderId: string) =>
  selectRows<PanelDrawDto>(
    db,
    `SELECT seq, seed, candidates, drawn, replaced, reason, created_at AS "drawnAt" FROM panel_draws WHERE tender_id = $1 ORDER BY seq`,
    [tenderId],
  );

export const members = (db: Queryable, tenderId: string) =>
  selectRows<EvaluatorDto>(
    db,
    `SELECT e.user_id AS "userId", u.display_name AS "displayName", e.declared_no_conflict_at AS "declaredNoConflictAt",
            EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.tender_id = e.tender_id AND s.evaluator_id = e.user_id) AS scored
       FROM tender_evaluators e JOIN users u ON u.id = e.user_id WHERE e.tender_id = $1 ORDER BY e.created_at, u.display_name`,
    [tenderId],
  );

/** The evaluator's seat on the tender's panel, or undefined when they are not on it. */
export const seatOf = (db: Queryable, tenderId: string, userId: string) =>
  selectOne<{ declared_no_conflict_at: Date | null }>(
    db,
    `SELECT declared_no_conflict_at FROM tender_evaluators WHERE tender_id = $1 AND user_id = $2`,
    [tenderId, userId],
  );

/** Is the user a panel member of the bid's tender, declared free of conflict, once bidding has closed? */
export const isDeclaredReaderOfBid = async (db: Queryable, bidId: string, userId: string) =>
  (await selectOne<{ yes: boolean }>(
    db,
    `SELECT EXISTS (
       SELECT 1 FROM bids b
         JOIN tenders t ON t.id = b.tender_id
         JOIN tender_evaluators e ON e.tender_id = b.tender_id
        WHERE b.id = $1 AND e.user_id = $2 AND e.declared_no_conflict_at IS NOT NULL
          AND b.status <> 'withdrawn' AND t.status NOT IN ('draft', 'published')) AS yes`,
    [bidId, userId],
  ))!.yes;

export const hasScored = async (db: Queryable, tenderId: string, userId: string) =>
  (await selectOne<{ scored: boolean }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM evaluation_scores WHERE tender_id = $1 AND evaluator_id = $2) AS scored`,
    [tenderId, userId],
  ))!.scored;

/** Takes the evaluator off the panel with their declared conflict (they are never drawn again for it). */
export async function recordConflict(db: Queryable, tenderId: string, userId: string, reason: string) {
  await db.query(`DELETE FROM tender_evaluators WHERE tender_id = $1 AND user_id = $2`, [tenderId, userId]);
  await db.query(`INSERT INTO panel_conflicts (tender_id, user_id, reason) VALUES ($1, $2, $3)`, [
    tenderId,
    userId,
    reason,
  ]);
}

/** The bidding organizations of the tender the user belongs to. */
export const biddingOrganizationsOf = async (db: Queryable, tenderId: string, userId: string) =>
  (
    await selectRows<{ name: string }>(
      db,
      `SELECT DISTINCT o.name FROM bids b JOIN organizations o ON o.id = b.organization_id
         JOIN role_memberships rm ON rm.organization_id = b.organization_id AND rm.user_id = $2
        WHERE b.tender_id = $1 AND b.status <> 'withdrawn'`,
      [tenderId, userId],
    )
  ).map((r) => r.name);

export const declareNoConflict = (db: Queryable, tenderId: string, userId: string) =>
  db.query(
    `UPDATE tender_evaluators SET declared_no_conflict_at = now() WHERE tender_id = $1 AND user_id = $2 AND declared_no_conflict_at IS NULL`,
    [tenderId, userId],
  );

/** The panel seat `e` still owes its tender something: the declaration, or a bid's scores. */
const SEAT_OWES = `(e.declared_no_conflict_at IS NULL OR EXISTS (
              SELECT 1 FROM bids b WHERE b.tender_id = e.tender_id AND b.status IN ('opened', 'qualified')
                 AND NOT EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.bid_id = b.id AND s.evaluator_id = e.user_id)))`;

/** How many tenders under evaluation wait for the evaluator: a declaration, or a bid still to score. */
export const countTendersToScore = async (db: Queryable, userId: string) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM tender_evaluators e JOIN tenders t ON t.id = e.tender_id
      WHERE e.user_id = $1 AND t.status = 'evaluating' AND ${SEAT_OWES}`,
    [userId],
  ))!.count;

/** The tenders under evaluation whose panel the evaluator sits on, the earliest deadline first, a page of them. */
export const panelTenders = (db: Queryable, userId: string, page: TimeKeyset) =>
  selectRows<PanelTenderDto & { k: string }>(
    db,
    `SELECT ${TENDER_SUMMARY_COLUMNS}, ${SEAT_OWES} AS owed, ${cursorTime('t.bid_deadline')} AS k
       FROM tender_evaluators e JOIN tenders t ON t.id = e.tender_id JOIN regions s ON s.id = t.street_id
      WHERE e.user_id = $1 AND t.status = 'evaluating' AND ${oldestFirst('t.bid_deadline', 't.id', 2)}`,
    [userId, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit],
  );
