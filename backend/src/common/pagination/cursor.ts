import { DomainError } from '../errors/domain-error.js';

/** Opaque keyset cursors: the sort values of the last row seen, base64url-encoded JSON. */
export const encodeCursor = (values: unknown[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

/** What each value of a cursor must be, checked before any of them reaches SQL. */
export type CursorKind = 'text' | 'number' | 'uuid' | 'timestamp';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^-?\d{1,20}(\.\d{1,20})?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const IS_KIND: Record<CursorKind, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000'),
  number: (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && NUMBER.test(v)),
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  timestamp: (v) => typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)),
};

/** The cursor's values, each of the kind expected at its place; otherwise a 400. */
export function decodeCursor(cursor: string, kinds: readonly CursorKind[]): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === kinds.length &&
      values.every((v, i) => IS_KIND[kinds[i]](v))
    )
      return values;
  } catch {
    // fall through
  }
  throw new DomainError('validation.failed', 'The cursor is not valid; start again from the first page', {
    field: 'cursor',
  });
}

/** `%`, `_` and `\` in user input match themselves in LIKE patterns. */
export const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
