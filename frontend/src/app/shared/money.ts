import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** Digits, then at most `decimals` decimals: no sign, no exponent, no float on the way. */
const DECIMAL = /^(\d{1,13})(?:\.(\d+))?$/;

/**
 * A decimal string as an integer count of its smallest unit, read digit by digit so no binary
 * float ever rounds it: `parseScaled('1234.5', 2)` is 123450. Spaces, a leading ¥ and thousands
 * commas are tolerated; anything else (a sign, an exponent, more decimals than allowed) is null.
 */
export function parseScaled(text: string, decimals: number): number | null {
  const cleaned = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/[,，\s]/g, '');
  const match = DECIMAL.exec(cleaned);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  if (fraction.length > decimals) return null;
  return Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
}

/** Yuan typed by a user → integer fen; null when it is not an amount with at most 2 decimals. */
export const yuanToFen = (text: string): number | null => parseScaled(text, 2);

/** A percentage typed with at most 2 decimals → basis points ('25' → 2500, '33.33' → 3333). */
export const percentToBp = (text: string): number | null => parseScaled(text, 2);

/** An integer in hundredths as a plain decimal string with two places: 123450 → '1234.50'. */
export function hundredthsText(value: number): string {
  const abs = Math.abs(Math.trunc(value));
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return value < 0 ? `-${text}` : text;
}

/** Fen for an input box: 123450 → '1234.50'. */
export const fenToYuanText = (fen: number): string => hundredthsText(fen);

/** Basis points as a percentage: 2500 → '25', 3333 → '33.33'. */
export function bpToPercentText(bp: number): string {
  return hundredthsText(bp)
    .replace(/\.00$/, '')
    .replace(/(\.\d)0$/, '$1');
}

/** Fen for display: ¥ with thousands separators and two decimals (123450 → '¥1,234.50'). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const text = hundredthsText(fen);
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  return `${negative ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** A reactive-forms validator: a positive yuan amount with at most 2 decimals (`{ yuan: true }` otherwise). */
export const yuanValidator: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value = control.value;
  if (value === null || value === undefined || String(value).trim() === '') return null;
  const fen = yuanToFen(String(value));
  return fen !== null && fen > 0 ? null : { yuan: true };
};
