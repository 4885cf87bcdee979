import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { GrantDto, RegionDto } from '../api/models';
import {
  configurePage,
  dom,
  flushReference,
  pick,
  searchPause,
  signedInAs,
  stable,
} from '../testing/page-testing';
import { grantableRoles } from './grantable';
import { StaffRoles } from './staff-roles';

const grantPage = (items: GrantDto[], nextCursor: string | null = null) => ({
  items,
  nextCursor,
  links: { next: nextCursor && `/api/regions/s1/grants?cursor=${nextCursor}` },
});
const grant = (over: Partial<GrantDto>): GrantDto => ({
  id: 'g1',
  userId: 'u9',
  email: 'wang@example.cn',
  displayName: '王科长',
  emailVerified: true,
  role: 'street_officer',
  regionId: 's1',
  regionName: '阳光街道',
  regionLevel: 'street',
  categoryCodes: [],
  status: 'active',
  startsAt: '2026-12-01T00:00:00Z',
  endsAt: null,
  grantedByName: '平台管理员',
  revokedAt: null,
  revokedByName: null,
  revokeReason: null,
  createdAt: '2026-12-01T00:00:00Z',
  ...over,
});

describe('grantableRoles', () => {
  it('offers what the API allows on each level, a director never naming a director or district evaluators', () => {
    expect(grantableRoles('street', true)).toEqual([
      'street_officer',
      'street_finance',
      'street_director',
      'evaluator',
    ]);
    expect(grantableRoles('street', false)).toEqual(['street_officer', 'street_finance', 'evaluator']);
    expect(grantableRoles('community', false)).toEqual(['community_staff']);
    expect(grantableRoles('district', true)).toEqual(['evaluator']);
    expect(grantableRoles('district', false)).toEqual([]);
    expect(grantableRoles('grid', true)).toEqual([]);
  });
});

