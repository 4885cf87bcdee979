import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { milestone, project, rating, serviceRecord } from '../../testing/delivery';
import { member, memberPage, membersOfO1 } from '../../testing/members';
import { configurePage, dom, flushReference, lastPage, signedInAs, stable } from '../../testing/page-testing';
import { ProjectPage } from './project-page';

describe('ProjectPage', () => {
  let fixture: ComponentFixture<ProjectPage>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open(memberships: Parameters<typeof signedInAs>[1]) {
    const auth = configurePage();
    signedInAs(auth, memberships);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ProjectPage);
    fixture.componentRef.setInput('id', 'p1');
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    backend.expectOne('/api/projects/p1').flush(
      project({
        leadUserId: 'u2',
        memberUserIds: ['u1', 'u2', 'u3'],
        milestones: [
          milestone({
            approvedHours: 1,
            confirmedBeneficiaries: 1,
            ruleMet: true,
            status: 'paid',
            acceptanceRating: {
              quality: 4,
              timeliness: 5,
              cooperation: 3,
              comment: '服务记录完整，居民反馈良好',
              ratedByName: '刘书记 (社区)',
              createdAt: '2026-11-20T02:30:00.000Z',
            },
          }),
          milestone({
            milestoneId: 'ms2',
            seq: 2,
            name: '终期',
            approvedHours: 1,
            minApprovedHours: 2,
            minConfirmedBeneficiaries: 2,
            minDeliverables: 2,
            satisfaction: null,
          }),
        ],
      }),
    );
    backend
      .expectOne((r) => r.method === 'GET' && r.url === '/api/projects/p1/records')
      .flush(lastPage([serviceRecord({ workerUserId: 'u2', workerName: '吴社工', status: 'approved' })]));
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  const milestoneCard = (seq: number) =>
    dom(fixture.nativeElement.querySelector(`[data-testid="milestone"][data-seq="${seq}"]`) as HTMLElement);

  it('shows each milestone against its acceptance rule, with progress bars', async () => {
    await open([{ role: 'social_worker', organizationId: 'o1' }]);
    expect(page.text('project-title')).toBe('春晖社区居家养老上门服务');
    const first = milestoneCard(1);
    expect(first.text('milestone-hours')).toContain('1 / 1');
    expect(first.text('milestone-beneficiaries')).toContain('1 / 1');
    expect(first.text('milestone-satisfaction')).toContain('4.67 / 5');
    expect(first.text('milestone-rule')).toBe('已达验收标准');
    const second = milestoneCard(2);
    expect(second.text('milestone-hours')).toContain('1 / 2');
    expect(second.text('milestone-satisfaction')).toContain('暂无评价');
    expect(second.text('milestone-rule')).toBe('未达验收标准');
    // A rule that asks for deliverable files says how many; one that does not says nothing.
    expect(second.text('milestone-deliverables')).toContain('2 份');
    expect(first.el('milestone-deliverables')).toBeNull();
    expect(fixture.nativeElement.querySelectorAll('nz-progress').length).toBe(6);
  });

  it("shows each milestone's acceptance rating: three scores, the comment, who and when", async () => {
    await open([{ role: 'org_admin', organizationId: 'o1' }]);
    backend.expectOne(membersOfO1).flush(memberPage([]));
    await stable(fixture);
    const first = milestoneCard(1);
    const scores = first
      .all('acceptance-score')
      .map(
        (row) =>
          `${row.getAttribute('data-score')}:${row.querySelector('.muted')?.textContent} ${row.querySelector('.value')?.textContent}`,
      );
    expect(scores).toEqual([
      'quality:服务质量 4 / 5',
      'timeliness:按时完成 5 / 5',
      'cooperation:配合程度 3 / 5',
    ]);
    expect(first.text('acceptance-comment')).toBe('服务记录完整，居民反馈良好');
    const by = first.text('acceptance-by');
    expect(by).toContain('刘书记 (社区)');
    expect(by).toMatch(/2026-11-20 \d\d:30/);
    expect(first.el('milestone-acceptance-none')).toBeNull();
    const second = milestoneCard(2);
    expect(second.el('milestone-acceptance')).toBeNull();
    expect(second.text('milestone-acceptance-none')).toBe('尚未验收评价');
  });

  it('shows the team with its lead, named from the records for a worker', async () => {
    await open([{ role: 'social_worker', organizationId: 'o1' }]);
    const team = page.text('project-team');
    expect(team).toContain('吴社工');
    expect(team).toContain('负责人');
    expect(team).toContain('测试用户'); // me
    expect(team).toContain('团队成员'); // a colleague not named anywhere the worker can read
    expect(page.el('project-log')).not.toBeNull();
    expect(page.el('project-approvals')).toBeNull();
  });

  it("names the whole team from the organization's members for its admin, who may reply to a rating", async () => {
    await open([{ role: 'org_admin', organizationId: 'o1' }]);
    backend
      .expectOne(membersOfO1)
      .flush(
        memberPage([
          member({ userId: 'u3', displayName: '陈社工' }),
          member({ id: 'mem2', userId: 'u2', displayName: '吴社工' }),
        ]),
      );
    await stable(fixture);
    expect(page.text('project-team')).toContain('陈社工');

    page.click('project-open-ratings');
    await fixture.whenStable();
    backend.expectOne('/api/records/r1/ratings').flush([rating()]);
    await stable(fixture);
    page.click('rating-reply');
    await stable(fixture);
    page.type('rating-reply-text', '感谢您的认可');
    await stable(fixture);
    page.click('rating-reply-send');
    await fixture.whenStable();
    const req = backend.expectOne('/api/ratings/ra1/reply');
    expect(req.request.body).toEqual({ reply: '感谢您的认可' });
    req.flush(rating({ orgReply: '感谢您的认可' }));
    await stable(fixture);
    expect(page.text('project-records')).toContain('机构回复：感谢您的认可');
  });
});
