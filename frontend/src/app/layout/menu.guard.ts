import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { canSee, menuItem } from './menu';

/** Guards a page with the audience of its menu entry, so the menu and the routes never disagree. */
export const menuGuard =
  (id: string): CanActivateFn =>
  async (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    await auth.restore();
    const { audience } = menuItem(id);
    if (canSee(audience, auth.isSignedIn(), auth.roles())) return true;
    return auth.isSignedIn()
      ? router.createUrlTree(['/'])
      : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  };
