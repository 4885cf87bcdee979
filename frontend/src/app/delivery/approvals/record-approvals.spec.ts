import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import {
  answerResidents,
  project,
  projectResident,
  projectSummary,
  serviceRecord,
} from '../../testing/delivery';
import {
  configurePage,
  dom,
  flushReference,
  lastPage,
  pick,
  searchPause,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { RecordApprovals } from './record-approvals';

describe('RecordApprovals', () => {
  let fixture: ComponentFixture<RecordApprovals>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  const records = (status: string) =>
    backend.expectOne(
      (r) => r.method === 'GET' && r.url === '/api/projects/p1/records' && r.params.get('status') === status,
    );

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'social_worker', organizationId: 'o1' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RecordApprovals);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    // Only the projects the caller leads are offered.
    backend
      .expectOne('/api/me/projects')
      .flush([projectSummary(), projectSummary({ id: 'p2', title: '别的项目', isLead: false })]);
    await stable(fixture);
    backend.expectOne('/api/projects/p1').flush(project());
    records('submitted').flush(
      lastPage([
        serviceRecord(),
        serviceRecord({ id: 'r2', workerName: '陈社工', workerUserId: 'u2', hours: 2 }),
      ]),
    );
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it("lists the team's submitted records of the project the caller leads", () => {
    expect(page.el('project-picker')).toBeNull();
    const list = page.text('approval-list');
    expect(list).toContain('吴社工');
    expect(list).toContain('陈社工');
    expect(list).toContain('入户探访');
    expect(list).toContain('张阿姨');
  });

  it('approves a record with POST /records/:id/approve', async () => {
    page.all('record-approve')[0].click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/records/r1/approve');
    expect(req.request.method).toBe('POST');
    req.flush(serviceRecord({ status: 'approved' }));
    await stable(fixture);
    expect(page.el('approval-list')?.querySelector('[data-record="r1"]')).toBeNull();
  });

  it('rejects only with a reason', async () => {
    page.all('record-reject')[1].click();
    await fixture.whenStable();
    page.click('record-reject-confirm');
    await fixture.whenStable();
    backend.expectNone('/api/records/r2/reject');

    page.type('record-reject-reason', '时间与排班不符');
    page.click('record-reject-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/records/r2/reject');
    expect(req.request.body).toEqual({ reason: '时间与排班不符' });
    req.flush(serviceRecord({ id: 'r2', status: 'rejected' }));
    await stable(fixture);
    expect(page.text('approval-list')).not.toContain('陈社工');
  });

  it('corrects an approved record with POST /records/:id/correction and a reason', async () => {
    pick(fixture, 'approvals-status', 'approved');
    await fixture.whenStable();
    records('approved').flush(lastPage([serviceRecord({ status: 'approved' })]));
    await stable(fixture);

    page.click('record-correct');
    await stable(fixture);
    await answerResidents(backend, [projectResident({ userId: 'u7', displayName: '王奶奶' })]);
    await stable(fixture);
    // The form starts from the record.
    expect(page.el<HTMLInputElement>('record-location')?.value).toBe('春晖社区3栋');
    pick(fixture, 'record-anonymous', 1);
    page.click('correction-submit');
    await fixture.whenStable();
    backend.expectNone('/api/records/r1/correction');

    page.type('correction-reason', '漏记一位未注册老人');
    page.click('correction-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/records/r1/correction');
    expect(req.request.body).toMatchObject({
      communityId: 'c1',
      beneficiaryUserIds: ['u9'],
      anonymousCount: 1,
      startedAt: '2026-11-25T01:00:00.000Z',
      endedAt: '2026-11-25T02:00:00.000Z',
      reason: '漏记一位未注册老人',
    });
    req.flush(serviceRecord({ id: 'r9', correctsRecordId: 'r1', anonymousCount: 1 }));
    await stable(fixture);
    expect(page.el('approval-list')?.querySelector('[data-record="r1"]')).toBeNull();
  });

  it('asks for the oldest first, searches and sorts the tab, keeping tab, search and sort in the URL', async () => {
    pick(fixture, 'approvals-status', 'approved');
    await fixture.whenStable();
    const approved = records('approved');
    expect(approved.request.params.get('sort')).toBe('oldest');
    approved.flush(lastPage([]));
    pick(fixture, 'approvals-sort', 'newest');
    await fixture.whenStable();
    records('approved').flush(lastPage([]));
    page.type('approvals-search', '张阿姨');
    await searchPause(fixture);
    const searched = records('approved');
    expect(searched.request.params.get('q')).toBe('张阿姨');
    expect(searched.request.params.get('sort')).toBe('newest');
    searched.flush({ ...lastPage([serviceRecord({ status: 'approved' })]), nextCursor: 'c2' });
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe(
      `/?status=approved&sort=newest&q=${encodeURIComponent('张阿姨')}`,
    );

    page.click('approvals-more');
    await fixture.whenStable();
    const next = records('approved');
    expect(next.request.params.get('cursor')).toBe('c2');
    next.flush(lastPage([serviceRecord({ id: 'r5', workerName: '林社工', status: 'approved' })]));
    await stable(fixture);
    expect(page.text('approval-list')).toContain('林社工');
    expect(page.el('approvals-more')).toBeNull();
  });
});
