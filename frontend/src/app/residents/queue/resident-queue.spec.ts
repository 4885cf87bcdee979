import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import {
  configurePage,
  dom,
  lastPage,
  pageAt,
  pick,
  searchPause,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { residentRequest } from '../../testing/residents';
import { ResidentQueue } from './resident-queue';

describe('ResidentQueue', () => {
  let fixture: ComponentFixture<ResidentQueue>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    const auth = configurePage();
    // The staff member's community is the region of their community_staff membership.
    signedInAs(auth, [{ role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResidentQueue);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.url === '/api/communities/c1/resident-requests');
    expect(req.request.params.get('status')).toBe('pending');
    req.flush({
      items: [
        residentRequest(),
        residentRequest({ id: 'rr2', displayName: '李大爷', email: 'li@example.cn', note: '' }),
      ],
      nextCursor: 'n2',
    });
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it("lists the pending requests of the staff member's community", () => {
    expect(page.text('resident-queue')).toContain('张阿姨');
    expect(page.text('resident-queue')).toContain('3 栋 2 单元');
    expect(page.text('resident-queue')).toContain('李大爷');
  });

  it('approves a request', async () => {
    page.all('resident-approve')[0].click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/resident-requests/rr1/decision');
    expect(req.request.body).toEqual({ approve: true });
    req.flush(residentRequest({ status: 'verified' }));
    await stable(fixture);
    expect(page.text('resident-queue')).not.toContain('张阿姨');
  });

  it('refuses only with a reason', async () => {
    page.all('resident-refuse')[1].click();
    await fixture.whenStable();
    page.click('resident-refuse-confirm');
    await fixture.whenStable();
    backend.expectNone('/api/resident-requests/rr2/decision');

    page.type('resident-refuse-reason', '不在本社区居住');
    page.click('resident-refuse-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/resident-requests/rr2/decision');
    expect(req.request.body).toEqual({ approve: false, reason: '不在本社区居住' });
    req.flush(residentRequest({ id: 'rr2', status: 'refused' }));
    await stable(fixture);
    expect(page.text('resident-queue')).not.toContain('李大爷');
  });

  it('shows the next page of the queue under a "load more" button, each request once', async () => {
    page.click('residents-more');
    await stable(fixture);
    const req = backend.expectOne((r) => r.url === '/api/communities/c1/resident-requests');
    expect(req.request.params.get('cursor')).toBe('n2');
    expect(req.request.params.get('status')).toBe('pending');
    req.flush({
      items: [
        residentRequest({ id: 'rr2', displayName: '李大爷', email: 'li@example.cn', note: '' }),
        residentRequest({ id: 'rr3', displayName: '王阿姨', email: 'wang@example.cn', note: '' }),
      ],
      nextCursor: null,
    });
    await stable(fixture);
    const shown = [
      ...fixture.nativeElement.querySelectorAll('[data-testid="resident-queue"] li[data-email]'),
    ];
    expect(shown.map((li) => li.getAttribute('data-email'))).toEqual([
      residentRequest().email,
      'li@example.cn',
      'wang@example.cn',
    ]);
    expect(page.el('residents-more')).toBeNull();
  });

  it('searches by name or e-mail and shows decided requests by status, both kept in the URL', async () => {
    page.type('residents-search', ' 李 ');
    await searchPause(fixture);
    const searched = backend.expectOne((r) => r.url === '/api/communities/c1/resident-requests');
    expect([searched.request.params.get('q'), searched.request.params.get('status')]).toEqual([
      '李',
      'pending',
    ]);
    searched.flush(lastPage([residentRequest({ id: 'rr2', displayName: '李大爷', email: 'li@example.cn' })]));
    await stable(fixture);
    expect(page.text('resident-queue')).not.toContain('张阿姨');
    expect(TestBed.inject(Router).url).toBe('/?q=%E6%9D%8E');

    pick(fixture, 'residents-status', 'refused');
    await stable(fixture);
    const refused = backend.expectOne((r) => r.url === '/api/communities/c1/resident-requests');
    expect([refused.request.params.get('q'), refused.request.params.get('status')]).toEqual([
      '李',
      'refused',
    ]);
    refused.flush(
      lastPage([
        residentRequest({
          id: 'rr2',
          displayName: '李大爷',
          status: 'refused',
          decisionReason: '不在本社区居住',
        }),
      ]),
    );
    await stable(fixture);
    expect(page.text('resident-queue')).toContain('未通过');
    expect(page.text('resident-queue')).toContain('不在本社区居住');
    // A decided request is not decided again.
    expect(page.el('resident-approve')).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/?q=%E6%9D%8E&status=refused');
  });

  it('says when nothing matches, not that the queue is done', async () => {
    pick(fixture, 'residents-status', 'verified');
    await stable(fixture);
    backend.expectOne((r) => r.url === '/api/communities/c1/resident-requests').flush(lastPage([]));
    await stable(fixture);
    expect(page.text('resident-queue')).toContain('没有符合条件的申请');
  });
});

describe('ResidentQueue opened at a URL (a link, or Back)', () => {
  const staffOfTwo = [
    { role: 'community_staff' as const, regionId: 'c1', scopeName: '春晖社区' },
    { role: 'community_staff' as const, regionId: 'c2', scopeName: '翠园社区' },
  ];

  it('asks for the community, status and search of the URL and shows them', async () => {
    const { fixture, backend } = await pageAt(
      ResidentQueue,
      '/?community=c2&status=verified&q=wang',
      staffOfTwo,
    );
    const req = backend.expectOne((r) => r.url === '/api/communities/c2/resident-requests');
    expect([req.request.params.get('status'), req.request.params.get('q')]).toEqual(['verified', 'wang']);
    req.flush(lastPage([]));
    await stable(fixture);
    expect(dom(fixture.nativeElement).el<HTMLInputElement>('residents-search')!.value).toBe('wang');
    backend.verify();
  });

  it("shows the first of the staff member's communities when the URL's is not one of them", async () => {
    const { fixture, backend } = await pageAt(ResidentQueue, '/?community=elsewhere', staffOfTwo);
    backend.expectOne((r) => r.url === '/api/communities/c1/resident-requests').flush(lastPage([]));
    await stable(fixture);
    backend.verify();
  });
});
