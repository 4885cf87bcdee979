import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';

/** A catalog entry as the API shows it. */
export interface CategoryView {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  sinceVersion: number;
  retiredInVersion: number | null;
  retiredAt: string | null;
  version: number;
}

const COLUMNS = `code, parent_code AS "parentCode", name_zh AS "nameZh", name_en AS "nameEn", sort_order AS "sortOrder",
  since_version AS "sinceVersion", retired_in_version AS "retiredInVersion", retired_at AS "retiredAt", version`;

/** Catalog changes are serialized by one advisory lock, so two never take the same version number. */
export async function lockCatalog(db: Queryable): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('service_categories'))`);
}

/** The catalog version in force: the latest version that added or retired an entry. */
export const selectCatalogVersion = async (db: Queryable) =>
  (await selectOne<{ version: number }>(
    db,
    `SELECT greatest(coalesce(max(since_version), 0), coalesce(max(retired_in_version), 0))::int AS version
         FROM service_categories`,
  ))!.version;

export const selectCategories = (db: Queryable, includeRetired: boolean) =>
  selectRows<CategoryView>(
    db,
    `SELECT ${COLUMNS} FROM service_categories WHERE $1 OR retired_at IS NULL ORDER BY sort_order, code`,
    [includeRetired],
  );

/** One entry, locked FOR UPDATE when asked. */
export const selectCategory = (db: Queryable, code: string, forUpdate = false) =>
  selectOne<CategoryView>(
    db,
    `SELECT ${COLUMNS} FROM service_categories WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [code],
  );

/** The named entries, share-locked against a concurrent retirement, with whether each is retired. */
export const shareLockCategories = (db: Queryable, codes: string[]) =>
  selectRows<{ code: string; retired: boolean }>(
    db,
    `SELECT code, retired_at IS NOT NULL AS retired FROM service_categories WHERE code = ANY($1::text[]) FOR SHARE`,
    [codes],
  );

/** A new entry of the version; false when the code is taken (codes are never reused). */
export const insertCategory = async (
  db: Queryable,
  c: { code: string; parentCode: string | null; nameZh: string; nameEn: string; sortOrder: number | null },
  version: number,
) =>
  (
    await selectRows(
      db,
      `INSERT INTO service_categories (code, parent_code, name_zh, name_en, sort_order, since_version)
       VALUES ($1, $2, $3, $4, coalesce($5, (SELECT coalesce(max(sort_order), -1) + 1 FROM service_categories)), $6)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [c.code, c.parentCode, c.nameZh, c.nameEn, c.sortOrder, version],
    )
  ).length > 0;

/** Renames or reorders an entry; absent fields stay. */
export async function updateCategory(
  db: Queryable,
  code: string,
  c: { nameZh?: string; nameEn?: string; sortOrder?: number },
): Promise<void> {
  await db.query(
    `UPDATE service_categories SET name_zh = coalesce($2, name_zh), name_en = coalesce($3, name_en),
            sort_order = coalesce($4, sort_order), version = version + 1 WHERE code = $1`,
    [code, c.nameZh ?? null, c.nameEn ?? null, c.sortOrder ?? null],
  );
}

export const countLiveChildren = async (db: Queryable, code: string) =>
  (await selectOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM service_categories WHERE parent_code = $1 AND retired_at IS NULL`,
    [code],
  ))!.n;

export async function retireCategory(db: Queryable, code: string, version: number): Promise<void> {
  await db.query(
    `UPDATE service_categories SET retired_in_version = $2, retired_at = now(), version = version + 1 WHERE code = $1`,
    [code, version],
  );
}
