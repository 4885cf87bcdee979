import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { member, memberPage, membersOfO1 } from '../../testing/members';
import { configurePage, dom, pageAt, searchPause, signedInAs, stable } from '../../testing/page-testing';
import { Members } from './members';

describe('Members', () => {
  let fixture: ComponentFixture<Members>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  const qualified = member({ qualificationLevel: 'social_worker', certificateNo: 'SW2024001' });
  const invited = member({
    id: 'mem2',
    userId: null,
    displayName: null,
    invitedEmail: null,
    invitedPhone: '13800000001',
    status: 'invited',
  });

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'org_admin', organizationId: 'o1', scopeName: '阳光居家养老服务中心' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Members);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne(membersOfO1).flush(memberPage([qualified, invited]));
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it('lists members with status and qualification', () => {
    const list = page.text('member-list');
    expect(list).toContain('吴社工');
    expect(list).toContain('社会工作师');
    expect(list).toContain('SW2024001');
    expect(list).toContain('待核验');
    expect(list).toContain('13800000001');
    expect(list).toContain('已邀请');
  });

  it('offers the next page only when there is one, and appends it', async () => {
    expect(page.el('members-more')).toBeNull();
    void fixture.componentInstance['members'].list().reload(); // the first page again, now with a next one
    await fixture.whenStable();
    backend.expectOne(membersOfO1).flush(memberPage([qualified], 'c1'));
    await stable(fixture);
    page.click('members-more');
    await fixture.whenStable();
    const more = backend.expectOne((r) => membersOfO1(r) && r.params.get('cursor') === 'c1');
    more.flush(memberPage([invited]));
    await stable(fixture);
    expect(page.text('member-list')).toContain('13800000001');
    expect(page.el('members-more')).toBeNull();
  });

  it('searches the members, keeping the search in the URL', async () => {
    page.type('members-search', ' 1380 ');
    await searchPause(fixture);
    const req = backend.expectOne((r) => membersOfO1(r) && r.params.get('q') === '1380');
    req.flush(memberPage([invited]));
    await stable(fixture);
    expect(page.text('member-list')).not.toContain('吴社工');
    expect(TestBed.inject(Router).url).toBe('/?q=1380');
  });

  it('verifies a recorded qualification', async () => {
    page.click('member-verify');
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/o1/members/mem1/qualification/verify');
    expect(req.request.method).toBe('POST');
    req.flush({ ...qualified, qualificationVerified: true });
    await stable(fixture);
    expect(page.text('member-list')).toContain('已核验');
    expect(page.el('member-verify')).toBeNull();
  });

  it('invites by e-mail, with an optional phone kept as a contact note', async () => {
    page.type('member-invite-contact', 'new@example.cn');
    page.click('member-invite-submit');
    await fixture.whenStable();
    const byEmail = backend.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/organizations/o1/members',
    );
    expect(byEmail.request.body).toEqual({ email: 'new@example.cn' });
    byEmail.flush(
      member({ id: 'mem3', displayName: null, invitedEmail: 'new@example.cn', status: 'invited' }),
    );
    await stable(fixture);
    expect(page.text('member-list')).toContain('new@example.cn');

    // A phone alone is not enough: only an e-mail can be verified by the invitee.
    page.type('member-invite-phone', '13900000002');
    page.click('member-invite-submit');
    await fixture.whenStable();
    backend.expectNone('/api/organizations/o1/members');

    page.type('member-invite-contact', 'phone.too@example.cn');
    page.type('member-invite-phone', 'not a phone');
    page.click('member-invite-submit');
    await fixture.whenStable();
    backend.expectNone('/api/organizations/o1/members');

    page.type('member-invite-phone', '13900000002');
    page.click('member-invite-submit');
    await fixture.whenStable();
    const withPhone = backend.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/organizations/o1/members',
    );
    expect(withPhone.request.body).toEqual({ email: 'phone.too@example.cn', phone: '13900000002' });
    withPhone.flush(
      member({
        id: 'mem4',
        displayName: null,
        invitedEmail: 'phone.too@example.cn',
        invitedPhone: '13900000002',
        status: 'invited',
      }),
    );
    await stable(fixture);
  });

  it('removes a member after confirming', async () => {
    page.all('member-remove')[1].click();
    await fixture.whenStable();
    const ok = document.querySelector<HTMLButtonElement>(
      '.ant-popover .ant-popover-buttons .ant-btn-primary',
    );
    expect(document.querySelector('.ant-popover')?.textContent).toContain('13800000001');
    ok!.click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/o1/members/mem2');
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await stable(fixture);
    expect(page.text('member-list')).not.toContain('13800000001');
  });
});

describe('Members opened with ?q= (a link, or Back)', () => {
  it('asks for the search of the URL and shows it in the box', async () => {
    const { fixture, backend } = await pageAt(Members, '/?q=wu', [
      { role: 'org_admin', organizationId: 'o1', scopeName: '阳光居家养老服务中心' },
    ]);
    backend.expectOne('/api/organizations/o1/members?q=wu').flush(memberPage([]));
    await stable(fixture);
    expect(dom(fixture.nativeElement).el<HTMLInputElement>('members-search')!.value).toBe('wu');
    backend.verify();
  });
});
