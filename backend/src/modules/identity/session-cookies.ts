import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Env } from '../../config/env.js';
import type { TokenPairDto } from './dto/auth.dto.js';
import {
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  XSRF_COOKIE,
  XSRF_HEADER,
} from '../../common/auth/session-cookie-names.js';

// The cookies' names are shared with common/ (reads-from.ts tells a session by its CSRF cookie).
export { REFRESH_COOKIE, REFRESH_COOKIE_PATH, XSRF_COOKIE, XSRF_HEADER };

/** A session just started or refreshed: the body for the page, and what goes into the cookies. */
export interface IssuedSession {
  body: TokenPairDto;
  refreshToken: string;
  csrfToken: string;
}

const common = { secure: true, sameSite: 'strict' } as const;

/** Sets the two cookies of a session and returns the body for the page. */
export function setSessionCookies(reply: FastifyReply, session: IssuedSession, env: Env): TokenPairDto {
  const maxAge = env.REFRESH_TOKEN_TTL_DAYS * 86400;
  void reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    ...common,
    httpOnly: true,
    path: REFRESH_COOKIE_PATH,
    maxAge,
  });
  void reply.setCookie(XSRF_COOKIE, session.csrfToken, { ...common, path: '/', maxAge });
  return session.body;
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(REFRESH_COOKIE, { ...common, httpOnly: true, path: REFRESH_COOKIE_PATH, maxAge: 0 });
  void reply.clearCookie(XSRF_COOKIE, { ...common, path: '/', maxAge: 0 });
}

/** The origins the web app is served from: the CORS allow-list and WEB_URL's origin. */
function webOrigins(env: Env): Set<string> {
  const origins = env.CORS_ORIGINS.split(',').map((o) => o.trim());
  return new Set([...origins, new URL(env.WEB_URL).origin].filter(Boolean));
}

/**
 * The CSRF checks of a request that acts with the refresh cookie: a browser's Origin, when it
 * sends one, must be the web app's, and the CSRF token must be in the header. Returns that token;
 * the service checks that it belongs to the cookie's session.
 */
export function csrfTokenOf(request: FastifyRequest, env: Env): string {
  const origin = request.headers.origin;
  if (origin !== undefined && !webOrigins(env).has(origin)) {
    throw new DomainError('auth.csrf_rejected', 'This request did not come from the web app', { origin });
  }
  const token = request.headers[XSRF_HEADER];
  if (typeof token !== 'string' || token === '') {
    throw new DomainError('auth.csrf_rejected', `The ${XSRF_HEADER} header with the CSRF token is missing`);
  }
  return token;
}
