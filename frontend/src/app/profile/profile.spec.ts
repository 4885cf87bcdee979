import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, FakeAuth, signedInAs, stable } from '../testing/page-testing';
import { Profile } from './profile';

describe('Profile', () => {
  let backend: HttpTestingController;
  let auth: FakeAuth;

  beforeEach(() => {
    auth = configurePage();
    signedInAs(auth);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function open(): Promise<{ fixture: ComponentFixture<Profile>; page: ReturnType<typeof dom> }> {
    const fixture = TestBed.createComponent(Profile);
    await stable(fixture);
    return { fixture, page: dom(fixture.nativeElement) };
  }

  it('shows a verified e-mail as verified, with nothing to resend', async () => {
    const { page } = await open();
    expect(page.text('profile-email')).toBe('someone@example.cn');
    expect(page.el('profile-email-verified')).not.toBeNull();
    expect(page.el('profile-resend')).toBeNull();
  });

  it('shows an unverified e-mail and resends the verification mail once', async () => {
    auth.user.update((u) => ({ ...u!, emailVerified: false, phone: '13800000000' }));
    const { fixture, page } = await open();
    expect(page.el('profile-email-unverified')).not.toBeNull();
    expect(fixture.nativeElement.textContent).toContain('13800000000');
    page.click('profile-resend');
    await fixture.whenStable();
    const req = backend.expectOne('/api/me/email/verification');
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 202, statusText: 'Accepted' });
    await stable(fixture);
    expect(page.el<HTMLButtonElement>('profile-resend')!.disabled).toBe(true);
  });
});
