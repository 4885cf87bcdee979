import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RegionDto } from '../../api/models';
import { configurePage, dom, pick, searchPause, signedInAs, stable } from '../../testing/page-testing';
import { RegionTree } from './region-tree';
import { moveTargets, namesPath, nameProblem, regionTree } from './region-tree-logic';

const TREE: RegionDto[] = [
  { id: 'd1', name: '示范区', level: 'district', parentId: null, retiredAt: null, version: 1 },
  { id: 's1', name: '阳光街道', level: 'street', parentId: 'd1', retiredAt: null, version: 1 },
  { id: 's2', name: '和平街道', level: 'street', parentId: 'd1', retiredAt: null, version: 1 },
  { id: 'c1', name: '春晖社区', level: 'community', parentId: 's1', retiredAt: null, version: 1 },
  {
    id: 'c9',
    name: '旧城社区',
    level: 'community',
    parentId: 's1',
    retiredAt: '2026-11-01T00:00:00Z',
    version: 1,
  },
];

describe('region tree logic', () => {
  it('nests the regions by parent, siblings by name, retired ones only when asked', () => {
    const names = (nodes: ReturnType<typeof regionTree>): unknown[] =>
      nodes.map((n) => [n.region.name, names(n.children)]);
    expect(names(regionTree(TREE, false))).toEqual([
      [
        '示范区',
        [
          ['和平街道', []],
          ['阳光街道', [['春晖社区', []]]],
        ],
      ],
    ]);
    expect(names(regionTree(TREE, true))[0]).toEqual([
      '示范区',
      [
        ['和平街道', []],
        [
          '阳光街道',
          [
            ['春晖社区', []],
            ['旧城社区', []],
          ],
        ],
      ],
    ]);
  });

  it('finds regions by name, shown under the regions above them', () => {
    const names = (nodes: ReturnType<typeof regionTree>): unknown[] =>
      nodes.map((n) => [n.region.name, names(n.children)]);
    expect(names(regionTree(TREE, false, '春晖'))).toEqual([['示范区', [['阳光街道', [['春晖社区', []]]]]]]);
    expect(names(regionTree(TREE, false, '街道'))).toEqual([
      [
        '示范区',
        [
          ['和平街道', []],
          ['阳光街道', []],
        ],
      ],
    ]);
    expect(names(regionTree(TREE, false, '旧城'))).toEqual([]);
    expect(names(regionTree(TREE, true, '旧城'))).toEqual([['示范区', [['阳光街道', [['旧城社区', []]]]]]]);
  });

  it('names a place from the district down and offers live parents of the level above as move targets', () => {
    expect(namesPath(TREE, 'c1')).toBe('示范区 / 阳光街道 / 春晖社区');
    expect(moveTargets(TREE, TREE[3]).map((r) => r.id)).toEqual(['s2']);
    expect(moveTargets(TREE, TREE[1])).toEqual([]); // the only district is its parent already
  });

  it('checks a name as the API does', () => {
    expect(nameProblem('  ')).toBe('required');
    expect(nameProblem('东/西')).toBe('rule');
    expect(nameProblem('长'.repeat(61))).toBe('rule');
    expect(nameProblem(' 春晖社区 ')).toBeNull();
  });
});

