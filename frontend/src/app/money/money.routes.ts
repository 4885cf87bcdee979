import { Routes } from '@angular/router';
import { provideCharts } from '../shared/charts';

/** `/approvals`: the payments waiting for the caller's signature (guarded by its menu entry). */
export const approvalsRoutes: Routes = [
  { path: '', loadComponent: () => import('./approvals/approvals-inbox').then((m) => m.ApprovalsInbox) },
];

/** `/budgets`: a street's budget for a year, with its charts; finance allocates. */
export const budgetRoutes: Routes = [
  {
    path: '',
    // ECharts loads with the page's first chart, not with the app.
    providers: [provideCharts()],
    loadComponent: () => import('./budgets/budget').then((m) => m.Budget),
  },
];

/** `/payouts`: an organization admin's Stripe Connect account and milestone payments. */
export const payoutsRoutes: Routes = [
  { path: '', loadComponent: () => import('./payouts/payouts').then((m) => m.Payouts) },
];
