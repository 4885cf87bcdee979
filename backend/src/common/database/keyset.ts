import { type CursorKind, decodeCursor } from '../pagination/cursor.js';
import { type Page, pageOf } from '../pagination/page.js';

/**
 * A timestamp column as a keyset cursor value: ISO 8601 in UTC to the microsecond, so the next
 * page starts exactly after the last row (a JS Date would drop the microseconds).
 */
export const cursorTime = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A page newest first by (time, id) with the parameters of a TimeKeyset from $n on: the rows before
 * the position ($n, $n+1; both null on the first page), at most $n+2 of them.
 */
export const newestFirst = (time: string, id: string, n: number) =>
  `($${n}::timestamptz IS NULL OR (${time}, ${id}) < ($${n}::timestamptz, $${n + 1}::uuid))
      ORDER BY ${time} DESC, ${id} DESC LIMIT $${n + 2}`;

/** The same page oldest first: the rows after the position, in ascending (time, id). */
export const oldestFirst = (time: string, id: string, n: number) =>
  `($${n}::timestamptz IS NULL OR (${time}, ${id}) > ($${n}::timestamptz, $${n + 1}::uuid))
      ORDER BY ${time}, ${id} LIMIT $${n + 2}`;

/**
 * The page out of `limit + 1` rows that carry their keyset time as `k`: the cursor is `k` and
 * the id (or what `cursorOf` says), and `k` stays out of the items.
 */
export function keyedPage<Row extends { k: string; id: string }>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => unknown[] = (row) => [row.k, row.id],
): Page<Omit<Row, 'k'>> {
  return pageOf(rows, limit, cursorOf, ({ k: _k, ...item }) => item);
}

/** Where the page of `cursor` starts (its values, checked to be of these kinds), or null for the first page. */
export const pageStart = <T extends unknown[]>(cursor: string | undefined, kinds: readonly CursorKind[]) =>
  cursor ? (decodeCursor(cursor, kinds) as T) : null;

/** Where a page keyed by (time, id) starts (null: the first page) and how many rows it reads (one more than shown). */
export interface TimeKeyset {
  after: [string, string] | null;
  limit: number;
}

/**
 * A page of a list kept in (time, id) order: `read` gets where the page starts and how many rows
 * to read, and returns them with their keyset time as `k`.
 */
export async function timeKeyedPage<Row extends { k: string; id: string }>(
  query: { cursor?: string; limit: number },
  read: (keyset: TimeKeyset) => Promise<Row[]>,
): Promise<Page<Omit<Row, 'k'>>> {
  const rows = await read({ after: pageStart(query.cursor, ['timestamp', 'uuid']), limit: query.limit + 1 });
  return keyedPage(rows, query.limit);
}
