import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { CategoryDto } from '../../api/models';
import { configurePage, dom, pick, signedInAs, stable } from '../../testing/page-testing';
import { CatalogAdmin } from './catalog-admin';
import { catalogVersion, categoryTree, codeProblem } from './catalog-logic';

const entry = (
  code: string,
  parentCode: string | null,
  nameZh: string,
  extra: Partial<CategoryDto> = {},
) => ({
  code,
  parentCode,
  nameZh,
  nameEn: code,
  sortOrder: 0,
  sinceVersion: 1,
  retiredInVersion: null,
  retiredAt: null,
  version: 1,
  ...extra,
});

const CATALOG: CategoryDto[] = [
  entry('elderly', null, '为老服务'),
  entry('elderly.home_care', 'elderly', '居家养老'),
  entry('elderly.meals', 'elderly', '老年助餐', {
    sinceVersion: 2,
    retiredInVersion: 3,
    retiredAt: '2026-11-01T00:00:00Z',
  }),
  entry('youth', null, '青少年服务'),
];

describe('catalog logic', () => {
  it('computes the version in force and the tree, retired entries only when asked', () => {
    expect(catalogVersion(CATALOG)).toBe(3);
    expect(catalogVersion([entry('a', null, 'a')])).toBe(1);
    const codes = (show: boolean) =>
      categoryTree(CATALOG, show).map((n) => [n.category.code, n.children.map((c) => c.category.code)]);
    expect(codes(false)).toEqual([
      ['elderly', ['elderly.home_care']],
      ['youth', []],
    ]);
    expect(codes(true)[0]).toEqual(['elderly', ['elderly.home_care', 'elderly.meals']]);
  });

  it("checks a code's format and that it is its parent's code and one more segment", () => {
    expect(codeProblem('smart_care', null)).toBeNull();
    expect(codeProblem('elderly.bathing', 'elderly')).toBeNull();
    expect(codeProblem('Elderly', null)).toBe('format');
    expect(codeProblem('elderly.', 'elderly')).toBe('format');
    expect(codeProblem('elderly.a.b', 'elderly')).toBe('parent');
    expect(codeProblem('bathing', 'elderly')).toBe('parent');
  });
});

describe('CatalogAdmin', () => {
  let fixture: ComponentFixture<CatalogAdmin>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open() {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'platform_admin' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CatalogAdmin);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/catalog?includeRetired=true').flush(CATALOG);
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  const row = (code: string, testId: string) =>
    fixture.nativeElement.querySelector(
      `[data-testid="catalog-entry"][data-code="${code}"] > .row [data-testid="${testId}"]`,
    ) as HTMLElement | null;
  const names = () => page.all('catalog-name').map((e) => e.textContent?.trim());

  it('shows the version and the live entries; retired ones greyed with their version when asked', async () => {
    await open();
    expect(page.text('catalog-version')).toBe('当前版本 v3');
    expect(names()).toEqual(['为老服务', '居家养老', '青少年服务']);
    pick(fixture, 'catalog-show-retired', true);
    await stable(fixture);
    expect(names()).toContain('老年助餐');
    expect(row('elderly.meals', 'catalog-retired-tag')?.textContent?.trim()).toBe('v3 撤销');
    expect(row('elderly.meals', 'catalog-edit')).toBeNull();
  });

  it("adds a sub-entry under its parent's code, refusing a code that does not fit first", async () => {
    await open();
    row('elderly', 'catalog-add-child')!.click();
    await stable(fixture);
    expect(page.el<HTMLInputElement>('catalog-form-code')!.value).toBe('elderly.');
    page.type('catalog-form-code', 'bathing');
    page.type('catalog-form-name-zh', '助浴');
    page.type('catalog-form-name-en', 'Bathing');
    page.click('catalog-form-submit');
    await stable(fixture);
    expect(page.text('catalog-form-error')).toBe('代码须为“elderly.”加一段');
    backend.expectNone('/api/admin/catalog');

    page.type('catalog-form-code', 'elderly.bathing');
    page.click('catalog-form-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/catalog');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      code: 'elderly.bathing',
      parentCode: 'elderly',
      nameZh: '助浴',
      nameEn: 'Bathing',
    });
    req.flush(entry('elderly.bathing', 'elderly', '助浴', { sinceVersion: 4 }));
    await stable(fixture);
    backend
      .expectOne('/api/catalog?includeRetired=true')
      .flush([...CATALOG, entry('elderly.bathing', 'elderly', '助浴', { sinceVersion: 4 })]);
    await stable(fixture);
    expect(page.text('catalog-version')).toBe('当前版本 v4');
    expect(page.el('catalog-form')).toBeNull();
  });

  it('says a taken code is never reused', async () => {
    await open();
    page.click('catalog-add');
    await stable(fixture);
    page.type('catalog-form-code', 'youth');
    page.type('catalog-form-name-zh', '青年');
    page.type('catalog-form-name-en', 'Youth');
    page.click('catalog-form-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/catalog');
    expect(req.request.body).toEqual({ code: 'youth', nameZh: '青年', nameEn: 'Youth' });
    req.flush(
      { code: 'catalog.code_taken', message: 'youth is taken' },
      { status: 409, statusText: 'Conflict' },
    );
    await stable(fixture);
    expect(page.text('catalog-form-error')).toContain('已撤销的代码也不能再用');
  });

  it('edits the names and order of an entry', async () => {
    await open();
    row('youth', 'catalog-edit')!.click();
    await stable(fixture);
    expect(page.el('catalog-form-code')).toBeNull();
    page.type('catalog-form-name-zh', '青少年成长服务');
    page.type('catalog-form-sort', '7');
    page.click('catalog-form-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/catalog/youth');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.headers.get('If-Match')).toBe('"1"');
    expect(req.request.body).toEqual({ nameZh: '青少年成长服务', nameEn: 'youth', sortOrder: 7 });
    req.flush(entry('youth', null, '青少年成长服务', { sortOrder: 7 }));
    await stable(fixture);
    backend.expectOne('/api/catalog?includeRetired=true').flush(CATALOG);
    await stable(fixture);
  });

  it('retires an entry after a confirmation', async () => {
    await open();
    row('youth', 'catalog-retire')!.click();
    await stable(fixture);
    expect(row('youth', 'catalog-retire-question')?.textContent).toContain('撤销 youth？');
    row('youth', 'catalog-retire-confirm')!.click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/catalog/youth/retire');
    expect(req.request.method).toBe('POST');
    req.flush(entry('youth', null, '青少年服务', { retiredInVersion: 4, retiredAt: '2026-12-01T00:00:00Z' }));
    await stable(fixture);
    backend
      .expectOne('/api/catalog?includeRetired=true')
      .flush(
        CATALOG.map((c) =>
          c.code === 'youth' ? { ...c, retiredInVersion: 4, retiredAt: '2026-12-01T00:00:00Z' } : c,
        ),
      );
    await stable(fixture);
    expect(names()).not.toContain('青少年服务');
    expect(page.text('catalog-version')).toBe('当前版本 v4');
  });
});
