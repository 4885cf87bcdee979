// Signed-in users without signing in (argon2 is slow by design): a session row per user and an access token
// signed in the benchmark process with the JWT_SECRET it hands to the API it starts.
import { createHmac } from 'node:crypto';

/** An HS256 access token as TokenService.signAccess makes it: { sub, sid }, signed with JWT_SECRET. */
export function signAccess(secret, userId, sessionId) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: userId, sid: sessionId, iat, exp: iat + 4 * 3600 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/**
 * A live session for each of `userIds` (one set-based, idempotent statement: the id is derived from the user
 * id, a revoked one is revived) on `db`, a `pg` client or pool or a TypeORM DataSource; returns
 * userId → { sessionId, token }.
 */
export async function sessionsFor(db, userIds, jwtSecret) {
  const result = await db.query(
    `INSERT INTO sessions (id, user_id)
     SELECT overlay(overlay(md5('bench-session-' || u) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid, u
       FROM unnest($1::uuid[]) u
     ON CONFLICT (id) DO UPDATE SET revoked_at = NULL, revoke_reason = NULL
     RETURNING id, user_id`,
    [[...new Set(userIds)]],
  );
  const rows = Array.isArray(result) ? result : result.rows;
  return new Map(
    rows.map((s) => [s.user_id, { sessionId: s.id, token: signAccess(jwtSecret, s.user_id, s.id) }]),
  );
}
