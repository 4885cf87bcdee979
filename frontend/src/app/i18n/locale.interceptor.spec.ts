import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { I18n } from './i18n.service';
import { localeInterceptor } from './locale.interceptor';

describe('localeInterceptor', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([localeInterceptor])), provideHttpClientTesting()],
    });
  });

  it("asks the API to answer in the page's language, following a switch", async () => {
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    const call = () => {
      const answer = firstValueFrom(http.get('/api/me'));
      const req = backend.expectOne('/api/me');
      const lang = req.request.headers.get('Accept-Language');
      req.flush({});
      return answer.then(() => lang);
    };
    expect(await call()).toBe('zh-CN');
    TestBed.inject(I18n).setLang('en-US');
    expect(await call()).toBe('en-US');
    backend.verify();
  });
});
