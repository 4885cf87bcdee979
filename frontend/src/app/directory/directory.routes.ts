import { Routes } from '@angular/router';

/** The public directory: no guard, visitors included. */
export default [
  { path: '', loadComponent: () => import('./directory').then((m) => m.Directory) },
  { path: ':id/score', loadComponent: () => import('../scores/org-score').then((m) => m.OrgScore) },
  { path: ':id', loadComponent: () => import('./profile/directory-profile').then((m) => m.DirectoryProfile) },
] satisfies Routes;
