import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Component } from '@angular/core';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { I18n } from '../../i18n/i18n.service';
import { configurePage, dom, stable } from '../../testing/page-testing';
import { welcomeRoutes } from '../auth.routes';
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
    expect(page.text('reset-error')).toContain('链接无效或已被使用');
    expect(page.el('reset-done')).toBeNull();
  });

  it('says the link is incomplete when it has no token', async () => {
    const { page } = await open('/reset-password');
    expect(page.el('reset-missing')).not.toBeNull();
    expect(page.el('reset-submit')).toBeNull();
  });
});

@Component({ template: '' })
class LoginStub {}

describe('ResetPassword as the welcome page', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    configurePage();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'welcome', children: welcomeRoutes },
            { path: 'login', component: LoginStub },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function open(url: string) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    return { harness, page: dom(harness.routeNativeElement!) };
  }

  it('asks a new account to set its password, in Chinese and in English', async () => {
    const { harness, page } = await open('/welcome#welcome-token-123');
    expect(page.text('welcome-intro')).toContain('欢迎使用三社联动');
    expect(harness.routeNativeElement!.textContent).toContain('设置密码');
    expect(harness.routeNativeElement!.textContent).not.toContain('设置新密码');
    TestBed.inject(I18n).setLang('en-US');
    await stable(harness.fixture);
    expect(harness.routeNativeElement!.textContent).toContain('Set your password');
  });

  it("sets the password with the link's token through the reset endpoint, then sends the user to sign in", async () => {
    const { harness, page } = await open('/welcome#welcome-token-123');
    page.type('reset-password', 'first-password-7');
    page.type('reset-confirm', 'first-password-7');
    page.click('reset-submit');
    await harness.fixture.whenStable();
    const req = backend.expectOne('/api/auth/password/reset');
    expect(req.request.body).toEqual({ token: 'welcome-token-123', password: 'first-password-7' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await stable(harness.fixture);
    expect(page.text('reset-done')).toContain('密码已设置');
    page.click('reset-login');
    await stable(harness.fixture);
    expect(TestBed.inject(Router).url).toBe('/login');
  });
});
