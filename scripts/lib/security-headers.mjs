// The security headers of the web app's pages, in one place. `npm start`'s web server
// (stack.mjs) sends these; nginx cannot import them, so docker/security-headers.conf spells them
// out and backend/test/web-headers.e2e-spec.ts checks that both servers send the same.

/**
 * Scripts only from our own origin: no inline script, no eval, no inline event handler (the
 * Angular build emits none: `inlineCritical` is off in frontend/angular.json). Styles need
 * 'unsafe-inline': Angular and NG-ZORRO inject component styles as <style> elements at run time,
 * and a static server has no per-response nonce to give them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // blob: for thumbnails and PDFs fetched with the in-memory token (shared/attachments).
  "img-src 'self' data: blob:",
  "frame-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** HSTS for a year. Browsers ignore it over plain HTTP, so it only ever pins an HTTPS site. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The headers of every page and static file; HSTS only in production. */
export function securityHeaders({ production }) {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    // frame-ancestors 'none' for browsers too old to know it.
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    ...(production ? { 'strict-transport-security': HSTS } : {}),
  };
}
