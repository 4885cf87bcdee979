import type { Role } from '../auth/roles';
import { ROLES } from '../auth/roles';
import { MENU, canSee, visibleMenu } from './menu';

const ids = (signedIn: boolean, roles: Role[]) =>
  visibleMenu(signedIn, new Set(roles)).map((item) => item.id);

describe('role-aware menu', () => {
  it('shows only the public entries to a visitor', () => {
    expect(ids(false, [])).toEqual(['home', 'organizations']);
  });

  it('shows a signed-in user without roles the public entries and the profile', () => {
    expect(ids(true, [])).toEqual(['home', 'organizations', 'profile']);
  });

  it.each<[Role, string[]]>([
    ['resident', ['needs']],
    ['social_worker', ['service-log']],
    ['org_admin', ['tenders', 'bids']],
    ['community_staff', ['needs', 'approvals', 'residents']],
    ['street_officer', ['tenders', 'budgets']],
    ['street_finance', ['approvals', 'budgets']],
    ['street_director', ['approvals', 'budgets']],
    ['evaluator', ['tenders']],
    ['platform_admin', ['admin']],
  ])('gives a %s their own entries and nothing of the other roles', (role, own) => {
    const expected = MENU.filter(
      (item) => ['home', 'organizations', 'profile'].includes(item.id) || own.includes(item.id),
    ).map((item) => item.id);
    expect(ids(true, [role])).toEqual(expected);
  });

  it('covers every role in the table above', () => {
    const roleEntries = MENU.flatMap((item) => (Array.isArray(item.audience) ? item.audience : []));
    expect(new Set(roleEntries)).toEqual(new Set(ROLES));
  });

  it('unions the entries of several memberships, in table order', () => {
    expect(ids(true, ['social_worker', 'org_admin'])).toEqual([
      'home',
      'tenders',
      'bids',
      'service-log',
      'organizations',
      'profile',
    ]);
  });

  it('never shows role entries to a visitor, whatever roles are passed', () => {
    expect(canSee(['platform_admin'], false, new Set<Role>(['platform_admin']))).toBe(false);
  });
});
