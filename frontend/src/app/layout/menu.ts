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

/** A menu entry; its path is its id unless given. */
const entry = (id: string, labelKey: I18nKey, icon: string, audience: Audience, path = id): MenuItem => ({
  id,
  path,
  labelKey,
  icon,
  audience,
});

/** The street office's roles: every one of them reads the street's budgets and incentive rules. */
const STREET_OFFICE: readonly Role[] = ['street_officer', 'street_finance', 'street_director'];
/** Who takes part in a community's own business (needs, consultations): residents, its staff, the street officer. */
const COMMUNITY_PARTICIPANTS: readonly Role[] = ['resident', 'community_staff', 'street_officer'];

/** The one table of navigation: the side menu and the route guards both read it. */
export const MENU: readonly MenuItem[] = [
  entry('home', 'menu.home', 'home', 'everyone', ''),
  entry('directory', 'menu.directory', 'team', 'everyone'),
  // Every project's public record, from need to money (PRODUCT §8).
  entry('public-projects', 'menu.publicProjects', 'global', 'everyone'),
  // Scores are public on org profiles (PRODUCT §8); the leaderboard only sorts them.
  entry('leaderboard', 'menu.leaderboard', 'trophy', 'everyone'),
  entry('needs', 'menu.needs', 'bulb', COMMUNITY_PARTICIPANTS),
  // 居民议事: consultations and council meetings (docs/participation.md).
  entry('consultations', 'menu.consultations', 'comment', COMMUNITY_PARTICIPANTS),
  // 参与式预算: residents vote part of the community fund to small projects (docs/participation.md).
  entry('participatory', 'menu.participatory', 'like', [...COMMUNITY_PARTICIPANTS, 'org_admin']),
  // Tender notices are public; officers, bidders and evaluators act from each notice.
  entry('tenders', 'menu.tenders', 'file-search', 'everyone'),
  entry('bids', 'menu.bids', 'audit', ['org_admin']),
  // The organization's Stripe account, its payment requests, and requesting a milestone's payment.
  entry('payouts', 'money.menu.payouts', 'wallet', ['org_admin']),
  entry('evaluations', 'procurement.menu.evaluations', 'star', ['evaluator']),
  entry('service-log', 'menu.serviceLog', 'schedule', ['social_worker']),
  entry('record-approvals', 'delivery.menu.approvals', 'check-circle', ['social_worker']),
  entry('projects', 'delivery.menu.projects', 'project', ['social_worker', 'org_admin']),
  entry('volunteer', 'menu.volunteer', 'heart', ['resident']),
  // Staff post in their community; an organization's admin in its projects (docs/participation.md).
  entry('organize-volunteers', 'menu.organizeVolunteers', 'schedule', ['community_staff', 'org_admin']),
  entry('my-services', 'delivery.menu.myServices', 'smile', ['resident']),
  entry('rating-moderation', 'delivery.menu.moderation', 'eye-invisible', ['community_staff']),
  entry('approvals', 'menu.approvals', 'check-square', [
    'community_staff',
    'street_finance',
    'street_director',
  ]),
  entry('budgets', 'menu.budgets', 'account-book', STREET_OFFICE),
  // Every street role reads its street's rules; only the director edits them (on the page).
  entry('incentive-rules', 'menu.incentiveRules', 'gift', STREET_OFFICE),
  // The director sets the street's score weights (with a preview) and its incentive rules on one page.
  entry('scoring-weights', 'weights.menu', 'sliders', ['street_director']),
  entry('donate', 'menu.donate', 'heart', 'everyone'),
  entry('fund', 'menu.fund', 'money-collect', ['community_staff']),
  entry('my-organization', 'menu.myOrganization', 'bank', ['org_admin'], 'organizations/mine'),
  entry('org-members', 'menu.orgMembers', 'usergroup-add', ['org_admin'], 'organizations/members'),
  // Any signed-in user may register one (the route only asks for a session); the menu offers
  // it to org admins, everyone else finds it on the home page.
  entry('org-register', 'menu.orgRegister', 'form', ['org_admin'], 'organizations/register'),
  entry('org-review', 'menu.orgReview', 'safety-certificate', ['street_officer'], 'organizations/review'),
  entry('residents', 'menu.residents', 'solution', ['community_staff']),
  entry('exports', 'menu.exports', 'export', [...STREET_OFFICE, 'org_admin']),
  entry('memberships', 'menu.memberships', 'idcard', 'signed-in'),
  entry('join-community', 'menu.joinCommunity', 'environment', 'signed-in'),
  entry('admin', 'menu.admin', 'setting', ['platform_admin']),
  entry('staff', 'menu.staff', 'usergroup-add', ['platform_admin', 'street_director']),
  entry('profile', 'menu.profile', 'user', 'signed-in'),
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
