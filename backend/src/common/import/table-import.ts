import { Readable } from 'node:stream';
import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import ExcelJS from 'exceljs';
import { DomainError } from '../errors/domain-error.js';
import { ApiFileUpload, uploadedFile } from '../storage/uploaded-file.js';

/** One column of an import template: the key a service reads, the header people see, an example. */
export interface ImportColumn {
  key: string;
  header: string;
  example: string;
  required?: boolean;
}

/** A data row of an uploaded table: its line in the file (the header is line 1) and its cells by column key. */
export interface ImportRow {
  line: number;
  values: Record<string, string>;
}

/** What is wrong with one row; an import with any of these applies nothing. */
export interface RowError {
  line: number;
  column?: string;
  message: string;
}

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

/** The uploaded file of a multipart request (field `file`), as the import endpoints take it. */
export const uploadedTable = (request: FastifyRequest): Promise<{ filename: string; data: Buffer }> =>
  uploadedFile(request, IMPORT_MAX_BYTES, 'Import files');

/**
 * Reads an uploaded CSV (UTF-8) or XLSX (first sheet) whose first row holds the template's headers
 * (in any order; extra columns are ignored). Blank rows are skipped; cells are trimmed strings.
 */
export async function readTable(
  file: { filename: string; data: Buffer },
  columns: readonly ImportColumn[],
): Promise<ImportRow[]> {
  const workbook = new ExcelJS.Workbook();
  const kind = /\.csv$/i.test(file.filename) ? 'csv' : /\.xlsx$/i.test(file.filename) ? 'xlsx' : null;
  if (!kind) throw new DomainError('file.unsupported_type', 'Upload the template as .xlsx or .csv');
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (kind === 'csv') {
      const text = file.data.toString('utf8').replace(/^\uFEFF/, '');
      sheet = await workbook.csv.read(Readable.from([text]));
    } else {
      await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
      sheet = workbook.worksheets[0];
    }
  } catch {
    throw new DomainError('import.invalid_file', `The file could not be read as ${kind.toUpperCase()}`);
  }
  if (!sheet || sheet.rowCount === 0) throw new DomainError('import.invalid_file', 'The file is empty');
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headers.set(cellText(cell.value), col));
  const missing = columns.filter((c) => !headers.has(c.header)).map((c) => c.header);
  if (missing.length)
    throw new DomainError(
      'import.invalid_file',
      `The first row must name the template's columns; missing: ${missing.join(', ')}`,
      {
        missing,
      },
    );
  const rows: ImportRow[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const values = Object.fromEntries(
      columns.map((c) => [c.key, cellText(row.getCell(headers.get(c.header)!).value)]),
    );
    if (Object.values(values).some((v) => v !== '')) rows.push({ line, values });
  });
  if (!rows.length) throw new DomainError('import.invalid_file', 'The file has no data rows');
  if (rows.length > IMPORT_MAX_ROWS)
    throw new DomainError('import.invalid_file', `At most ${IMPORT_MAX_ROWS} rows per import`);
  return rows;
}

/** Required cells left empty, as row errors (the first check of every import). */
export function missingCells(rows: readonly ImportRow[], columns: readonly ImportColumn[]): RowError[] {
  return rows.flatMap((r) =>
    columns
      .filter((c) => c.required && !r.values[c.key])
      .map((c) => ({ line: r.line, column: c.header, message: `${c.header} is required` })),
  );
}

/** Refuses the whole import, naming every bad row, when there is any. */
export function refuseIfInvalid(errors: RowError[]): void {
  if (errors.length)
    throw new DomainError('import.rows_invalid', `${errors.length} row error(s): nothing was imported`, {
      errors: [...errors].sort((a, b) => a.line - b.line),
    });
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** OpenAPI of a template download route. */
export const ApiImportTemplate = (what: string) =>
  applyDecorators(
    ApiProduces(XLSX),
    ApiOkResponse({
      schema: { type: 'string', format: 'binary' },
      description: `The ${what} import template`,
    }),
  );

/** OpenAPI of an import route: the file as multipart field `file`; 422 names every bad row. */
export const ApiImportUpload = (nothing: string) =>
  applyDecorators(
    ApiFileUpload(),
    ApiUnprocessableEntityResponse({
      description: `import.rows_invalid: details.errors lists every bad row ({line, column, message}); ${nothing}`,
    }),
  );

/** Answers a template download. */
export async function sendTemplate(
  reply: FastifyReply,
  columns: readonly ImportColumn[],
  fileName: string,
): Promise<void> {
  await reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(await templateWorkbook(columns));
}

/** The template as an XLSX file: the headers and one example row. */
export async function templateWorkbook(columns: readonly ImportColumn[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('import');
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  sheet.addRow(columns.map((c) => c.example));
  sheet.columns.forEach((col) => (col.width = 24));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return String(value.result ?? '').trim();
  }
  return String(value).trim();
}
