import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { provideApiConfiguration } from '../../api/api-configuration';
import { APP_ICONS } from '../../app.icons';
import { dom, stable } from '../../testing/page-testing';
import { authInterceptor } from '../auth.interceptor';
import { AuthService } from '../auth.service';
import { Register } from './register';

describe('Register', () => {
  let fixture: ComponentFixture<Register>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        provideNzIcons(APP_ICONS),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Register);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  async function fillAndSubmit() {
    page.type('register-email', ' Li.Hua@example.cn ');
    page.type('register-password', 'long-enough-1');
    page.type('register-name', '李华');
    page.click('register-submit');
    await fixture.whenStable();
  }

  it('says to check the e-mail instead of signing in, whatever the address', async () => {
    await fillAndSubmit();
    const req = backend.expectOne('/api/auth/register');
    expect(req.request.body).toEqual({
      email: 'Li.Hua@example.cn',
      password: 'long-enough-1',
      displayName: '李华',
    });
    req.flush({ email: 'li.hua@example.cn' }, { status: 202, statusText: 'Accepted' });
    await stable(fixture);

    expect(page.text('register-sent')).toContain('li.hua@example.cn');
    expect(page.el('register-submit')).toBeNull();
    // No sign-in call: the user signs in when ready (or follows the mail first).
    backend.expectNone('/api/auth/login');
    expect(TestBed.inject(AuthService).isSignedIn()).toBe(false);
  });

  it("shows the server's message when the registration is refused", async () => {
    await fillAndSubmit();
    backend
      .expectOne('/api/auth/register')
      .flush(
        { code: 'rate_limited', message: '请求过于频繁，请稍后再试' },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await stable(fixture);
    expect(page.text('register-error')).toContain('请求过于频繁');
    expect(page.el('register-sent')).toBeNull();
  });

  it('does not call the API with an invalid form', async () => {
    page.type('register-email', 'not-an-email');
    page.click('register-submit');
    await fixture.whenStable();
    backend.expectNone('/api/auth/register');
  });
});