describe('RegionTree', () => {
  let fixture: ComponentFixture<RegionTree>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open(regions = TREE, url = '/') {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'platform_admin' }]);
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl(url);
    fixture = TestBed.createComponent(RegionTree);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/regions?includeRetired=true').flush(regions);
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  /** A node's own row (not its descendants'). */
  const node = (name: string) =>
    fixture.nativeElement.querySelector(
      `[data-testid="region-node"][data-region-name="${name}"]`,
    ) as HTMLElement;
  const inRow = (name: string, testId: string) =>
    node(name).querySelector(`:scope > .row [data-testid="${testId}"]`) as HTMLElement | null;
  const shownNames = () => page.all('region-name').map((e) => e.textContent?.trim());

  it('shows the live tree and the retired regions greyed only when asked', async () => {
    await open();
    expect(shownNames()).toEqual(['示范区', '和平街道', '阳光街道', '春晖社区']);
    pick(fixture, 'region-show-retired', true);
    await stable(fixture);
    expect(shownNames()).toContain('旧城社区');
    expect(node('旧城社区').classList).toContain('retired');
    expect(inRow('旧城社区', 'region-retired-tag')?.textContent?.trim()).toBe('已撤销');
    expect(inRow('旧城社区', 'region-rename')).toBeNull();
    expect(inRow('春晖社区', 'region-add-child')?.textContent).toContain('添加网格');
  });

  it('finds regions by name and keeps the search and "show retired" in the URL', async () => {
    await open();
    pick(fixture, 'region-show-retired', true);
    page.type('region-search', '旧城');
    await searchPause(fixture);
    expect(shownNames()).toEqual(['示范区', '阳光街道', '旧城社区']);
    expect(TestBed.inject(Router).url).toBe('/?retired=1&q=%E6%97%A7%E5%9F%8E');
  });

  it('opens with the search of the URL (a link, or Back)', async () => {
    await open(TREE, '/?q=%E6%98%A5%E6%99%96');
    expect(page.el<HTMLInputElement>('region-search')!.value).toBe('春晖');
    expect(shownNames()).toEqual(['示范区', '阳光街道', '春晖社区']);
  });

  it('creates a district, then a street under it, and reloads the tree', async () => {
    await open([]);
    expect(page.el('region-empty')).not.toBeNull();
    page.click('region-add-district');
    await stable(fixture);
    expect(page.text('region-form')).toContain('新建区');
    page.type('region-form-name', ' 新区 ');
    page.click('region-form-submit');
    await fixture.whenStable();
    const create = backend.expectOne('/api/admin/regions');
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({ name: '新区', level: 'district', parentId: null });
    create.flush({ id: 'n1', name: '新区', level: 'district', parentId: null, retiredAt: null, version: 1 });
    await stable(fixture);
    backend
      .expectOne('/api/regions?includeRetired=true')
      .flush([{ id: 'n1', name: '新区', level: 'district', parentId: null, retiredAt: null, version: 1 }]);
    await stable(fixture);
    expect(page.el('region-form')).toBeNull();

    inRow('新区', 'region-add-child')!.click();
    await stable(fixture);
    expect(page.text('region-form-place')).toBe('位置：新区');
    page.type('region-form-name', '新街道');
    page.click('region-form-submit');
    await fixture.whenStable();
    const street = backend.expectOne('/api/admin/regions');
    expect(street.request.body).toEqual({ name: '新街道', level: 'street', parentId: 'n1' });
    street.flush({ id: 'n2', name: '新街道', level: 'street', parentId: 'n1', retiredAt: null, version: 1 });
    await stable(fixture);
    backend.expectOne('/api/regions?includeRetired=true').flush([]);
    await stable(fixture);
  });

  it('checks the name before sending, and shows a refused name in its own words', async () => {
    await open();
    inRow('阳光街道', 'region-add-child')!.click();
    await stable(fixture);
    page.type('region-form-name', '东/西');
    page.click('region-form-submit');
    await stable(fixture);
    expect(page.text('region-form-error')).toBe('名称最多 60 个字，且不能包含“/”');
    backend.expectNone('/api/admin/regions');

    page.type('region-form-name', '春晖社区');
    page.click('region-form-submit');
    await fixture.whenStable();
    backend
      .expectOne('/api/admin/regions')
      .flush(
        { code: 'region.name_taken', message: '阳光街道 already has a live region named 春晖社区' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable(fixture);
    expect(page.text('region-form-error')).toBe('同一上级下已有同名的区域，请换一个名称');
    expect(page.el('region-form')).not.toBeNull();
  });

  it('renames a region', async () => {
    await open();
    inRow('春晖社区', 'region-rename')!.click();
    await stable(fixture);
    expect(page.el<HTMLInputElement>('region-form-name')!.value).toBe('春晖社区');
    page.type('region-form-name', '春晖新社区');
    page.click('region-form-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/regions/c1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.headers.get('If-Match')).toBe('"1"');
    expect(req.request.body).toEqual({ name: '春晖新社区' });
    req.flush({ ...TREE[3], name: '春晖新社区' });
    await stable(fixture);
    backend.expectOne('/api/regions?includeRetired=true').flush(TREE);
    await stable(fixture);
  });

  it('moves a community under another street chosen among the live streets', async () => {
    await open();
    inRow('春晖社区', 'region-move')!.click();
    await stable(fixture);
    page.click('region-form-submit');
    await stable(fixture);
    expect(page.text('region-form-error')).toBe('请选择新的上级');
    pick(fixture, 'region-form-parent', 's2');
    await stable(fixture);
    page.click('region-form-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/regions/c1');
    expect(req.request.body).toEqual({ parentId: 's2' });
    req.flush({ ...TREE[3], parentId: 's2' });
    await stable(fixture);
    backend.expectOne('/api/regions?includeRetired=true').flush(TREE);
    await stable(fixture);
    expect(inRow('示范区', 'region-move')).toBeNull(); // a district never moves
  });

  it('retires after a confirmation, and says why when it cannot', async () => {
    await open();
    inRow('阳光街道', 'region-retire')!.click();
    await stable(fixture);
    expect(inRow('阳光街道', 'region-retire-question')?.textContent).toContain('撤销“阳光街道”？');
    inRow('阳光街道', 'region-retire-cancel')!.click();
    await stable(fixture);
    backend.expectNone('/api/admin/regions/s1/retire');

    inRow('阳光街道', 'region-retire')!.click();
    await stable(fixture);
    inRow('阳光街道', 'region-retire-confirm')!.click();
    await fixture.whenStable();
    backend
      .expectOne('/api/admin/regions/s1/retire')
      .flush(
        { code: 'retire.live_children', message: 'x', details: { children: 1 } },
        { status: 409, statusText: 'Conflict' },
      );
    await stable(fixture);
    expect(page.text('region-error')).toBe('其下还有 1 个未撤销的下级，请先撤销或移走它们');

    inRow('和平街道', 'region-retire')!.click();
    await stable(fixture);
    inRow('和平街道', 'region-retire-confirm')!.click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/regions/s2/retire');
    expect(req.request.method).toBe('POST');
    req.flush({ ...TREE[2], retiredAt: '2026-12-01T00:00:00Z' });
    await stable(fixture);
    backend
      .expectOne('/api/regions?includeRetired=true')
      .flush(TREE.map((r) => (r.id === 's2' ? { ...r, retiredAt: '2026-12-01T00:00:00Z' } : r)));
    await stable(fixture);
    expect(shownNames()).not.toContain('和平街道');
  });
});
