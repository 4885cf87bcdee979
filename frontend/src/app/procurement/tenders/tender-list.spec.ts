import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import {
  configurePage,
  dom,
  FakeAuth,
  flushReference,
  pageAt,
  pick,
  searchPause,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { tenderPage, tenderSummary } from '../../testing/procurement';
import { TenderList } from './tender-list';

describe('TenderList', () => {
  let fixture: ComponentFixture<TenderList>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  let auth: FakeAuth;

  beforeEach(async () => {
    auth = configurePage();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TenderList);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
  });

  afterEach(() => backend.verify());

  it('is public: lists the notices with tendersList, without a session', async () => {
    const req = backend.expectOne('/api/tenders?limit=20');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(
      tenderPage([
        tenderSummary({ bidCount: 2 }),
        tenderSummary({ id: 't2', title: '翠园社区助洁', status: 'contracted' }),
      ]),
    );
    await stable(fixture);
    expect(page.all('tender-card').map((c) => c.dataset['tender'])).toEqual([
      '春晖社区居家养老服务',
      '翠园社区助洁',
    ]);
    const first = page.all('tender-card')[0].textContent ?? '';
    expect(first).toContain('¥500,000.00');
    expect(first).toContain('竞争性磋商');
    expect(first).toContain('公告中');
    expect(page.el('tenders-new')).toBeNull();
    expect(page.el('tenders-more')).toBeNull();
  });

  it('loads the next page with the cursor and appends it to the notices', async () => {
    backend.expectOne('/api/tenders?limit=20').flush(tenderPage([tenderSummary()], 'cursor-2'));
    await stable(fixture);
    page.click('tenders-more');
    await fixture.whenStable();
    backend
      .expectOne('/api/tenders?cursor=cursor-2&limit=20')
      .flush(tenderPage([tenderSummary({ id: 't2', title: '翠园社区助洁' })]));
    await stable(fixture);
    expect(page.all('tender-card').map((c) => c.dataset['tender'])).toEqual([
      '春晖社区居家养老服务',
      '翠园社区助洁',
    ]);
    expect(page.el('tenders-more')).toBeNull();
  });

  it('turns the filters into query parameters', async () => {
    backend.expectOne('/api/tenders?limit=20').flush(tenderPage([]));
    await stable(fixture);
    pick(fixture, 'tenders-status', 'evaluating');
    await fixture.whenStable();
    backend.expectOne('/api/tenders?limit=20&status=evaluating').flush(tenderPage([]));
    pick(fixture, 'tenders-street', 's1');
    await fixture.whenStable();
    backend.expectOne('/api/tenders?limit=20&status=evaluating&streetId=s1').flush(tenderPage([]));
    await stable(fixture);
    expect(page.el('tenders-empty')).not.toBeNull();
  });

  it('searches and sorts, keeping filters, search and sort in the URL', async () => {
    backend.expectOne('/api/tenders?limit=20').flush(tenderPage([]));
    await stable(fixture);
    pick(fixture, 'tenders-sort', 'deadline');
    await fixture.whenStable();
    backend.expectOne('/api/tenders?limit=20&sort=deadline').flush(tenderPage([]));
    page.type('tenders-search', ' 助餐 ');
    await searchPause(fixture);
    backend
      .expectOne(`/api/tenders?limit=20&q=${encodeURIComponent('助餐')}&sort=deadline`)
      .flush(tenderPage([tenderSummary()]));
    pick(fixture, 'tenders-status', 'evaluating');
    await fixture.whenStable();
    backend
      .expectOne(`/api/tenders?limit=20&status=evaluating&q=${encodeURIComponent('助餐')}&sort=deadline`)
      .flush(tenderPage([tenderSummary()]));
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe(
      `/?sort=deadline&q=${encodeURIComponent('助餐')}&status=evaluating`,
    );
    expect(page.all('tender-card')).toHaveLength(1);
  });

  it('offers street officers to start a tender', async () => {
    signedInAs(auth, [{ role: 'street_officer', regionId: 's1', scopeName: '阳光街道' }]);
    backend.expectOne('/api/tenders?limit=20').flush(tenderPage([]));
    await stable(fixture);
    expect(page.el('tenders-new')?.getAttribute('href')).toBe('/tenders/new');
  });
});

describe('TenderList opened at a link', () => {
  it('reads its filters, search and sort from the URL', async () => {
    const { fixture, backend } = await pageAt(TenderList, '/?street=s2&q=%E5%8A%A9%E9%A4%90&sort=deadline');
    await flushReference(backend);
    backend
      .expectOne(`/api/tenders?limit=20&streetId=s2&q=${encodeURIComponent('助餐')}&sort=deadline`)
      .flush(tenderPage([tenderSummary()]));
    await stable(fixture);
    expect(dom(fixture.nativeElement).all('tender-card')).toHaveLength(1);
    backend.verify();
  });
});
