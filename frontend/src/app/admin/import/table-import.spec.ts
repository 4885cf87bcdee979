import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { errorReportCsv, rowErrors } from './error-report';
import { TableImport } from './table-import';

const ERRORS = [
  { line: 4, column: '级别', message: '级别 "乡镇" is not one of district, street, community, grid' },
  { line: 6, column: '上级', message: '上级 "不存在区/x" is neither a live region nor a row above this one' },
];

describe('error report', () => {
  it('reads details.errors and writes them as a CSV with a BOM, quoting what needs it', () => {
    expect(rowErrors({ errors: [...ERRORS, { line: 'x' }] })).toEqual(ERRORS);
    expect(rowErrors(undefined)).toEqual([]);
    expect(errorReportCsv([...ERRORS, { line: 9, message: '=cmd, "quoted"' }], ['行号', '列', '问题'])).toBe(
      '\uFEFF行号,列,问题\r\n' +
        '4,级别,"级别 ""乡镇"" is not one of district, street, community, grid"\r\n' +
        '6,上级,"上级 ""不存在区/x"" is neither a live region nor a row above this one"\r\n' +
        `9,,"'=cmd, ""quoted"""\r\n`,
    );
  });
});

describe('TableImport', () => {
  let fixture: ComponentFixture<TableImport>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  let saved: Blob[];

  beforeEach(async () => {
    saved = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => (saved.push(blob), 'blob:x')),
      revokeObjectURL: jest.fn(),
    });
    const auth = configurePage();
    signedInAs(auth, [{ role: 'platform_admin' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TableImport);
    page = dom(fixture.nativeElement);
    await stable(fixture);
  });

  afterEach(() => {
    backend.verify();
    jest.restoreAllMocks();
  });

  /** A Blob's text (jsdom's Blob has no text()). */
  const textOf = (blob: Blob) =>
    new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blob);
    });

  async function choose(file: File) {
    const input = page.el<HTMLInputElement>('import-file')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await stable(fixture);
  }

  it('downloads the template through the API', async () => {
    page.click('import-template');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/imports/regions/template');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['xlsx']));
    await stable(fixture);
    expect(saved).toHaveLength(1);
  });

  it('uploads the chosen file and says how many regions it created', async () => {
    expect(page.el<HTMLButtonElement>('import-submit')!.disabled).toBe(true);
    await choose(new File(['级别,名称,上级\n区,新区,\n'], 'regions.csv', { type: 'text/csv' }));
    page.click('import-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/imports/regions');
    expect(req.request.method).toBe('POST');
    expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
    req.flush({ created: 1 });
    await stable(fixture);
    expect(page.text('import-result')).toBe('导入成功，共新建 1 个区域');
    expect(page.el('import-errors')).toBeNull();
  });

  it('shows every row error of a refused file and downloads them as a CSV report', async () => {
    await choose(new File(['x'], 'bad.csv'));
    page.click('import-submit');
    await fixture.whenStable();
    backend.expectOne('/api/admin/imports/regions').flush(
      {
        code: 'import.rows_invalid',
        message: '2 row error(s): nothing was imported',
        details: { errors: ERRORS },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await stable(fixture);
    expect(page.text('import-error')).toBe('文件有 2 处错误，未导入任何区域。请修改后重新上传。');
    const rows = page
      .all('import-error-row')
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()));
    expect(rows).toEqual([
      ['4', '级别', ERRORS[0].message],
      ['6', '上级', ERRORS[1].message],
    ]);

    page.click('import-error-report');
    expect(saved).toHaveLength(1);
    expect(saved[0].type).toBe('text/csv;charset=utf-8');
    // The reader drops the byte-order mark the report starts with (checked above).
    expect(await textOf(saved[0])).toBe(errorReportCsv(ERRORS, ['行号', '列', '问题']).slice(1));
  });

  it("shows a file that is not the template in the server's words", async () => {
    await choose(new File(['x'], 'notes.txt'));
    page.click('import-submit');
    await fixture.whenStable();
    backend
      .expectOne('/api/admin/imports/regions')
      .flush(
        { code: 'file.unsupported_type', message: 'Upload the template as .xlsx or .csv' },
        { status: 415, statusText: 'Unsupported Media Type' },
      );
    await stable(fixture);
    expect(page.text('import-error')).toBe('不支持此文件类型');
    expect(page.el('import-errors')).toBeNull();
  });

  it('imports staff with its own template, calls and words', async () => {
    fixture.componentRef.setInput('kind', 'staff');
    await stable(fixture);
    expect(page.el('import-file')).toBeNull();
    page.click('staff-import-template');
    await fixture.whenStable();
    backend.expectOne('/api/admin/imports/staff/template').flush(new Blob(['xlsx']));
    await stable(fixture);
    expect(saved).toHaveLength(1);

    const input = page.el<HTMLInputElement>('staff-import-file')!;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'staff.csv')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await stable(fixture);
    page.click('staff-import-submit');
    await fixture.whenStable();
    backend
      .expectOne('/api/admin/imports/staff')
      .flush(
        { code: 'import.rows_invalid', message: '1 row error(s)', details: { errors: [ERRORS[0]] } },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await stable(fixture);
    expect(page.text('staff-import-error')).toBe('文件有 1 处错误，未授权任何人。请修改后重新上传。');
    expect(page.all('staff-import-error-row')).toHaveLength(1);

    page.click('staff-import-submit');
    await fixture.whenStable();
    backend.expectOne('/api/admin/imports/staff').flush({ granted: 3, invited: 2 });
    await stable(fixture);
    expect(page.text('staff-import-result')).toBe('已授权 3 人，其中 2 人收到设置密码的邮件');
  });
});
