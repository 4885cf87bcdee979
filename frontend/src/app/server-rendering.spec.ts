import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { PLATFORM_ID, REQUEST, RESPONSE_INIT, TransferState, makeStateKey } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import {
  SERVER_API_ORIGIN,
  SHARED_READ_KEEP_MS,
  missingSubject,
  serverRenderingInterceptor,
} from './server-rendering';

const setUp = (platform: 'browser' | 'server') =>
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([serverRenderingInterceptor])),
      provideHttpClientTesting(),
      { provide: PLATFORM_ID, useValue: platform },
      { provide: SERVER_API_ORIGIN, useValue: 'http://api:3000' },
      // The page's request as the renderer gets it (jsdom has no Request): its X-Forwarded-For.
      {
        provide: REQUEST,
        useValue: { headers: { get: (name: string) => (name === 'x-forwarded-for' ? '203.0.113.9' : null) } },
      },
    ],
  });
const kept = (url: string) => makeStateKey<unknown>(`api:${url}`);

describe('serverRenderingInterceptor on the server drawing a page', () => {
  beforeEach(() => setUp('server'));

  it('asks the API directly for the visitor and keeps each JSON answer in the page', async () => {
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    const answer = firstValueFrom(http.get('/api/directory', { params: { q: '养老' } }));
    const req = backend.expectOne((r) => r.url === 'http://api:3000/api/directory');
    expect(req.request.headers.get('X-Forwarded-For')).toBe('203.0.113.9');
    req.flush({ items: [{ id: 'o1' }] });
    expect(await answer).toEqual({ items: [{ id: 'o1' }] });
    expect(TestBed.inject(TransferState).get(kept('/api/directory?q=%E5%85%BB%E8%80%81'), null)).toEqual({
      status: 200,
      body: { items: [{ id: 'o1' }] },
    });
    backend.verify();
  });

  it('keeps no failed answer, and leaves writes and files alone', async () => {
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    const failed = firstValueFrom(http.get('/api/organizations/x')).catch(
      (e: { status: number }) => e.status,
    );
    backend
      .expectOne('http://api:3000/api/organizations/x')
      .flush({}, { status: 404, statusText: 'Not Found' });
    expect(await failed).toBe(404);
    const file = firstValueFrom(http.get('/api/exports/1/file', { responseType: 'blob' }));
    backend.expectOne('/api/exports/1/file').flush(new Blob(['x']));
    await file;
    const write = firstValueFrom(http.post('/api/needs', {}));
    backend.expectOne('/api/needs').flush({});
    await write;
    expect(TestBed.inject(TransferState).isEmpty).toBe(true);
    backend.verify();
  });
});

describe('serverRenderingInterceptor on the server, the reference data', () => {
  beforeEach(() => setUp('server'));
  afterEach(() => jest.restoreAllMocks());

  /** Draws a "page" asking for the regions: what reached the API, and what the page carries. */
  async function drawPage(query: string): Promise<{ asked: number; kept: unknown }> {
    TestBed.resetTestingModule();
    setUp('server');
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    const answer = firstValueFrom(http.get('/api/regions', { params: { includeRetired: query } }));
    const asked = backend.match('http://api:3000/api/regions?includeRetired=' + query);
    for (const req of asked) req.flush([{ id: 'r1', name: '阳光街道' }]);
    expect(await answer).toEqual([{ id: 'r1', name: '阳光街道' }]);
    backend.verify();
    const inPage = TestBed.inject(TransferState).get(kept(`/api/regions?includeRetired=${query}`), null);
    return { asked: asked.length, kept: inPage };
  }

  it('asks the API once a minute for every page, and puts the answer in each page', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    const inPage = { status: 200, body: [{ id: 'r1', name: '阳光街道' }] };
    expect(await drawPage('once')).toEqual({ asked: 1, kept: inPage });
    now.mockReturnValue(1_000_000 + SHARED_READ_KEEP_MS - 1);
    expect(await drawPage('once')).toEqual({ asked: 0, kept: inPage });
    now.mockReturnValue(1_000_000 + SHARED_READ_KEEP_MS);
    expect(await drawPage('once')).toEqual({ asked: 1, kept: inPage });
  });

  it('keeps a failed answer for no one', async () => {
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    const failed = firstValueFrom(http.get('/api/catalog', { params: { q: 'failed' } })).catch(
      (e: { status: number }) => e.status,
    );
    backend.expectOne('http://api:3000/api/catalog?q=failed').flush({}, { status: 503, statusText: 'Down' });
    expect(await failed).toBe(503);
    const again = firstValueFrom(http.get('/api/catalog', { params: { q: 'failed' } }));
    backend.expectOne('http://api:3000/api/catalog?q=failed').flush([]);
    expect(await again).toEqual([]);
    backend.verify();
  });
});

describe('serverRenderingInterceptor in the browser', () => {
  beforeEach(() => setUp('browser'));

  it("takes the server's answer once for the page's first drawing, then asks the API", async () => {
    TestBed.inject(TransferState).set(kept('/api/directory?q=a'), {
      status: 200,
      body: { items: ['drawn'] },
    });
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    expect(await firstValueFrom(http.get('/api/directory', { params: { q: 'a' } }))).toEqual({
      items: ['drawn'],
    });
    backend.expectNone(() => true);
    // Once: the next visit of the list is fresh, from the same origin as the page.
    const again = firstValueFrom(http.get('/api/directory', { params: { q: 'a' } }));
    const req = backend.expectOne('/api/directory?q=a');
    expect(req.request.headers.has('X-Forwarded-For')).toBe(false);
    req.flush({ items: ['fresh'] });
    expect(await again).toEqual({ items: ['fresh'] });
    backend.verify();
  });
});

describe('missingSubject', () => {
  const failure = (status: number) => new HttpErrorResponse({ status });

  it('has a page drawn on the server answer 404 when what it shows does not exist', () => {
    for (const [status, missing, answered] of [
      [404, true, 404],
      [400, true, 404],
      [503, false, undefined],
    ] as const) {
      const response: ResponseInit = {};
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({ providers: [{ provide: RESPONSE_INIT, useValue: response }] });
      const isMissing = TestBed.runInInjectionContext(missingSubject);
      expect([status, isMissing(failure(status)), response.status]).toEqual([status, missing, answered]);
    }
  });

  it('in the browser, where there is no response to mark, only says whether it is missing', () => {
    const isMissing = TestBed.runInInjectionContext(missingSubject);
    expect([isMissing(failure(404)), isMissing(new Error('offline'))]).toEqual([true, false]);
  });
});
