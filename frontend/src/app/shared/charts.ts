import { provideEchartsCore } from 'ngx-echarts';

/**
 * ECharts for the pages with charts (scores, budgets): a tree-shaken core with the SVG renderer
 * (crisp on phones, and the only renderer bundled), loaded when the first chart is drawn, so neither
 * the first page nor a page's own chunk carries it.
 */
export const provideCharts = () =>
  provideEchartsCore({ echarts: () => import('./echarts-setup').then((m) => m.echarts) });
