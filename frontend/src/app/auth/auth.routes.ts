import type { CanActivateFn, Route, Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './auth.guard';

/** A sign-in page's one route: its guard (if any), route data, and its component, loaded when opened. */
const page = (loadComponent: Route['loadComponent'], guard?: CanActivateFn, data?: Route['data']): Routes => [
  { path: '', loadComponent, ...(guard ? { canActivate: [guard] } : {}), ...(data ? { data } : {}) },
];

export const loginRoutes = page(() => import('./login/login').then((m) => m.Login), signedOutGuard);

export const registerRoutes = page(
  () => import('./register/register').then((m) => m.Register),
  signedOutGuard,
);

/** Opened from a mailed link; signed in as the account first (the guard keeps the link to return to). */
export const verifyEmailRoutes = page(
  () => import('./verify-email/verify-email').then((m) => m.VerifyEmail),
  signedInGuard,
);

export const forgotPasswordRoutes = page(
  () => import('./forgot-password/forgot-password').then((m) => m.ForgotPassword),
  signedOutGuard,
);

const resetPassword = () => import('./reset-password/reset-password').then((m) => m.ResetPassword);

/** Opened from a mailed link, signed in or not (the reset signs every session out). */
export const resetPasswordRoutes = page(resetPassword);

/**
 * The link a new account's first password is set by (`npm run setup` prints one for the first
 * platform admin): the reset page, worded as a welcome.
 */
export const welcomeRoutes = page(resetPassword, undefined, { welcome: true });
