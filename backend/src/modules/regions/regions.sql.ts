import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { LiveRegion } from './region-import.js';
import type { RegionLevel } from './region.entity.js';

/** A region as the API shows it. */
export interface RegionView {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  retiredAt: string | null;
  version: number;
}

/** A region's row, as a change reads it. */
export interface RegionRow {
  id: string;
  name: string;
  level: RegionLevel;
  parent_id: string | null;
  path: string;
  retired_at: Date | null;
  version: number;
}

const COLUMNS = `id, name, level, parent_id AS "parentId", retired_at AS "retiredAt", version`;

/** Changes of the region tree are serialized by one advisory lock, held until the transaction ends. */
export async function lockRegionTree(db: Queryable): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('regions'))`);
}

/** The tree in path order; live regions only unless asked. */
export const selectRegions = (db: Queryable, includeRetired: boolean) =>
  selectRows<RegionView>(db, `SELECT ${COLUMNS} FROM regions WHERE $1 OR retired_at IS NULL ORDER BY path`, [
    includeRetired,
  ]);

export const selectRegion = (db: Queryable, id: string) =>
  selectOne<RegionView>(db, `SELECT ${COLUMNS} FROM regions WHERE id = $1`, [id]);

/** A region's row locked: FOR UPDATE to change it, FOR SHARE to place something in it. */
export const lockRegion = (db: Queryable, id: string, mode: 'UPDATE' | 'SHARE') =>
  selectOne<RegionRow>(
    db,
    `SELECT id, name, level, parent_id, path, retired_at, version FROM regions WHERE id = $1 FOR ${mode === 'UPDATE' ? 'UPDATE' : 'SHARE'}`,
    [id],
  );

export const selectRegionName = async (db: Queryable, id: string) =>
  selectOne<{ name: string }>(db, `SELECT name FROM regions WHERE id = $1`, [id]);

/** Every live region, for the imports (which name regions by their names path). */
export const selectLiveRegions = (db: Queryable) =>
  selectRows<LiveRegion>(
    db,
    `SELECT id, name, level, parent_id AS "parentId", path FROM regions WHERE retired_at IS NULL`,
  );

export async function insertRegion(
  db: Queryable,
  r: { id: string; name: string; level: RegionLevel; parentId: string | null; path: string },
): Promise<void> {
  await db.query(`INSERT INTO regions (id, name, level, parent_id, path) VALUES ($1, $2, $3, $4, $5)`, [
    r.id,
    r.name,
    r.level,
    r.parentId,
    r.path,
  ]);
}

/** Regions of an import, in one statement (parents before children in the list). */
export async function insertRegions(
  db: Queryable,
  regions: { id: string; name: string; level: RegionLevel; parentId: string | null; path: string }[],
): Promise<void> {
  await db.query(
    `INSERT INTO regions (id, name, level, parent_id, path)
     SELECT id, name, level, "parentId", path FROM jsonb_to_recordset($1::jsonb)
            AS r(id uuid, name text, level text, "parentId" uuid, path text)`,
    [JSON.stringify(regions)],
  );
}

/** Share-locks the named regions (the parents an import places regions in) against a retirement. */
export async function shareLockRegions(db: Queryable, ids: string[]): Promise<void> {
  await db.query(`SELECT 1 FROM regions WHERE id = ANY($1::uuid[]) FOR SHARE`, [ids]);
}

/**
 * Moves (and renames) a region under a new parent: its path and its whole subtree's in one statement
 * (the region's version +1; its descendants only change path, which the API does not show).
 */
export async function moveRegion(
  db: Queryable,
  move: { id: string; oldPath: string; newPath: string; parentId: string; name: string },
): Promise<void> {
  await db.query(
    `UPDATE regions SET path = $3 || substr(path, length($2) + 1),
            parent_id = CASE WHEN id = $1 THEN $4::uuid ELSE parent_id END,
            name = CASE WHEN id = $1 THEN $5 ELSE name END,
            version = CASE WHEN id = $1 THEN version + 1 ELSE version END
      WHERE path LIKE $2 || '%'`,
    [move.id, move.oldPath, move.newPath, move.parentId, move.name],
  );
}

export async function renameRegion(db: Queryable, id: string, name: string): Promise<void> {
  await db.query(`UPDATE regions SET name = $2, version = version + 1 WHERE id = $1`, [id, name]);
}

export const countLiveChildren = async (db: Queryable, id: string) =>
  (await selectOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM regions WHERE parent_id = $1 AND retired_at IS NULL`,
    [id],
  ))!.n;

export async function retireRegion(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE regions SET retired_at = now(), version = version + 1 WHERE id = $1`, [id]);
}

/** Organizations homed in a moved street take its new district along. */
export async function moveStreetOrganizations(
  db: Queryable,
  streetId: string,
  districtId: string,
): Promise<void> {
  await db.query(`UPDATE organizations SET district_id = $2 WHERE home_street_id = $1`, [
    streetId,
    districtId,
  ]);
}

/** The named regions of a level (under a parent, when given), share-locked, with whether each is retired. */
export const shareLockRegionsOfLevel = (
  db: Queryable,
  ids: string[],
  level: RegionLevel,
  parentId: string | null,
) =>
  selectRows<{ id: string; retired: boolean }>(
    db,
    `SELECT id, retired_at IS NOT NULL AS retired FROM regions
      WHERE id = ANY($1::uuid[]) AND level = $2 AND ($3::uuid IS NULL OR parent_id = $3) FOR SHARE`,
    [ids, level, parentId],
  );
