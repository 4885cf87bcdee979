import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { NotificationPreferenceDto } from '../api/models';
import { configurePage, dom, signedInAs, stable } from '../testing/page-testing';
import { inTypeOrder, Preferences } from './preferences';

const prefs = (overrides: Partial<Record<string, Partial<NotificationPreferenceDto>>> = {}) =>
  (
    [
      'rating_received',
      'tender_published',
      'deadline_near',
      'tender_result',
      'approval_waiting',
      'payout_paid',
      'payout_failed',
    ] as const
  ).map((type) => ({ type, inApp: true, email: type !== 'rating_received', ...overrides[type] }));

describe('Preferences', () => {
  let fixture: ComponentFixture<Preferences>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    signedInAs(configurePage());
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Preferences);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/me/notification-preferences').flush({ preferences: prefs(), version: 3 });
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it('lists every type in a fixed order with its two switches', () => {
    const rows = [...page.el('notification-preferences')!.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-type'))).toEqual(inTypeOrder(prefs()).map((p) => p.type));
    expect(rows[0].textContent).toContain('服务领域内的新招标');
    expect(page.el('pref-rating_received-email')!.querySelector('button')!.classList).not.toContain(
      'ant-switch-checked',
    );
  });

  it('saves one switch at once with PUT and shows what the server holds', async () => {
    page.el('pref-tender_published-email')!.querySelector('button')!.click();
    await stable(fixture);
    const put = backend.expectOne({ method: 'PUT', url: '/api/me/notification-preferences' });
    expect(put.request.headers.get('If-Match')).toBe('"3"');
    expect(put.request.body).toEqual({
      preferences: [{ type: 'tender_published', inApp: true, email: false }],
    });
    put.flush({ preferences: prefs({ tender_published: { email: false } }), version: 4 });
    await stable(fixture);
    // The next change is made against the version just saved.
    page.el('pref-deadline_near-email')!.querySelector('button')!.click();
    await stable(fixture);
    const next = backend.expectOne({ method: 'PUT', url: '/api/me/notification-preferences' });
    expect(next.request.headers.get('If-Match')).toBe('"4"');
    next.flush({
      preferences: prefs({ tender_published: { email: false }, deadline_near: { email: false } }),
      version: 5,
    });
    await stable(fixture);
    expect(page.el('pref-tender_published-email')!.querySelector('button')!.classList).not.toContain(
      'ant-switch-checked',
    );
    expect(page.el('pref-tender_published-inApp')!.querySelector('button')!.classList).toContain(
      'ant-switch-checked',
    );
  });

  it('shows the settings as they are now when they changed elsewhere since (412)', async () => {
    page.el('pref-tender_published-email')!.querySelector('button')!.click();
    await stable(fixture);
    backend
      .expectOne({ method: 'PUT', url: '/api/me/notification-preferences' })
      .flush(
        { code: 'precondition.failed', message: 'Someone else changed this since you opened it' },
        { status: 412, statusText: 'Precondition Failed' },
      );
    await stable(fixture);
    backend
      .expectOne('/api/me/notification-preferences')
      .flush({ preferences: prefs({ rating_received: { email: true } }), version: 4 });
    await stable(fixture);
    expect(page.el('pref-rating_received-email')!.querySelector('button')!.classList).toContain(
      'ant-switch-checked',
    );
    expect(page.el('preferences-error')).not.toBeNull();
    // The next change is made against the version now shown.
    page.el('pref-payout_paid-email')!.querySelector('button')!.click();
    await stable(fixture);
    const next = backend.expectOne({ method: 'PUT', url: '/api/me/notification-preferences' });
    expect(next.request.headers.get('If-Match')).toBe('"4"');
    next.flush({
      preferences: prefs({ rating_received: { email: true }, payout_paid: { email: false } }),
      version: 5,
    });
    await stable(fixture);
  });
});
