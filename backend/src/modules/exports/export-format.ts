import { formatFen } from '../../common/money/money.js';

/**
 * How a column's values are written. Text is what people typed or named (guarded against formula
 * injection in CSV); every other kind is a value the server produced.
 */
export type CellKind = 'text' | 'yuan' | 'datetime' | 'date' | 'int' | 'decimal';
/** A value as the dataset gives it: text, fen (yuan), Date (datetime), 'YYYY-MM-DD' (date), number. */
export type CellValue = string | number | Date | null;

/** UTF-8 byte order mark: without it Excel opens a CSV as the local code page and garbles Chinese. */
export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/** China has kept UTC+8 without daylight saving since 1991, so Asia/Shanghai is a fixed offset here. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** 2026-05-12T02:03:04Z → "2026-05-12 10:03:04" (Asia/Shanghai). */
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The same instant as a Date whose UTC fields read as Shanghai wall-clock time: spreadsheet date
 * cells have no time zone, so this is what makes Excel show the Shanghai time.
 */
export function shanghaiWallClock(at: Date): Date {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS);
}

/** Today in China Standard Time, 'YYYY-MM-DD'. */
export function shanghaiToday(now = new Date()): string {
  return shanghaiDateTime(now).slice(0, 10);
}

/**
 * CSV/formula injection guard (OWASP): a text cell starting with = + - @ (or a tab or carriage
 * return, which Excel skips before looking for one) is prefixed with an apostrophe, so a
 * spreadsheet shows it as text instead of evaluating it.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: a field holding a quote, comma, line break or edge space is quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One value as CSV text (not yet quoted). */
export function csvText(kind: CellKind, value: CellValue): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'text':
      return guardFormula(String(value));
    case 'yuan':
      return formatFen(Number(value));
    case 'datetime':
      return shanghaiDateTime(value as Date);
    case 'date':
      return String(value);
    case 'int':
      return String(Math.trunc(Number(value)));
    case 'decimal':
      return Number(value).toFixed(2);
  }
}

/** One CSV line, line break included. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvField).join(',') + CSV_EOL;
}

/** One value as an XLSX cell value; typed cells, so a text cell is never taken for a formula. */
export function xlsxValue(kind: CellKind, value: CellValue): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return String(value);
    case 'yuan':
      // fen → yuan: the nearest double, shown with two decimals by the column's number format.
      return Number(value) / 100;
    case 'datetime':
      return shanghaiWallClock(value as Date);
    case 'date':
      return new Date(`${String(value)}T00:00:00Z`);
    case 'int':
      return Math.trunc(Number(value));
    case 'decimal':
      return Number(value);
  }
}

/** Excel number format of each kind. */
export const XLSX_NUM_FMT: Partial<Record<CellKind, string>> = {
  yuan: '#,##0.00',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  date: 'yyyy-mm-dd',
  decimal: '0.00',
  int: '0',
};

/** Progress in percent of rows written; 100 is kept for the moment the file is stored. */
export function progressOf(written: number, total: number): number {
  if (total <= 0) return 99;
  return Math.min(99, Math.floor((written * 100) / total));
}
