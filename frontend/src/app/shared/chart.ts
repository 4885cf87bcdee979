import { Component, input } from '@angular/core';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';

/**
 * A chart of a page with charts (`provideCharts()`), drawn in SVG (crisp at any zoom, and the only
 * renderer bundled: `echarts-setup.ts`). Screen readers meet it as an image: `label` names it and
 * `describedBy` points at the table or text that says the same. The page sizes it (its host's
 * class); the test id goes on the element the chart is drawn in.
 */
@Component({
  selector: 'app-chart',
  imports: [NgxEchartsDirective],
  template: `
    <div
      echarts
      class="canvas"
      role="img"
      [options]="options()"
      [initOpts]="init"
      [attr.aria-label]="label() ?? null"
      [attr.aria-describedby]="describedBy() ?? null"
      [attr.data-testid]="testId() ?? null"
    ></div>
  `,
  styles: `
    :host {
      display: block;
    }
    .canvas {
      width: 100%;
      height: 100%;
    }
  `,
})
export class Chart {
  readonly options = input.required<EChartsCoreOption>();
  readonly label = input<string>();
  /** The id of what says the same in words (a table, a list). */
  readonly describedBy = input<string>();
  readonly testId = input<string>();
  protected readonly init = { renderer: 'svg' as const };
}
