import type { Role } from '../../common/auth/roles.js';
import { insertedOnce, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';

/**
 * Claims a message's key: true the first time, false when a message with that key was sent
 * already (or is being sent by a transaction that has not ended yet).
 */
export const claimMailKey = (db: Queryable, key: string) =>
  insertedOnce(db, `INSERT INTO sent_mail (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key`, [key]);

/** A role grant as its mail tells it: to whom, which role where, granted by whom. */
export const grantForMail = (db: Queryable, grantId: string) =>
  selectOne<{ user_id: string; role: Role; region: string; granter: string; revoked: boolean }>(
    db,
    `SELECT g.user_id, g.role, r.name AS region, coalesce(gb.display_name, '') AS granter, g.revoked_at IS NOT NULL AS revoked
       FROM role_grants g JOIN regions r ON r.id = g.region_id LEFT JOIN users gb ON gb.id = g.granted_by WHERE g.id = $1`,
    [grantId],
  );

/** The verified addresses of the admins of organizations with a live bid on the amended tender. */
export const amendmentRecipients = (db: Queryable, tenderId: string, amendmentId: string) =>
  selectRows<{ email: string; title: string; summary: string; deadline: Date }>(
    db,
    `SELECT DISTINCT u.email, t.title, a.summary, t.bid_deadline AS deadline
       FROM tender_amendments a JOIN tenders t ON t.id = a.tender_id
       JOIN bids b ON b.tender_id = t.id AND b.status = 'submitted'
       JOIN role_memberships rm ON rm.organization_id = b.organization_id AND rm.role = 'org_admin'
       JOIN users u ON u.id = rm.user_id AND u.email_verified_at IS NOT NULL
      WHERE a.id = $1 AND t.id = $2`,
    [amendmentId, tenderId],
  );
