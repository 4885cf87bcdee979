import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { OrganizedActivityDto, ParticipantDto, PublishedHoursDto } from '../api/models';
import { Router } from '@angular/router';
import { configurePage, dom, lastPage, searchPause, signedInAs, stable } from '../testing/page-testing';
import { OrganizePage } from './organize-page';

const C1 = 'c1';
const participant: ParticipantDto = {
  volunteerId: 'v1',
  displayName: '张阿姨',
  hoursId: null,
  minutes: null,
  status: null,
};
/** An activity I organize, with its volunteers (one signed up by default). */
const activity = (overrides: Partial<OrganizedActivityDto> = {}): OrganizedActivityDto => ({
  id: 'a1',
  communityId: C1,
  communityName: '春晖社区',
  projectId: null,
  organizationId: null,
  organizerId: 'u1',
  title: '敬老探访',
  description: '',
  location: '',
  startsAt: '2026-12-05T01:00:00Z',
  endsAt: '2026-12-05T04:00:00Z',
  capacity: 5,
  signedUp: 1,
  signedUpByMe: false,
  organizedByMe: true,
  participants: [participant],
  ...overrides,
});
const objected: PublishedHoursDto = {
  id: 'h9',
  activityId: 'a0',
  activityTitle: '楼道清洁',
  volunteerName: null,
  minutes: 60,
  recordedAt: '2026-12-01T02:00:00Z',
  objectionsUntil: '2026-12-08T02:00:00Z',
  state: 'objected',
};

describe('OrganizePage', () => {
  let fixture: ComponentFixture<OrganizePage>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function answerLoad() {
    backend.expectOne((r) => r.url === '/api/volunteer-activities/organized').flush(lastPage([activity()]));
    backend.expectOne((r) => r.url === `/api/communities/${C1}/volunteer-hours`).flush(lastPage([objected]));
    await stable(fixture);
  }

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'community_staff', regionId: C1, scopeName: '春晖社区' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OrganizePage);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await answerLoad();
  });

  afterEach(() => backend.verify());

  it('shows the activities I organize, with their volunteers', () => {
    expect(page.text('organize-activities')).toContain('敬老探访');
    expect(page.all('hours-record')).toHaveLength(1);
  });

  it('searches the activities I organize, keeping the search in the URL, and pages through them', async () => {
    page.type('organize-search', ' 包饺子 ');
    await searchPause(fixture);
    const searched = backend.expectOne((r) => r.url === '/api/volunteer-activities/organized');
    expect(searched.request.params.get('q')).toBe('包饺子');
    searched.flush({
      items: [activity({ id: 'a7', title: '重阳节包饺子', participants: [] })],
      nextCursor: 'm2',
    });
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe('/?q=%E5%8C%85%E9%A5%BA%E5%AD%90');
    expect(page.text('organize-activities')).not.toContain('敬老探访');

    page.click('organize-more');
    const more = backend.expectOne((r) => r.url === '/api/volunteer-activities/organized');
    expect([more.request.params.get('q'), more.request.params.get('cursor')]).toEqual(['包饺子', 'm2']);
    more.flush(lastPage([activity({ id: 'a8', title: '包饺子第二场' })]));
    await stable(fixture);
    // The volunteers come with the activities: no list is asked for per activity.
    backend.expectNone((r) => r.url.endsWith('/participants'));
    expect(page.all('hours-record')).toHaveLength(1);
    expect(page.all('organize-activities')[0].querySelectorAll('[data-activity]').length).toBe(2);
    expect(page.el('organize-more')).toBeNull();
  });

  it("records a volunteer's hours and shows them on that activity, keeping the list as it is", async () => {
    const minutes = page.el('hours-minutes')!.querySelector('input')!;
    minutes.value = '90';
    minutes.dispatchEvent(new Event('input'));
    minutes.dispatchEvent(new Event('blur'));
    await stable(fixture);
    page.click('hours-record');
    await fixture.whenStable();
    const req = backend.expectOne('/api/volunteer-activities/a1/hours');
    expect(req.request.body).toEqual({ volunteerId: 'v1', minutes: 90 });
    req.flush({});
    await stable(fixture);
    backend
      .expectOne('/api/volunteer-activities/a1/participants')
      .flush([{ ...participant, hoursId: 'h1', minutes: 90, status: 'published' }]);
    await stable(fixture);
    // The community's published hours gain them; the activities (and any pages loaded) are not read again.
    backend.expectOne((r) => r.url === `/api/communities/${C1}/volunteer-hours`).flush(lastPage([objected]));
    backend.expectNone((r) => r.url === '/api/volunteer-activities/organized');
    await stable(fixture);
    expect(page.text('organize-activities')).toContain('90 min');
    expect(page.all('hours-record')).toHaveLength(0);
    expect(page.text('organize-notice')).toContain('时长已记录');
  });

  it('posts an activity in my community', async () => {
    page.type('activity-title', '重阳节包饺子');
    page.click('activity-post');
    await fixture.whenStable();
    const req = backend.expectOne('/api/volunteer-activities');
    expect(req.request.body).toMatchObject({ communityId: C1, title: '重阳节包饺子', capacity: 10 });
    expect(new Date(req.request.body.endsAt).getTime()).toBeGreaterThan(
      new Date(req.request.body.startsAt).getTime(),
    );
    req.flush(activity({ id: 'a3' }));
    await stable(fixture);
    await answerLoad();
    expect(page.text('organize-notice')).toContain('活动已发布');
  });

  it('decides an objection with a reason', async () => {
    page.click('hours-dismiss');
    await fixture.whenStable();
    const req = backend.expectOne('/api/volunteer-hours/h9/resolution');
    expect(req.request.body.decision).toBe('dismiss');
    expect(req.request.body.reason.length).toBeGreaterThan(1);
    req.flush(null, { status: 204, statusText: 'No Content' });
    await stable(fixture);
    await answerLoad();
  });
});

