import { Routes } from '@angular/router';

/** The public record of projects: no guard, visitors included. */
export default [
  { path: '', loadComponent: () => import('./public-projects').then((m) => m.PublicProjects) },
  { path: ':id', loadComponent: () => import('./public-project').then((m) => m.PublicProject) },
] satisfies Routes;
