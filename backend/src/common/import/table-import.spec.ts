import { DomainError } from '../errors/domain-error.js';
import {
  missingCells,
  readTable,
  refuseIfInvalid,
  templateWorkbook,
  type ImportColumn,
} from './table-import.js';

const COLUMNS: ImportColumn[] = [
  { key: 'name', header: '名称', example: '春晖社区', required: true },
  { key: 'parent', header: '上级', example: '示范区/阳光街道' },
];

const code = (err: unknown) => (err instanceof DomainError ? err.code : err);

describe('readTable', () => {
  it('reads a UTF-8 CSV with a byte-order mark, columns in any order, skipping blank rows', async () => {
    const csv = '\uFEFF上级,名称,备注\n示范区,"阳光街道, 东",x\n,,\n示范区/阳光街道,春晖社区,\n';
    const rows = await readTable({ filename: 'r.CSV', data: Buffer.from(csv) }, COLUMNS);
    expect(rows).toEqual([
      { line: 2, values: { name: '阳光街道, 东', parent: '示范区' } },
      { line: 4, values: { name: '春晖社区', parent: '示范区/阳光街道' } },
    ]);
  });

  it('reads the XLSX template it hands out', async () => {
    const data = await templateWorkbook(COLUMNS);
    const rows = await readTable({ filename: 'template.xlsx', data }, COLUMNS);
    expect(rows).toEqual([{ line: 2, values: { name: '春晖社区', parent: '示范区/阳光街道' } }]);
  });

  it('refuses another file type, a missing header, an unreadable workbook and an empty table', async () => {
    const read = (filename: string, text: string) =>
      readTable({ filename, data: Buffer.from(text) }, COLUMNS);
    await expect(read('r.txt', 'x').catch(code)).resolves.toBe('file.unsupported_type');
    await expect(read('r.csv', '名称\n春晖社区\n').catch(code)).resolves.toBe('import.invalid_file');
    await expect(read('r.xlsx', 'not a zip').catch(code)).resolves.toBe('import.invalid_file');
    await expect(read('r.csv', '名称,上级\n').catch(code)).resolves.toBe('import.invalid_file');
  });
});

describe('row errors', () => {
  it('names each empty required cell and refuses the whole import', () => {
    const errors = missingCells(
      [
        { line: 3, values: { name: '', parent: 'x' } },
        { line: 2, values: { name: 'a', parent: '' } },
      ],
      COLUMNS,
    );
    expect(errors).toEqual([{ line: 3, column: '名称', message: '名称 is required' }]);
    expect(() => refuseIfInvalid(errors)).toThrow(DomainError);
    expect(() => refuseIfInvalid([])).not.toThrow();
  });
});
