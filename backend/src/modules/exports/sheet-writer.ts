import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { headerOf, type ExportColumn } from './export-datasets.js';
import { CSV_BOM, csvLine, csvText, xlsxValue, XLSX_NUM_FMT } from './export-format.js';
import type { ExportFormat, ExportLang } from './export-job.entity.js';

type Row = Record<string, unknown>;

/** Writes one sheet to a stream, a batch of rows at a time, never holding more than a batch. */
export interface SheetWriter {
  write(rows: readonly Row[]): Promise<void>;
  /** Finishes the file and ends the stream. */
  end(): Promise<void>;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function sheetWriter(
  format: ExportFormat,
  out: Writable,
  sheet: { title: string; columns: ExportColumn[]; lang: ExportLang },
): SheetWriter {
  return format === 'csv' ? csvWriter(out, sheet) : xlsxWriter(out, sheet);
}

/** UTF-8 with a byte order mark, CRLF lines, RFC 4180 quoting, formula-injection guard on text. */
function csvWriter(
  out: Writable,
  { columns, lang }: { columns: ExportColumn[]; lang: ExportLang },
): SheetWriter {
  const push = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await push(CSV_BOM + csvLine(columns.map((c) => headerOf(c, lang))));
  };
  return {
    async write(rows) {
      await start();
      let chunk = '';
      for (const row of rows) chunk += csvLine(columns.map((c) => csvText(c.kind, c.value(row, lang))));
      if (chunk) await push(chunk);
    },
    async end() {
      await start();
      out.end();
      await once(out, 'finish');
    },
  };
}

/** exceljs's streaming WorkbookWriter: each row is committed (flushed to the zip) as it is added. */
function xlsxWriter(
  out: Writable,
  { title, columns, lang }: { title: string; columns: ExportColumn[]; lang: ExportLang },
): SheetWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const worksheet = workbook.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map((c) => ({
    width: c.width,
    style: XLSX_NUM_FMT[c.kind] ? { numFmt: XLSX_NUM_FMT[c.kind] } : {},
  }));
  const header = worksheet.addRow(columns.map((c) => headerOf(c, lang)));
  header.font = { bold: true };
  header.commit();
  return {
    async write(rows) {
      for (const row of rows)
        worksheet.addRow(columns.map((c) => xlsxValue(c.kind, c.value(row, lang)))).commit();
      // Lets the zip stream drain into the storage between batches.
      await new Promise((resolve) => setImmediate(resolve));
    },
    async end() {
      worksheet.commit();
      await workbook.commit();
      if (!out.writableFinished) await once(out, 'finish');
    },
  };
}
