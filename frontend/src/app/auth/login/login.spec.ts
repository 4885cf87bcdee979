import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { provideApiConfiguration } from '../../api/api-configuration';
import { APP_ICONS } from '../../app.icons';
import { I18n } from '../../i18n/i18n.service';
import { settle, tokenPair } from '../../testing/fixtures';
import { authInterceptor } from '../auth.interceptor';
import { AuthService } from '../auth.service';
import { Login, safeReturnUrl } from './login';

@Component({ template: 'tenders page' })
class TendersStub {}

describe('Login', () => {
  let fixture: ComponentFixture<Login>;
  let backend: HttpTestingController;
  let root: HTMLElement;

  const el = <T extends HTMLElement>(testId: string) => root.querySelector<T>(`[data-testid="${testId}"]`);

  function type(testId: string, value: string) {
    const input = el<HTMLInputElement>(testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(email = 'officer@demo.sanshe.cn', password = 'Demo1234!') {
    type('login-email', email);
    type('login-password', password);
    el<HTMLButtonElement>('login-submit')!.click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'tenders', component: TendersStub }]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        provideNzIcons(APP_ICONS),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Login);
    root = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('shows a refusal in the language of the page, chosen by its error code', async () => {
    await submit('officer@demo.sanshe.cn', 'wrong-password');
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ email: 'officer@demo.sanshe.cn', password: 'wrong-password' });
    req.flush(
      { code: 'auth.invalid_credentials', message: 'E-mail or password is wrong' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();
    await fixture.whenStable();

    expect(el('login-error')?.textContent).toContain('邮箱或密码不正确');
    expect(el('login-error')?.textContent).not.toContain('E-mail');
    expect(TestBed.inject(AuthService).isSignedIn()).toBe(false);
  });

  it('shows the lock-out of a 429 in English when the page is in English', async () => {
    TestBed.inject(I18n).setLang('en-US');
    await submit();
    backend
      .expectOne('/api/auth/login')
      .flush(
        { code: 'auth.too_many_attempts', message: '登录尝试次数过多，请稍后再试' },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await settle();
    await fixture.whenStable();

    expect(el('login-error')?.textContent).toContain(
      'Too many sign-in attempts; wait a little and try again',
    );
  });

  it('falls back to its own words, in the current language, when the server is unreachable', async () => {
    TestBed.inject(I18n).setLang('en-US');
    await submit();
    backend.expectOne('/api/auth/login').error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await settle();
    await fixture.whenStable();

    expect(el('login-error')?.textContent).toContain('Cannot reach the server');
  });

  it('sends nothing while the form is invalid', async () => {
    await submit('not-an-email', '');
    backend.expectNone('/api/auth/login');
    expect(root.textContent).toContain('请输入有效的电子邮箱');
  });

  it('signs in and goes to the page the user was sent away from', async () => {
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/?returnUrl=%2Ftenders');
    await submit();
    backend.expectOne('/api/auth/login').flush(tokenPair(1));
    await settle();
    await fixture.whenStable();

    expect(TestBed.inject(AuthService).user()?.displayName).toBe('王科长');
    expect(router.url).toBe('/tenders');
    expect(el('login-error')).toBeNull();
  });
});

describe('safeReturnUrl', () => {
  it.each([
    [null, '/'],
    ['/tenders', '/tenders'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
  ])('%s -> %s', (input, expected) => expect(safeReturnUrl(input)).toBe(expected));
});
