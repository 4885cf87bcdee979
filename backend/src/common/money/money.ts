import type { ColumnOptions } from 'typeorm';

/**
 * Money is integer minor units (fen) in a bigint column, with its currency beside it.
 * Read back as a JS number: exact up to 2^53 fen (90 trillion yuan), far beyond any budget here.
 */
export const fenColumn = (name: string, options: ColumnOptions = {}): ColumnOptions => ({
  name,
  type: 'bigint',
  transformer: {
    to: (value: number | null | undefined) => value,
    from: (value: string | null) => (value === null ? null : Number(value)),
  },
  ...options,
});

/**
 * A PostgreSQL bigint as a JS number, refusing what a number cannot hold exactly (beyond 2^53).
 * Installed as the driver's parser for int8 (data-source.ts), so every bigint column, count(*)
 * and sum(...)::bigint arrives as a number.
 */
export function readBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} does not fit a JS number exactly`);
  return value;
}

export const CURRENCIES = ['CNY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** 12345 fen → "123.45" for display; never used for arithmetic. */
export const formatFen = (fen: number) =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
