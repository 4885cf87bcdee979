import type { Role } from '../auth/roles';
import { ROLES } from '../auth/roles';
import { MENU, canSee, visibleMenu } from './menu';
import { MENU_ICONS } from './menu-icons';

/** What every signed-in user sees, whatever their roles. */
const SIGNED_IN = [
  'home',
  'directory',
  'public-projects',
  'leaderboard',
  'tenders',
  'donate',
  'memberships',
  'join-community',
  'profile',
];

const ids = (signedIn: boolean, roles: Role[]) =>
  visibleMenu(signedIn, new Set(roles)).map((item) => item.id);

describe('role-aware menu', () => {
  it('shows only the public entries to a visitor', () => {
    expect(ids(false, [])).toEqual([
      'home',
      'directory',
      'public-projects',
      'leaderboard',
      'tenders',
      'donate',
    ]);
  });

  it('shows a signed-in user without roles the public entries and their own pages', () => {
    expect(ids(true, [])).toEqual([
      'home',
      'directory',
      'public-projects',
      'leaderboard',
      'tenders',
      'donate',
      'memberships',
      'join-community',
      'profile',
    ]);
  });

  it.each<[Role, string[]]>([
    ['resident', ['needs', 'consultations', 'participatory', 'volunteer', 'my-services']],
    ['social_worker', ['service-log', 'record-approvals', 'projects']],
    [
      'org_admin',
      [
        'participatory',
        'bids',
        'payouts',
        'projects',
        'organize-volunteers',
        'my-organization',
        'org-members',
        'org-register',
        'exports',
      ],
    ],
    [
      'community_staff',
      [
        'needs',
        'consultations',
        'participatory',
        'organize-volunteers',
        'rating-moderation',
        'approvals',
        'fund',
        'residents',
      ],
    ],
    [
      'street_officer',
      ['needs', 'consultations', 'participatory', 'budgets', 'incentive-rules', 'org-review', 'exports'],
    ],
    ['street_finance', ['approvals', 'budgets', 'incentive-rules', 'exports']],
    ['street_director', ['approvals', 'budgets', 'incentive-rules', 'scoring-weights', 'exports', 'staff']],
    ['evaluator', ['evaluations']],
    ['platform_admin', ['admin', 'staff']],
  ])('gives a %s their own entries and nothing of the other roles', (role, own) => {
    const expected = MENU.filter((item) => SIGNED_IN.includes(item.id) || own.includes(item.id)).map(
      (item) => item.id,
    );
    expect(ids(true, [role])).toEqual(expected);
  });

  it('covers every role in the table above', () => {
    const roleEntries = MENU.flatMap((item) => (Array.isArray(item.audience) ? item.audience : []));
    expect(new Set(roleEntries)).toEqual(new Set(ROLES));
  });

  it('unions the entries of several memberships, in table order', () => {
    expect(ids(true, ['social_worker', 'org_admin'])).toEqual([
      'home',
      'directory',
      'public-projects',
      'leaderboard',
      'participatory',
      'tenders',
      'bids',
      'payouts',
      'service-log',
      'record-approvals',
      'projects',
      'organize-volunteers',
      'donate',
      'my-organization',
      'org-members',
      'org-register',
      'exports',
      'memberships',
      'join-community',
      'profile',
    ]);
  });

  it('gives every entry a unique id and path', () => {
    expect(new Set(MENU.map((item) => item.id)).size).toBe(MENU.length);
    expect(new Set(MENU.map((item) => item.path)).size).toBe(MENU.length);
  });

  it('never shows role entries to a visitor, whatever roles are passed', () => {
    expect(canSee(['platform_admin'], false, new Set<Role>(['platform_admin']))).toBe(false);
  });
});

describe('MENU_ICONS', () => {
  it("hold every menu entry's icon and the header's (the menu draws only these)", () => {
    const wanted = [...MENU.map((item) => item.icon), 'bell', 'user', 'down', 'logout', 'close'];
    expect(wanted.filter((icon) => !MENU_ICONS[icon]?.length)).toEqual([]);
  });
});
