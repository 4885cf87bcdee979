import { changedRows, type Queryable, selectOne } from '../../common/database/queryable.js';

export interface SealRow {
  id: string;
  publicKey: string;
  wrappedPrivateKey: string;
  privateKey: string | null;
  openedAt: Date | null;
}

export const insertSeal = (db: Queryable, publicKey: string, wrappedPrivateKey: string) =>
  selectOne<{ id: string }>(
    db,
    `INSERT INTO document_seals (public_key, wrapped_private_key) VALUES ($1, $2) RETURNING id`,
    [publicKey, wrappedPrivateKey],
  ) as Promise<{ id: string }>;

export const selectSeal = (db: Queryable, id: string, lock: '' | 'FOR UPDATE' = '') =>
  selectOne<SealRow>(
    db,
    `SELECT id, public_key AS "publicKey", wrapped_private_key AS "wrappedPrivateKey", private_key AS "privateKey",
            opened_at AS "openedAt" FROM document_seals WHERE id = $1 ${lock}`,
    [id],
  );

export const markOpened = (db: Queryable, id: string, privateKey: string) =>
  changedRows(
    db,
    `UPDATE document_seals SET private_key = $2, opened_at = now() WHERE id = $1 AND opened_at IS NULL`,
    [id, privateKey],
  );

/** A document's bytes now stored sealed (no thumbnail: it would show a sealed photo). */
export const markSealed = (
  db: Queryable,
  id: string,
  sealId: string,
  storageKey: string,
  sealedKey: string,
) =>
  changedRows(
    db,
    `UPDATE documents SET seal_id = $2, storage_key = $3, sealed_key = $4, thumbnail_key = NULL
      WHERE id = $1 AND seal_id IS NULL AND status = 'clean'`,
    [id, sealId, storageKey, sealedKey],
  );
