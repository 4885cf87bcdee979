import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { configurePage, dom, stable } from '../../testing/page-testing';
import { ResetPassword } from './reset-password';

describe('ResetPassword', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    configurePage();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'reset-password', component: ResetPassword }])],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function open(url: string) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, ResetPassword);
    return { harness, page: dom(harness.routeNativeElement!) };
  }

  it('sets the new password with the token of the link', async () => {
    const { harness, page } = await open('/reset-password#reset-token-123');
    page.type('reset-password', 'a-new-password-7');
    page.type('reset-confirm', 'a-new-password-7');
    page.click('reset-submit');
    await harness.fixture.whenStable();
    const req = backend.expectOne('/api/auth/password/reset');
    expect(req.request.body).toEqual({ token: 'reset-token-123', password: 'a-new-password-7' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await stable(harness.fixture);
    expect(page.el('reset-done')).not.toBeNull();
  });

  it('refuses a short or mismatched password without calling the API', async () => {
    const { harness, page } = await open('/reset-password#reset-token-123');
    page.type('reset-password', 'short');
    page.type('reset-confirm', 'short');
    page.click('reset-submit');
    await harness.fixture.whenStable();
    page.type('reset-password', 'a-new-password-7');
    page.type('reset-confirm', 'a-new-password-8');
    page.click('reset-submit');
    await harness.fixture.whenStable();
    backend.expectNone('/api/auth/password/reset');
    expect(page.el('reset-done')).toBeNull();
  });

  it("shows the server's reason for a spent link, with a way to ask again", async () => {
    const { harness, page } = await open('/reset-password#spent-token-123');
    page.type('reset-password', 'a-new-password-7');
    page.type('reset-confirm', 'a-new-password-7');
    page.click('reset-submit');
    await harness.fixture.whenStable();
    backend
      .expectOne('/api/auth/password/reset')
      .flush(
        { code: 'auth.link_invalid', message: 'This link is not valid or was already used' },
        { status: 400, statusText: 'Bad Request' },
      );
    await stable(harness.fixture);
    expect(page.text('reset-error')).toContain('already used');
    expect(page.el('reset-done')).toBeNull();
  });

  it('says the link is incomplete when it has no token', async () => {
    const { page } = await open('/reset-password');
    expect(page.el('reset-missing')).not.toBeNull();
    expect(page.el('reset-submit')).toBeNull();
  });
});
