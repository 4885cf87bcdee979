import { type CursorKind, decodeCursor } from '../pagination/cursor.js';
import { type Page, pageOf } from '../pagination/page.js';

/**
 * A timestamp column as a keyset cursor value: ISO 8601 in UTC to the microsecond, so the next
 * page starts exactly after the last row (a JS Date would drop the microseconds).
 */
export const cursorTime = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

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
