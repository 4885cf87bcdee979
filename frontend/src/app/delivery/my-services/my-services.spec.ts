import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { MyServiceDto, RatingDto, ServiceRecordDto } from '../../api/models';
import { rating, serviceRecord } from '../../testing/delivery';
import {
  configurePage,
  dom,
  flushReference,
  lastPage,
  pick,
  searchPause,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { MyServices } from './my-services';

/** A service I received, with the rating I gave it (the API says which is mine). */
const myService = (
  overrides: Partial<ServiceRecordDto> = {},
  myRating: RatingDto | null = null,
): MyServiceDto => ({
  ...serviceRecord(overrides),
  myRating,
});

/** The resident is u1 here (the signed-in test user). */
const mine = { userId: 'u1', displayName: '张阿姨', response: 'pending' as const, disputeReason: null };

describe('MyServices', () => {
  let fixture: ComponentFixture<MyServices>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open(myRating: RatingDto | null = null, nextCursor: string | null = null) {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'resident', regionId: 'c1', scopeName: '春晖社区' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MyServices);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    backend
      .expectOne((r) => r.url === '/api/me/services')
      .flush({
        ...lastPage([
          myService({ beneficiaries: [mine] }, myRating),
          myService({
            id: 'r2',
            activityType: 'group_work',
            beneficiaries: [
              { ...mine, response: 'confirmed' },
              { ...mine, userId: 'u7', displayName: '王伯' },
            ],
          }),
        ]),
        nextCursor,
      });
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  const item = (id: string) => page.el('my-services')?.querySelector<HTMLElement>(`[data-record="${id}"]`);

  it('lists the services that name me, with my confirmation', async () => {
    await open();
    expect(page.text('my-services')).toContain('入户探访');
    expect(page.text('my-services')).toContain('吴社工');
    expect(item('r1')?.querySelector('[data-testid="service-response"]')?.getAttribute('data-response')).toBe(
      'pending',
    );
    expect(item('r2')?.querySelector('[data-testid="service-confirm"]')).toBeNull();
  });

  it('shows older services a page at a time, each with my rating, without asking for ratings one by one', async () => {
    await open(null, 'c2');
    expect(page.el('my-services-more')).not.toBeNull();
    page.click('my-services-more');
    await fixture.whenStable();
    backend
      .expectOne('/api/me/services?cursor=c2')
      .flush(lastPage([myService({ id: 'r3', projectTitle: '翠园助餐', beneficiaries: [mine] })]));
    await stable(fixture);
    backend.expectNone((r) => r.url.endsWith('/ratings'));
    expect(item('r3')?.textContent).toContain('翠园助餐');
    expect(item('r3')?.querySelector('[data-testid="service-rate"]')).not.toBeNull();
    expect(page.el('my-services-more')).toBeNull();
  });

  it('searches my services, the search kept in the URL, and says when nothing matches', async () => {
    await open();
    page.type('my-services-search', '复诊');
    await searchPause(fixture);
    backend
      .expectOne(`/api/me/services?q=${encodeURIComponent('复诊')}`)
      .flush(lastPage([myService({ id: 'r9', notes: '陪同复诊', beneficiaries: [mine] })]));
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe(`/?q=${encodeURIComponent('复诊')}`);
    expect(item('r9')).not.toBeNull();
    expect(item('r1')).toBeNull();

    page.type('my-services-search', '没有的');
    await searchPause(fixture);
    backend.expectOne(`/api/me/services?q=${encodeURIComponent('没有的')}`).flush(lastPage([]));
    await stable(fixture);
    expect(page.text('my-services')).toContain('没有符合搜索的服务');
  });

  it('confirms a service with POST /records/:id/confirm', async () => {
    await open();
    page.click('service-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/records/r1/confirm');
    expect(req.request.method).toBe('POST');
    req.flush(serviceRecord({ beneficiaries: [{ ...mine, response: 'confirmed' }] }));
    await stable(fixture);
    expect(item('r1')?.querySelector('[data-testid="service-response"]')?.getAttribute('data-response')).toBe(
      'confirmed',
    );
  });

  it('disputes a service only with a reason', async () => {
    await open();
    page.click('service-dispute');
    await fixture.whenStable();
    page.click('dispute-confirm');
    await fixture.whenStable();
    backend.expectNone('/api/records/r1/dispute');
    page.type('dispute-reason', '当天没有上门');
    page.click('dispute-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/records/r1/dispute');
    expect(req.request.body).toEqual({ reason: '当天没有上门' });
    req.flush(
      serviceRecord({ beneficiaries: [{ ...mine, response: 'disputed', disputeReason: '当天没有上门' }] }),
    );
    await stable(fixture);
    expect(item('r1')?.textContent).toContain('有异议');
  });

  it('rates a service with three scores and a comment (POST /records/:id/ratings)', async () => {
    await open();
    page.all('service-rate')[0].click();
    await stable(fixture);
    page.click('rate-submit');
    await stable(fixture);
    backend.expectNone('/api/records/r1/ratings');
    expect(page.text('rate-error')).toContain('三项');

    pick(fixture, 'rate-attitude', 5);
    pick(fixture, 'rate-professionalism', 4);
    pick(fixture, 'rate-effect', 5);
    page.type('rate-comment', '很耐心');
    page.click('rate-submit');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/records/r1/ratings');
    expect(req.request.body).toEqual({ attitude: 5, professionalism: 4, effect: 5, comment: '很耐心' });
    req.flush(rating());
    await stable(fixture);
    expect(page.text('my-rating')).toContain('很耐心');
    expect(page.el('service-rate')).not.toBeNull(); // r2 is still to rate
    expect(item('r1')?.querySelector('[data-testid="service-rate"]')).toBeNull();
  });

  it("shows my rating with the organization's reply, and edits it within 7 days (PUT /ratings/:id)", async () => {
    const fresh = new Date(Date.now() - 3600_000).toISOString();
    await open(rating({ createdAt: fresh, orgReply: '感谢您的认可，我们会继续努力' }));
    expect(page.text('org-reply')).toContain('感谢您的认可');

    page.click('rating-edit');
    await stable(fixture);
    pick(fixture, 'rate-effect', 3);
    page.click('rate-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/ratings/ra1');
    expect(req.request.method).toBe('PUT');
    expect(req.request.headers.get('If-Match')).toBe('"1"');
    expect(req.request.body).toEqual({ attitude: 5, professionalism: 4, effect: 3, comment: '很耐心' });
    req.flush(rating({ createdAt: fresh, effect: 3, version: 2 }));
    await stable(fixture);
  });

  it('reloads a rating changed since it was shown (412), and saves against the version now held', async () => {
    const fresh = new Date(Date.now() - 3600_000).toISOString();
    await open(rating({ createdAt: fresh }));
    page.click('rating-edit');
    await stable(fixture);
    pick(fixture, 'rate-effect', 3);
    page.click('rate-submit');
    await fixture.whenStable();
    backend.expectOne('/api/ratings/ra1').flush(
      {
        code: 'precondition.failed',
        message: '评价已被更新，请刷新后再改',
        details: { expectedVersion: 1, currentVersion: 2 },
      },
      { status: 412, statusText: 'Precondition Failed' },
    );
    await stable(fixture);
    backend
      .expectOne('/api/records/r1/ratings')
      .flush([rating({ id: 'ra7' }), rating({ createdAt: fresh, orgReply: '谢谢', version: 2 })]);
    await stable(fixture);
    expect(page.text('rate-error')).toContain('此内容在您打开后已被他人修改');
    page.click('rate-submit');
    await fixture.whenStable();
    const retry = backend.expectOne('/api/ratings/ra1');
    expect(retry.request.headers.get('If-Match')).toBe('"2"');
    retry.flush(rating({ createdAt: fresh, effect: 3, orgReply: '谢谢', version: 3 }));
    await stable(fixture);
  });

  it('no longer offers to edit a rating older than 7 days', async () => {
    await open(rating({ createdAt: new Date(Date.now() - 8 * 24 * 3600_000).toISOString() }));
    expect(page.el('rating-edit')).toBeNull();
    expect(page.text('my-rating')).toContain('7 天');
  });

  it('shows the rating the API says is mine, not a neighbour’s on the same record', async () => {
    await open(rating({ id: 'ra1', comment: '我的评价' }));
    expect(item('r1')?.querySelector('[data-testid="my-rating"]')?.textContent).toContain('我的评价');
    // r2 lists a neighbour too; the API gave no rating of mine for it: it is still mine to rate.
    expect(item('r2')?.querySelector('[data-testid="my-rating"]')).toBeNull();
    expect(item('r2')?.querySelector('[data-testid="service-rate"]')).not.toBeNull();
  });
});
