import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { of } from 'rxjs';
import type { PanelDto, TenderDto } from '../../api/models';
import {
  awaitConfirmation,
  configurePage,
  dom,
  FakeAuth,
  flushReference,
  pick,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { contract, results, tender } from '../../testing/procurement';
import { complaint } from './office/step-testing';
import { TenderNotice } from './tender-notice';

describe('TenderNotice', () => {
  let fixture: ComponentFixture<TenderNotice>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  let auth: FakeAuth;

  function setUp(signIn?: (auth: FakeAuth) => void) {
    auth = configurePage();
    signIn?.(auth);
    TestBed.overrideProvider(ActivatedRoute, { useValue: { paramMap: of(convertToParamMap({ id: 't1' })) } });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TenderNotice);
    page = dom(fixture.nativeElement);
  }

  /**
   * Opens the notice; the office's console, where it shows, asks for the panel and its draws
   * (evaluationPanel, evaluationDraws).
   */
  async function open(
    t: TenderDto,
    enquiries: unknown[] = [],
    panel: PanelDto = { members: [], vacancies: [], poolSize: 1, eligible: 1 },
    draws: unknown[] = [],
  ) {
    await fixture.whenStable();
    await flushReference(backend);
    backend.expectOne('/api/tenders/t1').flush(t);
    backend.expectOne('/api/tenders/t1/enquiries').flush(enquiries);
    await stable(fixture);
    for (const req of backend.match((r) => r.method === 'GET' && r.url === '/api/tenders/t1/panel'))
      req.flush(panel);
    for (const req of backend.match((r) => r.method === 'GET' && r.url === '/api/tenders/t1/panel/draws'))
      req.flush(draws);
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('shows the public notice with tendersGet and tendersEnquiries: terms, amendments, answers', async () => {
    setUp();
    await open(
      tender({
        amendments: [
          {
            id: 'a1',
            summary: '延长截止时间',
            deadlineExtendedTo: '2099-01-09T00:00:00Z',
            createdAt: '2026-11-22T00:00:00Z',
          },
        ],
      }),
      [
        {
          id: 'e1',
          question: '是否需要提供餐车？',
          answer: '不需要',
          answeredAt: '2026-11-22T00:00:00Z',
          createdAt: '2026-11-21T00:00:00Z',
        },
      ],
    );
    expect(page.text('tender-title')).toBe('春晖社区居家养老服务');
    expect(page.el('tender-status')?.dataset['status']).toBe('published');
    expect(page.text('tender-ceiling')).toBe('¥500,000.00');
    expect(page.text('tender-bid-count')).toBe('2');
    // A criterion reads by its name and weight; its key is the API's, not the reader's.
    expect(page.text('tender-weights')).toContain('服务方案 40%');
    expect(page.text('tender-weights')).not.toContain('plan');
    expect(page.text('tender-milestone-plan')).toContain('首期：30%');
    expect(page.text('tender-milestone-plan')).toContain('结项：70%，开始后 365 天，验收需 1 份成果材料');
    expect(page.text('tender-amendments')).toContain('延长截止时间');
    expect(page.text('tender-enquiries')).toContain('不需要');
    expect(page.el('tender-office')).toBeNull();
    expect(page.el('tender-bid-link')).toBeNull();
  });

  it("shows results, the drawn panel's seed and the contract with its milestones once contracted", async () => {
    setUp();
    const draw = {
      seq: 1,
      seed: 'ab'.repeat(32),
      candidates: ['u1', 'u2', 'u3'],
      drawn: ['u3', 'u1'],
      replaced: [],
      reason: null,
      drawnAt: '2026-12-01T02:00:00Z',
    };
    await open(tender({ status: 'contracted' }), [], undefined, [draw]);
    backend.expectOne('/api/tenders/t1/results').flush(results());
    backend.expectOne('/api/tenders/t1/contract').flush(contract());
    await stable(fixture);
    expect(page.all('result-row').map((r) => r.dataset['org'])).toEqual(['阳光居家养老服务中心']);
    expect(page.text('contract-amount')).toBe('¥450,000.00');
    expect(page.all('contract-milestone').map((m) => m.dataset['name'])).toEqual(['首期', '结项']);
    expect(page.text('contract-milestones')).toContain('待付款');
    expect(page.text('tender-draw-seed')).toBe('ab'.repeat(32));
    expect(page.text('tender-draw')).toContain('从 3 名候选专家中抽取 2 人');
  });

  it('sends an organization admin to the bid form while the tender is open', async () => {
    setUp((a) =>
      signedInAs(a, [{ role: 'org_admin', organizationId: 'o1', scopeName: '阳光居家养老服务中心' }]),
    );
    await open(tender());
    expect(page.el('tender-bid-link')?.getAttribute('href')).toBe('/tenders/t1/bid');
  });

  it('sends an evaluator to the workspace while evaluating', async () => {
    setUp((a) => signedInAs(a, [{ role: 'evaluator', regionId: 's1' }]));
    await open(tender({ status: 'evaluating' }));
    expect(page.el('tender-evaluate-link')?.getAttribute('href')).toBe('/tenders/t1/evaluation');
  });

  describe('for the street officer', () => {
    beforeEach(() =>
      setUp((a) => signedInAs(a, [{ role: 'street_officer', regionId: 's1', scopeName: '阳光街道' }])),
    );

    it('publishes a draft with tendersPublish and lists every problem the server names', async () => {
      await open(tender({ status: 'draft', publishedAt: null }));
      expect(page.el('office-edit')?.getAttribute('href')).toBe('/tenders/t1/edit');
      page.click('office-publish');
      const confirm = await awaitConfirmation(fixture);
      expect(confirm.text).toContain('发布不能撤回');
      confirm.confirm();
      await stable(fixture);
      backend
        .expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/publish')
        .flush(
          {
            code: 'validation.failed',
            message: 'The tender cannot be published',
            details: {
              problems: [
                'milestone shares add up to 70 %, not 100 %',
                'the bid deadline must be in the future',
              ],
            },
          },
          { status: 400, statusText: 'Bad Request' },
        );
      await stable(fixture);
      expect(page.all('office-problem').map((p) => p.textContent?.trim())).toEqual([
        'milestone shares add up to 70 %, not 100 %',
        'the bid deadline must be in the future',
      ]);
    });

    it('cancels only once confirmed, with the tender and the reason stated', async () => {
      await open(tender({ status: 'draft', publishedAt: null }));
      page.click('office-cancel');
      await stable(fixture);
      page.type('office-cancel-reason', '  需求已由街道统一安排  ');
      page.click('office-cancel-confirm');
      let confirm = await awaitConfirmation(fixture);
      expect(confirm.text).toContain('需求已由街道统一安排');
      expect(confirm.text).toContain('招标不能恢复');
      confirm.dismiss();
      await stable(fixture);
      backend.expectNone('/api/tenders/t1/cancellation');
      document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));

      page.click('office-cancel-confirm');
      confirm = await awaitConfirmation(fixture);
      confirm.confirm();
      await stable(fixture);
      const req = backend.expectOne((r) => r.method === 'POST' && r.url.startsWith('/api/tenders/t1/'));
      expect(req.request.body).toEqual({ reason: '需求已由街道统一安排' });
    });

    it('answers an unanswered enquiry with tendersAnswer', async () => {
      await open(tender(), [
        {
          id: 'e1',
          question: '是否需要餐车？',
          answer: null,
          answeredAt: null,
          createdAt: '2026-11-21T00:00:00Z',
        },
      ]);
      page.click('enquiry-answer');
      await fixture.whenStable();
      page.type('enquiry-answer-text', '不需要，由街道提供');
      page.click('enquiry-answer-submit');
      await fixture.whenStable();
      const req = backend.expectOne('/api/tenders/t1/enquiries/e1/answer');
      expect(req.request.body).toEqual({ answer: '不需要，由街道提供' });
      req.flush({
        id: 'e1',
        question: '是否需要餐车？',
        answer: '不需要，由街道提供',
        answeredAt: '2026-11-22T00:00:00Z',
        createdAt: '2026-11-21T00:00:00Z',
      });
      await stable(fixture);
      expect(page.text('tender-enquiries')).toContain('由街道提供');
    });

    it('shows the panel in the office console while the tender is open, and offers the random draw', async () => {
      await open(tender(), [], {
        members: [
          {
            userId: 'e0',
            displayName: '王专家',
            declaredNoConflictAt: '2026-11-22T00:00:00Z',
            scored: false,
          },
        ],
        vacancies: [],
        poolSize: 4,
        eligible: 3,
      });
      expect(page.text('office-panel-list')).toContain('王专家');
      expect(page.el('panel-pool')?.dataset['eligible']).toBe('3');
    });

    it('awards with evaluationAward and says how many score sheets are missing', async () => {
      await open(tender({ status: 'evaluating' }));
      backend.expectOne('/api/tenders/t1/results').flush(
        results({
          awardedBidId: null,
          standstillEndsAt: null,
          ranking: [{ ...results().ranking[0], status: 'opened' }],
        }),
      );
      await stable(fixture);
      page.click('office-award');
      const confirm = await awaitConfirmation(fixture);
      expect(confirm.text).toContain('阳光居家养老服务中心');
      confirm.confirm();
      await stable(fixture);
      backend.expectOne('/api/tenders/t1/award').flush(
        {
          code: 'state.invalid_transition',
          message: '2 score sheet(s) are still missing',
          details: { missing: 2 },
        },
        { status: 409, statusText: 'Conflict' },
      );
      await stable(fixture);
      expect(page.text('office-error')).toContain('2 份评分表');
    });

    it('disqualifies a bid with a reason through evaluationDisqualify', async () => {
      await open(tender({ status: 'evaluating' }));
      backend
        .expectOne('/api/tenders/t1/results')
        .flush(results({ ranking: [{ ...results().ranking[0], status: 'opened' }] }));
      await stable(fixture);
      page.click('office-disqualify');
      await fixture.whenStable();
      page.type('office-disqualify-reason', '资质材料不全');
      page.click('office-disqualify-confirm');
      await fixture.whenStable();
      const req = backend.expectOne('/api/bids/b1/disqualify');
      expect(req.request.body).toEqual({ reason: '资质材料不全' });
      req.flush(null, { status: 204, statusText: 'No Content' });
      await stable(fixture);
      // The notice reloads after each step.
      backend.expectOne('/api/tenders/t1').flush(tender({ status: 'evaluating' }));
      backend.expectOne('/api/tenders/t1/enquiries').flush([]);
      await stable(fixture);
      backend
        .expectOne('/api/tenders/t1/results')
        .flush(results({ ranking: [], disqualified: [{ ...results().ranking[0], status: 'disqualified' }] }));
      await stable(fixture);
      expect(page.el('result-disqualified')?.dataset['org']).toBe('阳光居家养老服务中心');
    });

    it('decides complaints and creates the contract, explaining a short budget', async () => {
      await open(tender({ status: 'standstill' }));
      backend.expectOne('/api/tenders/t1/complaints').flush([complaint()]);
      backend.expectOne('/api/tenders/t1/results').flush(results());
      await stable(fixture);

      page.click('office-complaint-dismiss');
      await fixture.whenStable();
      page.type('office-complaint-reason', '评分程序合规');
      page.click('office-complaint-confirm');
      await fixture.whenStable();
      const decision = backend.expectOne('/api/complaints/q1/decision');
      expect(decision.request.body).toEqual({ uphold: false, reason: '评分程序合规' });
      decision.flush(complaint({ status: 'dismissed', decisionReason: '评分程序合规' }));
      await stable(fixture);
      backend.expectOne('/api/tenders/t1').flush(tender({ status: 'standstill' }));
      backend.expectOne('/api/tenders/t1/enquiries').flush([]);
      await stable(fixture);
      backend.expectOne('/api/tenders/t1/results').flush(results());
      backend.expectOne('/api/tenders/t1/complaints').flush([]);
      await stable(fixture);

      pick(fixture, 'office-contract-start', '2026-12-01');
      pick(fixture, 'office-contract-end', '2027-11-30');
      page.click('office-contract-submit');
      await fixture.whenStable();
      const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/contract');
      expect(req.request.body).toEqual({ startsOn: '2026-12-01', endsOn: '2027-11-30' });
      req.flush(
        {
          code: 'budget.insufficient',
          message: 'The 2026 budget has 100 fen available',
          details: { availableFen: 100 },
        },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
      await stable(fixture);
      expect(page.text('office-error')).toContain('¥1.00');
    });
  });
});
