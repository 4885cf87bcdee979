import { Routes } from '@angular/router';
import { signedOutGuard } from './auth.guard';

export const loginRoutes: Routes = [
  {
    path: '',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./login/login').then((m) => m.Login),
  },
];

export const registerRoutes: Routes = [
  {
    path: '',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./register/register').then((m) => m.Register),
  },
];
