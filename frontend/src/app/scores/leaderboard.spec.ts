import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { LeaderboardEntryDto, LeaderboardPageDto } from '../api/models';
import { configurePage, dom, flushReference, pageAt, pick, stable } from '../testing/page-testing';
import { Leaderboard } from './leaderboard';

const entry = (
  rank: number,
  name: string,
  score: number,
  tier: LeaderboardEntryDto['tier'],
): LeaderboardEntryDto => ({
  rank,
  organizationId: `o${rank}-${name}`,
  name,
  type: 'social_work_agency',
  score,
  tier,
  periodEnd: '2026-06-30',
  indicators: { delivery: score, satisfaction: score, compliance: score, capacity: score, reach: score },
});
const board = (items: LeaderboardEntryDto[], total = items.length, nextCursor: string | null = null) =>
  ({
    streetId: 's1',
    streetName: '阳光街道',
    total,
    items,
    nextCursor,
    links: { next: null },
  }) as LeaderboardPageDto;

describe('Leaderboard', () => {
  let fixture: ComponentFixture<Leaderboard>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  const requests = (street = 's1') => backend.match((r) => r.url === `/api/streets/${street}/leaderboard`);
  const params = (req: TestRequest) =>
    Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.getAll(k)!.join(',')]));
  const rows = () => page.all('leaderboard-row').map((r) => [r.dataset['rank'], r.dataset['org']]);

  beforeEach(async () => {
    configurePage();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Leaderboard);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('is public: shows the first street’s board, ranks and links to each score page', async () => {
    const [req] = requests();
    expect(req.request.headers.has('Authorization')).toBe(false);
    expect(params(req)).toEqual({ limit: '20' });
    req.flush(board([entry(1, '甲组织', 91, 'A'), entry(2, '乙组织', 75, 'B'), entry(2, '丙组织', 75, 'B')]));
    await stable(fixture);

    expect(rows()).toEqual([
      ['1', '甲组织'],
      ['2', '乙组织'],
      ['2', '丙组织'],
    ]);
    const first = page.all('leaderboard-row')[0];
    expect(decodeURI(first.querySelector('a')?.getAttribute('href') ?? '')).toBe(
      '/directory/o1-甲组织/score',
    );
    expect(first.querySelector('[data-testid="tier-tag"]')?.textContent).toContain('A 级');
    expect(page.text('leaderboard-total')).toBe('共 3 个组织');
  });

  it('loads the next page under the rows shown, ranks as the server counts them', async () => {
    requests()[0].flush(board([entry(1, '甲组织', 91, 'A'), entry(2, '乙组织', 80, 'B')], 3, 'after-乙'));
    await stable(fixture);
    page.click('leaderboard-more');
    await fixture.whenStable();
    const [next] = requests();
    expect(params(next)).toEqual({ limit: '20', cursor: 'after-乙' });
    next.flush(board([entry(3, '丙组织', 70, 'C')], 3));
    await stable(fixture);
    expect(rows()).toEqual([
      ['1', '甲组织'],
      ['2', '乙组织'],
      ['3', '丙组织'],
    ]);
    expect(page.el('leaderboard-more')).toBeNull();
  });

  it('filters by tiers, category and community, each time from the first page', async () => {
    requests()[0].flush(board([entry(1, '甲组织', 91, 'A')], 45, 'after-甲'));
    await stable(fixture);

    pick(fixture, 'leaderboard-tier', ['B', 'A']);
    pick(fixture, 'leaderboard-category', 'elderly');
    pick(fixture, 'leaderboard-community', 'c2');
    await fixture.whenStable();
    const picks = requests();
    expect(params(picks.at(-1)!)).toEqual({
      tier: 'A,B',
      category: 'elderly',
      communityId: 'c2',
      limit: '20',
    });
    picks.forEach((r) => r.flush(board([])));
    await stable(fixture);
    expect(rows()).toEqual([]);
    expect(page.text('leaderboard-table')).toContain('没有符合条件的已评分组织');
  });

  it('switches street, forgetting the community of the other street', async () => {
    requests()[0].flush(board([]));
    await stable(fixture);
    pick(fixture, 'leaderboard-community', 'c1');
    await fixture.whenStable();
    requests()[0].flush(board([]));

    pick(fixture, 'leaderboard-street', 's2');
    await fixture.whenStable();
    const [req] = requests('s2');
    expect(params(req)).toEqual({ limit: '20' });
    req.flush({ ...board([entry(1, '辛组织', 99, 'A')]), streetId: 's2', streetName: '和平街道' });
    await stable(fixture);
    expect(rows()).toEqual([['1', '辛组织']]);
  });

  it('keeps the street and the filters in the address; reset clears the filters, not the street', async () => {
    requests()[0].flush(board([]));
    await stable(fixture);
    const router = TestBed.inject(Router);

    pick(fixture, 'leaderboard-street', 's2');
    pick(fixture, 'leaderboard-tier', ['B', 'A']);
    pick(fixture, 'leaderboard-category', 'elderly');
    await fixture.whenStable();
    requests('s2').forEach((r) => r.flush(board([])));
    await stable(fixture);
    expect(router.url).toBe('/?street=s2&tier=A&tier=B&category=elderly');

    page.el('leaderboard-filters')!.querySelector<HTMLButtonElement>('.reset')!.click();
    await fixture.whenStable();
    requests('s2').forEach((r) => r.flush(board([])));
    await stable(fixture);
    expect(router.url).toBe('/?street=s2');
  });
});

describe('Leaderboard opened from a shared link (or Back)', () => {
  it('shows the board of the address: its street and filters', async () => {
    const { fixture, backend } = await pageAt(Leaderboard, '/?street=s2&tier=C&community=c4');
    await flushReference(backend);
    const req = backend.expectOne((r) => r.url === '/api/streets/s2/leaderboard');
    const sent = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.getAll(k)]));
    expect(sent).toEqual({ tier: ['C'], communityId: ['c4'], limit: ['20'] });
    req.flush(board([entry(1, '辛组织', 60, 'C')]));
    await stable(fixture);
    expect(
      dom(fixture.nativeElement)
        .all('leaderboard-row')
        .map((r) => r.dataset['org']),
    ).toEqual(['辛组织']);
    backend.verify();
  });
});
