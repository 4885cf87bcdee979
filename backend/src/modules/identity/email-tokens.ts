import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sha256 } from '../../common/auth/token.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { EmailTokenPurpose } from './email-token.entity.js';
import {
  deleteOldEmailTokens,
  insertEmailToken,
  lockEmailToken,
  spendEmailTokens,
} from './email-tokens.sql.js';

/**
 * Mints a one-time link token for the address `email` of the user and stores only its hash.
 * Called by the worker that mails it, in the transaction that claims the mail: a failed send
 * rolls the token back, so no live token exists that was never delivered.
 */
export async function mintEmailToken(
  m: EntityManager,
  user: { id: string; email: string },
  purpose: EmailTokenPurpose,
  ttlMinutes: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertEmailToken(m, {
    tokenHash: sha256(token),
    userId: user.id,
    purpose,
    email: user.email,
    ttlMinutes,
  });
  return token;
}

/**
 * Spends a token of the given purpose, inside the caller's transaction: the row is locked, so
 * of two concurrent uses only one succeeds. The link proves the address it was sent to, so it
 * is refused when the account's address is no longer that one, and, with `forUser`, when it is
 * another account's (refused without being spent). Spending one spends every live
 * token of the same purpose for the user (an older mail cannot be used afterwards).
 */
export async function spendEmailToken(
  m: EntityManager,
  token: string,
  purpose: EmailTokenPurpose,
  forUser?: string,
): Promise<{ userId: string; email: string }> {
  const row = await lockEmailToken(m, sha256(token), purpose);
  if (!row || row.spent || row.email !== row.current || (forUser !== undefined && row.user_id !== forUser))
    throw new DomainError('auth.link_invalid', 'This link is not valid or was already used');
  if (row.expired) throw new DomainError('auth.link_expired', 'This link has expired; ask for a new one');
  await spendEmailTokens(m, row.user_id, purpose);
  return { userId: row.user_id, email: row.email };
}

/** How long a spent or expired link's row is kept (so a late click still says "expired" or "used"). */
export const EMAIL_TOKEN_KEEP_DAYS = 7;

/** Deletes the rows of links expired more than EMAIL_TOKEN_KEEP_DAYS ago (the daily `mail.purge_links` job). */
export async function purgeOldEmailTokens(m: EntityManager): Promise<number> {
  return deleteOldEmailTokens(m, EMAIL_TOKEN_KEEP_DAYS);
}
