import { Routes } from '@angular/router';
import { roleGuard } from './guards';
import { provideDatePickers } from '../shared/date-pickers';

/** `/needs`: a community's needs board and admission list (guarded by its menu entry). */
export const needsRoutes: Routes = [
  { path: '', loadComponent: () => import('./needs/needs-board').then((m) => m.NeedsBoard) },
];

/** `/tenders`: public notices; the editor, bid form and scoring workspace ask for their role. */
export const tenderRoutes: Routes = [
  {
    path: '',
    providers: [provideDatePickers()],
    children: [
      { path: '', loadComponent: () => import('./tenders/tender-list').then((m) => m.TenderList) },
      {
        path: 'new',
        canActivate: [roleGuard('street_officer')],
        loadComponent: () => import('./editor/tender-editor').then((m) => m.TenderEditor),
      },
      { path: ':id', loadComponent: () => import('./tenders/tender-notice').then((m) => m.TenderNotice) },
      {
        path: ':id/edit',
        canActivate: [roleGuard('street_officer')],
        loadComponent: () => import('./editor/tender-editor').then((m) => m.TenderEditor),
      },
      {
        path: ':id/bid',
        canActivate: [roleGuard('org_admin')],
        loadComponent: () => import('./bids/bid-form').then((m) => m.BidForm),
      },
      {
        path: ':id/evaluation',
        canActivate: [roleGuard('evaluator')],
        loadComponent: () => import('./evaluation/scoring').then((m) => m.Scoring),
      },
    ],
  },
];

/** `/bids`: an organization admin's bids. */
export const bidsRoutes: Routes = [
  { path: '', loadComponent: () => import('./bids/my-bids').then((m) => m.MyBids) },
];

/** `/evaluations`: an evaluator's tenders under evaluation. */
export const evaluationsRoutes: Routes = [
  { path: '', loadComponent: () => import('./evaluation/evaluations').then((m) => m.Evaluations) },
];
