import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { of } from 'rxjs';
import type { RoundDto } from '../../api/models';
import { configurePage, dom, pick, signedInAs, stable } from '../../testing/page-testing';
import { RoundView } from './round-view';

const round: RoundDto = {
  id: 'r1',
  title: '春季社区微项目',
  description: '社区基金拿出十万元，由居民投票决定资助哪些小项目。',
  communityId: 'c1',
  communityName: '春晖社区',
  method: 'approval',
  phase: 'submissions',
  status: 'open',
  budgetFen: 100_000,
  capFen: 60_000,
  awardedFen: 0,
  awardedAt: null,
  countedAt: null,
  canManage: false,
  canVote: false,
  votedByMe: false,
  voterCount: 0,
  submissionCount: 0,
  submissions: [],
  submissionsOpenAt: '2026-12-01T00:00:00Z',
  submissionsCloseAt: '2026-12-20T00:00:00Z',
  votingOpensAt: '2026-12-20T00:00:00Z',
  votingClosesAt: '2026-12-30T00:00:00Z',
};

describe('RoundView submission form', () => {
  it('lets an org admin submit one of their projects, every field labelled, within the cap', async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'org_admin', organizationId: 'o1' }]);
    TestBed.overrideProvider(ActivatedRoute, { useValue: { paramMap: of(convertToParamMap({ id: 'r1' })) } });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RoundView);
    const page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/participatory-rounds/r1').flush(round);
    await stable(fixture);
    backend.expectOne('/api/participatory-rounds/r1/submittable-projects').flush([
      {
        id: 'p1',
        title: '高龄老人居家探访',
        organizationId: 'o1',
        organizationName: '阳光',
        filedOnly: false,
      },
    ]);
    await stable(fixture);

    for (const id of ['pb-project', 'pb-sub-title', 'pb-sub-description', 'pb-sub-amount'])
      expect(fixture.nativeElement.querySelector(`label[for="${id}"]`)).not.toBeNull();
    expect(fixture.nativeElement.querySelector('label[for="pb-sub-amount"]').textContent).toContain('600.00');

    // Nothing goes out while a field is missing.
    page.click('pb-submit');
    await stable(fixture);
    backend.expectNone('/api/participatory-rounds/r1/submissions');

    pick(fixture, 'pb-submit-project', 'p1');
    page.type('pb-submit-title', '楼道照明');
    page.type('pb-submit-description', '为3号楼楼道更换声控照明灯。');
    page.type('pb-submit-amount', '200');
    page.click('pb-submit');
    await stable(fixture);
    const req = backend.expectOne('/api/participatory-rounds/r1/submissions');
    expect(req.request.body).toEqual({
      projectId: 'p1',
      title: '楼道照明',
      description: '为3号楼楼道更换声控照明灯。',
      amountFen: 20_000,
    });
    req.flush({ code: 'validation.failed', message: 'x' }, { status: 400, statusText: 'Bad Request' });
    await stable(fixture);
    expect(page.el('pb-submit-error')).not.toBeNull();
    backend.verify();
  });
});

describe('RoundView eligibility', () => {
  const submission = {
    id: 's1',
    title: '楼道照明',
    description: '为3号楼楼道更换声控照明灯。',
    amountFen: 20_000,
    approvals: null,
    eligibility: 'pending',
    grant: null,
    ineligibleReason: null,
    organizationId: 'o1',
    organizationName: '阳光',
    projectId: 'p1',
    projectTitle: '高龄老人居家探访',
    submittedAt: '2026-12-05T00:00:00Z',
    winner: null,
  } as const;

  it('lets the manager mark a submission ineligible, only with a reason', async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'community_staff', regionId: 'c1' }]);
    TestBed.overrideProvider(ActivatedRoute, { useValue: { paramMap: of(convertToParamMap({ id: 'r1' })) } });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RoundView);
    const page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend
      .expectOne('/api/participatory-rounds/r1')
      .flush({ ...round, canManage: true, submissions: [submission], submissionCount: 1 });
    await stable(fixture);

    page.click('pb-mark-ineligible');
    await stable(fixture);
    // Without a reason nothing goes out.
    page.click('pb-mark-ineligible-confirm');
    await stable(fixture);
    backend.expectNone('/api/participatory-submissions/s1/eligibility');

    page.type('pb-mark-ineligible-reason', '项目不在本社区');
    page.click('pb-mark-ineligible-confirm');
    await stable(fixture);
    const req = backend.expectOne('/api/participatory-submissions/s1/eligibility');
    expect(req.request.body).toEqual({ eligible: false, reason: '项目不在本社区' });
    req.flush({ ...round, canManage: true, submissions: [{ ...submission, eligibility: 'ineligible' }] });
    await stable(fixture);
    expect(page.el('pb-mark-ineligible-reason')).toBeNull();
    backend.verify();
  });
});
