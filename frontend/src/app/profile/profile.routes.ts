import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./profile').then((m) => m.Profile) },
] satisfies Routes;
