import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { Api } from '../../api/api';
import { ledgerAllocate, ledgerSummary } from '../../api/functions';
import type { BudgetSummaryDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../organizations/server-errors';
import { failureText } from '../errors';
import { formatFen, yuanToFen, yuanValidator } from '../money';
import { ProcurementScopes, type Scope } from '../scopes';

const REFERENCE = /^[\w.-]{1,80}$/;

/**
 * A street's budget for one year: allocated, committed by contracts, available. Street finance
 * records allocations (each under its budget document number, so a repeat is harmless).
 */
@Component({
  selector: 'app-budget',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzStatisticModule,
  ],
  templateUrl: './budget.html',
  styleUrl: './budget.css',
})
export class Budget {
  private readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  protected readonly scopes = inject(ProcurementScopes);
  protected readonly t = inject(I18n).t;
  protected readonly money = formatFen;

  protected readonly streetId = linkedSignal<Scope[], string | null>({
    source: this.scopes.budgetStreets,
    computation: (all, previous) => all.find((s) => s.id === previous?.value)?.id ?? all[0]?.id ?? null,
  });
  protected readonly year = signal(new Date().getFullYear());
  protected readonly years = computed(() => {
    const now = new Date().getFullYear();
    return [now - 1, now, now + 1];
  });
  protected readonly isFinance = computed(() =>
    this.scopes.financeStreets().some((s) => s.id === this.streetId()),
  );

  protected readonly summary = signal<BudgetSummaryDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    amount: ['', [Validators.required, yuanValidator]],
    reference: ['', [Validators.required, Validators.pattern(REFERENCE)]],
  });
  protected readonly allocating = signal(false);
  protected readonly allocateError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const streetId = this.streetId();
      const year = this.year();
      untracked(() => void this.load(streetId, year));
    });
  }

  protected async load(streetId: string | null, year: number): Promise<void> {
    this.summary.set(null);
    this.error.set(null);
    if (!streetId) return;
    this.loading.set(true);
    try {
      const summary = await this.api.invoke(ledgerSummary, { streetId, year });
      if (streetId === this.streetId() && year === this.year()) this.summary.set(summary);
    } catch (err) {
      this.error.set(failureText(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected async allocate(): Promise<void> {
    const streetId = this.streetId();
    if (!streetId || !touchAll(this.form)) return;
    const { amount, reference } = this.form.getRawValue();
    this.allocating.set(true);
    this.allocateError.set(null);
    try {
      const summary = await this.api.invoke(ledgerAllocate, {
        streetId,
        body: { year: this.year(), amountFen: yuanToFen(amount) ?? 0, reference: reference.trim() },
      });
      this.summary.set(summary);
      this.form.reset();
      this.message.success(this.t('procurement.budget.allocated'));
    } catch (err) {
      this.allocateError.set(failureText(err, this.t));
    } finally {
      this.allocating.set(false);
    }
  }
}
