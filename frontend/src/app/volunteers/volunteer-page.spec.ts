import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type {
  ActivityDto,
  CertificateDto,
  HelpRequestDto,
  HoursDto,
  PublishedHoursDto,
  VolunteerDto,
} from '../api/models';
import { Router } from '@angular/router';
import { configurePage, dom, lastPage, searchPause, signedInAs, stable } from '../testing/page-testing';
import { VolunteerPage } from './volunteer-page';

const C1 = 'c1';
const volunteer: VolunteerDto = {
  userId: 'u1',
  displayName: '张阿姨',
  communityId: C1,
  communityName: '春晖社区',
  skills: ['陪伴老人'],
  availability: '周末',
  publishName: false,
  certifiedMinutes: 120,
  pendingMinutes: 0,
  version: 3,
};
const hours = (overrides: Partial<HoursDto> = {}): HoursDto => ({
  id: 'h1',
  activityId: 'a1',
  activityTitle: '敬老探访',
  communityId: C1,
  minutes: 120,
  recordedAt: '2026-11-20T02:00:00Z',
  objectionsUntil: '2026-11-27T02:00:00Z',
  state: 'certified',
  objection: null,
  resolution: null,
  deposited: false,
  ...overrides,
});
const request = (overrides: Partial<HelpRequestDto> = {}): HelpRequestDto => ({
  id: 'r1',
  communityId: C1,
  requesterId: 'u1',
  requesterName: '张阿姨',
  helperId: 'u2',
  helperName: '邻居小王',
  title: '帮忙取药',
  description: '',
  minutes: 60,
  status: 'fulfilled',
  createdAt: '2026-12-01T02:00:00Z',
  ...overrides,
});

const upcoming = (overrides: Partial<ActivityDto> = {}): ActivityDto => ({
  id: 'a1',
  communityId: C1,
  communityName: '春晖社区',
  projectId: null,
  organizationId: null,
  organizerId: 'u9',
  title: '重阳节敬老探访',
  description: '',
  location: '',
  startsAt: new Date(Date.now() + 86_400_000).toISOString(),
  endsAt: new Date(Date.now() + 90_000_000).toISOString(),
  capacity: 5,
  signedUp: 1,
  signedUpByMe: true,
  organizedByMe: false,
  ...overrides,
});

interface More {
  activities?: ActivityDto[];
  certificates?: CertificateDto[];
  certificatesNext?: string;
  hours?: HoursDto[];
  requests?: HelpRequestDto[];
  published?: PublishedHoursDto[];
}

