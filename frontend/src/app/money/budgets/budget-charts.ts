import type { EChartsCoreOption } from 'echarts/core';
import type { BudgetSummaryDto } from '../../api/models';

export type Part = 'paid' | 'committed' | 'available';
export const PARTS: readonly Part[] = ['paid', 'committed', 'available'];

export const PART_COLORS: Record<Part, string> = {
  paid: '#52c41a',
  committed: '#1677ff',
  available: '#d9d9d9',
};

/** A share of a whole as a percentage with one decimal ('—' when the whole is zero). */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${((part / whole) * 100).toFixed(1)}%`;
}

/** The year's allocation in its three parts: paid, committed (not paid yet) and available. */
export function partition(s: BudgetSummaryDto): { part: Part; fen: number; share: string }[] {
  return PARTS.map((part) => {
    const fen = part === 'paid' ? s.paidFen : part === 'committed' ? s.committedFen : s.availableFen;
    return { part, fen, share: percent(fen, s.allocatedFen) };
  });
}

/** Fen as yuan for a chart's scale only: every figure shown as text is formatted from exact fen. */
const yuan = (fen: number) => fen / 100;

export interface ChartText {
  label: (part: Part) => string;
  money: (fen: number) => string;
  /** A yuan amount for an axis, short: '5万', '50K'. */
  axis: (yuan: number) => string;
  /** What a screen reader hears for the chart (the figures are on the page as text too). */
  description: string;
  /** False for readers who asked for reduced motion: the chart is drawn at once. */
  animate: boolean;
}

/** A donut of the allocation: paid, committed, available. */
export function partitionOption(s: BudgetSummaryDto, text: ChartText): EChartsCoreOption {
  return {
    animation: text.animate,
    aria: { enabled: true, label: { description: text.description } },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${p.name}: ${text.money(Math.round(p.value * 100))} (${p.percent}%)`,
    },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        avoidLabelOverlap: true,
        label: { show: false },
        data: partition(s).map(({ part, fen }) => ({
          name: text.label(part),
          value: yuan(fen),
          itemStyle: { color: PART_COLORS[part] },
        })),
      },
    ],
  };
}

/** One stacked bar per contract: what was paid and what it still holds. */
export function contractsOption(s: BudgetSummaryDto, text: ChartText): EChartsCoreOption {
  const contracts = [...s.contracts].reverse(); // the first contract on top
  const bar = (part: 'paid' | 'committed') => ({
    type: 'bar',
    stack: 'contract',
    name: text.label(part),
    itemStyle: { color: PART_COLORS[part] },
    data: contracts.map((c) => yuan(part === 'paid' ? c.paidFen : c.committedFen)),
  });
  return {
    animation: text.animate,
    aria: { enabled: true, label: { description: text.description } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: number) => text.money(Math.round(value * 100)),
    },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 32, containLabel: true },
    xAxis: {
      type: 'value',
      splitNumber: 4,
      axisLabel: { hideOverlap: true, formatter: (v: number) => `¥${text.axis(v)}` },
    },
    yAxis: {
      type: 'category',
      data: contracts.map((c) => c.title),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [bar('paid'), bar('committed')],
  };
}
