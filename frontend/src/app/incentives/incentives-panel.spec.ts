import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { IncentiveDecisionDto, OrganizationIncentivesDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { configurePage, dom, stable } from '../testing/page-testing';
import { IncentivesPanel } from './incentives-panel';

const BADGE: IncentiveDecisionDto = {
  id: 'd-badge',
  action: 'badge',
  subject: '2026-11',
  outcome: 'applied',
  explanation: 'Tier A for 2 consecutive months (…): tier A badge for 2026-11 and the following month.',
  effectiveFrom: '2026-11-30',
  effectiveUntil: '2026-12-31',
  amountFen: null,
  disbursementId: null,
  rule: { tier: 'A', consecutiveMonths: 2, action: 'badge', bonusShareBp: null, barMonths: null },
  evidence: {
    months: [
      { month: '2026-10', tier: 'A', score: 86 },
      { month: '2026-11', tier: 'A', score: 88.2 },
    ],
  },
  decidedAt: '2026-11-30T02:00:00.000Z',
};

const BONUS: IncentiveDecisionDto = {
  ...BADGE,
  id: 'd-bonus',
  action: 'bonus',
  subject: 'contract-1',
  effectiveUntil: null,
  amountFen: 360_000,
  disbursementId: 'disb-1',
  explanation: 'English bonus explanation',
  rule: { tier: 'A', consecutiveMonths: 1, action: 'bonus', bonusShareBp: 500 },
  evidence: { months: [{ month: '2026-11', score: 88.2 }], milestoneAmountFen: 7_200_000 },
};

const BAR: IncentiveDecisionDto = {
  ...BADGE,
  id: 'd-bar',
  action: 'bar',
  effectiveFrom: '2026-11-15',
  effectiveUntil: '2027-05-15',
  explanation: 'Tier D …: new bids barred for 6 months, until 2027-05-15.',
  rule: { tier: 'D', consecutiveMonths: 1, action: 'bar', barMonths: 6 },
  evidence: { months: [{ month: '2026-11', tier: 'D', score: 51 }] },
};

describe('IncentivesPanel', () => {
  let fixture: ComponentFixture<IncentivesPanel>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  /** The panel with the organization's incentives and the first page of its decisions. */
  async function start(
    answer: OrganizationIncentivesDto | { status: number; body: object },
    decisions: IncentiveDecisionDto[] = [],
    nextCursor: string | null = null,
  ) {
    configurePage();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(IncentivesPanel);
    fixture.componentRef.setInput('organizationId', 'org-1');
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/org-1/incentives');
    if ('status' in answer) req.flush(answer.body, { status: answer.status, statusText: 'Error' });
    else req.flush(answer);
    backend
      .expectOne((r) => r.url === '/api/organizations/org-1/incentive-decisions')
      .flush({
        items: decisions,
        nextCursor,
      });
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('shows the badge in force with its months, and the history in the reader’s language', async () => {
    await start({ organizationId: 'org-1', badge: BADGE, bar: null }, [BONUS, BADGE]);
    expect(page.text('incentives-badge-tag')).toBe('A 级激励徽章');
    expect(page.text('incentives-badge-months')).toBe('依据：2026-10，2026-11');
    expect(page.el('incentives-bar')).toBeNull();
    const texts = page.all('incentive-decision-text').map((p) => p.textContent?.trim());
    expect(texts).toEqual([
      '2026-11 为 A 级（88.20 分）：从街道激励资金池奖励终期款（¥72,000.00）的 5.00%，计 ¥3,600.00，按常规流程审批。',
      '连续 2 个月 A 级（2026-10：86.00 分，2026-11：88.20 分）：获得 A 级激励徽章，有效期至 2026-12-31。',
    ]);

    TestBed.inject(I18n).setLang('en-US');
    await stable(fixture);
    expect(page.text('incentives-badge-tag')).toBe('Tier A badge');
    expect(page.all('incentive-decision-text')[1].textContent?.trim()).toBe(
      'Tier A for 2 consecutive months (2026-10: 86.00, 2026-11: 88.20): Tier A badge until 2026-12-31.',
    );
  });

  it('pages through older decisions with "load more", each shown once', async () => {
    await start({ organizationId: 'org-1', badge: BADGE, bar: null }, [BONUS], 'c2');
    page.click('incentives-more');
    const req = backend.expectOne((r) => r.url === '/api/organizations/org-1/incentive-decisions');
    expect(req.request.params.get('cursor')).toBe('c2');
    req.flush({ items: [BONUS, BADGE], nextCursor: null });
    await stable(fixture);
    expect(page.all('incentive-decision').map((li) => li.getAttribute('data-action'))).toEqual([
      'bonus',
      'badge',
    ]);
    expect(page.el('incentives-more')).toBeNull();
  });

  it('warns of a bar on new bids with its end date', async () => {
    await start({ organizationId: 'org-1', badge: null, bar: BAR }, [BAR]);
    expect(page.text('incentives-bar')).toContain('2027-05-15 之前不得参与新的投标');
    expect(page.el('incentives-badge')).toBeNull();
    expect(page.all('incentive-decision')[0].getAttribute('data-action')).toBe('bar');
  });

  it('falls back to the API explanation when the evidence is incomplete', async () => {
    const partial = { ...BONUS, evidence: { months: [{ month: '2026-11', score: 88.2 }] } };
    await start({ organizationId: 'org-1', badge: null, bar: null }, [partial]);
    expect(page.text('incentive-decision-text')).toBe('English bonus explanation');
    expect(page.text('incentives-none-in-force')).toBe('目前没有生效的徽章或投标限制。');
  });

  it('says when there is nothing yet, and shows an API error as sent', async () => {
    await start({ organizationId: 'org-1', badge: null, bar: null });
    expect(page.text('incentives-history-empty')).toBe('暂无激励记录。');
    TestBed.resetTestingModule();
    await start({ status: 404, body: { code: 'not_found', message: 'Organization org-1 not found' } });
    expect(page.text('incentives-error')).toBe('Organization org-1 not found');
  });
});
