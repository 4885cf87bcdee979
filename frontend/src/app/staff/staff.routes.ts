import { Routes } from '@angular/router';
import { provideDatePickers } from '../shared/date-pickers';

/** `/staff`: who holds which role in a street or community (platform admins; street directors for their street). */
export default [
  {
    path: '',
    providers: [provideDatePickers()],
    children: [{ path: '', loadComponent: () => import('./staff-roles').then((m) => m.StaffRoles) }],
  },
] satisfies Routes;
