import type { Queryable } from '../database/queryable.js';
import { selectOne } from '../database/queryable.js';

/** Orders concurrent appends into one chain until the caller's transaction ends. */
export const lockChain = async (db: Queryable): Promise<void> => {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('audit_log'))`);
};

/** The hash of the chain's last entry, or undefined for an empty chain. */
export const lastHash = async (db: Queryable): Promise<string | undefined> =>
  (await selectOne<{ hash: string }>(db, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`))?.hash;

export interface ChainedEntry {
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

export const appendEntry = async (db: Queryable, e: ChainedEntry): Promise<void> => {
  await db.query(
    `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.at, e.actorId, e.action, e.entityType, e.entityId, e.before, e.after, e.prevHash, e.hash],
  );
};
