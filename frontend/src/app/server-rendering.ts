import { isPlatformServer } from '@angular/common';
import { HttpErrorResponse, type HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import {
  InjectionToken,
  PLATFORM_ID,
  REQUEST,
  RESPONSE_INIT,
  TransferState,
  inject,
  makeStateKey,
} from '@angular/core';
import { of, tap, timeout } from 'rxjs';

/** What the renderer (src/server.ts) tells the app drawing a page: where the API is. */
export interface RenderContext {
  apiUrl?: string;
}

/**
 * Where a server drawing a page reaches the API (the renderer's `API_URL`, app.config.server.ts);
 * empty, it asks the page's own origin, as the browser does.
 */
export const SERVER_API_ORIGIN = new InjectionToken<string>('SERVER_API_ORIGIN', { factory: () => '' });

/** How long a page drawn on the server waits for the API; past it the page shows the failure and the browser asks again. */
export const SERVER_API_TIMEOUT_MS = 5000;

interface KeptAnswer {
  status: number;
  body: unknown;
}

/** The API path and query a request names, whatever origin it goes to. */
const pathOf = (url: string) => {
  const { pathname, search } = new URL(url, 'http://server');
  return { pathname, path: `${pathname}${search}` };
};

/**
 * The reads nearly every drawn page makes (the reference data: regions and the service catalog,
 * retired ones included): public, the same for every visitor and rarely changed. The renderer keeps
 * their answers for a minute rather than ask the API for them with every page (the directory asked
 * three times a page); a renamed region shows on drawn pages within that minute.
 */
const SHARED_READS = new Set(['/api/regions', '/api/catalog']);
export const SHARED_READ_KEEP_MS = 60_000;
const sharedAnswers = new Map<string, { until: number; answer: KeptAnswer }>();

/**
 * A page the server draws (app.routes.server.ts) asks the API as the browser would. The server
 * asks for the visitor (the API counts requests per address: it trusts the renderer's
 * X-Forwarded-For as it trusts the web server's) and puts each JSON answer in the page
 * (TransferState); the browser's first drawing takes the answer from there instead of asking again,
 * so the page it draws over the server's is the same, data included, with no empty list between.
 * Each answer is used once: the next visit asks the API. Only JSON reads: nothing that writes. A
 * failed or slow answer is not kept: the browser asks again.
 */
export const serverRenderingInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.method !== 'GET' || req.responseType !== 'json') return next(req);
  const state = inject(TransferState);
  const { pathname, path } = pathOf(req.urlWithParams);
  const key = makeStateKey<KeptAnswer>(`api:${path}`);
  const answer = (kept: KeptAnswer) =>
    of(new HttpResponse({ status: kept.status, body: kept.body, url: req.urlWithParams }));
  if (isPlatformServer(inject(PLATFORM_ID))) {
    const shared = SHARED_READS.has(pathname);
    const hit = shared ? sharedAnswers.get(path) : undefined;
    if (hit && hit.until > Date.now()) {
      state.set(key, hit.answer);
      return answer(hit.answer);
    }
    const visitor = inject(REQUEST, { optional: true })?.headers.get('x-forwarded-for');
    const asked = req.clone({
      url: inject(SERVER_API_ORIGIN) + req.url,
      setHeaders: visitor ? { 'X-Forwarded-For': visitor } : {},
    });
    return next(asked).pipe(
      timeout(SERVER_API_TIMEOUT_MS),
      tap((event) => {
        if (!(event instanceof HttpResponse && event.ok)) return;
        const kept = { status: event.status, body: event.body };
        state.set(key, kept);
        if (shared) sharedAnswers.set(path, { until: Date.now() + SHARED_READ_KEEP_MS, answer: kept });
      }),
    );
  }
  const kept = state.get(key, null);
  if (!kept) return next(req);
  state.remove(key);
  return answer(kept);
};

/** Whether a page's read failed because what it shows does not exist (no such id, or a malformed one). */
export const isMissing = (err: unknown): boolean =>
  err instanceof HttpErrorResponse && (err.status === 404 || err.status === 400);

/**
 * For a page about one thing (an organization, a project, a tender): call in an injection context;
 * the function it gives says whether a failure means the thing does not exist, and then, where a
 * server draws the page, has the page answer 404 (it still shows its message), so search engines
 * drop the address and link checkers report it.
 */
export function missingSubject(): (err: unknown) => boolean {
  const response = inject(RESPONSE_INIT, { optional: true });
  return (err) => {
    const missing = isMissing(err);
    if (missing && response) response.status = 404;
    return missing;
  };
}
