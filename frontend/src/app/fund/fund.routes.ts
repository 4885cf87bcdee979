import { Routes } from '@angular/router';

/** `/donate`: anyone gives to a community's fund; `/donate/thanks` is where Checkout returns. */
export const donateRoutes: Routes = [
  { path: '', loadComponent: () => import('./donate/donate').then((m) => m.Donate) },
  { path: 'thanks', loadComponent: () => import('./thanks/thanks').then((m) => m.DonationThanks) },
];

/** `/fund`: community staff see their community's fund and propose grants (guarded by its menu entry). */
export const fundRoutes: Routes = [
  { path: '', loadComponent: () => import('./fund-page/fund-page').then((m) => m.FundPage) },
];
