import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { configurePage, dom, FakeAuth, signedInAs, stable } from '../../testing/page-testing';
import { VerifyEmail } from './verify-email';

describe('VerifyEmail', () => {
  let backend: HttpTestingController;
  let auth: FakeAuth;

  beforeEach(() => {
    auth = configurePage();
    signedInAs(auth);
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'verify-email', component: VerifyEmail }])],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function open(url: string) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, VerifyEmail);
    return { harness, page: dom(harness.routeNativeElement!) };
  }

  it("spends the link's token from the fragment and says the address is verified", async () => {
    const { harness, page } = await open('/verify-email#tok-123_abc');
    expect(page.text('verify-email-working')).not.toBe('');
    const req = backend.expectOne('/api/me/email/verify');
    expect(req.request.body).toEqual({ token: 'tok-123_abc' });
    req.flush({ ...auth.user()!, emailVerified: true });
    await stable(harness.fixture);
    expect(page.el('verify-email-done')).not.toBeNull();
    // The session's copy of the profile is refreshed (it now says verified).
    expect(auth.reloads).toBe(1);
  });

  it("shows the server's reason for a spent or expired link", async () => {
    const { harness, page } = await open('/verify-email#old-token-0000000000');
    backend
      .expectOne('/api/me/email/verify')
      .flush(
        { code: 'auth.link_expired', message: '链接已过期，请重新申请' },
        { status: 410, statusText: 'Gone' },
      );
    await stable(harness.fixture);
    expect(page.text('verify-email-failed')).toContain('链接已过期');
    expect(auth.reloads).toBe(0);
  });

  it('says the link is incomplete when it has no token, without calling the API', async () => {
    const { harness, page } = await open('/verify-email');
    await stable(harness.fixture);
    expect(page.el('verify-email-failed')).not.toBeNull();
    backend.expectNone('/api/me/email/verify');
  });
});
