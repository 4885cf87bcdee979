import { Routes } from '@angular/router';

/** `/staff`: who holds which role in a street or community (platform admins; street directors for their street). */
export default [
  { path: '', loadComponent: () => import('./staff-roles').then((m) => m.StaffRoles) },
] satisfies Routes;
