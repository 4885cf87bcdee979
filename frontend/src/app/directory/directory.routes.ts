import { Routes } from '@angular/router';
import { withPageStrings } from '../i18n/i18n.service';

/** The public directory: no guard, visitors included. */
export default [
  { path: '', loadComponent: () => import('./directory').then((m) => m.Directory) },
  // The scores' page, with the scores' strings (the directory's route brings only its own).
  {
    path: ':id/score',
    loadComponent: withPageStrings('scores', () => import('../scores/org-score').then((m) => m.OrgScore)),
  },
  { path: ':id', loadComponent: () => import('./profile/directory-profile').then((m) => m.DirectoryProfile) },
] satisfies Routes;
