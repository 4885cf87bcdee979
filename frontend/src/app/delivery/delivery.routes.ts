import { Routes } from '@angular/router';
import { signedInGuard } from '../auth/auth.guard';
import { menuGuard } from '../layout/menu.guard';
import { provideDatePickers } from '../shared/date-pickers';

/** `/service-log[/:projectId]`: the social worker's timer, record form and today's records. */
export const serviceLogRoutes: Routes = [
  {
    path: '',
    providers: [provideDatePickers()],
    children: [
      { path: '', loadComponent: () => import('./service-log/service-log').then((m) => m.ServiceLog) },
      {
        path: ':projectId',
        loadComponent: () => import('./service-log/service-log').then((m) => m.ServiceLog),
      },
    ],
  },
];

/** `/record-approvals[/:projectId]`: the project lead's queue and corrections. */
export const approvalRoutes: Routes = [
  {
    path: '',
    providers: [provideDatePickers()],
    children: [
      {
        path: '',
        loadComponent: () => import('./approvals/record-approvals').then((m) => m.RecordApprovals),
      },
      {
        path: ':projectId',
        loadComponent: () => import('./approvals/record-approvals').then((m) => m.RecordApprovals),
      },
    ],
  },
];

/** `/my-services`: the resident confirms, disputes and rates the services that list them. */
export const myServicesRoutes: Routes = [
  { path: '', loadComponent: () => import('./my-services/my-services').then((m) => m.MyServices) },
];

/** `/rating-moderation`: community staff decide on reported rating comments. */
export const moderationRoutes: Routes = [
  {
    path: '',
    loadComponent: () => import('./moderation/rating-moderation').then((m) => m.RatingModeration),
  },
];

/**
 * `/projects`: the list follows its menu entry (social workers, org admins); a project page is open
 * to any signed-in user, the server deciding who may see it (team, organization, street office).
 */
export const projectRoutes: Routes = [
  {
    path: '',
    canActivate: [menuGuard('projects')],
    loadComponent: () => import('./project/project-list').then((m) => m.ProjectList),
  },
  {
    path: ':id',
    canActivate: [signedInGuard],
    loadComponent: () => import('./project/project-page').then((m) => m.ProjectPage),
  },
];
