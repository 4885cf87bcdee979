import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./my-memberships').then((m) => m.MyMemberships) },
] satisfies Routes;
