/** The names of the session's cookies (set and cleared by modules/identity/session-cookies.ts). */

/**
 * The refresh token lives in this cookie only: HttpOnly (no script, so no injected script, can
 * read it), Secure, SameSite=Strict (never sent with a request another site starts) and sent only
 * to /api/auth, where refresh and logout read it.
 */
export const REFRESH_COOKIE = 'sanshe_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';
/**
 * The session's CSRF token, readable by the page on purpose: Angular's HttpClient copies this
 * cookie into the X-XSRF-TOKEN header of the app's POSTs, which another site cannot do.
 */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
