import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { ReviewItemDto } from '../../api/models';
import { organization } from '../../testing/organizations';
import {
  configurePage,
  dom,
  flushReference,
  pageAt,
  pick,
  searchPause,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { ReviewQueue } from './review-queue';

const item = (overrides: Partial<ReviewItemDto> = {}): ReviewItemDto => ({
  id: 'o1',
  name: '阳光居家养老服务中心',
  type: 'life_service',
  status: 'pending',
  creditCode: '91350100M000100Y43',
  filedOnly: false,
  homeStreetName: '阳光街道',
  documentCount: 1,
  pendingObjections: 0,
  createdAt: '2026-11-20T08:00:00Z',
  ...overrides,
});

describe('ReviewQueue', () => {
  let fixture: ComponentFixture<ReviewQueue>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  /** The drawer renders in the overlay container, outside the component. */
  const drawer = dom(document.body);

  const pageOf = <T>(items: T[], nextCursor: string | null = null) => ({
    items,
    nextCursor,
    links: { next: nextCursor && `/api/organizations/review-queue?cursor=${nextCursor}` },
  });
  const queue = (status: string) =>
    backend.expectOne(
      (r) => r.url === '/api/organizations/review-queue' && r.params.get('status') === status,
    );

  async function openFile(org = organization()) {
    fixture.nativeElement.querySelector(`[data-org="${org.name}"]`).click();
    await fixture.whenStable();
    await flushReference(backend);
    backend.expectOne((r) => r.method === 'GET' && r.url === `/api/organizations/${org.id}`).flush(org);
    await stable(fixture);
  }

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'street_officer', regionId: 's1', scopeName: '阳光街道' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReviewQueue);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/organizations/identity-changes').flush(pageOf([]));
    queue('pending').flush(
      pageOf([item(), item({ id: 'o2', name: '和睦助老服务社', filedOnly: true, creditCode: null })]),
    );
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it('lists the pending organizations first and fetches another tab on demand', async () => {
    expect(page.text('review-list')).toContain('阳光居家养老服务中心');
    expect(page.text('review-list')).toContain('仅备案');

    const tabs = fixture.nativeElement.querySelectorAll('.ant-tabs-tab-btn');
    (tabs[2] as HTMLElement).click();
    await fixture.whenStable();
    queue('suspended').flush(pageOf([item({ id: 'o3', name: '暂停的组织', status: 'suspended' })]));
    await stable(fixture);
    expect(page.text('review-list')).toContain('暂停的组织');
    expect(page.text('review-list')).not.toContain('阳光居家养老服务中心');
  });

  it('loads the next page of the tab on demand, without repeating a row', async () => {
    expect(page.el('review-more')).toBeNull();
    (fixture.nativeElement.querySelectorAll('.ant-tabs-tab-btn')[1] as HTMLElement).click();
    await fixture.whenStable();
    queue('verified').flush(pageOf([item({ id: 'v1', name: '第一页组织', status: 'verified' })], 'c1'));
    await stable(fixture);
    page.click('review-more');
    await fixture.whenStable();
    const more = backend.expectOne(
      (r) => r.url === '/api/organizations/review-queue' && r.params.get('cursor') === 'c1',
    );
    expect(more.request.params.get('status')).toBe('verified');
    more.flush(
      pageOf([
        item({ id: 'v1', name: '第一页组织', status: 'verified' }),
        item({ id: 'v2', name: '第二页组织', status: 'verified' }),
      ]),
    );
    await stable(fixture);
    expect(page.text('review-list')).toContain('第二页组织');
    expect(fixture.nativeElement.querySelectorAll('[data-org="第一页组织"]').length).toBe(1);
    expect(page.el('review-more')).toBeNull();
  });

  it('searches and sorts the tab, keeping tab, search and sort in the URL', async () => {
    const router = TestBed.inject(Router);
    (fixture.nativeElement.querySelectorAll('.ant-tabs-tab-btn')[1] as HTMLElement).click();
    await fixture.whenStable();
    queue('verified').flush(pageOf([]));
    await stable(fixture);

    pick(fixture, 'review-sort', 'newest');
    await fixture.whenStable();
    const sorted = queue('verified');
    expect(sorted.request.params.get('sort')).toBe('newest');
    sorted.flush(pageOf([]));
    page.type('review-search', ' 阳光 ');
    await searchPause(fixture);
    const searched = queue('verified');
    expect(searched.request.params.get('q')).toBe('阳光');
    expect(searched.request.params.get('sort')).toBe('newest');
    searched.flush(pageOf([item({ status: 'verified' })]));
    await stable(fixture);

    expect(router.url).toBe('/?status=verified&sort=newest&q=%E9%98%B3%E5%85%89');
    expect(page.text('review-list')).toContain('阳光居家养老服务中心');
  });

  it('opens the private file, offers only the actions of its status and verifies with a reason', async () => {
    await openFile(
      organization({
        documents: [
          {
            id: 'd1',
            organizationId: 'o1',
            fileName: '登记证书.pdf',
            contentType: 'application/pdf',
            size: 2048,
            sha256: 'x',
            createdAt: '2026-11-20T08:00:00Z',
          },
        ],
      }),
    );
    expect(drawer.text('review-file')).toContain('周明');
    expect(drawer.text('review-file')).toContain('057188001234');
    // The office's file also shows the description, which the admin's own page edits instead.
    expect(drawer.text('review-file')).toContain('为辖区老人提供助餐、助洁服务');
    expect(drawer.text('document-list')).toContain('登记证书.pdf');
    expect(drawer.el('review-action-verify')).not.toBeNull();
    expect(drawer.el('review-action-deregister')).not.toBeNull();
    expect(drawer.el('review-action-suspend')).toBeNull();
    expect(drawer.el('review-action-reinstate')).toBeNull();

    drawer.click('review-action-verify');
    await fixture.whenStable();
    drawer.click('review-confirm');
    await fixture.whenStable();
    backend.expectNone('/api/organizations/o1/status');

    drawer.type('review-reason', '材料齐全，符合登记条件');
    drawer.click('review-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/o1/status');
    expect(req.request.body).toEqual({ action: 'verify', reason: '材料齐全，符合登记条件' });
    req.flush(organization({ status: 'verified' }));
    await stable(fixture);

    expect(drawer.text('review-file-status')).toBe('已认证');
    expect(drawer.el('review-action-suspend')).not.toBeNull();
    queue('pending').flush(pageOf([item({ id: 'o2', name: '和睦助老服务社' })]));
    await stable(fixture);
    expect(page.text('review-list')).not.toContain('阳光居家养老服务中心');
  });

  it('sets a grade with its expiry, and a credit listing with its date', async () => {
    await openFile(organization({ status: 'verified' }));

    pick(fixture, 'review-grade-value', '4A');
    await fixture.whenStable();
    pick(fixture, 'review-grade-expires', '2028-12-31');
    drawer.type('review-grade-reason', '2026 年度评估结果');
    drawer.el<HTMLFormElement>('review-grade')!.requestSubmit();
    await fixture.whenStable();
    const grade = backend.expectOne('/api/organizations/o1/grade');
    expect(grade.request.method).toBe('PUT');
    expect(grade.request.headers.get('If-Match')).toBe('"1"');
    expect(grade.request.body).toEqual({ grade: '4A', expiresOn: '2028-12-31', reason: '2026 年度评估结果' });
    grade.flush(
      organization({ status: 'verified', grade: '4A', gradeExpiresOn: '2028-12-31', gradeValid: true }),
    );
    await stable(fixture);
    queue('pending').flush(pageOf([]));

    pick(fixture, 'review-credit-status', 'abnormal');
    pick(fixture, 'review-credit-since', '2026-11-01');
    drawer.type('review-credit-reason', '未按时报送年度报告');
    drawer.el<HTMLFormElement>('review-credit')!.requestSubmit();
    await fixture.whenStable();
    const credit = backend.expectOne('/api/organizations/o1/credit');
    expect(credit.request.method).toBe('PUT');
    expect(credit.request.headers.get('If-Match')).toBe('"1"');
    expect(credit.request.body).toEqual({
      status: 'abnormal',
      since: '2026-11-01',
      reason: '未按时报送年度报告',
    });
    credit.flush(organization({ status: 'verified', creditStatus: 'abnormal' }));
    await stable(fixture);
    queue('pending').flush(pageOf([]));
  });

  it('downloads a document with the generated call for its type', async () => {
    const createObjectURL = jest.fn(() => 'blob:doc');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await openFile(
      organization({
        documents: [
          {
            id: 'd1',
            organizationId: 'o1',
            fileName: 'scan.png',
            contentType: 'image/png',
            size: 10,
            sha256: 'x',
            createdAt: '2026-11-20T08:00:00Z',
          },
        ],
      }),
    );
    drawer.click('document-download-0');
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/o1/documents/d1');
    expect(req.request.headers.get('Accept')).toBe('image/png');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['png']));
    await stable(fixture);
    expect(createObjectURL).toHaveBeenCalled();
  });
});

describe('ReviewQueue opened from a link (or Back)', () => {
  it('shows the tab, search and sort of the URL and asks for them', async () => {
    const { fixture, backend } = await pageAt(
      ReviewQueue,
      '/?status=suspended&q=%E9%98%B3%E5%85%89&sort=newest',
      [{ role: 'street_officer', regionId: 's1', scopeName: '阳光街道' }],
    );
    backend.expectOne('/api/organizations/identity-changes').flush({ items: [], nextCursor: null });

    const req = backend.expectOne(
      '/api/organizations/review-queue?status=suspended&q=%E9%98%B3%E5%85%89&sort=newest',
    );
    req.flush({ items: [item({ status: 'suspended' })], nextCursor: null });
    await stable(fixture);
    const page = dom(fixture.nativeElement);
    expect(page.el('review-list')!.dataset['status']).toBe('suspended');
    expect(page.el<HTMLInputElement>('review-search')!.value).toBe('阳光');
    expect(fixture.nativeElement.querySelector('.ant-tabs-tab-active')?.textContent).toContain('已暂停');
    backend.verify();
  });
});
