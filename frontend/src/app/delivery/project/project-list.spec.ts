import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { ProjectSummaryDto } from '../../api/models';
import {
  configurePage,
  dom,
  lastPage,
  pick,
  searchPause,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { ProjectList } from './project-list';

const project = (n: number, over: Partial<ProjectSummaryDto> = {}): ProjectSummaryDto => ({
  id: `p${n}`,
  title: `高龄老人居家探访 ${n}`,
  organizationId: 'o1',
  organizationName: '阳光居家养老服务中心',
  isLead: false,
  status: 'active',
  ...over,
});

describe('ProjectList', () => {
  let fixture: ComponentFixture<ProjectList>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  const list = () => backend.expectOne((r) => r.url === '/api/projects');
  const params = (req: TestRequest) =>
    Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)]));
  const titles = () => page.all('project-link').map((a) => a.textContent?.trim());

  beforeEach(async () => {
    signedInAs(configurePage(), [{ role: 'social_worker', organizationId: 'o1' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ProjectList);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('lists my projects a page at a time, a finished one marked and without the service log', async () => {
    list().flush({ items: [project(1, { isLead: true })], nextCursor: 'c1', links: { next: null } });
    await stable(fixture);
    expect(titles()).toEqual(['高龄老人居家探访 1']);
    expect(page.text('project-list')).toContain('记录服务');

    page.click('projects-more');
    const next = list();
    expect(params(next)).toEqual({ cursor: 'c1' });
    next.flush(lastPage([project(2, { status: 'completed' })]));
    await stable(fixture);
    expect(titles()).toEqual(['高龄老人居家探访 1', '高龄老人居家探访 2']);
    const finished = page.all('project-link')[1].closest('li');
    expect(finished?.textContent).toContain('已结项');
    expect(finished?.textContent).not.toContain('记录服务');
    expect(page.el('projects-more')).toBeNull();
  });

  it('searches, filters by status and orders, all kept in the URL, and says when nothing matches', async () => {
    list().flush(lastPage([project(1)]));
    await stable(fixture);

    page.type('projects-search', '助餐');
    await searchPause(fixture);
    const searched = list();
    expect(params(searched)).toEqual({ q: '助餐' });
    searched.flush(lastPage([project(2, { title: '助餐点运营服务' })]));
    await stable(fixture);
    expect(titles()).toEqual(['助餐点运营服务']);

    pick(fixture, 'projects-status', 'completed');
    await stable(fixture);
    const finished = list();
    expect(params(finished)).toEqual({ q: '助餐', status: 'completed' });
    finished.flush(lastPage([]));
    await stable(fixture);
    expect(page.text('project-list')).toContain('没有符合条件的项目');

    pick(fixture, 'projects-sort', 'oldest');
    await stable(fixture);
    const ordered = list();
    expect(params(ordered)).toEqual({ q: '助餐', status: 'completed', sort: 'oldest' });
    ordered.flush(lastPage([]));
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe(`/?q=${encodeURIComponent('助餐')}&status=completed&sort=oldest`);
  });
});
