import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { ComplaintDto } from './dto/evaluation.dto.js';

const COMPLAINT_SELECT = `SELECT id, tender_id AS "tenderId", organization_id AS "organizationId", reason, status,
  decision_reason AS "decisionReason", created_at AS "createdAt" FROM tender_complaints`;

export const complaintView = async (db: Queryable, id: string) =>
  (await selectOne<ComplaintDto>(db, `${COMPLAINT_SELECT} WHERE id = $1`, [id]))!;

/** The tender's complaints: all of them when `all`, else those of these organizations. */
export const complaintsOf = (db: Queryable, tenderId: string, all: boolean, organizationIds: string[]) =>
  selectRows<ComplaintDto>(
    db,
    `${COMPLAINT_SELECT} WHERE tender_id = $1 AND ($2 OR organization_id = ANY($3::uuid[])) ORDER BY created_at`,
    [tenderId, all, organizationIds],
  );

export const hasLiveBid = async (db: Queryable, tenderId: string, organizationId: string) =>
  !!(await selectOne(
    db,
    `SELECT 1 FROM bids WHERE tender_id = $1 AND organization_id = $2 AND status <> 'withdrawn'`,
    [tenderId, organizationId],
  ));

export const insertComplaint = async (
  db: Queryable,
  tenderId: string,
  organizationId: string,
  reason: string,
) =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO tender_complaints (tender_id, organization_id, reason) VALUES ($1, $2, $3) RETURNING id`,
    [tenderId, organizationId, reason],
  ))!.id;

export const lockComplaint = (db: Queryable, id: string) =>
  selectOne<{ tender_id: string; status: ComplaintDto['status'] }>(
    db,
    `SELECT tender_id, status FROM tender_complaints WHERE id = $1 FOR UPDATE`,
    [id],
  );

export const decideComplaint = (
  db: Queryable,
  id: string,
  d: { status: 'upheld' | 'dismissed'; reason: string; decidedBy: string },
) =>
  db.query(
    `UPDATE tender_complaints SET status = $2, decision_reason = $3, decided_by = $4, decided_at = now() WHERE id = $1`,
    [id, d.status, d.reason, d.decidedBy],
  );
