import { NgTemplateOutlet } from '@angular/common';
import { Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NgxEchartsDirective } from 'ngx-echarts';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzResultModule } from 'ng-zorro-antd/result';
import { Api } from '../api/api';
import { scoringOrganizationScore } from '../api/fn/scores/scoring-organization-score';
import type { OrganizationScoreDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { provideCharts } from '../shared/charts';
import { BackLink } from '../shared/back-link';
import { historyChart, indicatorChart } from './score-charts';
import { type Indicator, explainFormulaChange, explainScore, formatNumber } from './score-explanation';
import { IncentivesPanel } from '../incentives/incentives-panel';
import { OrgPageRead, OrgPageState } from '../directory/org-page-state';
import { TierTag } from '../shared/tier-tag';
import { CardsOnPhone } from '../shared/cards-on-phone';
import { reloadOn } from '../shared/list-query';

/** A row of the page's tables: its head (an indicator or a month), then its numbers. */
interface NumbersRow {
  indicator?: Indicator;
  head: string;
  cells: string[];
}

/**
 * An organization's public score page (PRODUCT §7–8): score and tier, the five indicators against their
 * weights, the monthly history, "why this score" in plain words, and the v1 → v2 formula change with its reasons.
 * Each chart has its numbers in a table.
 */
@Component({
  selector: 'app-org-score',
  imports: [
    BackLink,
    CardsOnPhone,
    IncentivesPanel,
    RouterLink,
    NgTemplateOutlet,
    NgxEchartsDirective,
    NzCardModule,
    NzResultModule,
    OrgPageState,
    TierTag,
  ],
  providers: [provideCharts()],
  templateUrl: './org-score.html',
  styleUrl: './org-score.css',
})
export class OrgScore {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly data = signal<OrganizationScoreDto | null>(null);
  /** The column heads of the indicators' table, of the formula change's and of the history's. */
  protected readonly breakdownColumns: readonly I18nKey[] = [
    'scores.col.indicator',
    'scores.col.value',
    'scores.col.weight',
    'scores.col.points',
  ];
  protected readonly changeColumns: readonly I18nKey[] = [
    'scores.col.indicator',
    'scoreV2.change.col.before',
    'scoreV2.change.col.after',
  ];
  protected readonly historyColumns: readonly I18nKey[] = [
    'scores.col.period',
    'scores.col.value',
    'scores.col.tier',
  ];
  protected readonly page = new OrgPageRead();

  /** Follows the language: the sentences and number formats switch with it. */
  protected readonly explanation = computed(() => {
    const current = this.data()?.current;
    return current ? explainScore(current, this.t, this.i18n.lang()) : null;
  });
  /** The v1 → v2 change, when the organization was scored under v1: its last v1 beside its first v2 snapshot. */
  protected readonly formulaChange = computed(() => {
    const change = this.data()?.formulaChange;
    return change ? explainFormulaChange(change.previous, change.next, this.t, this.i18n.lang()) : null;
  });
  protected readonly indicatorOptions = computed(() => {
    const current = this.data()?.current;
    return current ? indicatorChart(current, this.t) : null;
  });
  protected readonly historyOptions = computed(() => {
    const history = this.data()?.history ?? [];
    return history.length ? historyChart(history, this.t) : null;
  });
  /** The tables' rows: the indicators against their weights, the formula change, the history. */
  protected readonly breakdownRows = computed(() =>
    (this.explanation()?.indicators ?? []).map((line) =>
      this.indicatorRow(line.indicator, [
        this.num(line.value),
        `${this.num(line.weight, 0)}%`,
        this.num(line.points),
      ]),
    ),
  );
  protected readonly changeRows = computed(() =>
    (this.formulaChange()?.lines ?? []).map((line) =>
      this.indicatorRow(line.indicator, [this.num(line.before), this.num(line.after)]),
    ),
  );
  /** Newest first in the table (the chart reads left to right, oldest first). */
  protected readonly historyRows = computed((): NumbersRow[] =>
    [...(this.data()?.history ?? [])]
      .reverse()
      .map((point) => ({ head: point.periodEnd, cells: [this.num(point.score), point.tier] })),
  );
  protected readonly totalPoints = computed(
    () => this.explanation()?.indicators.reduce((sum, line) => sum + line.points, 0) ?? 0,
  );

  constructor() {
    reloadOn(this.id, (id) => this.load(id));
  }

  private indicatorRow(indicator: Indicator, cells: string[]): NumbersRow {
    return { indicator, head: this.t(`scores.indicator.${indicator}`), cells };
  }

  protected num(value: number, digits = 2): string {
    return formatNumber(value, this.i18n.lang(), digits);
  }

  private async load(id: string): Promise<void> {
    this.data.set(null);
    this.data.set((await this.page.read(() => this.api.invoke(scoringOrganizationScore, { id }))) ?? null);
  }
}
