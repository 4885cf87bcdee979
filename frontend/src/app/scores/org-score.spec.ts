import { Directive, input } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { NgxEchartsDirective } from 'ngx-echarts';
import type { OrganizationScoreDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { configurePage, dom, stable } from '../testing/page-testing';
import { OrgScore } from './org-score';
import { V2_EXAMPLE, WORKED_EXAMPLE } from './score-explanation.spec';

/** Stands in for the ECharts directive (jsdom draws nothing): keeps the options the page hands it. */
// eslint-disable-next-line @angular-eslint/directive-selector -- the selector of the directive it replaces
@Directive({ selector: '[echarts]' })
class FakeChart {
  readonly options = input<Record<string, unknown> | null>(null);
}

const NO_INCENTIVES = { organizationId: 'o1', badge: null, bar: null, decisions: [] };

const SCORE: OrganizationScoreDto = {
  organizationId: 'o1',
  organizationName: '阳光居家养老服务中心',
  homeStreetId: 's1',
  homeStreetName: '阳光街道',
  current: WORKED_EXAMPLE,
  history: [
    {
      periodEnd: '2026-04-30',
      formulaVersion: 'v1',
      score: 58.1,
      tier: 'D',
      indicators: WORKED_EXAMPLE.indicators,
    },
    {
      periodEnd: '2026-05-31',
      formulaVersion: 'v1',
      score: 60.4,
      tier: 'C',
      indicators: WORKED_EXAMPLE.indicators,
    },
    {
      periodEnd: '2026-06-30',
      formulaVersion: 'v1',
      score: 62.77,
      tier: 'C',
      indicators: WORKED_EXAMPLE.indicators,
    },
  ],
  formulaChange: null,
};

describe('OrgScore', () => {
  let fixture: ComponentFixture<OrgScore>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  const charts = () =>
    fixture.debugElement
      .queryAll(By.directive(FakeChart))
      .map((d) => d.injector.get(FakeChart).options() as { series: { data: number[] }[] });
  const rows = (testId: string) =>
    [...(page.el(testId)?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.children].map((c) => c.textContent?.trim()),
    );

  beforeEach(async () => {
    configurePage();
    TestBed.overrideComponent(OrgScore, {
      remove: { imports: [NgxEchartsDirective] },
      add: { imports: [FakeChart] },
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OrgScore);
    fixture.componentRef.setInput('id', 'o1');
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
  });

  afterEach(async () => {
    // The incentives panel of a scored page asks for its summary and its decisions; the test above
    // checks it.
    for (const req of backend.match('/api/organizations/o1/incentives')) req.flush(NO_INCENTIVES);
    await stable(fixture);
    for (const req of backend.match((r) => r.url === '/api/organizations/o1/incentive-decisions'))
      req.flush({ items: [], nextCursor: null });
    backend.verify();
  });

  it('is public: shows the score, tier, why in plain words, and each chart’s numbers in a table', async () => {
    const req = backend.expectOne('/api/organizations/o1/score');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(SCORE);
    await stable(fixture);

    expect(page.text('score-title')).toBe('阳光居家养老服务中心 的绩效评分');
    expect(page.text('score-value')).toBe('62.77');
    expect(decodeURIComponent(page.el('score-leaderboard-link')?.getAttribute('href') ?? '')).toBe(
      '/leaderboard?street=s1',
    );
    expect(page.el('score-headline')?.querySelector('[data-testid="tier-tag"]')?.textContent).toContain(
      '绩效 C 级',
    );
    expect(page.text('score-summary')).toContain('总分 62.77，C 级');
    expect(page.text('score-summary')).toContain('再提高 7.23 分即可达到 B 级（70 分）。');
    const sentences = [...page.el('score-sentences')!.querySelectorAll('li')].map((li) =>
      li.textContent?.trim(),
    );
    expect(sentences).toHaveLength(5);
    expect(sentences[0]).toBe(
      '履约 65/100：合同约定 100 小时中已审核通过 50 小时（50%），1 个到期付款节点中 1 个按时申请。',
    );
    expect(page.text('score-extremes')).toBe('最强项：满意度（77.1）。 最弱项：覆盖（35）。');
    expect(page.el('score-improvements')?.querySelectorAll('li')).toHaveLength(3);

    // The breakdown: indicator, score, weight, points, with the total equal to the score.
    expect(rows('score-breakdown-table')).toEqual([
      ['履约', '65', '30%', '19.5'],
      ['满意度', '77.08', '25%', '19.27'],
      ['合规', '75', '15%', '11.25'],
      ['能力', '50', '15%', '7.5'],
      ['覆盖', '35', '15%', '5.25'],
    ]);
    expect(page.el('score-breakdown-table')?.querySelector('tfoot')?.textContent).toContain('62.77');
    // History newest first in the table; oldest first in the chart.
    expect(rows('score-history-table')).toEqual([
      ['2026-06-30', '62.77', 'C'],
      ['2026-05-31', '60.4', 'C'],
      ['2026-04-30', '58.1', 'D'],
    ]);
    const [bars, line] = charts();
    expect(bars.series.map((s) => s.data)).toEqual([
      [65, 77.08, 75, 50, 35],
      [30, 25, 15, 15, 15],
    ]);
    expect(line.series[0].data).toEqual([58.1, 60.4, 62.77]);
    expect(
      fixture.nativeElement.querySelector('[echarts][role="img"][aria-describedby="score-breakdown-table"]'),
    ).not.toBeNull();
    // The incentive decisions, from their own endpoint.
    backend.expectOne('/api/organizations/o1/incentives').flush(NO_INCENTIVES);
    await stable(fixture);
    expect(page.el('score-incentives')?.querySelector('[data-testid="incentives-panel"]')).not.toBeNull();
  });

  it('switches the explanation with the language', async () => {
    backend.expectOne('/api/organizations/o1/score').flush(SCORE);
    await stable(fixture);
    TestBed.inject(I18n).setLang('en-US');
    await fixture.whenStable();
    expect(page.el('score-sentences')?.querySelector('li')?.textContent?.trim()).toBe(
      'Delivery 65/100: 50 of 100 contracted hours approved (50%), 1 of 1 milestones requested on time.',
    );
    expect(page.text('score-extremes')).toBe('Strongest: Satisfaction (77.1). Weakest: Reach (35).');
  });

  it('shows the v1 → v2 formula change: the last v1 snapshot beside the first v2 one, with the reasons', async () => {
    backend.expectOne('/api/organizations/o1/score').flush({
      ...SCORE,
      current: V2_EXAMPLE,
      history: [{ ...SCORE.history[2], periodEnd: '2026-07-01', formulaVersion: 'v2', score: 61.01 }],
      formulaChange: { previous: WORKED_EXAMPLE, next: V2_EXAMPLE },
    });
    await stable(fixture);
    expect(page.text('score-formula-change-summary')).toBe(
      '评分公式由 v1 改为 v2：最后一次 v1 评分 62.77 分（C 级，截至 2026-06-30），第一次 v2 评分 61.01 分（C 级，截至 2026-07-01），变化 −1.76。',
    );
    expect(rows('score-formula-change-table')).toEqual([
      ['履约', '65', '53'],
      ['满意度', '77.08', '77.71'],
      ['合规', '75', '53.75'],
      ['能力', '50', '62.5'],
      ['覆盖', '35', '55'],
    ]);
    const reasons = [...page.el('score-formula-change-reasons')!.querySelectorAll('li')].map((li) =>
      li.textContent?.trim(),
    );
    expect(reasons[4]).toBe('覆盖 35 → 55（+20）：v2 计入回应的需求（2 项，每项 10 分）。');
    // The current score's explanation is v2's, naming the new inputs.
    expect(page.el('score-sentences')?.querySelector('[data-indicator="capacity"]')?.textContent).toContain(
      '留任：统计期开始时在岗的 4 名成员中 3 名仍在岗。',
    );
    TestBed.inject(I18n).setLang('en-US');
    await fixture.whenStable();
    expect(page.text('score-formula-change-summary')).toContain('The score formula changed from v1 to v2');
  });

  it('shows no formula change to an organization first scored under v2', async () => {
    backend.expectOne('/api/organizations/o1/score').flush(SCORE);
    await stable(fixture);
    expect(page.el('score-formula-change')).toBeNull();
  });

  it('says when the organization is not scored yet', async () => {
    backend.expectOne('/api/organizations/o1/score').flush({ ...SCORE, current: null, history: [] });
    await stable(fixture);
    expect(page.el('score-none')).not.toBeNull();
    expect(page.el('score-why')).toBeNull();
    expect(charts()).toEqual([]);
  });

  it('says so for an unknown or unverified organization', async () => {
    backend
      .expectOne('/api/organizations/o1/score')
      .flush(
        { code: 'resource.not_found', message: 'Organization not found' },
        { status: 404, statusText: 'Not Found' },
      );
    await stable(fixture);
    expect(page.el('score-missing')).not.toBeNull();
  });
});
