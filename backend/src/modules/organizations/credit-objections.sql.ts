import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { ObjectionViewDto } from './dto/organization.dto.js';

const OBJECTION_SELECT = `SELECT id, organization_id AS "organizationId", reason, status, decision_reason AS "decisionReason",
  created_at AS "createdAt", decided_at AS "decidedAt" FROM credit_objections`;

/** An organization's objections, newest first. */
export const selectObjectionsOf = (db: Queryable, organizationId: string) =>
  selectRows<ObjectionViewDto>(
    db,
    `${OBJECTION_SELECT} WHERE organization_id = $1 ORDER BY created_at DESC`,
    [organizationId],
  );

export const selectObjection = (db: Queryable, id: string) =>
  selectOne<ObjectionViewDto>(db, `${OBJECTION_SELECT} WHERE id = $1`, [id]);

export const hasPendingObjection = async (db: Queryable, organizationId: string) =>
  (
    await selectRows(
      db,
      `SELECT 1 FROM credit_objections WHERE organization_id = $1 AND status = 'pending'`,
      [organizationId],
    )
  ).length > 0;

export const insertObjection = async (
  db: Queryable,
  organizationId: string,
  reason: string,
  filedBy: string,
) =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO credit_objections (organization_id, reason, filed_by) VALUES ($1, $2, $3) RETURNING id`,
    [organizationId, reason, filedBy],
  ))!.id;

/** The objection, locked for its decision. */
export const lockObjection = (db: Queryable, id: string) =>
  selectOne<{ organization_id: string; status: string }>(
    db,
    `SELECT organization_id, status FROM credit_objections WHERE id = $1 FOR UPDATE`,
    [id],
  );

export async function decideObjection(
  db: Queryable,
  id: string,
  decision: { status: 'upheld' | 'dismissed'; decidedBy: string; reason: string },
): Promise<void> {
  await db.query(
    `UPDATE credit_objections SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1`,
    [id, decision.status, decision.decidedBy, decision.reason],
  );
}
