/** One refused row of an import, as the API names it (details.errors of import.rows_invalid). */
export interface RowError {
  line: number;
  column?: string;
  message: string;
}

/** details.errors of a refused import, if the failure carries them. */
export function rowErrors(details: unknown): RowError[] {
  const errors = (details as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is RowError =>
      !!e && typeof e === 'object' && typeof e.line === 'number' && typeof e.message === 'string',
  );
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break; a leading =+-@ is defused. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The error report the user downloads: a UTF-8 CSV (with a byte-order mark, so spreadsheet
 * programs read the Chinese), one row per error, built in the browser from the API's answer.
 */
export function errorReportCsv(errors: readonly RowError[], headers: [string, string, string]): string {
  const lines = [headers, ...errors.map((e) => [String(e.line), e.column ?? '', e.message])];
  return '\uFEFF' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}
