import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideEchartsCore } from 'ngx-echarts';
import { budgetSummary } from '../../testing/money';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { Budget } from './budget';

/** ECharts stands in: jsdom draws nothing, so the test reads the options the page hands it. */
const drawn: { dom: HTMLElement; options: Record<string, unknown>; renderer?: string }[] = [];
const fakeEcharts = {
  init: (element: HTMLElement, _theme: unknown, opts?: { renderer?: string }) => {
    const chart = { dom: element, options: {}, renderer: opts?.renderer };
    drawn.push(chart);
    return {
      setOption: (options: Record<string, unknown>) => (chart.options = options),
      isDisposed: () => false,
      dispose: () => undefined,
      resize: () => undefined,
      on: () => undefined,
      off: () => undefined,
    };
  },
};

/** jsdom has no ResizeObserver; ngx-echarts needs one to exist (nothing is resized here). */
class NoResizeObserver {
  observe = () => undefined;
  unobserve = () => undefined;
  disconnect = () => undefined;
}

describe('Budget', () => {
  let fixture: ComponentFixture<Budget>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  const year = new Date().getFullYear();

  beforeAll(() => {
    (window as { ResizeObserver?: unknown }).ResizeObserver ??= NoResizeObserver;
  });

  async function start(role: 'street_finance' | 'street_officer' | 'street_director') {
    drawn.length = 0;
    const auth = configurePage();
    TestBed.configureTestingModule({ providers: [provideEchartsCore({ echarts: fakeEcharts })] });
    signedInAs(auth, [{ role, regionId: 's1', scopeName: '阳光街道' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Budget);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne(`/api/streets/s1/budget?year=${year}`).flush(budgetSummary());
    await stable(fixture);
    await new Promise((resolve) => setTimeout(resolve)); // the charts start on the next tick
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('shows the year with ledgerSummary as text: allocated, paid, committed, available; officers cannot allocate', async () => {
    await start('street_officer');
    expect(page.text('budget-allocated')).toContain('¥1,000,000.00');
    expect(page.text('budget-paid')).toContain('¥72,000.00');
    expect(page.text('budget-paid')).toContain('7.2%');
    expect(page.text('budget-committed')).toContain('¥168,000.00');
    expect(page.text('budget-available')).toContain('¥760,000.00');
    expect(page.el('budget-allocate-form')).toBeNull();
  });

  it('breaks the year down per contract, in a table', async () => {
    await start('street_director');
    const rows = page.all('budget-contract');
    expect(rows).toHaveLength(1);
    expect(rows[0].getAttribute('data-contract')).toBe('春晖社区居家养老上门服务');
    expect(rows[0].textContent).toContain('阳光居家养老服务中心');
    expect(rows[0].textContent).toContain('¥240,000.00');
    expect(page.text('budget-contract-paid')).toBe('¥72,000.00');
    expect(page.text('budget-contract-committed')).toBe('¥168,000.00');
    expect(rows[0].textContent).toContain('30.0%');
  });

  it('draws the partition and the contracts with ECharts (SVG), described in words', async () => {
    await start('street_finance');
    const chart = (testId: string) => drawn.find((c) => c.dom.getAttribute('data-testid') === testId);
    expect(drawn).toHaveLength(2);
    expect(drawn.every((c) => c.renderer === 'svg')).toBe(true);
    expect((chart('budget-contracts-chart')?.options as { yAxis: { data: string[] } }).yAxis.data).toEqual([
      '春晖社区居家养老上门服务',
    ]);
    const pie = chart('budget-partition-chart')?.options as {
      aria: { label: { description: string } };
      series: { data: { name: string; value: number }[] }[];
    };
    expect(pie.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ['已支付', 72_000],
      ['已承诺未支付', 168_000],
      ['可用', 760_000],
    ]);
    expect(pie.aria.label.description).toBe(
      `${year} 年预算 ¥1,000,000.00：已支付 ¥72,000.00，已承诺未支付 ¥168,000.00，可用 ¥760,000.00。`,
    );
  });

  it('lets street finance allocate with ledgerAllocate, the amount in exact fen', async () => {
    await start('street_finance');
    page.type('budget-amount', '200000.07');
    page.type('budget-reference', 'YG-2026-001');
    page.click('budget-allocate');
    await fixture.whenStable();
    const req = backend.expectOne('/api/streets/s1/budget/allocations');
    expect(req.request.body).toEqual({ year, amountFen: 20000007, reference: 'YG-2026-001' });
    req.flush(budgetSummary({ allocatedFen: 120_000_007, availableFen: 96_000_007 }));
    await stable(fixture);
    expect(page.text('budget-available')).toContain('¥960,000.07');
  });
});
