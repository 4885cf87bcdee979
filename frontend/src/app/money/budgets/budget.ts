import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Api } from '../../api/api';
import { ledgerAllocate } from '../../api/fn/budgets/ledger-allocate';
import { ledgerSummary } from '../../api/fn/budgets/ledger-summary';
import type { BudgetSummaryDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../shared/server-errors';
import { formatFen, yuanToFen, yuanValidator } from '../../shared/money';
import { UserScopes } from '../../shared/scopes';
import {
  type ChartText,
  type Part,
  contractsOption,
  partition,
  partitionOption,
  percent,
} from './budget-charts';
import { PAGED_TABLE, type TableColumn } from '../../shared/paged-table';
import { FormCard } from '../../shared/form-card';
import type { Field } from '../../shared/form-fields';
import { ChoiceSelect, offeredOrFirstPick } from '../../shared/choice-select';
import { StreetPicker } from '../../shared/street-picker';
import { action } from '../../shared/run-action';
import { reloadOn } from '../../shared/list-query';
import { ErrorAlert } from '../../shared/error-alert';
import { Chart } from '../../shared/chart';
import { FenPipe } from '../../shared/fen-pipe';

const REFERENCE = /^[\w.-]{1,80}$/;

/**
 * A street's budget for one year: allocated, split into what contracts hold and have not been paid
 * yet, what was paid, and what is available — as charts and, for every reader, as text — with each
 * contract's share. Street finance records allocations (each under its budget document number, so a
 * repeat is harmless).
 */
@Component({
  selector: 'app-budget',
  imports: [
    ErrorAlert,
    FormCard,
    NzCardModule,
    ChoiceSelect,
    NzStatisticModule,
    NzTableModule,
    PAGED_TABLE,
    Chart,
    StreetPicker,
    FenPipe,
  ],
  templateUrl: './budget.html',
  styleUrls: ['../../shared/street-page.css', './budget.css'],
})
export class Budget {
  private readonly api = inject(Api);
  protected readonly scopes = inject(UserScopes);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly percent = percent;
  /** The contracts table's columns; the amounts stand right. */
  protected readonly columns: readonly TableColumn[] = [
    { label: 'money.budget.contract' },
    { label: 'money.budget.organization' },
    ...(['amount', 'paid', 'committed', 'paidShare'] as const).map((k) => ({
      label: `money.budget.${k}` as const,
      right: true,
    })),
  ];
  private readonly reducedMotion =
    globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

  protected readonly streetId = offeredOrFirstPick(this.scopes.budgetStreets);
  protected readonly year = signal(new Date().getFullYear());
  protected readonly years = computed(() => {
    const now = new Date().getFullYear();
    return [now - 1, now, now + 1].map((year) => ({
      value: year,
      label: this.t('procurement.budget.yearLabel', { year: String(year) }),
    }));
  });
  protected readonly isFinance = computed(() =>
    this.scopes.financeStreets().some((s) => s.id === this.streetId()),
  );

  protected readonly summary = signal<BudgetSummaryDto | null>(null);
  protected readonly parts = computed(() => {
    const s = this.summary();
    return s ? partition(s) : [];
  });
  protected readonly partitionChart = computed(() => {
    const s = this.summary();
    return s && s.allocatedFen > 0
      ? partitionOption(s, this.chartText('money.budget.partitionChart', s))
      : null;
  });
  protected readonly contractsChart = computed(() => {
    const s = this.summary();
    return s?.contracts.length ? contractsOption(s, this.chartText('money.budget.contractsChart', s)) : null;
  });
  /** Reading the summary: busy, and why it failed. */
  protected readonly loader = action();

  protected readonly form = inject(NonNullableFormBuilder).group({
    amount: ['', [Validators.required, yuanValidator]],
    reference: ['', [Validators.required, Validators.pattern(REFERENCE)]],
  });
  protected readonly fields: readonly Field[] = [
    {
      name: 'amount',
      id: 'budget-amount',
      label: 'procurement.budget.amount',
      kind: 'money',
      required: true,
      rule: 'procurement.money.rule',
      testId: 'budget-amount',
    },
    {
      name: 'reference',
      id: 'budget-reference',
      label: 'procurement.budget.reference',
      required: true,
      rule: 'procurement.budget.referenceRule',
      help: 'procurement.budget.referenceHelp',
      testId: 'budget-reference',
    },
  ];
  protected readonly allocating = action();

  constructor() {
    reloadOn(
      computed(() => ({ streetId: this.streetId(), year: this.year() })),
      ({ streetId, year }) => this.load(streetId, year),
    );
  }

  protected async load(streetId: string | null, year: number): Promise<void> {
    this.summary.set(null);
    this.loader.error.set(null);
    if (!streetId) return;
    const done = await this.loader.run(() => this.api.invoke(ledgerSummary, { streetId, year }));
    if (done && streetId === this.streetId() && year === this.year()) this.summary.set(done.value);
  }

  protected partLabel(part: Part): string {
    return this.t(`money.budget.${part}`);
  }

  private chartText(
    key: 'money.budget.partitionChart' | 'money.budget.contractsChart',
    s: BudgetSummaryDto,
  ): ChartText {
    return {
      label: (part) => this.partLabel(part),
      money: formatFen,
      axis: (yuan) => new Intl.NumberFormat(this.i18n.lang(), { notation: 'compact' }).format(yuan),
      animate: !this.reducedMotion,
      description: this.t(key, {
        year: String(s.year),
        allocated: formatFen(s.allocatedFen),
        paid: formatFen(s.paidFen),
        committed: formatFen(s.committedFen),
        available: formatFen(s.availableFen),
        contracts: String(s.contracts.length),
      }),
    };
  }

  protected async allocate(): Promise<void> {
    const streetId = this.streetId();
    if (!streetId || !touchAll(this.form)) return;
    const { amount, reference } = this.form.getRawValue();
    await this.allocating.run(
      async () => {
        const summary = await this.api.invoke(ledgerAllocate, {
          streetId,
          body: { year: this.year(), amountFen: yuanToFen(amount) ?? 0, reference: reference.trim() },
        });
        this.summary.set(summary);
        this.form.reset();
      },
      { success: 'procurement.budget.allocated' },
    );
  }
}
