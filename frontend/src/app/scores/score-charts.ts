import type { EChartsCoreOption } from 'echarts/core';
import type { ScoreHistoryPointDto, ScoreSnapshotDto } from '../api/models';
import { INDICATORS, TIER_THRESHOLDS, type Translate } from './score-explanation';

/**
 * The five indicators (0–100) beside their weights (%), as horizontal bars: readable at 375 px, the
 * indicator names on the left. The same numbers are in the table below the chart.
 */
export function indicatorChart(snapshot: ScoreSnapshotDto, t: Translate): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', inverse: true, data: INDICATORS.map((i) => t(`scores.indicator.${i}`)) },
    series: [
      {
        name: t('scores.series.value'),
        type: 'bar',
        data: INDICATORS.map((i) => snapshot.indicators[i]),
        label: { show: true, position: 'right' },
      },
      {
        name: t('scores.series.weight'),
        type: 'bar',
        data: INDICATORS.map((i) => snapshot.weights[i]),
      },
    ],
  };
}

/** The score at each month end, with the tier thresholds as dashed lines. */
export function historyChart(history: readonly ScoreHistoryPointDto[], t: Translate): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: history.map((h) => h.periodEnd.slice(0, 7)) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        name: t('scores.series.score'),
        type: 'line',
        data: history.map((h) => h.score),
        label: { show: history.length <= 6, position: 'top' },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          label: { formatter: '{b}' },
          data: TIER_THRESHOLDS.filter((th) => th.min > 0).map((th) => ({ name: th.tier, yAxis: th.min })),
        },
      },
    ],
  };
}
