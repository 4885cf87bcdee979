import { Routes } from '@angular/router';

/** `/notifications`: the inbox; `/notifications/settings`: what arrives where (signed-in users). */
export default [
  { path: '', loadComponent: () => import('./inbox').then((m) => m.Inbox) },
  { path: 'settings', loadComponent: () => import('./preferences').then((m) => m.Preferences) },
] satisfies Routes;
