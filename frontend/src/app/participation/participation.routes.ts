import { Routes } from '@angular/router';
import { provideDatePickers } from '../shared/date-pickers';

/** `/consultations`: a community's consultations and council meetings; one consultation to read and vote on. */
export const consultationsRoutes: Routes = [
  {
    path: '',
    providers: [provideDatePickers()],
    loadComponent: () => import('./consultation-list').then((m) => m.ConsultationList),
  },
  { path: ':id', loadComponent: () => import('./consultation-view').then((m) => m.ConsultationView) },
];

/** `/participatory`: a community's participatory fund rounds (参与式预算); staff open one here. */
export const participatoryRoutes: Routes = [
  {
    path: '',
    providers: [provideDatePickers()],
    loadComponent: () => import('./fund/round-list').then((m) => m.RoundList),
  },
];

/** `/participatory-rounds/:id`: the public page of a round, where residents vote and organizations submit. */
export const participatoryRoundRoutes: Routes = [
  { path: ':id', loadComponent: () => import('./fund/round-view').then((m) => m.RoundView) },
];
