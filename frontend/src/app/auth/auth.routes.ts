import { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './auth.guard';

export const loginRoutes: Routes = [
  {
    path: '',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./login/login').then((m) => m.Login),
  },
];

export const registerRoutes: Routes = [
  {
    path: '',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./register/register').then((m) => m.Register),
  },
];

/** Opened from a mailed link; signed in as the account first (the guard keeps the link to return to). */
export const verifyEmailRoutes: Routes = [
  {
    path: '',
    canActivate: [signedInGuard],
    loadComponent: () => import('./verify-email/verify-email').then((m) => m.VerifyEmail),
  },
];

export const forgotPasswordRoutes: Routes = [
  {
    path: '',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./forgot-password/forgot-password').then((m) => m.ForgotPassword),
  },
];

/** Opened from a mailed link, signed in or not (the reset signs every session out). */
export const resetPasswordRoutes: Routes = [
  { path: '', loadComponent: () => import('./reset-password/reset-password').then((m) => m.ResetPassword) },
];

/**
 * The link a new account's first password is set by (`npm run setup` prints one for the first
 * platform admin): the reset page, worded as a welcome.
 */
export const welcomeRoutes: Routes = [
  {
    path: '',
    data: { welcome: true },
    loadComponent: () => import('./reset-password/reset-password').then((m) => m.ResetPassword),
  },
];
