import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { SKIP_AUTH } from './auth-context';
import { AuthService } from './auth.service';

/** Only our own origin gets the token: the API is served under relative `/api/...` URLs. */
const isOwnApi = (req: HttpRequest<unknown>) => req.url.startsWith('/');

const withBearer = (req: HttpRequest<unknown>, token: string | null) =>
  token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;

/**
 * Adds the access token and, when the API answers 401, refreshes once and replays the request.
 * The replay goes straight to `next`, so a second 401 reaches the caller instead of looping.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.context.get(SKIP_AUTH) || !isOwnApi(req)) return next(req);
  const auth = inject(AuthService);
  const sentToken = auth.token();
  return next(withBearer(req, sentToken)).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse) || err.status !== 401 || !auth.canRefresh()) {
        return throwError(() => err);
      }
      // Another request already refreshed while this one was in flight: just replay it.
      const current = auth.token();
      const fresh = current && current !== sentToken ? Promise.resolve(current) : auth.refresh();
      return from(fresh).pipe(
        switchMap((token) => {
          if (!token) {
            void auth.sessionExpired();
            return throwError(() => err);
          }
          return next(withBearer(req, token));
        }),
      );
    }),
  );
};
