import { BreakpointObserver } from '@angular/cdk/layout';
import { Signal, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Below this width the side menu becomes a drawer and pages switch to their narrow layout. */
export const MOBILE_QUERY = '(max-width: 767.98px)';

/** Whether the viewport is phone-sized; call it in an injection context (a field initializer). */
export function injectIsMobile(): Signal<boolean> {
  return toSignal(
    inject(BreakpointObserver)
      .observe(MOBILE_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
}
