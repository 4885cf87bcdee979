import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RegionDto } from '../api/models';
import {
  configurePage,
  dom,
  flushReference,
  lastPage,
  pageAt,
  pick,
  REGIONS,
  searchPause,
  signedInAs,
  stable,
} from '../testing/page-testing';
import { ConsultationList } from './consultation-list';

const GRIDS: RegionDto[] = [
  { id: 'g1', name: '春晖一网格', level: 'grid', parentId: 'c1', version: 1 },
  { id: 'g2', name: '春晖二网格', level: 'grid', parentId: 'c1', version: 1 },
  { id: 'g9', name: '翠园一网格', level: 'grid', parentId: 'c2', version: 1 },
  {
    id: 'g0',
    name: '已撤销网格',
    level: 'grid',
    parentId: 'c1',
    version: 2,
    retiredAt: '2026-01-01T00:00:00Z',
  },
];

describe('ConsultationList open form', () => {
  let fixture: ComponentFixture<ConsultationList>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ConsultationList);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend, { regions: [...REGIONS, ...GRIDS] });
    backend.expectOne((r) => r.url === '/api/communities/c1/consultations').flush(lastPage([]));
    backend.expectOne((r) => r.url === '/api/communities/c1/meetings').flush(lastPage([]));
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  function fill() {
    page.type('open-title', '南门空地怎么用');
    page.type('open-question', '改为停车位还是休闲区？');
    page.type('open-options', '停车位\n休闲区');
    // The date-time picker (shared/date-input.ts) takes local text to the second.
    pick(fixture, 'open-closes', '2099-12-10T20:00:00');
  }

  it("offers the whole community and the community's live grids, labelled", async () => {
    const label = fixture.nativeElement.querySelector('label[for="c-region"]') as HTMLElement;
    expect(label.textContent).toContain('参与范围');
    expect(fixture.nativeElement.querySelector('#c-region')).not.toBeNull();
    (page.el('open-region')!.querySelector('.ant-select-selector') as HTMLElement).click();
    await stable(fixture);
    const options = [...document.querySelectorAll('nz-option-item')].map((o) => o.textContent?.trim());
    expect(options).toEqual(['全社区居民', '春晖一网格', '春晖二网格']);
  });

  it('puts the question to one grid when one is picked, and to the community otherwise', async () => {
    fill();
    pick(fixture, 'open-region', 'g2');
    page.click('open-submit');
    await fixture.whenStable();
    const req = backend.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/communities/c1/consultations',
    );
    expect(req.request.body).toMatchObject({
      regionId: 'g2',
      title: '南门空地怎么用',
      options: ['停车位', '休闲区'],
    });
    req.flush({ code: 'validation.failed', message: 'x' }, { status: 400, statusText: 'Bad Request' });
    await stable(fixture);

    pick(fixture, 'open-region', '');
    page.click('open-submit');
    await fixture.whenStable();
    const whole = backend.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/communities/c1/consultations',
    );
    expect(whole.request.body.regionId).toBe('c1');
    whole.flush({ code: 'validation.failed', message: 'x' }, { status: 400, statusText: 'Bad Request' });
    await stable(fixture);
  });
});

describe('ConsultationList search and status', () => {
  const resident = [{ role: 'resident' as const, regionId: 'c1', scopeName: '春晖社区' }];
  const consultationsOfC1 = (r: { url: string }) => r.url === '/api/communities/c1/consultations';

  it('searches the titles and filters by status, keeping both in the URL', async () => {
    const { fixture, backend } = await pageAt(ConsultationList, '/', resident);
    const page = dom(fixture.nativeElement);
    await flushReference(backend);
    backend.expectOne(consultationsOfC1).flush(lastPage([]));
    backend.expectOne((r) => r.url === '/api/communities/c1/meetings').flush(lastPage([]));
    await stable(fixture);

    page.type('consultations-search', '空地');
    await searchPause(fixture);
    const searched = backend.expectOne(consultationsOfC1);
    expect(searched.request.params.get('q')).toBe('空地');
    expect(searched.request.params.has('status')).toBe(false);
    searched.flush(lastPage([]));
    await stable(fixture);

    pick(fixture, 'consultations-status', 'closed');
    await stable(fixture);
    const closed = backend.expectOne(consultationsOfC1);
    expect([closed.request.params.get('q'), closed.request.params.get('status')]).toEqual(['空地', 'closed']);
    closed.flush(lastPage([]));
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe('/?q=%E7%A9%BA%E5%9C%B0&status=closed');
    // The meetings are not filtered by the consultations' search: they were not asked again.
    backend.expectNone((r) => r.url === '/api/communities/c1/meetings');
    backend.verify();
  });

  it('asks for the search and status of the URL and shows the search in the box', async () => {
    const { fixture, backend } = await pageAt(
      ConsultationList,
      '/?q=%E7%A9%BA%E5%9C%B0&status=open',
      resident,
    );
    await flushReference(backend);
    const req = backend.expectOne(consultationsOfC1);
    expect([req.request.params.get('q'), req.request.params.get('status')]).toEqual(['空地', 'open']);
    req.flush(lastPage([]));
    backend.expectOne((r) => r.url === '/api/communities/c1/meetings').flush(lastPage([]));
    await stable(fixture);
    expect(dom(fixture.nativeElement).el<HTMLInputElement>('consultations-search')!.value).toBe('空地');
    expect(dom(fixture.nativeElement).text('consultation-list')).toContain('暂无议题');
    backend.verify();
  });
});
