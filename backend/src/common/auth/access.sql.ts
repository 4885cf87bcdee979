import { selectOne, selectRows, type Queryable } from '../database/queryable.js';
import type { Membership } from './auth-user.js';

/** A region's materialized path (`/district/street/…`), or undefined for an unknown region. */
export const regionPath = async (db: Queryable, regionId: string): Promise<string | undefined> =>
  (await selectOne<{ path: string }>(db, `SELECT path FROM regions WHERE id = $1`, [regionId]))?.path;

/** The session of an access token with its user's address; undefined when unknown. */
export const sessionOf = (db: Queryable, sessionId: string, userId: string) =>
  selectOne<{ email: string; revoked: boolean }>(
    db,
    `SELECT u.email, s.revoked_at IS NOT NULL AS revoked
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.user_id = $2`,
    [sessionId, userId],
  );

/** The roles in force for a user (the view role_memberships), oldest first. */
export const membershipsOf = (db: Queryable, userId: string) =>
  selectRows<Membership>(
    db,
    `SELECT m.id, m.role, m.region_id AS "regionId", r.path AS "regionPath", m.organization_id AS "organizationId",
            COALESCE(r.name, o.name) AS "scopeName"
       FROM role_memberships m
       LEFT JOIN regions r ON r.id = m.region_id
       LEFT JOIN organizations o ON o.id = m.organization_id
      WHERE m.user_id = $1
      ORDER BY m.created_at, m.id`,
    [userId],
  );
