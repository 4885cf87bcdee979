import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./coming-soon').then((m) => m.ComingSoon) },
] satisfies Routes;
