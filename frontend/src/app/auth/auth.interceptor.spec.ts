import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { provideApiConfiguration } from '../api/api-configuration';
import { csrfCookie, setCsrfCookie, settle, tokenPair, user } from '../testing/fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;

  const unauthorized = { status: 401, statusText: 'Unauthorized' };
  const expired = { code: 'auth.token_expired', message: 'token expired' };

  /**
   * Signs in through the real login call, leaving access-1 in memory; the browser keeps the
   * session's cookies (here the readable CSRF cookie, as the API's Set-Cookie would leave it).
   */
  async function signIn() {
    const done = auth.login('officer@demo.sanshe.cn', 'Demo1234!');
    backend.expectOne('/api/auth/login').flush(tokenPair(1));
    setCsrfCookie('csrf-1');
    await done;
  }

  /** The refresh carries no token in its body (the browser sends the cookie) but the CSRF header. */
  function expectRefresh(csrf: string) {
    const req = backend.expectOne('/api/auth/refresh');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toBeNull();
    expect(req.request.headers.get('x-xsrf-token')).toBe(csrf);
    expect(req.request.headers.has('Authorization')).toBe(false);
    return req;
  }

  beforeEach(() => {
    localStorage.clear();
    document.cookie = 'XSRF-TOKEN=; Path=/; Max-Age=0';
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
  });

  afterEach(() => backend.verify());

  it('sends the access token as a bearer header to the API', async () => {
    await signIn();
    const result = firstValueFrom(http.get('/api/me'));
    const req = backend.expectOne('/api/me');
    expect(req.request.headers.get('Authorization')).toBe('Bearer access-1');
    req.flush(user(['street_officer']));
    await expect(result).resolves.toMatchObject({ displayName: '王科长' });
  });

  it('never sends the token to another origin', async () => {
    await signIn();
    const result = firstValueFrom(http.get('https://elsewhere.example/x'));
    const req = backend.expectOne('https://elsewhere.example/x');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({});
    await result;
  });

  it('on 401 refreshes once with the CSRF token and replays the request', async () => {
    await signIn();
    const result = firstValueFrom(http.get('/api/me'));

    backend.expectOne('/api/me').flush(expired, unauthorized);
    expectRefresh('csrf-1').flush(tokenPair(2));
    await settle();

    const replay = backend.expectOne('/api/me');
    expect(replay.request.headers.get('Authorization')).toBe('Bearer access-2');
    replay.flush(user(['street_officer'], { displayName: 'after refresh' }));

    await expect(result).resolves.toMatchObject({ displayName: 'after refresh' });
    expect(auth.token()).toBe('access-2');
    // No token of the session is left where a script could read it later.
    expect(JSON.stringify({ ...localStorage })).not.toContain('refresh');
  });

  it('shares one refresh between requests that fail together', async () => {
    await signIn();
    const a = firstValueFrom(http.get('/api/a'));
    const b = firstValueFrom(http.get('/api/b'));

    backend.expectOne('/api/a').flush(expired, unauthorized);
    backend.expectOne('/api/b').flush(expired, unauthorized);
    expectRefresh('csrf-1').flush(tokenPair(2));
    await settle();

    for (const url of ['/api/a', '/api/b']) {
      const replay = backend.expectOne(url);
      expect(replay.request.headers.get('Authorization')).toBe('Bearer access-2');
      replay.flush({ url });
    }
    await expect(a).resolves.toEqual({ url: '/api/a' });
    await expect(b).resolves.toEqual({ url: '/api/b' });
  });

  it('gives up after one retry: a second 401 reaches the caller', async () => {
    await signIn();
    const result = firstValueFrom(http.get('/api/me'));

    backend.expectOne('/api/me').flush(expired, unauthorized);
    expectRefresh('csrf-1').flush(tokenPair(2));
    await settle();
    backend.expectOne('/api/me').flush({ code: 'auth.forbidden', message: 'still no' }, unauthorized);

    await expect(result).rejects.toMatchObject({ status: 401, error: { message: 'still no' } });
    backend.expectNone('/api/auth/refresh');
  });

  it('ends the session when the refresh is refused', async () => {
    await signIn();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const result = firstValueFrom(http.get('/api/me'));

    backend.expectOne('/api/me').flush(expired, unauthorized);
    expectRefresh('csrf-1').flush({ code: 'auth.refresh_reused', message: 'reused' }, unauthorized);

    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.token()).toBeNull();
    expect(csrfCookie()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('does not try to refresh when a login itself is refused', async () => {
    setCsrfCookie('csrf-old');
    const login = auth.login('officer@demo.sanshe.cn', 'wrong');
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({ code: 'auth.invalid_credentials', message: 'bad' }, unauthorized);

    await expect(login).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/auth/refresh');
  });

  it('restores the session of an earlier visit from its cookies', async () => {
    setCsrfCookie('csrf-7');
    const restored = auth.restore();
    expectRefresh('csrf-7').flush(tokenPair(8));
    await restored;
    expect(auth.user()?.displayName).toBe('王科长');
    expect(auth.token()).toBe('access-8');
  });

  it('does not try to restore without a session cookie', async () => {
    await auth.restore();
    backend.expectNone('/api/auth/refresh');
    expect(auth.isSignedIn()).toBe(false);
  });

  it('logs out: revokes the refresh token and forgets the session', async () => {
    await signIn();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const out = auth.logout();
    const req = backend.expectOne('/api/auth/logout');
    expect(req.request.body).toBeNull();
    expect(req.request.headers.get('x-xsrf-token')).toBe('csrf-1');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await out;
    expect(auth.isSignedIn()).toBe(false);
    // Forgotten here even if the API's clearing Set-Cookie never arrived: a reload does not resume.
    expect(csrfCookie()).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });
});
