import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';

/** A new account; undefined when the address already has one. */
export const insertUser = async (
  db: Queryable,
  u: { email: string; phone: string | null; displayName: string; passwordHash: string },
) =>
  (
    await selectOne<{ id: string }>(
      db,
      `INSERT INTO users (email, phone, display_name, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [u.email, u.phone, u.displayName, u.passwordHash],
    )
  )?.id;

export const selectUserIdByEmail = async (db: Queryable, email: string) =>
  (await selectOne<{ id: string }>(db, `SELECT id FROM users WHERE email = $1`, [email]))?.id;

/** A new password; setting it by a mailed link also proves the address. */
export async function setPasswordFromLink(
  db: Queryable,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.query(
    `UPDATE users SET password_hash = $2, email_verified_at = coalesce(email_verified_at, now()), version = version + 1
      WHERE id = $1`,
    [userId, passwordHash],
  );
}

/**
 * The same password hashed under today's policy, unless the hash changed meanwhile (a reset). Not a
 * change of the account: its version stays, so an edit prepared before is not refused for it.
 */
export async function replaceOutdatedPasswordHash(
  db: Queryable,
  userId: string,
  outdated: string,
  passwordHash: string,
): Promise<void> {
  await db.query(`UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2`, [
    userId,
    outdated,
    passwordHash,
  ]);
}

export async function markEmailVerified(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), version = version + 1 WHERE id = $1`,
    [userId],
  );
}

/** The user's live sessions, locked (in id order) to be ended. */
export const lockLiveSessions = (db: Queryable, userId: string) =>
  selectRows<{ id: string }>(
    db,
    `SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id FOR UPDATE`,
    [userId],
  );

export const insertSession = async (db: Queryable, userId: string) =>
  (await selectOne<{ id: string }>(db, `INSERT INTO sessions (user_id) VALUES ($1) RETURNING id`, [userId]))!
    .id;

export async function revokeSession(db: Queryable, sessionId: string, reason: string): Promise<void> {
  await db.query(`UPDATE sessions SET revoked_at = now(), revoke_reason = $2 WHERE id = $1`, [
    sessionId,
    reason,
  ]);
}

/** A refresh token by its hash, with its session, both locked. */
export const lockRefreshToken = (db: Queryable, tokenHash: string) =>
  selectOne<{
    id: string;
    session_id: string;
    user_id: string;
    spent_at: Date | null;
    expires_at: Date;
    revoked: boolean;
  }>(
    db,
    `SELECT t.id, t.session_id, s.user_id, t.spent_at, t.expires_at, s.revoked_at IS NOT NULL AS revoked
         FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
        WHERE t.token_hash = $1
        FOR UPDATE OF t, s`,
    [tokenHash],
  );

/** The live session of a refresh token, locked to be ended. */
export const lockLiveSessionOfToken = (db: Queryable, tokenHash: string) =>
  selectOne<{ session_id: string; user_id: string }>(
    db,
    `SELECT t.session_id, s.user_id FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
      WHERE t.token_hash = $1 AND s.revoked_at IS NULL FOR UPDATE OF s`,
    [tokenHash],
  );

export async function spendRefreshToken(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE refresh_tokens SET spent_at = now() WHERE id = $1`, [id]);
}

export async function insertRefreshToken(
  db: Queryable,
  tokenHash: string,
  sessionId: string,
  ttlDays: number,
): Promise<void> {
  await db.query(
    `INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`,
    [tokenHash, sessionId, ttlDays],
  );
}
