import { NgControl } from '@angular/forms';
import { By } from '@angular/platform-browser';
import { HttpTestingController } from '@angular/common/http/testing';
import { chooseFiles, documentFile } from '../../testing/attachments';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import {
  answerResidents,
  project,
  projectResident,
  projectSummary,
  serviceRecord,
} from '../../testing/delivery';
import {
  configurePage,
  controlValue,
  dom,
  flushReference,
  lastPage,
  pick,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { localDateTime, parseLocal } from '../../shared/dates';
import { TIMER_KEY_PREFIX } from '../timer';
import { ServiceLog } from './service-log';

/** A page with a next one after it (the page must not ask for it). */
const pageThrough = <T>(items: T[]) => ({ ...lastPage(items), nextCursor: 'older' });

describe('ServiceLog', () => {
  let fixture: ComponentFixture<ServiceLog>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  const midnight = new Date(new Date().setHours(0, 0, 0, 0));

  async function open(beforeCreate = () => undefined as void) {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'social_worker', organizationId: 'o1' }]);
    beforeCreate();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ServiceLog);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    backend.expectOne('/api/me/projects').flush([projectSummary()]);
    await stable(fixture);
    backend.expectOne('/api/projects/p1').flush(project());
    backend
      .expectOne((r) => r.method === 'GET' && r.url === '/api/projects/p1/records')
      .flush(
        // Newest first: a page that reaches back to yesterday is the last one read.
        pageThrough([
          serviceRecord({
            startedAt: midnight.toISOString(),
            endedAt: new Date(midnight.getTime() + 1000).toISOString(),
          }),
          // Yesterday's, and a colleague's (the lead sees the team's records): not today's own.
          serviceRecord({ id: 'r2', workerUserId: 'u2', startedAt: midnight.toISOString() }),
          serviceRecord({ id: 'r0', startedAt: new Date(midnight.getTime() - 3600_000).toISOString() }),
        ]),
      );
    await stable(fixture);
    // The tender's one community is preselected: its residents are looked up.
    const search = await answerResidents(backend, [projectResident()]);
    expect(search.request.params.get('communityId')).toBe('c1');
    await stable(fixture);
  }

  afterEach(() => {
    fixture.destroy();
    backend.verify();
  });

  it("loads the worker's project, its residents and today's own records", async () => {
    await open();
    expect(page.text('service-log-project')).toBe('春晖社区居家养老上门服务');
    const today = page.el('today-records');
    expect(today?.querySelectorAll('[data-record]').length).toBe(1);
    expect(today?.querySelector('[data-record="r1"]')?.getAttribute('data-status')).toBe('submitted');
    expect(page.text('today-records')).toContain('待审批');
    expect(page.text('today-records')).toContain('张阿姨 · 待确认');
  });

  it('finds residents by name on the server, and keeps the name of one chosen before', async () => {
    await open();
    // Chosen as the form would be filled (the select shows it), then another name is searched.
    fixture.debugElement
      .query(By.css('[data-testid="record-beneficiaries"]'))
      .injector.get(NgControl)
      .control?.setValue(['u9']);
    await stable(fixture);
    const search = page.el('record-beneficiaries')!.querySelector('input')!;
    search.value = '王';
    search.dispatchEvent(new Event('input'));
    const req = await answerResidents(backend, [projectResident({ userId: 'u7', displayName: '王奶奶' })]);
    expect(req.request.params.get('communityId')).toBe('c1');
    expect(req.request.params.get('q')).toBe('王');
    await stable(fixture);
    expect(page.text('record-beneficiaries')).toContain('张阿姨');
  });

  it('logs a service entered by hand with POST /projects/:id/records', async () => {
    await open();
    const start = new Date(Date.now() - 2 * 3600_000);
    const end = new Date(Date.now() - 3600_000);
    // The tender's one community is preselected.
    pick(fixture, 'record-beneficiaries', ['u9']);
    pick(fixture, 'record-anonymous', 2);
    pick(fixture, 'record-started', localDateTime(start));
    pick(fixture, 'record-ended', localDateTime(end));
    page.type('record-location', '春晖社区3栋');
    page.type('record-notes', '测量血压');
    page.click('record-submit');
    await fixture.whenStable();

    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/projects/p1/records');
    expect(req.request.body).toEqual({
      activityType: 'home_visit',
      communityId: 'c1',
      beneficiaryUserIds: ['u9'],
      anonymousCount: 2,
      startedAt: parseLocal(localDateTime(start))?.toISOString(),
      endedAt: parseLocal(localDateTime(end))?.toISOString(),
      location: '春晖社区3栋',
      notes: '测量血压',
    });
    req.flush(serviceRecord({ id: 'r3', startedAt: midnight.toISOString() }));
    await stable(fixture);
    expect(page.el('today-records')?.querySelector('[data-record="r3"]')).not.toBeNull();
  });

  it('attaches evidence once scanned clean, waits for a file still being scanned, and lists it on the record', async () => {
    await open();
    pick(fixture, 'record-started', localDateTime(new Date(Date.now() - 2 * 3600_000)));
    pick(fixture, 'record-ended', localDateTime(new Date(Date.now() - 3600_000)));
    chooseFiles(fixture.nativeElement, '探访.jpg');
    await stable(fixture);
    const upload = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/documents');
    expect(upload.request.params.get('purpose')).toBe('service_record_evidence');
    expect(upload.request.params.get('organizationId')).toBe('o1');
    upload.flush(documentFile({ id: 'e1', fileName: '探访.jpg', contentType: 'image/jpeg' }));
    await stable(fixture);
    // Still in quarantine: the form says to wait.
    page.click('record-submit');
    await stable(fixture);
    backend.expectNone((r) => r.method === 'POST' && r.url === '/api/projects/p1/records');
    expect(page.text('record-error')).toBe('请等待文件上传和扫描完成');

    await new Promise((r) => setTimeout(r, 1600));
    backend.expectOne('/api/documents/e1').flush(documentFile({ id: 'e1', status: 'clean' }));
    await stable(fixture);
    page.click('record-submit');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/projects/p1/records');
    expect(req.request.body.documentIds).toEqual(['e1']);
    const photo = {
      id: 'e1',
      fileName: '探访.jpg',
      contentType: 'image/jpeg',
      size: 2048,
      hasThumbnail: false,
    };
    req.flush(
      serviceRecord({ id: 'r3', startedAt: midnight.toISOString(), documents: [photo], documentCount: 1 }),
    );
    await stable(fixture);
    const listed = page.el('today-records')?.querySelector('[data-record="r3"]');
    expect(listed?.textContent).toContain('探访.jpg');
    expect(page.all('attachment-item')).toHaveLength(0);
  });

  it('does not send a period ending before it starts', async () => {
    await open();
    pick(fixture, 'record-started', localDateTime(new Date(Date.now() - 3600_000)));
    pick(fixture, 'record-ended', localDateTime(new Date(Date.now() - 2 * 3600_000)));
    page.click('record-submit');
    await stable(fixture);
    backend.expectNone((r) => r.method === 'POST');
    expect(fixture.nativeElement.textContent).toContain('结束时间必须晚于开始时间');
  });

  it('resumes a timer started earlier (kept in localStorage) and fills the times on stop', async () => {
    const started = new Date(Date.now() - 30 * 60_000);
    await open(() => localStorage.setItem(`${TIMER_KEY_PREFIX}u1`, started.toISOString()));
    expect(page.el('timer-stop')).not.toBeNull();
    expect(page.text('timer-elapsed')).toMatch(/^0:(29|30):\d\d$/);

    page.click('timer-stop');
    await stable(fixture);
    expect(localStorage.getItem(`${TIMER_KEY_PREFIX}u1`)).toBeNull();
    expect(page.el('timer-start')).not.toBeNull();
    expect(parseLocal(controlValue(fixture, 'record-started') as string)?.getTime()).toBe(
      Math.floor(started.getTime() / 1000) * 1000,
    );
    expect(parseLocal(controlValue(fixture, 'record-ended') as string)?.getTime()).toBeGreaterThan(
      started.getTime(),
    );
  });

  it('refuses to stop a timer that ran for more than 24 hours, and lets it be discarded', async () => {
    await open(() =>
      localStorage.setItem(`${TIMER_KEY_PREFIX}u1`, new Date(Date.now() - 25 * 3600_000).toISOString()),
    );
    page.click('timer-stop');
    await stable(fixture);
    expect(page.text('timer-error')).toContain('24 小时');
    expect(controlValue(fixture, 'record-started') as string).toBe('');
    page.click('timer-discard');
    await stable(fixture);
    expect(page.el('timer-start')).not.toBeNull();
    expect(localStorage.getItem(`${TIMER_KEY_PREFIX}u1`)).toBeNull();
  });

  it('starts the timer and keeps its start in localStorage', async () => {
    await open();
    page.click('timer-start');
    await stable(fixture);
    expect(localStorage.getItem(`${TIMER_KEY_PREFIX}u1`)).not.toBeNull();
    expect(page.el('timer-stop')).not.toBeNull();
  });
});