describe('StaffRoles', () => {
  let fixture: ComponentFixture<StaffRoles>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  const view = () =>
    fixture.componentInstance as unknown as { regions: () => RegionDto[]; roles: () => string[] };

  async function open(
    memberships: Parameters<typeof signedInAs>[1],
    firstList: GrantDto[] = [],
    { url = '/', list = '/api/regions/s1/grants' } = {},
  ) {
    const auth = configurePage();
    signedInAs(auth, memberships);
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl(url);
    fixture = TestBed.createComponent(StaffRoles);
    page = dom(fixture.nativeElement);
    await stable(fixture);
    await flushReference(backend);
    await stable(fixture);
    backend.expectOne(list).flush(grantPage(firstList));
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('shows a platform admin every region and the grants of the first street, with their history', async () => {
    await open(
      [{ role: 'platform_admin' }],
      [
        grant({}),
        grant({
          id: 'g2',
          email: 'new@example.cn',
          displayName: '新人',
          emailVerified: false,
          status: 'scheduled',
        }),
        grant({ id: 'g3', status: 'revoked', revokedByName: '平台管理员', revokeReason: '调岗' }),
      ],
    );
    expect(
      view()
        .regions()
        .map((r) => r.id),
    ).toEqual(['s1', 's2', 'c1', 'c2', 'c4', 'd1']);
    expect(view().roles()).toEqual(['street_officer', 'street_finance', 'street_director', 'evaluator']);
    const rows = page.all('grant-row');
    expect(rows.map((r) => r.dataset['status'])).toEqual(['active', 'scheduled', 'revoked']);
    expect(rows[1].querySelector('[data-testid="grant-invited"]')?.textContent?.trim()).toBe('待设置密码');
    expect(rows[2].querySelector('[data-testid="grant-revoked"]')?.textContent?.trim()).toBe(
      '平台管理员 撤销：调岗',
    );
    // Only grants in force can be revoked.
    expect(rows.map((r) => !!r.querySelector('[data-testid="grant-revoke"]'))).toEqual([true, true, false]);
  });

  it('shows a street director its own street and communities only, and no director role', async () => {
    await open(
      [{ role: 'street_director', regionId: 's1' }],
      [grant({ role: 'street_director', email: 'me@example.cn' }), grant({ id: 'g2' })],
    );
    // Its own director grant is the platform admin's to revoke; the officer's is its own.
    expect(page.all('grant-row').map((r) => !!r.querySelector('[data-testid="grant-revoke"]'))).toEqual([
      false,
      true,
    ]);
    expect(
      view()
        .regions()
        .map((r) => r.id),
    ).toEqual(['s1', 'c1', 'c2']);
    expect(view().roles()).toEqual(['street_officer', 'street_finance', 'evaluator']);
    pick(fixture, 'staff-region', 'c1');
    await stable(fixture);
    backend.expectOne('/api/regions/c1/grants').flush(grantPage([]));
    await stable(fixture);
    expect(view().roles()).toEqual(['community_staff']);
    expect(page.el('grants-empty')).not.toBeNull();
    expect(TestBed.inject(Router).url).toBe('/?region=c1');
  });

  it('opens on the region of the URL (a link, or Back)', async () => {
    await open([{ role: 'street_director', regionId: 's1' }], [], {
      url: '/?region=c2',
      list: '/api/regions/c2/grants',
    });
    expect(view().roles()).toEqual(['community_staff']);
  });

  it('searches the grants by name or e-mail, keeping the search in the URL', async () => {
    await open([{ role: 'street_director', regionId: 's1' }], [grant({})]);
    page.type('grants-search', ' 王 ');
    await searchPause(fixture);
    backend.expectOne('/api/regions/s1/grants?q=%E7%8E%8B').flush(grantPage([]));
    await stable(fixture);
    expect(page.text('grants-empty')).toBe('没有符合条件的授权');
    expect(TestBed.inject(Router).url).toBe('/?q=%E7%8E%8B');
  });

  it('opens with the search of the URL (a link, or Back)', async () => {
    await open([{ role: 'street_director', regionId: 's1' }], [grant({})], {
      url: '/?q=wang',
      list: '/api/regions/s1/grants?q=wang',
    });
    expect(page.el<HTMLInputElement>('grants-search')!.value).toBe('wang');
    expect(page.all('grant-row')).toHaveLength(1);
  });

  it('opens on the first region when the URL names one the user may not pick', async () => {
    await open([{ role: 'street_director', regionId: 's1' }], [], { url: '/?region=c4' });
    expect(view().roles()).toEqual(['street_officer', 'street_finance', 'evaluator']);
  });

  it('grants by e-mail with categories and dates, says a link was mailed, and reloads the list', async () => {
    await open([{ role: 'street_director', regionId: 's1' }]);
    page.type('grant-email', ' expert@example.cn ');
    page.type('grant-name', '吴专家');
    pick(fixture, 'grant-role', 'evaluator');
    await stable(fixture);
    pick(fixture, 'grant-categories', ['elderly']);
    pick(fixture, 'grant-start', '2027-01-01');
    pick(fixture, 'grant-end', '2027-12-31'); // the last day in force
    page.click('grant-submit');
    await stable(fixture);
    const req = backend.expectOne('/api/regions/s1/grants');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      email: 'expert@example.cn',
      displayName: '吴专家',
      role: 'evaluator',
      categoryCodes: ['elderly'],
      startsAt: '2026-12-31T16:00:00.000Z',
      endsAt: '2027-12-31T16:00:00.000Z',
    });
    req.flush(
      grant({ email: 'expert@example.cn', displayName: '吴专家', emailVerified: false, role: 'evaluator' }),
    );
    await stable(fixture);
    backend.expectOne('/api/regions/s1/grants').flush(grantPage([]));
    await stable(fixture);
    expect(page.text('grant-done')).toBe(
      '已授权 吴专家（expert@example.cn），设置密码的邮件已发出，对方设置后角色生效',
    );
  });

  it('sends nothing without an e-mail and a role, and shows a refusal in the server words', async () => {
    await open([{ role: 'platform_admin' }]);
    page.click('grant-submit');
    await stable(fixture);
    backend.expectNone('/api/regions/s1/grants');
    page.type('grant-email', 'qian@example.cn');
    pick(fixture, 'grant-role', 'street_director');
    page.click('grant-submit');
    await stable(fixture);
    backend.expectOne('/api/regions/s1/grants').flush(
      {
        code: 'grant.duties_conflict',
        message: 'One person cannot be both street finance and street director of 阳光街道',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await stable(fixture);
    expect(page.text('grant-error')).toBe('同一人不能同时担任本街道的这两项职责');
  });

  it('loads the next page of grants on demand', async () => {
    await open([{ role: 'platform_admin' }], [grant({})]);
    expect(page.el('grants-more')).toBeNull();
    void fixture.componentInstance['grants'].list().reload(); // the first page again, now with a next one
    await stable(fixture);
    backend.expectOne('/api/regions/s1/grants').flush(grantPage([grant({})], 'c1'));
    await stable(fixture);
    page.click('grants-more');
    await stable(fixture);
    const more = backend.expectOne(
      (r) => r.url === '/api/regions/s1/grants' && r.params.get('cursor') === 'c1',
    );
    more.flush(grantPage([grant({ id: 'g2', email: 'second@example.cn' })]));
    await stable(fixture);
    expect(page.all('grant-row').map((row) => row.dataset['email'])).toContain('second@example.cn');
    expect(page.el('grants-more')).toBeNull();
  });

  it('revokes with a reason', async () => {
    await open([{ role: 'platform_admin' }], [grant({})]);
    page.click('grant-revoke');
    await stable(fixture);
    page.click('grant-revoke-confirm');
    await stable(fixture);
    backend.expectNone('/api/grants/g1/revoke'); // no reason yet
    page.type('grant-revoke-reason', '调离本街道');
    page.click('grant-revoke-confirm');
    await stable(fixture);
    const req = backend.expectOne('/api/grants/g1/revoke');
    expect(req.request.body).toEqual({ reason: '调离本街道' });
    req.flush(grant({ status: 'revoked' }));
    await stable(fixture);
    backend
      .expectOne('/api/regions/s1/grants')
      .flush(
        grantPage([grant({ status: 'revoked', revokedByName: '平台管理员', revokeReason: '调离本街道' })]),
      );
    await stable(fixture);
    expect(page.all('grant-row')[0].dataset['status']).toBe('revoked');
  });
});
