import { Routes } from '@angular/router';
import { provideNzNativeDateAdapter } from 'ng-zorro-antd/core/time';
import { signedInGuard } from '../auth/auth.guard';
import { storedLang } from '../i18n/i18n.service';
import { menuGuard } from '../layout/menu.guard';

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
    // The app's only date pickers (grades' expiry, credit listings) are in the review's file: native
    // Dates, weeks starting on Monday. Here rather than in app.config, to keep them off the first load.
    providers: [provideNzNativeDateAdapter(() => ({ locale: storedLang(), firstDayOfWeek: 1 }))],
    loadComponent: () => import('./review/review-queue').then((m) => m.ReviewQueue),
  },
] satisfies Routes;
