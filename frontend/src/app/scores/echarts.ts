import { provideEchartsCore } from 'ngx-echarts';

/**
 * ECharts for the score pages: a tree-shaken core with the SVG renderer (crisp on phones), loaded when
 * the first chart is drawn, so neither the first page nor the score page's own chunk carries it.
 */
export const provideScoreCharts = () =>
  provideEchartsCore({ echarts: () => import('./echarts-setup').then((m) => m.echarts) });
