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
  { id: 'directory', path: 'directory', labelKey: 'menu.directory', icon: 'team', audience: 'everyone' },
  // Every project's public record, from need to money (PRODUCT §8).
  {
    id: 'public-projects',
    path: 'public-projects',
    labelKey: 'menu.publicProjects',
    icon: 'global',
    audience: 'everyone',
  },
  // Scores are public on org profiles (PRODUCT §8); the leaderboard only sorts them.
  {
    id: 'leaderboard',
    path: 'leaderboard',
    labelKey: 'menu.leaderboard',
    icon: 'trophy',
    audience: 'everyone',
  },
  {
    id: 'needs',
    path: 'needs',
    labelKey: 'menu.needs',
    icon: 'bulb',
    audience: ['resident', 'community_staff', 'street_officer'],
  },
  {
    // 居民议事: consultations and council meetings (docs/participation.md).
    id: 'consultations',
    path: 'consultations',
    labelKey: 'menu.consultations',
    icon: 'comment',
    audience: ['resident', 'community_staff', 'street_officer'],
  },
  {
    // 参与式预算: residents vote part of the community fund to small projects (docs/participation.md).
    id: 'participatory',
    path: 'participatory',
    labelKey: 'menu.participatory',
    icon: 'like',
    audience: ['resident', 'community_staff', 'street_officer', 'org_admin'],
  },
  {
    // Tender notices are public; officers, bidders and evaluators act from each notice.
    id: 'tenders',
    path: 'tenders',
    labelKey: 'menu.tenders',
    icon: 'file-search',
    audience: 'everyone',
  },
  { id: 'bids', path: 'bids', labelKey: 'menu.bids', icon: 'audit', audience: ['org_admin'] },
  {
    // The organization's Stripe account, its payment requests, and requesting a milestone's payment.
    id: 'payouts',
    path: 'payouts',
    labelKey: 'money.menu.payouts',
    icon: 'wallet',
    audience: ['org_admin'],
  },
  {
    id: 'evaluations',
    path: 'evaluations',
    labelKey: 'procurement.menu.evaluations',
    icon: 'star',
    audience: ['evaluator'],
  },
  {
    id: 'service-log',
    path: 'service-log',
    labelKey: 'menu.serviceLog',
    icon: 'schedule',
    audience: ['social_worker'],
  },
  {
    id: 'record-approvals',
    path: 'record-approvals',
    labelKey: 'delivery.menu.approvals',
    icon: 'check-circle',
    audience: ['social_worker'],
  },
  {
    id: 'projects',
    path: 'projects',
    labelKey: 'delivery.menu.projects',
    icon: 'project',
    audience: ['social_worker', 'org_admin'],
  },
  {
    id: 'volunteer',
    path: 'volunteer',
    labelKey: 'menu.volunteer',
    icon: 'heart',
    audience: ['resident'],
  },
  {
    id: 'organize-volunteers',
    path: 'organize-volunteers',
    labelKey: 'menu.organizeVolunteers',
    icon: 'schedule',
    // Staff post in their community; an organization's admin in its projects (docs/participation.md).
    audience: ['community_staff', 'org_admin'],
  },
  {
    id: 'my-services',
    path: 'my-services',
    labelKey: 'delivery.menu.myServices',
    icon: 'smile',
    audience: ['resident'],
  },
  {
    id: 'rating-moderation',
    path: 'rating-moderation',
    labelKey: 'delivery.menu.moderation',
    icon: 'eye-invisible',
    audience: ['community_staff'],
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
    // Every street role reads its street's rules; only the director edits them (on the page).
    id: 'incentive-rules',
    path: 'incentive-rules',
    labelKey: 'menu.incentiveRules',
    icon: 'gift',
    audience: ['street_officer', 'street_finance', 'street_director'],
  },
  {
    // The director sets the street's score weights (with a preview) and its incentive rules on one page.
    id: 'scoring-weights',
    path: 'scoring-weights',
    labelKey: 'weights.menu',
    icon: 'sliders',
    audience: ['street_director'],
  },
  { id: 'donate', path: 'donate', labelKey: 'menu.donate', icon: 'heart', audience: 'everyone' },
  {
    id: 'fund',
    path: 'fund',
    labelKey: 'menu.fund',
    icon: 'money-collect',
    audience: ['community_staff'],
  },
  {
    id: 'my-organization',
    path: 'organizations/mine',
    labelKey: 'menu.myOrganization',
    icon: 'bank',
    audience: ['org_admin'],
  },
  {
    id: 'org-members',
    path: 'organizations/members',
    labelKey: 'menu.orgMembers',
    icon: 'usergroup-add',
    audience: ['org_admin'],
  },
  {
    // Any signed-in user may register one (the route only asks for a session); the menu offers
    // it to org admins, everyone else finds it on the home page.
    id: 'org-register',
    path: 'organizations/register',
    labelKey: 'menu.orgRegister',
    icon: 'form',
    audience: ['org_admin'],
  },
  {
    id: 'org-review',
    path: 'organizations/review',
    labelKey: 'menu.orgReview',
    icon: 'safety-certificate',
    audience: ['street_officer'],
  },
  {
    id: 'residents',
    path: 'residents',
    labelKey: 'menu.residents',
    icon: 'solution',
    audience: ['community_staff'],
  },
  {
    id: 'exports',
    path: 'exports',
    labelKey: 'menu.exports',
    icon: 'export',
    audience: ['street_officer', 'street_finance', 'street_director', 'org_admin'],
  },
  {
    id: 'memberships',
    path: 'memberships',
    labelKey: 'menu.memberships',
    icon: 'idcard',
    audience: 'signed-in',
  },
  {
    id: 'join-community',
    path: 'join-community',
    labelKey: 'menu.joinCommunity',
    icon: 'environment',
    audience: 'signed-in',
  },
  { id: 'admin', path: 'admin', labelKey: 'menu.admin', icon: 'setting', audience: ['platform_admin'] },
  {
    id: 'staff',
    path: 'staff',
    labelKey: 'menu.staff',
    icon: 'usergroup-add',
    audience: ['platform_admin', 'street_director'],
  },
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
