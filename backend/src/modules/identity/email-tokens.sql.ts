import { selectOne, type Queryable } from '../../common/database/queryable.js';
import type { EmailTokenPurpose } from './email-token.entity.js';

export async function insertEmailToken(
  db: Queryable,
  t: { tokenHash: string; userId: string; purpose: EmailTokenPurpose; email: string; ttlMinutes: number },
): Promise<void> {
  await db.query(
    `INSERT INTO email_tokens (token_hash, user_id, purpose, email, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [t.tokenHash, t.userId, t.purpose, t.email, t.ttlMinutes],
  );
}

/** A link token by its hash (locked), with the user's current address and whether it is spent or expired. */
export const lockEmailToken = (db: Queryable, tokenHash: string, purpose: EmailTokenPurpose) =>
  selectOne<{
    id: string;
    user_id: string;
    email: string;
    current: string;
    spent: boolean;
    expired: boolean;
  }>(
    db,
    `SELECT t.id, t.user_id, t.email, u.email AS current, t.spent_at IS NOT NULL AS spent, t.expires_at <= now() AS expired
         FROM email_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.purpose = $2
          FOR UPDATE OF t`,
    [tokenHash, purpose],
  );

/** Spends every live link of the purpose for the user (one used, the others with it). */
export async function spendEmailTokens(
  db: Queryable,
  userId: string,
  purpose: EmailTokenPurpose,
): Promise<void> {
  await db.query(
    `UPDATE email_tokens SET spent_at = now() WHERE user_id = $1 AND purpose = $2 AND spent_at IS NULL`,
    [userId, purpose],
  );
}

/** Deletes the rows of links expired more than `keepDays` ago; how many. */
export async function deleteOldEmailTokens(db: Queryable, keepDays: number): Promise<number> {
  const [, deleted] = (await db.query(
    `DELETE FROM email_tokens WHERE expires_at <= now() - make_interval(days => $1)`,
    [keepDays],
  )) as [unknown[], number | undefined];
  return deleted ?? 0;
}
