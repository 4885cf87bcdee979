import { DestroyRef, Signal, inject, signal } from '@angular/core';

/** Below this width the side menu becomes a drawer and pages switch to their narrow layout. */
export const MOBILE_QUERY = '(max-width: 767.98px)';

/**
 * Whether the viewport is phone-sized; call it in an injection context (a field initializer). The
 * browser's own media query, not the CDK's BreakpointObserver: the shell asks it on every page, and
 * the observer and its signal bridge weighed 1.7 kB (brotli) of the first load. False where there
 * is no window (a server draws the wide layout).
 */
export function injectIsMobile(): Signal<boolean> {
  const query = globalThis.matchMedia?.(MOBILE_QUERY);
  const isMobile = signal(query?.matches ?? false);
  if (query) {
    const changed = (event: MediaQueryListEvent): void => isMobile.set(event.matches);
    query.addEventListener('change', changed);
    inject(DestroyRef).onDestroy(() => query.removeEventListener('change', changed));
  }
  return isMobile.asReadonly();
}
