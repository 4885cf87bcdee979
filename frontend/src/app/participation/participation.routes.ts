import { Routes } from '@angular/router';

/** `/consultations`: a community's consultations and council meetings; one consultation to read and vote on. */
export const consultationsRoutes: Routes = [
  { path: '', loadComponent: () => import('./consultation-list').then((m) => m.ConsultationList) },
  { path: ':id', loadComponent: () => import('./consultation-view').then((m) => m.ConsultationView) },
];
