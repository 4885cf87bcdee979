import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { member } from '../testing/members';
import { FakeAuth, configurePage, dom, pick, signedInAs, stable } from '../testing/page-testing';
import { MyMemberships } from './my-memberships';

describe('MyMemberships', () => {
  let fixture: ComponentFixture<MyMemberships>;
  let backend: HttpTestingController;
  let auth: FakeAuth;
  let page: ReturnType<typeof dom>;

  const invitation = member({
    id: 'inv1',
    organizationId: 'o2',
    organizationName: '和睦助老服务社',
    userId: null,
    displayName: null,
    status: 'invited',
  });
  const active = member({ id: 'mem1' });

  beforeEach(async () => {
    auth = configurePage();
    signedInAs(auth);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MyMemberships);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/me/memberships').flush({ items: [invitation, active], nextCursor: 'n2' });
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it('splits invitations from the organizations I work for', () => {
    expect(page.text('my-invitations')).toContain('和睦助老服务社');
    expect(page.text('my-invitations')).toContain('worker@demo.sanshe.cn');
    expect(page.text('my-organizations')).toContain('阳光居家养老服务中心');
    expect(page.text('my-organizations')).not.toContain('和睦助老服务社');
  });

  it('says why no invitation shows while the e-mail is not verified', async () => {
    expect(page.el('memberships-unverified')).toBeNull();
    auth.user.update((u) => ({ ...u!, emailVerified: false }));
    await stable(fixture);
    expect(page.el('memberships-unverified')).not.toBeNull();
  });

  it('accepts an invitation and refreshes the session for the new social worker role', async () => {
    page.click('invitation-accept');
    await fixture.whenStable();
    const req = backend.expectOne('/api/invitations/inv1/accept');
    expect(req.request.method).toBe('POST');
    req.flush({ ...invitation, status: 'active', userId: 'u1', displayName: '测试用户' });
    await stable(fixture);

    expect(auth.reloads).toBeGreaterThan(0);
    expect(page.text('my-invitations')).not.toContain('和睦助老服务社');
    expect(page.text('my-organizations')).toContain('和睦助老服务社');
  });

  it('declines an invitation', async () => {
    page.click('invitation-decline');
    await fixture.whenStable();
    backend.expectOne('/api/invitations/inv1/decline').flush({ ...invitation, status: 'declined' });
    await stable(fixture);
    expect(page.text('my-invitations')).not.toContain('和睦助老服务社');
    expect(auth.reloads).toBe(0);
  });

  it('records my qualification for an active membership', async () => {
    page.click('my-qualification-edit');
    await stable(fixture); // the level select is deferred
    pick(fixture, 'my-qualification-level', 'assistant');
    page.type('my-qualification-cert', 'ZL-2025-0001');
    page.click('my-qualification-save');
    await fixture.whenStable();

    const req = backend.expectOne('/api/organizations/o1/members/mem1/qualification');
    expect(req.request.method).toBe('PUT');
    expect(req.request.headers.get('If-Match')).toBe('"1"');
    expect(req.request.body).toEqual({ level: 'assistant', certificateNo: 'ZL-2025-0001' });
    req.flush({ ...active, qualificationLevel: 'assistant', certificateNo: 'ZL-2025-0001' });
    await stable(fixture);
    expect(page.text('my-organizations')).toContain('助理社会工作师');
    expect(page.text('my-organizations')).toContain('待核验');
  });

  it('shows the next page under a "load more" button, each membership once', async () => {
    page.click('memberships-more');
    await stable(fixture);
    backend.expectOne('/api/me/memberships?cursor=n2').flush({
      items: [active, member({ id: 'mem3', organizationId: 'o3', organizationName: '安康社工事务所' })],
      nextCursor: null,
    });
    await stable(fixture);
    expect(page.text('my-organizations')).toContain('安康社工事务所');
    expect(page.text('my-organizations').split('阳光居家养老服务中心')).toHaveLength(2);
    expect(page.el('memberships-more')).toBeNull();
  });
});
