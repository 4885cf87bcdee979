import { DefaultExport, Route, Routes } from '@angular/router';
import { signedInGuard } from './auth/auth.guard';
import { withPageStrings } from './i18n/i18n.service';
import { menuGuard } from './layout/menu.guard';
import { menuItem } from './layout/menu';
import { withMoreStyles, withPageStyles } from './layout/more-styles';
import { Shell } from './layout/shell';
import { loadPageSupport } from './layout/shell-icons';

/** A lazy route's loader: its routes, or a module whose default export they are. */
type Load = () => Promise<Routes | DefaultExport<Routes>>;

/**
 * A page's code together with what it needs besides, all fetched in parallel: the app's icons and
 * NG-ZORRO's strings (layout/page-support.ts),
 * the pages' strings (unless `strings: false`: the home page draws only the shell's), NG-ZORRO's
 * pages' stylesheet, and its last one too when `styles` (layout/more-styles.ts). Runs in the
 * route's injection context.
 */
function lazy(load: Load, { styles = false, strings = true } = {}): Load {
  const withAssets = strings ? withPageStrings(load) : load;
  const code = styles ? withMoreStyles(withAssets) : withPageStyles(withAssets);
  return () => {
    const support = loadPageSupport();
    return Promise.all([code(), support]).then(([loaded]) => loaded);
  };
}

/**
 * A page guarded by its menu entry's audience, at the entry's path. Its code comes with NG-ZORRO's
 * last stylesheet (layout/more-styles.ts) unless it is `light`: drawn with the pages' one only.
 */
function page(id: string, load: Load, { light = false } = {}): Route {
  return {
    path: menuItem(id).path,
    canActivate: [menuGuard(id)],
    loadChildren: lazy(load, { styles: !light }),
  };
}

/** A page (not in the menu) whose code comes with NG-ZORRO's last stylesheet. */
const more = (load: Load) => ({ loadChildren: lazy(load, { styles: true }) });

export const routes: Routes = [
  {
    path: '',
    component: Shell,
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadChildren: lazy(() => import('./home/home.routes'), { strings: false }),
      },
      { path: 'login', loadChildren: lazy(() => import('./auth/auth.routes').then((m) => m.loginRoutes)) },
      {
        path: 'register',
        loadChildren: lazy(() => import('./auth/auth.routes').then((m) => m.registerRoutes)),
      },
      {
        path: 'verify-email',
        loadChildren: lazy(() => import('./auth/auth.routes').then((m) => m.verifyEmailRoutes)),
      },
      {
        path: 'forgot-password',
        loadChildren: lazy(() => import('./auth/auth.routes').then((m) => m.forgotPasswordRoutes)),
      },
      {
        path: 'reset-password',
        loadChildren: lazy(() => import('./auth/auth.routes').then((m) => m.resetPasswordRoutes)),
      },
      {
        path: 'welcome',
        loadChildren: lazy(() => import('./auth/auth.routes').then((m) => m.welcomeRoutes)),
      },
      {
        path: 'profile',
        canActivate: [signedInGuard],
        ...more(() => import('./profile/profile.routes')),
      },
      {
        path: 'notifications',
        canActivate: [signedInGuard],
        ...more(() => import('./notifications/notifications.routes')),
      },
      page('directory', () => import('./directory/directory.routes')),
      page('volunteer', () => import('./volunteers/volunteers.routes').then((m) => m.volunteerRoutes)),
      page('organize-volunteers', () =>
        import('./volunteers/volunteers.routes').then((m) => m.organizeRoutes),
      ),
      {
        path: 'volunteer-certificates',
        ...more(() => import('./volunteers/volunteers.routes').then((m) => m.certificateCheckRoutes)),
      },
      page('public-projects', () => import('./transparency/transparency.routes')),
      page('leaderboard', () => import('./scores/scores.routes').then((m) => m.leaderboardRoutes)),
      // Each page under /organizations guards itself (registration is open to any signed-in user).
      { path: 'organizations', ...more(() => import('./organizations/organizations.routes')) },
      page('memberships', () => import('./memberships/memberships.routes')),
      page('join-community', () => import('./residents/residents.routes').then((m) => m.joinRoutes)),
      page('residents', () => import('./residents/residents.routes').then((m) => m.queueRoutes)),
      page('service-log', () => import('./delivery/delivery.routes').then((m) => m.serviceLogRoutes)),
      page('record-approvals', () => import('./delivery/delivery.routes').then((m) => m.approvalRoutes)),
      page('my-services', () => import('./delivery/delivery.routes').then((m) => m.myServicesRoutes)),
      page('rating-moderation', () => import('./delivery/delivery.routes').then((m) => m.moderationRoutes)),
      // The project list follows its menu entry; a project page is open to its team, organization and street.
      {
        path: 'projects',
        ...more(() => import('./delivery/delivery.routes').then((m) => m.projectRoutes)),
      },
      page('needs', () => import('./procurement/procurement.routes').then((m) => m.needsRoutes)),
      page('consultations', () =>
        import('./participation/participation.routes').then((m) => m.consultationsRoutes),
      ),
      page('participatory', () =>
        import('./participation/participation.routes').then((m) => m.participatoryRoutes),
      ),
      // A round's page is public: anyone sees the vote, the result and the money.
      {
        path: 'participatory-rounds',
        ...more(() => import('./participation/participation.routes').then((m) => m.participatoryRoundRoutes)),
      },
      page('tenders', () => import('./procurement/procurement.routes').then((m) => m.tenderRoutes)),
      page('bids', () => import('./procurement/procurement.routes').then((m) => m.bidsRoutes)),
      page('evaluations', () => import('./procurement/procurement.routes').then((m) => m.evaluationsRoutes)),
      page('donate', () => import('./fund/fund.routes').then((m) => m.donateRoutes), { light: true }),
      page('fund', () => import('./fund/fund.routes').then((m) => m.fundRoutes)),
      page('exports', () => import('./exports/exports.routes')),
      page('budgets', () => import('./money/money.routes').then((m) => m.budgetRoutes)),
      page('approvals', () => import('./money/money.routes').then((m) => m.approvalsRoutes)),
      page('payouts', () => import('./money/money.routes').then((m) => m.payoutsRoutes)),
      page('incentive-rules', () => import('./incentives/incentives.routes')),
      page('scoring-weights', () => import('./weights/weights.routes')),
      page('admin', () => import('./admin/admin.routes')),
      page('staff', () => import('./staff/staff.routes')),
    ],
  },
  { path: '**', redirectTo: '' },
];

/**
 * Starts fetching the code of the page at `path` (its route's loader: code, strings, styles) before
 * the router asks for it, which it does only once the app's initializers are done (a signed-in
 * visitor's session is restored through the API first). The router's own call then finds it all
 * loaded or on its way. Guards still decide; a page the visitor may not open was only fetched.
 */
export function prefetchFirstPage(path: string): void {
  const segment = path.split(/[/?#]/)[1] ?? '';
  const page = routes[0].children?.find((r) => r.path === segment && r.loadChildren);
  const loaded = page?.loadChildren?.();
  if (loaded instanceof Promise) loaded.catch(() => undefined);
}
