import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { PublicProjectSummaryDto } from '../api/models';
import {
  configurePage,
  dom,
  flushReference,
  lastPage,
  pageAt,
  pick,
  searchPause,
  stable,
} from '../testing/page-testing';
import { PublicProjects } from './public-projects';

const project = (n: number): PublicProjectSummaryDto => ({
  id: `p${n}`,
  title: `高龄老人居家探访 ${n}`,
  status: 'active',
  organizationId: 'o1',
  organizationName: '阳光居家养老服务中心',
  streetId: 's1',
  streetName: '阳光街道',
  amountFen: 24_000_000,
  currency: 'CNY',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  approvedHours: 12.5,
  paidFen: 7_200_000,
});

describe('PublicProjects', () => {
  let fixture: ComponentFixture<PublicProjects>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  const list = () => backend.expectOne((r) => r.url === '/api/public/projects');
  const params = (req: TestRequest) =>
    Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)]));

  beforeEach(async () => {
    configurePage();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PublicProjects);
    page = dom(fixture.nativeElement);
  });

  afterEach(() => backend.verify());

  it('lists projects with their amount, money paid and hours, and loads the next page', async () => {
    await fixture.whenStable();
    await flushReference(backend);
    list().flush({
      items: [project(1)],
      nextCursor: 'c1',
      links: { next: '/api/public/projects?cursor=c1' },
    });
    await stable(fixture);

    const card = page.text('public-project-p1');
    expect(card).toContain('高龄老人居家探访 1');
    expect(card).toContain('¥240,000.00');
    expect(card).toContain('¥72,000.00');
    expect(card).toContain('12.5');

    page.click('public-projects-more');
    const next = list();
    expect(params(next)).toMatchObject({ cursor: 'c1' });
    next.flush(lastPage([project(2)]));
    await stable(fixture);
    expect(page.el('public-project-p2')).not.toBeNull();
    expect(page.el('public-projects-more')).toBeNull();
    // Everything at once, for those who analyse it: the OCDS bulk file.
    expect(page.el<HTMLAnchorElement>('public-projects-ocds-bulk')?.getAttribute('href')).toBe(
      '/api/ocds/bulk/releases.jsonl.gz',
    );
  });

  it('keeps the search and the street in the URL', async () => {
    await fixture.whenStable();
    await flushReference(backend);
    list().flush(lastPage([project(1)]));
    await stable(fixture);

    page.type('public-projects-search', '探访');
    await searchPause(fixture);
    const searched = list();
    expect(params(searched)).toMatchObject({ q: '探访' });
    searched.flush(lastPage([]));
    await stable(fixture);

    pick(fixture, 'public-projects-street', 's2');
    await stable(fixture);
    const street = list();
    expect(params(street)).toMatchObject({ q: '探访', streetId: 's2' });
    street.flush(lastPage([]));
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe('/?q=%E6%8E%A2%E8%AE%BF&street=s2');
    expect(page.text('public-projects-list')).toContain('没有符合条件的项目');
  });
});

describe('PublicProjects opened at a URL', () => {
  it("searches by the words of the link that opened it (an organization's projects)", async () => {
    const { fixture, backend } = await pageAt(PublicProjects, '/?q=阳光居家养老服务中心&street=s1');
    await flushReference(backend);
    const req = backend.expectOne((r) => r.url === '/api/public/projects');
    expect(req.request.params.get('q')).toBe('阳光居家养老服务中心');
    expect(req.request.params.get('streetId')).toBe('s1');
    req.flush(lastPage([]));
    await stable(fixture);
    expect(dom(fixture.nativeElement).el<HTMLInputElement>('public-projects-search')!.value).toBe(
      '阳光居家养老服务中心',
    );
    backend.verify();
  });
});
