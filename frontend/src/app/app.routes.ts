import { Route, Routes } from '@angular/router';
import { signedInGuard } from './auth/auth.guard';
import type { I18nKey } from './i18n/zh-CN';
import { menuGuard } from './layout/menu.guard';
import { menuItem } from './layout/menu';
import { Shell } from './layout/shell';

/** A page that later milestones build, guarded by its menu entry's audience. */
function comingSoon(id: string): Route {
  const item = menuItem(id);
  const titleKey: I18nKey = item.labelKey;
  return {
    path: item.path,
    canActivate: [menuGuard(id)],
    data: { titleKey },
    loadChildren: () => import('./coming-soon/coming-soon.routes'),
  };
}

export const routes: Routes = [
  {
    path: '',
    component: Shell,
    children: [
      { path: '', pathMatch: 'full', loadChildren: () => import('./home/home.routes') },
      { path: 'login', loadChildren: () => import('./auth/auth.routes').then((m) => m.loginRoutes) },
      { path: 'register', loadChildren: () => import('./auth/auth.routes').then((m) => m.registerRoutes) },
      {
        path: 'profile',
        canActivate: [signedInGuard],
        loadChildren: () => import('./profile/profile.routes'),
      },
      ...[
        'needs',
        'tenders',
        'bids',
        'service-log',
        'approvals',
        'budgets',
        'organizations',
        'residents',
        'admin',
      ].map(comingSoon),
    ],
  },
  { path: '**', redirectTo: '' },
];
