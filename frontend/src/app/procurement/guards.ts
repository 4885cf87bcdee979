import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import type { Role } from '../auth/roles';

/** Pages inside the public tender area that only some roles may open (the editor, the bid form…). */
export const roleGuard =
  (...roles: Role[]): CanActivateFn =>
  async (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    await auth.restore();
    if (auth.isSignedIn() && roles.some((r) => auth.roles().has(r))) return true;
    return auth.isSignedIn()
      ? router.createUrlTree(['/'])
      : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  };
