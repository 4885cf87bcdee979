import { DomainError } from '../errors/domain-error.js';

/** Opaque keyset cursors: the sort values of the last row seen, base64url-encoded JSON. */
export const encodeCursor = (values: unknown[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw new DomainError('validation.failed', 'The cursor is not valid; start again from the first page', {
    field: 'cursor',
  });
}

/** `%`, `_` and `\` in user input match themselves in LIKE patterns. */
export const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
