import { Routes } from '@angular/router';
import { provideDatePickers } from '../shared/date-pickers';

/** `/volunteer`: a resident's volunteering and time bank (guarded by its menu entry), and its statement. */
export const volunteerRoutes: Routes = [
  { path: '', loadComponent: () => import('./volunteer-page').then((m) => m.VolunteerPage) },
  { path: 'statement', loadComponent: () => import('./time-statement').then((m) => m.TimeStatement) },
];

/** `/volunteer-certificates/:id/verify`: the public check a certificate's QR code leads to. */
export const certificateCheckRoutes: Routes = [
  { path: ':id/verify', loadComponent: () => import('./certificate-check').then((m) => m.CertificateCheck) },
];

/** `/organize-volunteers`: community staff post activities, record hours and decide objections. */
export const organizeRoutes: Routes = [
  {
    path: '',
    providers: [provideDatePickers()],
    loadComponent: () => import('./organize-page').then((m) => m.OrganizePage),
  },
];
