import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { PublicProjectDto } from '../api/models';
import { configurePage, dom, stable } from '../testing/page-testing';
import { PublicProject } from './public-project';

const PROJECT: PublicProjectDto = {
  id: 'p1',
  title: '高龄老人居家探访',
  status: 'active',
  organizationId: 'o1',
  organizationName: '阳光居家养老服务中心',
  streetId: 's1',
  streetName: '阳光街道',
  amountFen: 24_000_000,
  currency: 'CNY',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  approvedHours: 2,
  paidFen: 7_200_000,
  communities: [{ id: 'c1', name: '春晖社区' }],
  ocid: 'ocds-sanshe-t1',
  needs: [
    {
      id: 'n1',
      title: '独居老人需要探访',
      categoryCode: 'elderly.home_care',
      communityName: '春晖社区',
      upvotes: 7,
      status: 'addressed',
      postedAt: '2026-01-01T00:00:00Z',
    },
  ],
  tender: {
    id: 't1',
    title: '高龄老人居家探访',
    method: 'competitive_consultation',
    status: 'contracted',
    budgetFen: 25_000_000,
    publishedAt: '2026-01-01T00:00:00Z',
    bidDeadline: '2026-01-10T00:00:00Z',
    numberOfBids: 3,
    winner: { organizationId: 'o1', name: '阳光居家养老服务中心', priceFen: 24_000_000 },
  },
  contract: {
    id: 'k1',
    amountFen: 24_000_000,
    currency: 'CNY',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    signedAt: '2026-01-20T00:00:00Z',
  },
  milestones: [
    {
      id: 'm1',
      seq: 1,
      name: '首期',
      dueOn: '2026-03-01',
      amountFen: 7_200_000,
      status: 'pending',
      paidFen: 7_200_000,
      paidAt: '2026-03-02T00:00:00Z',
    },
    {
      id: 'm2',
      seq: 2,
      name: '终期',
      dueOn: '2026-10-01',
      amountFen: 16_800_000,
      status: 'planned',
      paidFen: 0,
      paidAt: null,
    },
  ],
  money: {
    committedFen: 24_000_000,
    paidFen: 7_200_000,
    payments: [
      {
        id: 'd1',
        kind: 'milestone',
        amountFen: 7_200_000,
        currency: 'CNY',
        paidAt: '2026-03-02T00:00:00Z',
        milestoneSeq: 1,
      },
    ],
  },
  hoursByMonth: [{ month: '2026-02', hours: 2, records: 1 }],
  beneficiaries: { confirmed: 2, anonymous: 1 },
  ratings: {
    count: 2,
    average: 3.33,
    distribution: [0, 1, 0, 0, 1],
  },
};
const reply = (id: string, text: string) => ({
  id,
  comment: '很耐心',
  reply: text,
  score: 4.67,
  ratedAt: '2026-02-03T00:00:00Z',
});

/** Answers the first page of the replies: one, and a cursor when `more`. */
const replies = (backend: HttpTestingController, more = false) =>
  backend
    .expectOne((r) => r.url === '/api/public/projects/p1/replies' && !r.params.has('cursor'))
    .flush({ items: [reply('r1', '感谢肯定')], nextCursor: more ? 'c2' : null, links: { next: null } });

describe('PublicProject', () => {
  let fixture: ComponentFixture<PublicProject>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    configurePage();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PublicProject);
    fixture.componentRef.setInput('id', 'p1');
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('tells the story from need to money and links to the OCDS record', async () => {
    backend.expectOne('/api/public/projects/p1').flush(PROJECT);
    replies(backend);
    await stable(fixture);

    expect(page.text('public-project-title')).toBe('高龄老人居家探访');
    expect(page.text('public-project-needs')).toContain('7 人附议');
    expect(page.text('public-project-winner')).toBe('阳光居家养老服务中心 · ¥240,000.00');
    expect(page.text('public-milestone-1')).toContain('已拨付');
    expect(page.text('public-milestone-2')).toContain('待完成');
    expect(page.text('public-project-paid')).toBe('¥72,000.00');
    expect(page.text('public-project-hours')).toContain('2 小时 · 1 次服务');
    expect(page.text('public-project-beneficiaries')).toBe('2 位居民确认受益，另有 1 人次匿名服务');
    expect(page.text('public-project-rating-average')).toBe('平均 3.33 分（2 条评价）');
    expect(page.text('public-project-ratings')).toContain('感谢肯定');
    expect(page.el<HTMLAnchorElement>('public-project-ocds')?.getAttribute('href')).toBe(
      '/api/ocds/records/ocds-sanshe-t1',
    );
  });

  it("pages through the organization's replies", async () => {
    backend.expectOne('/api/public/projects/p1').flush(PROJECT);
    replies(backend, true);
    await stable(fixture);
    expect(page.all('public-project-reply')).toHaveLength(1);
    page.click('public-project-replies-more');
    await fixture.whenStable();
    const next = backend.expectOne(
      (r) => r.url === '/api/public/projects/p1/replies' && r.params.get('cursor') === 'c2',
    );
    next.flush({ items: [reply('r2', '已改进送餐时间')], nextCursor: null, links: { next: null } });
    await stable(fixture);
    expect(page.all('public-project-reply')).toHaveLength(2);
    expect(page.text('public-project-ratings')).toContain('已改进送餐时间');
    expect(page.el('public-project-replies-more')).toBeNull();
  });

  it('says a direct commission had no tender and offers no OCDS record', async () => {
    backend.expectOne('/api/public/projects/p1').flush({ ...PROJECT, ocid: null, tender: null, needs: [] });
    replies(backend);
    await stable(fixture);

    expect(page.text('public-project-tender')).toContain('项目委托，未经招标');
    expect(page.el('public-project-ocds')).toBeNull();
  });

  it('shows "not found" for an unknown project', async () => {
    backend
      .expectOne('/api/public/projects/p1')
      .flush({ code: 'resource.not_found' }, { status: 404, statusText: 'Not Found' });
    backend
      .expectOne('/api/public/projects/p1/replies')
      .flush({ code: 'resource.not_found' }, { status: 404, statusText: 'Not Found' });
    await stable(fixture);

    expect(page.el('public-project-missing')).not.toBeNull();
  });
});
