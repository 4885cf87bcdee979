import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
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
});
