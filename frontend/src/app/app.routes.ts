import { DefaultExport, Route, Routes } from '@angular/router';
import { signedInGuard } from './auth/auth.guard';
import { withPageStrings } from './i18n/i18n.service';
import type { Feature } from './i18n/parts';
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
 * the strings of its feature (`strings`, the directory it lives in) and the common ones (none for
 * the home page: it draws only the shell's), NG-ZORRO's pages' stylesheet, and its last one too
 * when `styles` (layout/more-styles.ts). Runs in the route's injection context.
 */
function lazy(load: Load, { styles = false, strings }: { styles?: boolean; strings: Feature | false }): Load {
  const withAssets = strings ? withPageStrings(strings, load) : load;
  const code = styles ? withMoreStyles(withAssets) : withPageStyles(withAssets);
  return () => {
    const support = loadPageSupport();
    return Promise.all([code(), support]).then(([loaded]) => loaded);
  };
}

/**
 * A page of a feature guarded by its menu entry's audience, at the entry's path. Its code comes with
 * NG-ZORRO's last stylesheet (layout/more-styles.ts) unless it is `light`: drawn with the pages' one only.
 */
function page(id: string, feature: Feature, load: Load, { light = false } = {}): Route {
  return {
    path: menuItem(id).path,
    canActivate: [menuGuard(id)],
    loadChildren: lazy(load, { styles: !light, strings: feature }),
  };
}

/** A page of a feature (not in the menu) whose code comes with NG-ZORRO's last stylesheet. */
const more = (feature: Feature, load: Load) => ({
  loadChildren: lazy(load, { styles: true, strings: feature }),
});

/** A page of signing in or up (auth/auth.routes.ts): its routes picked from that module. */
const auth = (path: string, pick: (m: typeof import('./auth/auth.routes')) => Routes): Route => ({
  path,
  loadChildren: lazy(() => import('./auth/auth.routes').then(pick), { strings: 'auth' }),
});

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
      auth('login', (m) => m.loginRoutes),
      auth('register', (m) => m.registerRoutes),
      auth('verify-email', (m) => m.verifyEmailRoutes),
      auth('forgot-password', (m) => m.forgotPasswordRoutes),
      auth('reset-password', (m) => m.resetPasswordRoutes),
      auth('welcome', (m) => m.welcomeRoutes),
      {
        path: 'profile',
        canActivate: [signedInGuard],
        ...more('profile', () => import('./profile/profile.routes')),
      },
      {
        path: 'notifications',
        canActivate: [signedInGuard],
        ...more('notifications', () => import('./notifications/notifications.routes')),
      },
      page('directory', 'directory', () => import('./directory/directory.routes')),
      page('volunteer', 'volunteers', () =>
        import('./volunteers/volunteers.routes').then((m) => m.volunteerRoutes),
      ),
      page('organize-volunteers', 'volunteers', () =>
        import('./volunteers/volunteers.routes').then((m) => m.organizeRoutes),
      ),
      {
        path: 'volunteer-certificates',
        ...more('volunteers', () =>
          import('./volunteers/volunteers.routes').then((m) => m.certificateCheckRoutes),
        ),
      },
      page('public-projects', 'transparency', () => import('./transparency/transparency.routes')),
      page('leaderboard', 'scores', () => import('./scores/scores.routes').then((m) => m.leaderboardRoutes)),
      // Each page under /organizations guards itself (registration is open to any signed-in user).
      {
        path: 'organizations',
        ...more('organizations', () => import('./organizations/organizations.routes')),
      },
      page('memberships', 'memberships', () => import('./memberships/memberships.routes')),
      page('join-community', 'residents', () =>
        import('./residents/residents.routes').then((m) => m.joinRoutes),
      ),
      page('residents', 'residents', () => import('./residents/residents.routes').then((m) => m.queueRoutes)),
      page('service-log', 'delivery', () =>
        import('./delivery/delivery.routes').then((m) => m.serviceLogRoutes),
      ),
      page('record-approvals', 'delivery', () =>
        import('./delivery/delivery.routes').then((m) => m.approvalRoutes),
      ),
      page('my-services', 'delivery', () =>
        import('./delivery/delivery.routes').then((m) => m.myServicesRoutes),
      ),
      page('rating-moderation', 'delivery', () =>
        import('./delivery/delivery.routes').then((m) => m.moderationRoutes),
      ),
      // The project list follows its menu entry; a project page is open to its team, organization and street.
      {
        path: 'projects',
        ...more('delivery', () => import('./delivery/delivery.routes').then((m) => m.projectRoutes)),
      },
      page('needs', 'procurement', () =>
        import('./procurement/procurement.routes').then((m) => m.needsRoutes),
      ),
      page('consultations', 'participation', () =>
        import('./participation/participation.routes').then((m) => m.consultationsRoutes),
      ),
      page('participatory', 'participation', () =>
        import('./participation/participation.routes').then((m) => m.participatoryRoutes),
      ),
      // A round's page is public: anyone sees the vote, the result and the money.
      {
        path: 'participatory-rounds',
        ...more('participation', () =>
          import('./participation/participation.routes').then((m) => m.participatoryRoundRoutes),
        ),
      },
      page('tenders', 'procurement', () =>
        import('./procurement/procurement.routes').then((m) => m.tenderRoutes),
      ),
      page('bids', 'procurement', () => import('./procurement/procurement.routes').then((m) => m.bidsRoutes)),
      page('evaluations', 'procurement', () =>
        import('./procurement/procurement.routes').then((m) => m.evaluationsRoutes),
      ),
      page('donate', 'fund', () => import('./fund/fund.routes').then((m) => m.donateRoutes), { light: true }),
      page('fund', 'fund', () => import('./fund/fund.routes').then((m) => m.fundRoutes)),
      page('exports', 'exports', () => import('./exports/exports.routes')),
      page('budgets', 'money', () => import('./money/money.routes').then((m) => m.budgetRoutes)),
      page('approvals', 'money', () => import('./money/money.routes').then((m) => m.approvalsRoutes)),
      page('payouts', 'money', () => import('./money/money.routes').then((m) => m.payoutsRoutes)),
      page('incentive-rules', 'incentives', () => import('./incentives/incentives.routes')),
      page('scoring-weights', 'weights', () => import('./weights/weights.routes')),
      page('admin', 'admin', () => import('./admin/admin.routes')),
      page('staff', 'staff', () => import('./staff/staff.routes')),
    ],
  },
  { path: '**', redirectTo: '' },
];

