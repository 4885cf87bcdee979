import { changedRows, selectOne, selectRows, type Queryable } from '../database/queryable.js';

export interface KeyRef {
  principal: string;
  key: string;
}

/** Deletes the expired keys; returns how many. */
export const purgeExpired = async (db: Queryable): Promise<number> =>
  (
    await changedRows<{ key: string }>(
      db,
      `DELETE FROM idempotency_keys WHERE expires_at <= now() RETURNING key`,
    )
  ).length;

/**
 * Claims the key for this request, taking over an expired one in the same statement so two
 * requests never both claim it. True when claimed.
 */
export const claim = async (
  db: Queryable,
  { principal, key }: KeyRef,
  request: { fingerprint: string; method: string; path: string; ttlHours: number },
): Promise<boolean> =>
  (
    await selectRows<{ key: string }>(
      db,
      `INSERT INTO idempotency_keys (principal, key, fingerprint, method, path, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))
       ON CONFLICT (principal, key) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, method = EXCLUDED.method, path = EXCLUDED.path,
              response_status = NULL, response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE idempotency_keys.expires_at <= now()
       RETURNING key`,
      [principal, key, request.fingerprint, request.method, request.path, request.ttlHours],
    )
  ).length > 0;

/** The claimed key's request fingerprint and, once answered, its answer. */
export const claimed = (db: Queryable, { principal, key }: KeyRef) =>
  selectOne<{ fingerprint: string; status: number | null; body: unknown }>(
    db,
    `SELECT fingerprint, response_status AS status, response_body AS body FROM idempotency_keys
      WHERE principal = $1 AND key = $2`,
    [principal, key],
  );

export const saveAnswer = async (
  db: Queryable,
  { principal, key }: KeyRef,
  status: number,
  body: unknown,
) => {
  await db.query(
    `UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE principal = $1 AND key = $2`,
    [principal, key, status, JSON.stringify(body ?? null)],
  );
};

/** Frees a key whose request failed before answering, so a retry runs anew. */
export const release = async (db: Queryable, { principal, key }: KeyRef) => {
  await db.query(
    `DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND response_status IS NULL`,
    [principal, key],
  );
};