describe('VolunteerPage', () => {
  let fixture: ComponentFixture<VolunteerPage>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  /** Answers the page's reads: the profile (404 when null), then the volunteering lists. */
  async function answerLoad(me: VolunteerDto | null, more: More = {}) {
    const profile = backend.expectOne('/api/volunteers/me');
    if (me) profile.flush(me);
    else
      profile.flush(
        { code: 'resource.not_found', message: 'Volunteer profile not found' },
        { status: 404, statusText: 'Not Found' },
      );
    await stable(fixture);
    if (!me) return;
    backend
      .expectOne((r) => r.url === `/api/communities/${C1}/volunteer-activities`)
      .flush(lastPage(more.activities ?? []));
    backend.expectOne((r) => r.url === '/api/volunteers/me/hours').flush(lastPage(more.hours ?? []));
    backend
      .expectOne((r) => r.url === '/api/volunteers/me/certificates')
      .flush({ ...lastPage(more.certificates ?? []), nextCursor: more.certificatesNext ?? null });
    backend.expectOne('/api/time-bank/me').flush({ balanceMinutes: 120, heldMinutes: 60 });
    backend
      .expectOne((r) => r.url === `/api/communities/${C1}/help-requests`)
      .flush(lastPage(more.requests ?? []));
    backend
      .expectOne((r) => r.url === `/api/communities/${C1}/volunteer-hours`)
      .flush(lastPage(more.published ?? []));
    await stable(fixture);
  }

  async function open(me: VolunteerDto | null, more: More = {}) {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'resident', regionId: C1, scopeName: '春晖社区' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(VolunteerPage);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await answerLoad(me, more);
  }

  afterEach(() => backend.verify());

  it('registers a resident of the community without If-Match', async () => {
    await open(null);
    expect(page.el('volunteer-activities')).toBeNull();
    page.type('volunteer-skills', '电脑维修，跑腿');
    page.click('volunteer-save');
    await fixture.whenStable();
    const req = backend.expectOne('/api/volunteers/me');
    expect(req.request.method).toBe('PUT');
    expect(req.request.headers.has('If-Match')).toBe(false);
    expect(req.request.body).toEqual({
      communityId: C1,
      skills: ['电脑维修', '跑腿'],
      availability: '',
      publishName: false,
    });
    req.flush(volunteer);
    await stable(fixture);
    await answerLoad(volunteer);
    expect(page.text('volunteer-notice')).toContain('志愿者资料已保存');
  });

  it('withdraws a sign-up before the activity starts, after confirming the consequence', async () => {
    const started = upcoming({
      id: 'a2',
      title: '已开始的活动',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await open(volunteer, { activities: [upcoming(), started] });
    expect(page.all('activity-withdraw')).toHaveLength(1);
    page.click('activity-withdraw');
    await stable(fixture);
    const confirm = document.querySelector('.ant-popover');
    expect(confirm?.textContent).toContain('名额将释放给其他志愿者');
    backend.expectNone((r) => r.method === 'DELETE');
    (document.querySelector('.ant-popover .ant-popover-buttons .ant-btn-primary') as HTMLElement).click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/volunteer-activities/a1/signups/u1');
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await stable(fixture);
    await answerLoad(volunteer, { activities: [upcoming({ signedUp: 0, signedUpByMe: false })] });
    expect(page.text('volunteer-notice')).toContain('已取消报名');
    expect(page.all('activity-sign-up')).toHaveLength(1);
  });

  it('edits the profile with the version shown and shows the totals and balance', async () => {
    await open(volunteer);
    expect(page.text('volunteer-totals')).toContain('已认证时长 2 小时');
    expect(page.el('bank-balance')?.getAttribute('data-minutes')).toBe('120');
    page.click('volunteer-save');
    await fixture.whenStable();
    const req = backend.expectOne('/api/volunteers/me');
    expect(req.request.headers.get('If-Match')).toBe('"3"');
    req.flush({ ...volunteer, version: 4 });
    await stable(fixture);
    await answerLoad({ ...volunteer, version: 4 });
  });

  it('shows the first page of my certificates and appends older ones on "load more"', async () => {
    const certificate = (id: string, minutes: number): CertificateDto => ({
      id,
      minutes,
      entries: 1,
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      issuedAt: '2026-07-01T02:00:00Z',
      signature: 'sig',
      verifyUrl: `https://sanshe.example/volunteer-certificates/${id}/verify?sig=sig`,
    });
    await open(volunteer, { certificates: [certificate('k2', 120)], certificatesNext: 'c2' });
    expect(page.el('bank-statement')?.getAttribute('href')).toContain('statement');
    const shown = () => page.all('volunteer-certificates')[0].querySelectorAll('li[data-certificate]');
    expect(shown()).toHaveLength(1);
    page.click('certificates-more');
    const req = backend.expectOne((r) => r.url === '/api/volunteers/me/certificates');
    expect(req.request.params.get('cursor')).toBe('c2');
    req.flush(lastPage([certificate('k2', 120), certificate('k1', 60)]));
    await stable(fixture);
    expect([...shown()].map((li) => li.getAttribute('data-certificate'))).toEqual(['k2', 'k1']);
    expect(page.el('certificates-more')).toBeNull();
  });

  it('searches the community activities, keeping the search in the URL', async () => {
    await open(volunteer, { activities: [upcoming()] });
    page.type('activities-search', '读书');
    await searchPause(fixture);
    const req = backend.expectOne((r) => r.url === `/api/communities/${C1}/volunteer-activities`);
    expect(req.request.params.get('q')).toBe('读书');
    req.flush(lastPage([]));
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe('/?q=%E8%AF%BB%E4%B9%A6');
    expect(page.el('volunteer-no-activities')).not.toBeNull();
  });

  it('saves certified hours as credits, and offers nothing for pending ones', async () => {
    await open(volunteer, {
      hours: [hours(), hours({ id: 'h2', activityTitle: '楼道清洁', state: 'pending' })],
    });
    expect(page.all('hours-deposit')).toHaveLength(1);
    page.click('hours-deposit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/time-bank/deposits');
    expect(req.request.body).toEqual({ hoursId: 'h1' });
    req.flush({ balanceMinutes: 240, heldMinutes: 0 });
    await stable(fixture);
    await answerLoad(volunteer);
  });

  it('lets the requester confirm fulfilled help and shows a refused spend', async () => {
    await open(volunteer, {
      requests: [request(), request({ id: 'r2', requesterId: 'u9', status: 'open', helperId: null })],
    });
    expect(page.all('help-confirm')).toHaveLength(1);
    expect(page.all('help-accept')).toHaveLength(1);
    page.click('help-confirm');
    await fixture.whenStable();
    backend.expectOne('/api/help-requests/r1/confirm').flush(request({ status: 'confirmed' }));
    await stable(fixture);
    await answerLoad(volunteer);

    page.type('help-title', '帮忙修电脑');
    page.click('help-submit');
    await fixture.whenStable();
    backend
      .expectOne('/api/help-requests')
      .flush(
        { code: 'time_bank.insufficient_credits', message: '时间币不足' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable(fixture);
    expect(page.text('volunteer-error')).toContain('时间币不足');
  });

  it('objects to published hours with a reason', async () => {
    const published: PublishedHoursDto = {
      id: 'h7',
      activityId: 'a7',
      activityTitle: '楼道清洁',
      volunteerName: null,
      minutes: 180,
      recordedAt: '2026-12-04T02:00:00Z',
      objectionsUntil: '2026-12-11T02:00:00Z',
      state: 'pending',
    };
    await open(volunteer, { published: [published] });
    page.click('objection-open');
    await stable(fixture);
    page.type('objection-reason', '当天只进行了一小时。');
    page.click('objection-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/volunteer-hours/h7/objection');
    expect(req.request.body).toEqual({ reason: '当天只进行了一小时。' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await stable(fixture);
    await answerLoad(volunteer);
    expect(page.text('volunteer-notice')).toContain('异议已提交');
  });
});
