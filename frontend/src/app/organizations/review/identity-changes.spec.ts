import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { IdentityChangeReviewDto } from '../../api/models';
import { configurePage, dom, flushReference, signedInAs, stable } from '../../testing/page-testing';
import { IdentityChanges } from './identity-changes';

const identity = {
  name: '阳光居家养老服务中心',
  legalRepresentative: '周明',
  creditCode: '91350100M000100Y43',
  categoryCodes: ['elderly.home_care'],
};

const change = (overrides: Partial<IdentityChangeReviewDto> = {}): IdentityChangeReviewDto => ({
  id: 'c1',
  organizationId: 'o1',
  status: 'pending',
  homeStreetName: '阳光街道',
  current: identity,
  proposed: { ...identity, name: '阳光综合养老服务中心', categoryCodes: ['housekeeping'] },
  decisionReason: null,
  createdAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z',
  decidedAt: null,
  ...overrides,
});

describe('IdentityChanges', () => {
  let fixture: ComponentFixture<IdentityChanges>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  let decided: string[];

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'street_officer', regionId: 's1', scopeName: '阳光街道' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(IdentityChanges);
    decided = [];
    fixture.componentInstance.decided.subscribe((id) => decided.push(id));
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/organizations/identity-changes').flush({ items: [change()], nextCursor: 'n2' });
    await stable(fixture);
    await flushReference(backend);
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it('shows only the changed fields, the verified value beside the one asked for', () => {
    const text = page.text('identity-changes');
    expect(text).toContain('阳光居家养老服务中心');
    expect(text).toContain('阳光综合养老服务中心');
    expect(text).toContain('家政服务');
    expect(text).not.toContain('周明');
  });

  it("pages through the organization's earlier changes on demand, with the street office's decisions", async () => {
    expect(page.el('identity-history')).toBeNull();
    page.click('identity-history-toggle');
    await fixture.whenStable();
    const first = backend.expectOne((r) => r.url === '/api/organizations/o1/identity-changes');
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({ items: [change()], nextCursor: 'h2' });
    await stable(fixture);
    page.click('identity-history-more');
    const second = backend.expectOne((r) => r.url === '/api/organizations/o1/identity-changes');
    expect(second.request.params.get('cursor')).toBe('h2');
    second.flush({
      items: [
        change({
          id: 'c0',
          status: 'rejected',
          proposed: { ...identity, name: '阳光养老公司' },
          decisionReason: '名称与登记证书不符',
        }),
      ],
      nextCursor: null,
    });
    await stable(fixture);
    const rows = [...page.el('identity-history')!.querySelectorAll('li')];
    expect(rows.map((li) => li.getAttribute('data-status'))).toEqual(['pending', 'rejected']);
    expect(rows[1].textContent).toContain('已驳回');
    expect(rows[1].textContent).toContain('名称与登记证书不符');
    expect(page.el('identity-history-more')).toBeNull();

    page.click('identity-history-toggle');
    await stable(fixture);
    expect(page.el('identity-history')).toBeNull();
  });

  it('rejects only with a reason', async () => {
    page.click('identity-reject');
    await stable(fixture);
    backend.expectNone('/api/organizations/identity-changes/c1/decision');
    expect(page.text('identity-error')).toContain('驳回请填写理由');

    page.type('identity-reason', '名称与登记证书不符');
    page.click('identity-reject');
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/identity-changes/c1/decision');
    expect(req.request.body).toEqual({ approve: false, reason: '名称与登记证书不符' });
    req.flush({ ...change(), status: 'rejected' });
    await stable(fixture);
    expect(page.el('identity-changes')).toBeNull();
    expect(decided).toEqual([]);
  });

  it('approves, and shows the server refusing a name the district already has', async () => {
    page.click('identity-approve');
    await fixture.whenStable();
    backend.expectOne('/api/organizations/identity-changes/c1/decision').flush(
      {
        code: 'organization.name_taken',
        message: 'A verified organization of this district already has this name',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await stable(fixture);
    expect(page.text('identity-error')).toContain('本区已有同名的已认证组织');

    page.click('identity-approve');
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/identity-changes/c1/decision');
    expect(req.request.body).toEqual({ approve: true });
    req.flush({ ...change(), status: 'approved' });
    await stable(fixture);
    expect(decided).toEqual(['o1']);
  });

  it('shows the next page of the queue under a "load more" button, each change once', async () => {
    page.click('identity-more');
    await stable(fixture);
    backend.expectOne('/api/organizations/identity-changes?cursor=n2').flush({
      items: [change(), change({ id: 'c2', current: { ...identity, name: '和睦助老服务社' } })],
      nextCursor: null,
    });
    await stable(fixture);
    const shown = [...fixture.nativeElement.querySelectorAll('[data-change]')];
    expect(shown.map((el) => el.getAttribute('data-change'))).toEqual([
      '阳光居家养老服务中心',
      '和睦助老服务社',
    ]);
    expect(page.el('identity-more')).toBeNull();
  });
});
