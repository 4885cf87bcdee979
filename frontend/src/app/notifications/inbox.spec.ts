import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { NotificationDto } from '../api/models';
import { configurePage, dom, pageAt, signedInAs, stable } from '../testing/page-testing';
import { Inbox } from './inbox';
import { NotificationCenter } from './notification-center';

const notice = (id: string, overrides: Partial<NotificationDto> = {}): NotificationDto => ({
  id,
  type: 'payout_paid',
  params: { milestoneName: '首期', amountFen: 2_000_000 },
  link: '/projects/p1',
  createdAt: '2026-03-01T00:00:00.000Z',
  readAt: null,
  ...overrides,
});

describe('Inbox', () => {
  let fixture: ComponentFixture<Inbox>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    signedInAs(configurePage());
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Inbox);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend
      .expectOne((r) => r.url === '/api/me/notifications' && !r.params.has('cursor'))
      .flush({
        items: [
          notice('n1'),
          notice('n2', { readAt: '2026-03-01T01:00:00.000Z', type: 'rating_received', params: { stars: 5 } }),
        ],
        nextCursor: 'c1',
      });
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it('lists the notices in the current language, unread ones marked, and loads more', async () => {
    const items = page.el('notifications-list')!.querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0].classList).toContain('unread');
    expect(items[0].textContent).toContain('款项已支付：首期');
    expect(items[1].textContent).toContain('新评价：5 星');
    page.click('notifications-more');
    const more = backend.expectOne(
      (r) => r.url === '/api/me/notifications' && r.params.get('cursor') === 'c1',
    );
    more.flush({ items: [notice('n3')], nextCursor: null });
    await stable(fixture);
    expect(page.el('notifications-list')!.querySelectorAll('li')).toHaveLength(3);
    expect(page.el('notifications-more')).toBeNull();
  });

  it('marks a notice read when opened, then follows its link', async () => {
    const center = TestBed.inject(NotificationCenter);
    center.set(2);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    page.click('notification-n1');
    backend
      .expectOne({ method: 'POST', url: '/api/me/notifications/n1/read' })
      .flush(notice('n1', { readAt: '2026-03-02T00:00:00.000Z' }));
    await stable(fixture);
    expect(navigate).toHaveBeenCalledWith('/projects/p1');
    expect(center.unread()).toBe(1);
    expect(page.el('notifications-list')!.querySelectorAll('li.unread')).toHaveLength(0);
  });

  it('marks all read, and filters to the unread ones', async () => {
    TestBed.inject(NotificationCenter).set(1);
    page.click('notifications-read-all');
    backend.expectOne({ method: 'POST', url: '/api/me/notifications/read-all' }).flush({ updated: 1 });
    await stable(fixture);
    expect(TestBed.inject(NotificationCenter).unread()).toBe(0);
    expect(page.el('notifications-list')!.querySelectorAll('li.unread')).toHaveLength(0);

    page.click('notifications-unread-only');
    await stable(fixture);
    backend
      .expectOne((r) => r.url === '/api/me/notifications' && r.params.get('unread') === 'true')
      .flush({ items: [], nextCursor: null });
    await stable(fixture);
    expect(page.el('notifications-empty')).not.toBeNull();
    expect(TestBed.inject(Router).url).toBe('/?unread=1');
  });
});

describe('Inbox opened with ?unread=1 (a link, or Back)', () => {
  it('asks for the unread notices only and shows the filter on', async () => {
    const { fixture, backend } = await pageAt(Inbox, '/?unread=1', []);
    backend.expectOne('/api/me/notifications?limit=20&unread=true').flush({ items: [], nextCursor: null });
    await stable(fixture);
    expect(dom(fixture.nativeElement).el('notifications-unread-only')!.getAttribute('aria-pressed')).toBe(
      'true',
    );
    backend.verify();
  });
});
