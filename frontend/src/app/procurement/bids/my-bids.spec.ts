import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { MyBidDto } from '../../api/models';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { tenderPage, tenderSummary } from '../../testing/procurement';
import { MyBids } from './my-bids';

const myBid = (overrides: Partial<MyBidDto> = {}): MyBidDto => ({
  id: 'b1',
  organizationId: 'o1',
  organizationName: '阳光居家养老服务中心',
  status: 'opened',
  priceFen: 45_000_000,
  submittedAt: '2026-11-21T08:00:00Z',
  withdrawnAt: null,
  tender: tenderSummary({ id: 't2', title: '翠园社区助洁', status: 'evaluating', bidCount: 3 }),
  ...overrides,
});

describe('MyBids', () => {
  let fixture: ComponentFixture<MyBids>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'org_admin', organizationId: 'o1', scopeName: '阳光居家养老服务中心' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MyBids);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const rows = (list: string) =>
    [...(page.el(list)?.querySelectorAll('[data-tender]') ?? [])].map((r) => r.getAttribute('data-tender'));

  it('lists the tenders due a bid, with a way to bid, and every bid made with where it stands', async () => {
    backend.expectOne('/api/bids/due').flush(tenderPage([tenderSummary()]));
    backend.expectOne('/api/bids/mine').flush({
      items: [
        myBid(),
        myBid({ id: 'b0', status: 'withdrawn', tender: tenderSummary({ id: 't3', title: '助浴' }) }),
      ],
      nextCursor: null,
      links: { next: null },
    });
    await stable(fixture);

    expect(rows('my-bids-open')).toEqual(['春晖社区居家养老服务']);
    expect(page.el('my-bids-go')?.getAttribute('href')).toBe('/tenders/t1/bid');
    expect(rows('my-bids-mine')).toEqual(['翠园社区助洁', '助浴']);
    const [first, withdrawn] = page.el('my-bids-mine')!.querySelectorAll('li[data-bid]');
    expect(first.textContent).toContain('评审中');
    expect(first.textContent).toContain('阳光居家养老服务中心 · 已开标 · ¥450,000.00');
    expect(first.querySelector('[data-testid="my-bids-view"]')?.getAttribute('href')).toBe('/tenders/t2/bid');
    expect(withdrawn.textContent).toContain('已撤回');
  });

  it('reads the next page of either list on "load more", after the rows shown', async () => {
    backend.expectOne('/api/bids/due').flush(tenderPage([tenderSummary()], 'after-t1'));
    backend
      .expectOne('/api/bids/mine')
      .flush({ items: [myBid()], nextCursor: 'after-b1', links: { next: '/x' } });
    await stable(fixture);

    page.click('my-bids-open-more');
    backend
      .expectOne('/api/bids/due?cursor=after-t1')
      .flush(tenderPage([tenderSummary({ id: 't9', title: '邻里互助' })]));
    page.click('my-bids-mine-more');
    backend.expectOne('/api/bids/mine?cursor=after-b1').flush({
      items: [myBid({ id: 'b9', tender: tenderSummary({ id: 't8', title: '助餐' }) })],
      nextCursor: null,
      links: { next: null },
    });
    await stable(fixture);

    expect(rows('my-bids-open')).toEqual(['春晖社区居家养老服务', '邻里互助']);
    expect(rows('my-bids-mine')).toEqual(['翠园社区助洁', '助餐']);
    expect(page.el('my-bids-open-more')).toBeNull();
    expect(page.el('my-bids-mine-more')).toBeNull();
  });

  it('says so when nothing awaits a bid and no bid was made', async () => {
    backend.expectOne('/api/bids/due').flush(tenderPage([]));
    backend.expectOne('/api/bids/mine').flush({ items: [], nextCursor: null, links: { next: null } });
    await stable(fixture);
    expect(page.text('my-bids-open')).toContain('暂无待投标的项目');
    expect(page.text('my-bids-mine')).toContain('还没有投标');
  });
});
