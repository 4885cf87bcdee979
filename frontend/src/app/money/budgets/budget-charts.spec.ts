import { budgetSummary } from '../../testing/money';
import { contractsOption, partition, partitionOption, percent } from './budget-charts';

const text = {
  label: (part: string) => `<${part}>`,
  money: (fen: number) => `${fen} fen`,
  axis: (yuan: number) => `${yuan / 1000}K`,
  description: 'the budget in words',
  animate: true,
};

describe('budget charts', () => {
  it('splits the allocation into paid, committed and available, with shares', () => {
    expect(partition(budgetSummary())).toEqual([
      { part: 'paid', fen: 7_200_000, share: '7.2%' },
      { part: 'committed', fen: 16_800_000, share: '16.8%' },
      { part: 'available', fen: 76_000_000, share: '76.0%' },
    ]);
    expect(percent(1, 0)).toBe('—');
    expect(percent(1, 3)).toBe('33.3%');
  });

  it('draws the partition as a donut in yuan, described for screen readers', () => {
    const option = partitionOption(budgetSummary(), text) as {
      aria: { label: { description: string } };
      series: { type: string; data: { name: string; value: number }[] }[];
      tooltip: { formatter: (p: unknown) => string };
    };
    expect(option.aria.label.description).toBe('the budget in words');
    expect(
      (partitionOption(budgetSummary(), { ...text, animate: false }) as { animation: boolean }).animation,
    ).toBe(false);
    expect(option.series[0].type).toBe('pie');
    expect(option.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ['<paid>', 72_000],
      ['<committed>', 168_000],
      ['<available>', 760_000],
    ]);
    // The tooltip shows exact money again (yuan back to fen without float drift).
    expect(option.tooltip.formatter({ name: '<paid>', value: 1234.56, percent: 7.2 })).toBe(
      '<paid>: 123456 fen (7.2%)',
    );
  });

  it('stacks each contract: paid, then what it still holds', () => {
    const summary = budgetSummary({
      contracts: [
        ...budgetSummary().contracts,
        {
          contractId: 'k2',
          title: '翠园社区助餐',
          organizationName: '乙机构',
          amountFen: 500_000,
          paidFen: 0,
          committedFen: 500_000,
        },
      ],
    });
    const option = contractsOption(summary, text) as {
      xAxis: { axisLabel: { formatter: (v: number) => string } };
      yAxis: { data: string[] };
      series: { name: string; stack: string; data: number[] }[];
    };
    expect(option.yAxis.data).toEqual(['翠园社区助餐', '春晖社区居家养老上门服务']);
    expect(option.xAxis.axisLabel.formatter(50_000)).toBe('¥50K');
    expect(option.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['<paid>', 'contract', [0, 72_000]],
      ['<committed>', 'contract', [5_000, 168_000]],
    ]);
  });
});
