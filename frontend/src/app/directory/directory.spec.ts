import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { DirectoryEntryDto } from '../api/models';
import {
  configurePage,
  dom,
  flushReference,
  pageAt,
  pick,
  searchPause,
  stable,
} from '../testing/page-testing';
import { Router } from '@angular/router';
import { Directory } from './directory';

const entry = (n: number): DirectoryEntryDto => ({
  id: `o${n}`,
  name: `阳光养老服务中心 ${n}`,
  type: 'life_service',
  description: '助餐、助洁',
  grade: n === 1 ? '4A' : null,
  creditStatus: 'normal',
  homeStreetId: 's1',
  homeStreetName: '阳光街道',
  categories: ['elderly.home_care'],
  communityIds: ['c1'],
  score: n === 1 ? 86.5 : null,
  tier: n === 1 ? 'A' : null,
});

describe('Directory', () => {
  let fixture: ComponentFixture<Directory>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  const search = () => backend.expectOne((r) => r.url === '/api/directory');
  const params = (req: TestRequest) =>
    Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)]));
  const cards = () => page.all('directory-card').map((c) => c.dataset['org']);

  beforeEach(async () => {
    configurePage();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Directory);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
  });

  afterEach(() => backend.verify());

  it('is public: it searches without a session and shows the verified organizations as cards', async () => {
    const req = search();
    expect(req.request.headers.has('Authorization')).toBe(false);
    expect(params(req)).toEqual({ sort: 'name', limit: '12' });
    req.flush({ items: [entry(1), entry(2)], nextCursor: null });
    await stable(fixture);

    expect(cards()).toEqual(['阳光养老服务中心 1', '阳光养老服务中心 2']);
    expect(page.text('directory-results')).toContain('4A');
    expect(page.text('directory-results')).toContain('居家养老');
    expect(page.el('directory-more')).toBeNull();
  });

  it('turns the filters into query parameters, the search box after a pause', async () => {
    search().flush({ items: [], nextCursor: null });
    await stable(fixture);

    pick(fixture, 'directory-type', 'charity');
    pick(fixture, 'directory-grade', '3A');
    await fixture.whenStable();
    // Each pick searches again at once; only the last answer matters.
    const picks = backend.match((r) => r.url === '/api/directory');
    expect(params(picks.at(-1)!)).toEqual({ type: 'charity', minGrade: '3A', sort: 'name', limit: '12' });
    picks.forEach((r) => r.flush({ items: [], nextCursor: null }));
    await stable(fixture);

    page.type('directory-search', '养');
    page.type('directory-search', '养老');
    await fixture.whenStable();
    backend.expectNone((r) => r.url === '/api/directory');
    await searchPause(fixture);

    const req = search();
    expect(params(req)).toEqual({ q: '养老', type: 'charity', minGrade: '3A', sort: 'name', limit: '12' });
    req.flush({ items: [entry(1)], nextCursor: null });
    await stable(fixture);
    expect(cards()).toEqual(['阳光养老服务中心 1']);
  });

  it('loads more with the cursor and appends the next page to the cards', async () => {
    pick(fixture, 'directory-sort', 'newest');
    await fixture.whenStable();
    backend
      .match((r) => r.url === '/api/directory')
      .forEach((r) => r.flush({ items: [entry(1), entry(2)], nextCursor: 'cursor-2' }));
    await stable(fixture);
    expect(cards()).toHaveLength(2);

    page.click('directory-more');
    await fixture.whenStable();
    const more = search();
    expect(params(more)).toEqual({ sort: 'newest', limit: '12', cursor: 'cursor-2' });
    more.flush({ items: [entry(3)], nextCursor: null });
    await stable(fixture);

    expect(cards()).toEqual(['阳光养老服务中心 1', '阳光养老服务中心 2', '阳光养老服务中心 3']);
    expect(page.el('directory-more')).toBeNull();
  });

  it('filters by several tiers, sorts by score, and shows each scored card’s tier with a link to its score page', async () => {
    search().flush({ items: [], nextCursor: null });
    await stable(fixture);

    pick(fixture, 'directory-tier', ['B', 'A']);
    pick(fixture, 'directory-sort', 'score');
    await fixture.whenStable();
    const picks = backend.match((r) => r.url === '/api/directory');
    const last = picks.at(-1)!;
    expect(last.request.params.getAll('tier')).toEqual(['A', 'B']);
    expect(last.request.params.get('sort')).toBe('score');
    picks.forEach((r) => r.flush({ items: [entry(1), entry(2)], nextCursor: null }));
    await stable(fixture);

    const links = page.all('directory-card-score');
    expect(links).toHaveLength(1);
    expect(links[0].dataset['tier']).toBe('A');
    expect(links[0].getAttribute('href')).toBe('/directory/o1/score');
    expect(links[0].textContent).toContain('A 级');
    expect(links[0].textContent).toContain('86.5');
  });

  it('starts over from the first page when a filter changes', async () => {
    search().flush({ items: [entry(1)], nextCursor: 'cursor-1' });
    await stable(fixture);

    pick(fixture, 'directory-street', 's2');
    await fixture.whenStable();
    const req = search();
    expect(params(req)).toEqual({ streetId: 's2', sort: 'name', limit: '12' });
    req.flush({ items: [], nextCursor: null });
    await stable(fixture);

    expect(cards()).toEqual([]);
    expect(page.el('directory-empty')).not.toBeNull();
  });

  it('keeps the filters, search and sort in the URL, and leaves defaults out of it', async () => {
    search().flush({ items: [], nextCursor: null });
    await stable(fixture);
    const router = TestBed.inject(Router);

    pick(fixture, 'directory-type', 'charity');
    pick(fixture, 'directory-tier', ['B', 'A']);
    page.type('directory-search', '养老');
    await searchPause(fixture);
    backend.match((r) => r.url === '/api/directory').forEach((r) => r.flush({ items: [], nextCursor: null }));
    await stable(fixture);
    expect(router.url).toBe('/?type=charity&tier=A&tier=B&q=%E5%85%BB%E8%80%81');

    page.el('directory-filters')!.querySelector<HTMLButtonElement>('.reset')!.click();
    await stable(fixture);
    backend.match((r) => r.url === '/api/directory').forEach((r) => r.flush({ items: [], nextCursor: null }));
    await stable(fixture);
    expect(router.url).toBe('/');
    expect(page.el<HTMLInputElement>('directory-search')!.value).toBe('');
  });
});

describe('Directory opened from a link (or Back)', () => {
  it('applies the filters of the URL to the first search and shows them', async () => {
    const { fixture, backend } = await pageAt(
      Directory,
      '/?q=%E5%85%BB%E8%80%81&type=charity&tier=A&sort=newest&minGrade=bogus',
    );
    await flushReference(backend);

    const req = backend.expectOne((r) => r.url === '/api/directory');
    const sent = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.getAll(k)]));
    expect(sent).toEqual({ q: ['养老'], type: ['charity'], tier: ['A'], sort: ['newest'], limit: ['12'] });
    req.flush({ items: [entry(1)], nextCursor: null });
    await stable(fixture);
    expect(dom(fixture.nativeElement).el<HTMLInputElement>('directory-search')!.value).toBe('养老');
    backend.verify();
  });
});
