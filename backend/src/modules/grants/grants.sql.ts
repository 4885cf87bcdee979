import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import { cursorTime } from '../../common/database/keyset.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import type { RegionLevel } from '../regions/region.entity.js';
import type { GrantDto } from './dto/grants.dto.js';
import { APART_ROLES, GRANT_LEVELS, type GrantableRole } from './grant-rules.js';

/** A region as a grant names it. */
export interface GrantRegion {
  id: string;
  name: string;
  level: RegionLevel;
  path: string;
  retired: boolean;
}

const GRANT_SELECT = `SELECT g.id, g.user_id AS "userId", u.email, u.display_name AS "displayName",
    u.email_verified_at IS NOT NULL AS "emailVerified", g.role, g.region_id AS "regionId", r.name AS "regionName",
    r.level AS "regionLevel",
    coalesce((SELECT array_agg(c.category_code ORDER BY c.category_code) FROM evaluator_categories c WHERE c.grant_id = g.id), '{}') AS "categoryCodes",
    CASE WHEN g.revoked_at IS NOT NULL AND (g.ends_at IS NULL OR g.revoked_at < g.ends_at) THEN 'revoked'
         WHEN g.ends_at IS NOT NULL AND g.ends_at <= now() THEN 'ended'
         WHEN g.starts_at > now() THEN 'scheduled' ELSE 'active' END AS status,
    g.starts_at AS "startsAt", g.ends_at AS "endsAt", gb.display_name AS "grantedByName", g.revoked_at AS "revokedAt",
    rb.display_name AS "revokedByName", g.revoke_reason AS "revokeReason", g.created_at AS "createdAt"`;

const GRANT_FROM = `
  FROM role_grants g JOIN users u ON u.id = g.user_id JOIN regions r ON r.id = g.region_id
  LEFT JOIN users gb ON gb.id = g.granted_by LEFT JOIN users rb ON rb.id = g.revoked_by`;

/** A grant of the list with its place in the list's order (the keyset of the next page). */
export type GrantListRow = GrantDto & { cursorPath: string; cursorRevoked: number; cursorAt: string };

/**
 * The grantable roles' grants on the region (by its path) and inside it, with their history, those
 * whose holder's name or e-mail contains `q` when given: by region, those in force first, by role
 * and holder, the latest grant first; `limit` rows after the keyset `after` ([path, revoked 0/1,
 * role, holder's name, granted at, id]).
 */
export const selectGrantsWithin = (
  db: Queryable,
  regionPath: string,
  page: { after: unknown[] | null; limit: number; q?: string },
) =>
  selectRows<GrantListRow>(
    db,
    `${GRANT_SELECT}, r.path AS "cursorPath", (g.revoked_at IS NOT NULL)::int AS "cursorRevoked",
            ${cursorTime('g.created_at')} AS "cursorAt"
     ${GRANT_FROM}
      WHERE r.path LIKE $1 || '%' AND g.region_id IS NOT NULL AND g.role = ANY($2::text[])
        AND ($10::text IS NULL OR u.display_name ILIKE $10 OR u.email ILIKE $10)
        AND ($3::text IS NULL
             OR (r.path, g.revoked_at IS NOT NULL, g.role, u.display_name) > ($3::text, $4::int = 1, $5::text, $6::text)
             OR ((r.path, g.revoked_at IS NOT NULL, g.role, u.display_name) = ($3::text, $4::int = 1, $5::text, $6::text)
                 AND (g.created_at < $7::timestamptz OR (g.created_at = $7::timestamptz AND g.id > $8::uuid))))
      ORDER BY r.path, (g.revoked_at IS NOT NULL), g.role, u.display_name, g.created_at DESC, g.id
      LIMIT $9`,
    [
      regionPath,
      Object.keys(GRANT_LEVELS),
      ...(page.after ?? [null, null, null, null, null, null]),
      page.limit,
      page.q ? `%${likeEscape(page.q)}%` : null,
    ],
  );

export const selectGrant = (db: Queryable, id: string) =>
  selectOne<GrantDto>(db, `${GRANT_SELECT} ${GRANT_FROM} WHERE g.id = $1`, [id]);

