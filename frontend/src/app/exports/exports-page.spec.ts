import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { exportJob } from '../testing/exports';
import { Router } from '@angular/router';
import { configurePage, dom, pick, searchPause, signedInAs, stable } from '../testing/page-testing';
import { EXPORT_POLL_MS, ExportsPage } from './exports-page';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ExportsPage', () => {
  let fixture: ComponentFixture<ExportsPage>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open(
    list = [exportJob()],
    memberships = [
      { role: 'street_officer' as const, regionId: 's1', scopeName: '阳光街道' },
      { role: 'org_admin' as const, organizationId: 'o1', scopeName: '阳光社工' },
    ],
    nextCursor: string | null = null,
  ) {
    const auth = configurePage();
    TestBed.overrideProvider(EXPORT_POLL_MS, { useValue: 10 });
    signedInAs(auth, memberships);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ExportsPage);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/exports?limit=50').flush({ items: list, nextCursor });
    await stable(fixture);
  }

  /** The one request for a page of my exports. */
  const mine = () => backend.expectOne((r) => r.url === '/api/exports' && r.method === 'GET');

  afterEach(() => {
    fixture.destroy();
    backend.verify();
  });

  const item = (id: string) =>
    fixture.nativeElement.querySelector(`[data-export="${id}"]`) as HTMLElement | null;

  it('polls a running export until it is done, then offers the download', async () => {
    await open([exportJob({ status: 'running', progress: 40, rowCount: null, downloadable: false })]);
    expect(item('e1')?.querySelector('[data-testid="export-progress"]')?.getAttribute('data-progress')).toBe(
      '40',
    );
    expect(item('e1')?.querySelector('[data-testid="export-download"]')).toBeNull();

    await wait(30);
    backend
      .expectOne('/api/exports/e1')
      .flush(exportJob({ status: 'running', progress: 75, downloadable: false }));
    await stable(fixture);
    expect(item('e1')?.querySelector('[data-testid="export-progress"]')?.getAttribute('data-progress')).toBe(
      '75',
    );

    await wait(30);
    backend.expectOne('/api/exports/e1').flush(exportJob());
    await stable(fixture);
    expect(item('e1')?.getAttribute('data-status')).toBe('done');
    expect(item('e1')?.querySelector('[data-testid="export-progress"]')).toBeNull();
    expect(page.text('exports-list')).toContain('共 12 行');

    // Done: no more polling.
    await wait(30);
    backend.expectNone('/api/exports/e1');
  });

  it('downloads through the API (the token travels with the request) and saves the blob under its name', async () => {
    const created = jest.fn(() => 'blob:export');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await open([exportJob({ format: 'xlsx', fileName: '拨付记录-阳光街道-2026-05-12.xlsx' })]);

    page.click('export-download');
    await fixture.whenStable();
    const req = backend.expectOne('/api/exports/e1/file');
    expect(req.request.responseType).toBe('blob');
    expect(req.request.headers.get('Accept')).toContain('spreadsheetml');
    req.flush(new Blob(['xlsx']));
    await stable(fixture);
    expect(created).toHaveBeenCalled();
    const link = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(link.download).toBe('拨付记录-阳光街道-2026-05-12.xlsx');
    click.mockRestore();
  });

  it('requests an export of the chosen scope, data, format and range, in my language', async () => {
    await open([]);
    expect(page.text('exports-empty')).toContain('还没有导出记录');
    pick(fixture, 'export-scope', 'org:o1');
    pick(fixture, 'export-dataset', 'disbursements');
    pick(fixture, 'export-format', 'csv');
    pick(fixture, 'export-from', '2026-01-01');
    pick(fixture, 'export-to', '2026-03-31');
    page.click('export-submit');
    await fixture.whenStable();

    const req = backend.expectOne('/api/exports');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      dataset: 'disbursements',
      format: 'csv',
      lang: 'zh-CN',
      organizationId: 'o1',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    req.flush(exportJob({ id: 'e2', status: 'queued', progress: 0, downloadable: false }));
    await stable(fixture);
    expect(item('e2')?.getAttribute('data-status')).toBe('queued');

    await wait(30);
    backend.expectOne('/api/exports/e2').flush(exportJob({ id: 'e2' }));
    await stable(fixture);
  });

  it('shows older exports a page at a time', async () => {
    await open([exportJob({ id: 'new' })], undefined, 'c1');
    expect(item('old')).toBeNull();
    page.click('exports-more');
    await fixture.whenStable();
    backend
      .expectOne('/api/exports?cursor=c1&limit=50')
      .flush({ items: [exportJob({ id: 'old' })], nextCursor: null });
    await stable(fixture);
    expect(item('new')).not.toBeNull();
    expect(item('old')).not.toBeNull();
    expect(page.el('exports-more')).toBeNull();
  });

  it('searches and sorts my exports, keeping both in the URL', async () => {
    await open([exportJob({ id: 'new' })]);
    pick(fixture, 'exports-sort', 'oldest');
    await fixture.whenStable();
    const sorted = mine();
    expect(sorted.request.params.get('sort')).toBe('oldest');
    sorted.flush({ items: [exportJob({ id: 'old' }), exportJob({ id: 'new' })], nextCursor: null });
    await stable(fixture);
    expect(item('old')).not.toBeNull();
    page.type('exports-search', ' 支付 ');
    await searchPause(fixture);
    const searched = mine();
    expect(searched.request.params.get('q')).toBe('支付');
    expect(searched.request.params.get('sort')).toBe('oldest');
    searched.flush({ items: [], nextCursor: null });
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe('/?sort=oldest&q=%E6%94%AF%E4%BB%98');
    expect(item('new')).toBeNull();
    expect(page.text('exports-empty')).toBe('没有符合搜索的导出');
  });

  it('refuses a range that ends before it starts, without calling the API', async () => {
    await open([]);
    pick(fixture, 'export-from', '2026-03-01');
    pick(fixture, 'export-to', '2026-02-01');
    page.click('export-submit');
    await stable(fixture);
    backend.expectNone((r) => r.method === 'POST');
    expect(page.text('export-form-error')).toContain('结束日期不能早于开始日期');
  });

  it('shows the server refusal, a failed export and an expired one', async () => {
    await open([
      exportJob({ id: 'f', status: 'failed', error: 'disk full', downloadable: false, rowCount: null }),
      exportJob({ id: 'x', downloadable: false }),
    ]);
    expect(item('f')?.querySelector('[data-testid="export-failed"]')?.textContent).toContain('disk full');
    expect(item('x')?.querySelector('[data-testid="export-expired"]')).not.toBeNull();
    expect(item('x')?.querySelector('[data-testid="export-download"]')).toBeNull();

    page.click('export-submit');
    await fixture.whenStable();
    backend
      .expectOne('/api/exports')
      .flush(
        { code: 'auth.out_of_scope', message: 'You do not hold street_officer for this resource' },
        { status: 403, statusText: 'Forbidden' },
      );
    await stable(fixture);
    expect(page.text('export-form-error')).toContain('该内容不在您的负责范围内');
  });

  it('tells a user without an export role that there is nothing to export', async () => {
    await open([], [{ role: 'community_staff' as never, regionId: 'c1', scopeName: '春晖社区' }]);
    expect(page.el('export-form')).toBeNull();
    expect(page.el('exports-no-scope')).not.toBeNull();
  });
});
