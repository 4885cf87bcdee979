import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import {
  configurePage,
  dom,
  flushReference,
  lastPage,
  pageAt,
  pick,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { need, needsBoardOf } from '../../testing/procurement';
import { NeedsBoard } from './needs-board';
import type { CommunityTaskDto } from '../../api/models';

const task = (over: Partial<CommunityTaskDto>): CommunityTaskDto => ({
  id: 'k1',
  communityId: 'c1',
  code: 'census',
  title: '人口普查',
  status: 'assigned',
  refusalReason: over.status === 'refused' ? `Task ${over.code} is not on the admission list` : null,
  createdAt: '2026-11-20T08:00:00Z',
  ...over,
});

describe('NeedsBoard', () => {
  let fixture: ComponentFixture<NeedsBoard>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function start(memberships: Parameters<typeof signedInAs>[1]) {
    const auth = configurePage();
    signedInAs(auth, memberships);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NeedsBoard);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  describe('for a resident', () => {
    beforeEach(async () => {
      await start([{ role: 'resident', regionId: 'c1', scopeName: '春晖社区' }]);
      backend.expectOne(needsBoardOf('c1')).flush(lastPage([need()]));
      await stable(fixture);
    });

    it('shows the community board without the staff lists', () => {
      expect(page.all('need').map((n) => n.dataset['need'])).toEqual(['独居老人助餐']);
      expect(page.text('need-upvotes')).toContain('3');
      expect(page.el('need-accept')).toBeNull();
      expect(page.el('admission-list')).toBeNull();
    });

    it('posts a need with needsPost', async () => {
      pick(fixture, 'needs-category', 'elderly.home_care');
      page.type('needs-title', '楼道照明');
      page.type('needs-text', '3 栋楼道灯坏了很久，老人夜里出行不便');
      page.click('needs-submit');
      await fixture.whenStable();
      const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/needs');
      expect(req.request.body).toEqual({
        communityId: 'c1',
        categoryCode: 'elderly.home_care',
        title: '楼道照明',
        text: '3 栋楼道灯坏了很久，老人夜里出行不便',
      });
      req.flush(need({ id: 'n2', title: '楼道照明', upvotes: 0 }));
      await stable(fixture);
      expect(page.all('need').map((n) => n.dataset['need'])).toEqual(['楼道照明', '独居老人助餐']);
    });

    it('upvotes once with needsUpvote', async () => {
      page.click('need-upvote');
      await fixture.whenStable();
      const req = backend.expectOne('/api/needs/n1/upvote');
      expect(req.request.method).toBe('POST');
      req.flush(need({ upvotes: 4, upvotedByMe: true }));
      await stable(fixture);
      expect(page.text('need-upvotes')).toContain('4');
      expect(page.el<HTMLButtonElement>('need-upvote')?.disabled).toBe(true);
    });

    it('filters by status', async () => {
      pick(fixture, 'needs-filter', 'accepted');
      await fixture.whenStable();
      backend.expectOne(needsBoardOf('c1', 'accepted')).flush(lastPage([]));
      await stable(fixture);
      expect(page.el('needs-empty')).not.toBeNull();
    });
  });

  describe('for community staff', () => {
    beforeEach(async () => {
      await start([{ role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' }]);
      backend.expectOne(needsBoardOf('c1')).flush(lastPage([need()]));
      backend
        .expectOne('/api/communities/c1/admission-items')
        .flush([{ id: 'a1', code: 'census', title: '人口普查' }]);
      backend.expectOne('/api/communities/c1/tasks').flush({
        items: [task({ id: 'k1', code: 'fire_check', title: '消防检查', status: 'refused' })],
        nextCursor: 'after-k1',
      });
      await stable(fixture);
    });

    it('shows the admission list and the refused tasks', () => {
      expect(page.text('admission-list')).toContain('census');
      expect(page.text('task-list')).toContain('消防检查');
      expect(page.text('task-list')).toContain('已拒绝');
    });

    it('loads older tasks a page at a time', async () => {
      page.click('tasks-more');
      await fixture.whenStable();
      backend
        .expectOne('/api/communities/c1/tasks?cursor=after-k1')
        .flush(lastPage([task({ id: 'k0', code: 'census', title: '人口普查', status: 'assigned' })]));
      await stable(fixture);
      expect(page.all('task').map((t) => t.dataset['code'])).toEqual(['fire_check', 'census']);
      expect(page.el('tasks-more')).toBeNull();
    });

    it('accepts a need with needsTriage', async () => {
      page.click('need-accept');
      await fixture.whenStable();
      const req = backend.expectOne('/api/needs/n1/triage');
      expect(req.request.body).toEqual({ decision: 'accept' });
      req.flush(need({ status: 'accepted' }));
      await stable(fixture);
      expect(page.el('need')?.dataset['status']).toBe('accepted');
    });

    it('declines only with a reason', async () => {
      page.click('need-decline');
      await fixture.whenStable();
      page.click('need-decline-confirm');
      await fixture.whenStable();
      backend.expectNone('/api/needs/n1/triage');

      page.type('need-decline-reason', '已有同类服务');
      page.click('need-decline-confirm');
      await fixture.whenStable();
      const req = backend.expectOne('/api/needs/n1/triage');
      expect(req.request.body).toEqual({ decision: 'decline', reason: '已有同类服务' });
      req.flush(need({ status: 'declined', triageReason: '已有同类服务' }));
      await stable(fixture);
      expect(page.text('need')).toContain('已有同类服务');
    });

    it('adds an admission item with needsAdmit', async () => {
      page.type('admission-code', 'elderly_visit');
      page.type('admission-title', '高龄老人探访');
      page.click('admission-add');
      await fixture.whenStable();
      const req = backend.expectOne(
        (r) => r.method === 'POST' && r.url === '/api/communities/c1/admission-items',
      );
      expect(req.request.body).toEqual({ code: 'elderly_visit', title: '高龄老人探访' });
      req.flush({ id: 'a2', code: 'elderly_visit', title: '高龄老人探访' });
      await stable(fixture);
      expect(page.text('admission-list')).toContain('elderly_visit');
    });
  });

  describe('for a street officer', () => {
    beforeEach(async () => {
      await start([{ role: 'street_officer', regionId: 's1', scopeName: '阳光街道' }]);
      backend.expectOne(needsBoardOf('c1')).flush(lastPage([need({ status: 'accepted' })]));
      backend.expectOne('/api/communities/c1/admission-items').flush([]);
      backend.expectOne('/api/communities/c1/tasks').flush(lastPage([]));
      await stable(fixture);
    });

    it('offers to start a tender from an accepted need', async () => {
      const router = TestBed.inject(Router);
      const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
      page.click('need-create-tender');
      expect(navigate).toHaveBeenCalledWith(['/tenders/new'], { queryParams: { need: 'n1' } });
    });

    it('pushes a task with needsPushTask and reloads the list after a refusal', async () => {
      page.type('task-code', 'fire_check');
      page.type('task-title', '消防检查');
      page.click('task-push');
      await fixture.whenStable();
      backend
        .expectOne((r) => r.method === 'POST' && r.url === '/api/communities/c1/tasks')
        .flush(
          { code: 'task.not_admitted', message: 'not on the list' },
          { status: 422, statusText: 'Unprocessable Entity' },
        );
      await stable(fixture);
      backend.expectOne('/api/communities/c1/admission-items').flush([]);
      backend
        .expectOne((r) => r.method === 'GET' && r.url === '/api/communities/c1/tasks')
        .flush(lastPage([]));
      await stable(fixture);
    });
  });

  describe('opened at a URL (Back, a reload, a shared link)', () => {
    const residentOfTwo = [
      { role: 'resident' as const, regionId: 'c1', scopeName: '春晖社区' },
      { role: 'resident' as const, regionId: 'c2', scopeName: '翠园社区' },
    ];

    it('shows the community and status the URL names, and keeps each new pick in it', async () => {
      ({ fixture, backend } = await pageAt(NeedsBoard, '/?community=c2&status=accepted', residentOfTwo));
      page = dom(fixture.nativeElement);
      await flushReference(backend);
      backend
        .expectOne(needsBoardOf('c2', 'accepted'))
        .flush(lastPage([need({ communityId: 'c2', status: 'accepted' })]));
      await stable(fixture);
      expect(page.el('needs-list')?.dataset['community']).toBe('c2');
      expect(page.all('need').map((n) => n.dataset['status'])).toEqual(['accepted']);

      const router = TestBed.inject(Router);
      pick(fixture, 'needs-filter', 'all');
      await fixture.whenStable();
      backend.expectOne(needsBoardOf('c2')).flush(lastPage([]));
      await stable(fixture);
      expect(router.url).toBe('/?community=c2');

      pick(fixture, 'needs-community', 'c1');
      await fixture.whenStable();
      backend.expectOne(needsBoardOf('c1')).flush(lastPage([need()]));
      await stable(fixture);
      expect(router.url).toBe('/?community=c1');
      expect(page.el('needs-list')?.dataset['community']).toBe('c1');
    });

    it('shows the first community of the user for one that is not theirs', async () => {
      ({ fixture, backend } = await pageAt(NeedsBoard, '/?community=c9&status=nonsense', residentOfTwo));
      page = dom(fixture.nativeElement);
      await flushReference(backend);
      backend.expectOne(needsBoardOf('c1')).flush(lastPage([need()]));
      await stable(fixture);
      expect(page.el('needs-list')?.dataset['community']).toBe('c1');
    });
  });
});
