import type { DataSource, EntityManager } from 'typeorm';

/** What a `<module>.sql.ts` function runs on: the transaction's EntityManager, or the DataSource. */
export type Queryable = Pick<EntityManager | DataSource, 'query'>;

/** The rows of a SELECT (or of INSERT … RETURNING), typed by the caller's row interface. */
export const selectRows = <Row>(db: Queryable, sql: string, params: unknown[] = []): Promise<Row[]> =>
  db.query(sql, params) as Promise<Row[]>;

/** The first row, or undefined when there is none. */
export const selectOne = async <Row>(db: Queryable, sql: string, params: unknown[] = []) =>
  (await selectRows<Row>(db, sql, params))[0] as Row | undefined;

/**
 * Rows of an UPDATE or DELETE … RETURNING: TypeORM's PostgreSQL driver answers those with
 * `[rows, affectedCount]`, unlike SELECT and INSERT.
 */
export const changedRows = async <Row>(db: Queryable, sql: string, params: unknown[] = []) =>
  ((await db.query(sql, params)) as [Row[], number])[0];

/**
 * Runs an `INSERT … ON CONFLICT DO NOTHING RETURNING …`: true when the row went in, false when a
 * unique key already held it (the database decides between concurrent inserts).
 */
export const insertedOnce = async (db: Queryable, sql: string, params: unknown[]) =>
  (await selectRows(db, sql, params)).length > 0;
