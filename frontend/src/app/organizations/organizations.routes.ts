import { Routes } from '@angular/router';
import { signedInGuard } from '../auth/auth.guard';
import { menuGuard } from '../layout/menu.guard';
import { provideDatePickers } from '../shared/date-pickers';

/**
 * `/organizations/...`: registration is open to any signed-in user (who becomes the new
 * organization's admin); the other pages follow their menu entry's audience.
 */
export default [
  // The old public entry point: the directory lives at /directory now.
  { path: '', pathMatch: 'full', redirectTo: '/directory' },
  {
    path: 'register',
    canActivate: [signedInGuard],
    loadComponent: () => import('./register/register-organization').then((m) => m.RegisterOrganization),
  },
  {
    path: 'mine',
    canActivate: [menuGuard('my-organization')],
    loadComponent: () => import('./mine/my-organization').then((m) => m.MyOrganization),
  },
  {
    path: 'members',
    canActivate: [menuGuard('org-members')],
    loadComponent: () => import('./members/members').then((m) => m.Members),
  },
  {
    path: 'review',
    canActivate: [menuGuard('org-review')],
    // The review's file has date pickers (grades' expiry, credit listings).
    providers: [provideDatePickers()],
    loadComponent: () => import('./review/review-queue').then((m) => m.ReviewQueue),
  },
] satisfies Routes;
