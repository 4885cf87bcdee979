import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { organization } from '../../testing/organizations';
import {
  FakeAuth,
  configurePage,
  dom,
  flushReference,
  pick,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { AdminScopes } from '../admin-scope';
import { RegisterOrganization } from './register-organization';

describe('RegisterOrganization (wizard)', () => {
  let fixture: ComponentFixture<RegisterOrganization>;
  let backend: HttpTestingController;
  let auth: FakeAuth;
  let page: ReturnType<typeof dom>;

  async function next() {
    page.click('org-next');
    await fixture.whenStable();
  }

  async function fillBasic(creditCode = '91350100M000100Y43') {
    page.type('org-name', '  阳光居家养老服务中心 ');
    pick(fixture, 'org-type', 'life_service');
    page.type('org-credit-code', creditCode);
    await fixture.whenStable();
  }

  async function fillUpToContact() {
    await fillBasic();
    await next();
    pick(fixture, 'org-street', 's1');
    pick(fixture, 'org-categories', ['elderly.home_care', 'housekeeping']);
    pick(fixture, 'org-communities', ['c1', 'c2']);
    await next();
    page.type('org-legal-rep', '周明');
    page.type('org-phone', '0571-88001234');
    await fixture.whenStable();
  }

  beforeEach(async () => {
    auth = configurePage();
    signedInAs(auth, [{ role: 'resident', regionId: 'c1', scopeName: '春晖社区' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RegisterOrganization);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('checks the credit code on the client and will not go on with a mistyped one', async () => {
    await fillBasic('91350100M000100Y44');
    await next();
    expect(page.el('org-step-basic')).not.toBeNull();
    expect(page.text('org-step-basic')).toContain('校验位不符');

    page.type('org-credit-code', '91350100M000100Y4');
    await next();
    expect(page.text('org-step-basic')).toContain('统一社会信用代码为 18 位');

    page.type('org-credit-code', '91350100m000100y43');
    await next();
    expect(page.text('org-step-basic')).toContain('只能包含数字和大写字母');
  });

  it('needs no credit code for a filed-only group', async () => {
    page.type('org-name', '春晖社区睦邻互助会');
    pick(fixture, 'org-type', 'mutual_aid');
    pick(fixture, 'org-filed-only', true);
    await fixture.whenStable();
    expect(page.el('org-credit-code')).toBeNull();
    await next();
    expect(page.el('org-step-scope')).not.toBeNull();
  });

  it('registers through the three form steps, refreshes the session, then uploads documents', async () => {
    await fillUpToContact();
    page.click('org-submit');
    await fixture.whenStable();

    const req = backend.expectOne('/api/organizations');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      name: '阳光居家养老服务中心',
      type: 'life_service',
      filedOnly: false,
      creditCode: '91350100M000100Y43',
      homeStreetId: 's1',
      categoryCodes: ['elderly.home_care', 'housekeeping'],
      communityIds: ['c1', 'c2'],
      legalRepresentative: '周明',
      contactPhone: '0571-88001234',
    });
    req.flush(organization({ id: 'new-org' }));
    await stable(fixture);

    // GET /me through the session, so the menu gains the org-admin entries.
    expect(auth.reloads).toBeGreaterThan(0);
    expect(TestBed.inject(AdminScopes).selectedId()).toBe('new-org');
    expect(page.el('org-step-documents')).not.toBeNull();

    const input = fixture.nativeElement.querySelector('[data-testid="document-upload"] input[type="file"]');
    const file = new File(['%PDF-1.4\n%%EOF\n'], 'charter.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();

    const upload = backend.expectOne('/api/organizations/new-org/documents');
    expect(upload.request.method).toBe('POST');
    expect(upload.request.body).toBeInstanceOf(FormData);
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    upload.flush({
      id: 'd1',
      fileName: 'charter.pdf',
      contentType: 'application/pdf',
      size: 15,
      sha256: 'x',
      createdAt: '2026-11-25T10:00:00.000Z',
    });
    await stable(fixture);
    expect(page.text('document-list')).toContain('charter.pdf');

    page.click('org-finish');
    await fixture.whenStable();
    expect(page.text('org-summary-name')).toBe('阳光居家养老服务中心');
    expect(page.text('org-summary-status')).toBe('待审核');
    expect(page.text('org-summary-documents')).toBe('1');
  });

  it('refuses a file of the wrong type before sending it', async () => {
    await fillUpToContact();
    page.click('org-submit');
    await fixture.whenStable();
    backend.expectOne('/api/organizations').flush(organization({ id: 'new-org' }));
    await stable(fixture);

    const input = fixture.nativeElement.querySelector('[data-testid="document-upload"] input[type="file"]');
    Object.defineProperty(input, 'files', {
      value: [new File(['x'], 'notes.docx', { type: 'application/msword' })],
    });
    input.dispatchEvent(new Event('change'));
    await stable(fixture);

    backend.expectNone('/api/organizations/new-org/documents');
    expect(page.text('document-upload-error')).toContain('只能上传 PDF、PNG 或 JPEG 文件');
  });

  it("goes back to the credit code with the server's message when the server refuses it", async () => {
    await fillUpToContact();
    page.click('org-submit');
    await fixture.whenStable();
    backend.expectOne('/api/organizations').flush(
      {
        code: 'validation.failed',
        message: 'The unified social credit code is mistyped: its check character does not match',
        details: { field: 'creditCode', problem: 'check' },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable(fixture);

    expect(page.el('org-step-basic')).not.toBeNull();
    expect(page.text('org-register-error')).toContain('提交的内容有误，请检查后重试');
    expect(page.text('org-step-basic')).toContain('提交的内容有误，请检查后重试');
    expect(auth.reloads).toBe(0);
  });
});