/**
 * Starts fetching the code of the page at `path` (its route's loader: code, strings, styles, then
 * the component its routes give the rest of the path) before
 * the router asks for it, which it does only once the app's initializers are done (a signed-in
 * visitor's session is restored through the API first). The router's own call then finds it all
 * loaded or on its way. Guards still decide; a page the visitor may not open was only fetched.
 */
export function prefetchFirstPage(path: string): void {
  const [segment = '', ...rest] = path.split(/[?#]/)[0].split('/').filter(Boolean);
  const page = routes[0].children?.find((r) => r.path === segment && r.loadChildren);
  // Every page's loader is a `Load` (above).
  const loaded = page?.loadChildren?.() as ReturnType<Load> | undefined;
  // The page's component too, which the router would ask for only once its routes have arrived.
  loaded
    ?.then((m) => childFor(Array.isArray(m) ? m : m.default, rest)?.loadComponent?.() as Promise<unknown>)
    .catch(() => undefined);
}

/**
 * The route of a lazy module's routes that `segments` (what follows the module's path) would open:
 * through the routes without a page of their own that group others (`{ path: '', providers, children }`).
 */
export function childFor(children: Routes, segments: string[]): Route | undefined {
  for (const route of children) {
    const parts = (route.path ?? '').split('/').filter(Boolean);
    if (parts.length > segments.length || !parts.every((p, i) => p.startsWith(':') || p === segments[i]))
      continue;
    const rest = segments.slice(parts.length);
    const found = route.children && !route.loadComponent ? childFor(route.children, rest) : route;
    if (found && (found !== route || rest.length === 0)) return found;
  }
  return undefined;
}
