import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { organization } from '../../testing/organizations';
import { configurePage, dom, flushReference, signedInAs, stable } from '../../testing/page-testing';
import { MyOrganization } from './my-organization';

describe('MyOrganization', () => {
  let fixture: ComponentFixture<MyOrganization>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open(
    org = organization(),
    eligibility = { eligible: true, reasons: [] as { code: string; message: string }[] },
  ) {
    backend.expectOne('/api/organizations/o1').flush(org);
    backend.expectOne('/api/organizations/o1/eligibility').flush(eligibility);
    await stable(fixture);
  }

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'org_admin', organizationId: 'o1', scopeName: '阳光居家养老服务中心' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MyOrganization);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
  });

  afterEach(() => backend.verify());

  it('loads the organization the user administers: status explained, grade, eligibility', async () => {
    await open(
      organization({ status: 'verified', grade: '4A', gradeExpiresOn: '2028-11-25', gradeValid: true }),
    );

    expect(page.text('my-org-status')).toBe('已认证');
    expect(page.text('my-org-status-help')).toContain('已在公开名录中展示');
    expect(page.text('my-org-grade')).toContain('4A');
    expect(page.text('my-org-grade')).toContain('2028-11-25');
    expect(page.text('my-org-eligible')).toContain('符合条件');
    expect(page.el('my-org-objections')).toBeNull();
  });

  it('shows the identity change waiting for the street office, and edits the identity asked for', async () => {
    await open(
      organization({
        status: 'verified',
        identityChanges: [
          {
            id: 'c1',
            organizationId: 'o1',
            status: 'pending',
            proposed: {
              name: '阳光综合养老服务中心',
              legalRepresentative: '周明',
              creditCode: '91350100M000100Y43',
              categoryCodes: ['elderly.home_care'],
            },
            decisionReason: null,
            createdAt: '2026-12-01T08:00:00Z',
            updatedAt: '2026-12-01T08:00:00Z',
            decidedAt: null,
          },
        ],
      }),
    );
    // The card keeps the verified name; the alert lists only what changes.
    expect(page.el('my-org')?.querySelector('.ant-card-head-title')?.textContent).toContain(
      '阳光居家养老服务中心',
    );
    expect(page.text('my-org-pending-change')).toContain('阳光综合养老服务中心');
    expect(page.text('my-org-pending-change')).not.toContain('周明');
    expect(page.el<HTMLInputElement>('edit-name')?.value).toBe('阳光综合养老服务中心');
  });

  it('shows why the street office rejected the last identity change', async () => {
    await open(
      organization({
        status: 'verified',
        identityChanges: [
          {
            id: 'c1',
            organizationId: 'o1',
            status: 'rejected',
            proposed: {
              name: '阳光综合养老服务中心',
              legalRepresentative: '周明',
              creditCode: '91350100M000100Y43',
              categoryCodes: ['elderly.home_care'],
            },
            decisionReason: '名称与登记证书不符',
            createdAt: '2026-12-01T08:00:00Z',
            updatedAt: '2026-12-02T08:00:00Z',
            decidedAt: '2026-12-02T08:00:00Z',
          },
        ],
      }),
    );
    expect(page.el('my-org-pending-change')).toBeNull();
    expect(page.text('my-org-rejected-change')).toContain('名称与登记证书不符');
    expect(page.el<HTMLInputElement>('edit-name')?.value).toBe('阳光居家养老服务中心');
  });

  it('shows an expired grade as none, and the reasons it may not bid', async () => {
    await open(
      organization({
        status: 'verified',
        grade: '3A',
        gradeExpiresOn: '2025-01-31',
        gradeValid: false,
        creditStatus: 'abnormal',
        creditSince: '2026-10-01',
        creditReason: '未按时报送年度报告',
      }),
      {
        eligible: false,
        reasons: [
          {
            code: 'credit_abnormal',
            message: 'The organization is on the abnormal activity list (活动异常名录)',
          },
          { code: 'something_new', message: 'A reason the app has no words for' },
        ],
      },
    );

    expect(page.text('my-org-grade')).toMatch(/^无/);
    expect(page.text('my-org-grade')).toContain('3A 已于 2025-01-31 过期');
    expect(page.text('my-org-credit')).toBe('活动异常名录');
    const reasons = page.text('my-org-ineligible');
    expect(reasons).toContain('组织被列入活动异常名录');
    expect(reasons).toContain('A reason the app has no words for');
  });

  it('files an objection to a credit listing and shows it waiting', async () => {
    await open(
      organization({
        status: 'verified',
        creditStatus: 'serious',
        creditSince: '2026-10-01',
        creditReason: '虚假材料',
      }),
    );

    page.type('objection-reason', '材料真实有效，请复核');
    page.click('objection-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/o1/objections');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ reason: '材料真实有效，请复核' });
    req.flush({
      id: 'x1',
      organizationId: 'o1',
      reason: '材料真实有效，请复核',
      status: 'pending',
      decisionReason: null,
      createdAt: '2026-11-25T00:00:00Z',
      decidedAt: null,
    });
    await stable(fixture);
    backend.expectOne('/api/organizations/o1').flush(
      organization({
        status: 'verified',
        creditStatus: 'serious',
        objections: [
          {
            id: 'x1',
            organizationId: 'o1',
            reason: '材料真实有效，请复核',
            status: 'pending',
            decisionReason: null,
            createdAt: '2026-11-25T00:00:00Z',
            decidedAt: null,
          },
        ],
      }),
    );
    await stable(fixture);

    expect(page.text('my-org-objections')).toContain('待处理');
    expect(page.el('objection-reason')).toBeNull();
  });

  it('saves edits with PATCH and shows a field the server refused', async () => {
    await open();

    page.type('edit-name', '阳光养老');
    page.click('my-org-save');
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/o1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.headers.get('If-Match')).toBe('"1"');
    expect(req.request.body).toMatchObject({ name: '阳光养老', categoryCodes: ['elderly.home_care'] });
    req.flush(
      { code: 'state.conflict', message: '同名组织已存在', details: { field: 'name' } },
      { status: 409, statusText: 'Conflict' },
    );
    await stable(fixture);

    expect(page.text('my-org-edit')).toContain('与当前状态冲突，请刷新后重试');
  });
});