describe("OrganizePage for an organization's admin", () => {
  let fixture: ComponentFixture<OrganizePage>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'org_admin', organizationId: 'o1', scopeName: '阳光社工' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OrganizePage);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend
      .expectOne((r) => r.url === '/api/volunteer-activities/organized')
      .flush(
        lastPage([
          activity({ id: 'a5', title: '社区发布的项目活动', organizedByMe: false, organizationId: 'o1' }),
        ]),
      );
    backend.expectOne('/api/me/projects').flush([
      {
        id: 'p1',
        title: '高龄老人探访',
        organizationId: 'o1',
        organizationName: '阳光社工',
        status: 'active',
        isLead: false,
      },
      {
        id: 'p2',
        title: '别家的项目',
        organizationId: 'o2',
        organizationName: '别家',
        status: 'active',
        isLead: true,
      },
    ]);
    await stable(fixture);
    backend.expectOne('/api/organizations/o1').flush({ id: 'o1', communityIds: [C1] });
    backend
      .expectOne((r) => r.url === '/api/regions')
      .flush([{ id: C1, name: '春晖社区', level: 'community', parentId: 's1', retiredAt: null }]);
    backend.expectOne((r) => r.url === '/api/catalog').flush([]);
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it("sees the volunteers of its projects' activities without recording others' hours, and no objections", () => {
    expect(page.text('organize-activities')).toContain('社区发布的项目活动');
    expect(page.text('organize-activities')).toContain('张阿姨');
    expect(page.all('hours-record')).toHaveLength(0);
    expect(page.all('organize-published')).toHaveLength(0);
  });

  it("posts an activity in the organization's project, in a community it serves", async () => {
    expect(page.text('activity-project')).toContain('高龄老人探访');
    expect(page.text('activity-community')).toContain('春晖社区');
    page.type('activity-title', '项目志愿者培训');
    page.click('activity-post');
    await fixture.whenStable();
    const req = backend.expectOne('/api/volunteer-activities');
    expect(req.request.body).toMatchObject({ communityId: C1, projectId: 'p1', title: '项目志愿者培训' });
    req.flush(activity({ id: 'a6' }));
    await stable(fixture);
    backend.expectOne((r) => r.url === '/api/volunteer-activities/organized').flush(lastPage([]));
    await stable(fixture);
    expect(page.text('organize-notice')).toContain('活动已发布');
  });
});
