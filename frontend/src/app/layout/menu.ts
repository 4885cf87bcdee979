import type { I18nKey } from '../i18n/zh-CN';
import type { Role } from '../auth/roles';

/** Who may see an entry: anyone, any signed-in user, or holders of one of the listed roles. */
export type Audience = 'everyone' | 'signed-in' | readonly Role[];

export interface MenuItem {
  /** Also the route path ('' for home) and the `data-testid="menu-<id>"` of the entry. */
  id: string;
  path: string;
  labelKey: I18nKey;
  icon: string;
  audience: Audience;
}

/** The one table of navigation: the side menu and the route guards both read it. */
export const MENU: readonly MenuItem[] = [
  { id: 'home', path: '', labelKey: 'menu.home', icon: 'home', audience: 'everyone' },
  {
    id: 'needs',
    path: 'needs',
    labelKey: 'menu.needs',
    icon: 'bulb',
    audience: ['resident', 'community_staff'],
  },
  {
    id: 'tenders',
    path: 'tenders',
    labelKey: 'menu.tenders',
    icon: 'file-search',
    audience: ['street_officer', 'org_admin', 'evaluator'],
  },
  { id: 'bids', path: 'bids', labelKey: 'menu.bids', icon: 'audit', audience: ['org_admin'] },
  {
    id: 'service-log',
    path: 'service-log',
    labelKey: 'menu.serviceLog',
    icon: 'schedule',
    audience: ['social_worker'],
  },
  {
    id: 'approvals',
    path: 'approvals',
    labelKey: 'menu.approvals',
    icon: 'check-square',
    audience: ['community_staff', 'street_finance', 'street_director'],
  },
  {
    id: 'budgets',
    path: 'budgets',
    labelKey: 'menu.budgets',
    icon: 'account-book',
    audience: ['street_finance', 'street_director', 'street_officer'],
  },
  {
    id: 'organizations',
    path: 'organizations',
    labelKey: 'menu.organizations',
    icon: 'team',
    audience: 'everyone',
  },
  {
    id: 'residents',
    path: 'residents',
    labelKey: 'menu.residents',
    icon: 'solution',
    audience: ['community_staff'],
  },
  { id: 'admin', path: 'admin', labelKey: 'menu.admin', icon: 'setting', audience: ['platform_admin'] },
  { id: 'profile', path: 'profile', labelKey: 'menu.profile', icon: 'user', audience: 'signed-in' },
];

export function canSee(audience: Audience, signedIn: boolean, roles: ReadonlySet<Role>): boolean {
  if (audience === 'everyone') return true;
  if (!signedIn) return false;
  return audience === 'signed-in' || audience.some((role) => roles.has(role));
}

export function visibleMenu(signedIn: boolean, roles: ReadonlySet<Role>, menu = MENU): MenuItem[] {
  return menu.filter((item) => canSee(item.audience, signedIn, roles));
}

export function menuItem(id: string): MenuItem {
  const item = MENU.find((m) => m.id === id);
  if (!item) throw new Error(`No menu entry '${id}'`);
  return item;
}