export const selectGrantRegion = (db: Queryable, id: string) =>
  selectOne<GrantRegion>(
    db,
    `SELECT id, name, level, path, retired_at IS NOT NULL AS retired FROM regions WHERE id = $1`,
    [id],
  );

export const insertGrant = async (
  db: Queryable,
  g: {
    userId: string;
    role: GrantableRole;
    regionId: string;
    grantedBy: string;
    startsAt: Date;
    endsAt: Date | null;
  },
) =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO role_grants (user_id, role, region_id, granted_by, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [g.userId, g.role, g.regionId, g.grantedBy, g.startsAt, g.endsAt],
  ))!.id;

export async function insertEvaluatorCategories(
  db: Queryable,
  grantId: string,
  codes: string[],
): Promise<void> {
  await db.query(
    `INSERT INTO evaluator_categories (grant_id, category_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
    [grantId, codes],
  );
}

/** A grant locked for its revocation. */
export const lockGrant = (db: Queryable, id: string) =>
  selectOne<{ role: GrantableRole; region_id: string | null; revoked: boolean }>(
    db,
    `SELECT role, region_id, revoked_at IS NOT NULL AS revoked FROM role_grants WHERE id = $1 FOR UPDATE`,
    [id],
  );

export async function revokeGrant(
  db: Queryable,
  id: string,
  revokedBy: string,
  reason: string,
): Promise<void> {
  await db.query(
    `UPDATE role_grants SET revoked_at = greatest(now(), starts_at), revoked_by = $2, revoke_reason = $3 WHERE id = $1`,
    [id, revokedBy, reason],
  );
}

/** The account of an address, locked while a grant is made to it. */
export const lockUserByEmail = (db: Queryable, email: string) =>
  selectOne<{ id: string; email: string }>(db, `SELECT id, email FROM users WHERE email = $1 FOR UPDATE`, [
    email,
  ]);

/** A new account for a granted address; its owner sets the password by the mailed link. */
export const insertInvitedUser = async (
  db: Queryable,
  email: string,
  displayName: string,
  passwordHash: string,
) =>
  (await selectOne<{ id: string; email: string }>(
    db,
    `INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id, email`,
    [email, displayName, passwordHash],
  ))!;

/** The person's unrevoked grants of the role on the region, and whether each has ended. */
export const selectSameGrants = (db: Queryable, userId: string, role: GrantableRole, regionId: string) =>
  selectRows<{ id: string; ended: boolean }>(
    db,
    `SELECT id, ends_at IS NOT NULL AND ends_at <= now() AS ended FROM role_grants
      WHERE user_id = $1 AND role = $2 AND region_id = $3 AND revoked_at IS NULL`,
    [userId, role, regionId],
  );

/** An ended grant closed at its end, so the role can be granted again. */
export async function closeEndedGrant(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE role_grants SET revoked_at = ends_at, revoke_reason = 'ended' WHERE id = $1`, [id]);
}

/** Whether the person holds the other one of finance and director of the street at an overlapping time. */
export const holdsApartRole = async (
  db: Queryable,
  userId: string,
  regionId: string,
  role: GrantableRole,
  startsAt: Date,
  endsAt: Date | null,
) =>
  (
    await selectRows(
      db,
      `SELECT 1 FROM role_grants WHERE user_id = $1 AND region_id = $2 AND role = ANY($3::text[]) AND role <> $4
          AND tstzrange(starts_at, LEAST(ends_at, revoked_at)) && tstzrange($5, $6)`,
      [userId, regionId, APART_ROLES, role, startsAt, endsAt],
    )
  ).length > 0;

/**
 * Runs one row of the staff import behind a savepoint: when it throws, what it wrote is undone
 * (the transaction goes on) and the error is rethrown.
 */
export async function inSavepoint<T>(db: Queryable, work: () => Promise<T>): Promise<T> {
  await db.query('SAVEPOINT staff_row');
  try {
    const result = await work();
    await db.query('RELEASE SAVEPOINT staff_row');
    return result;
  } catch (err) {
    await db.query('ROLLBACK TO SAVEPOINT staff_row');
    throw err;
  }
}
