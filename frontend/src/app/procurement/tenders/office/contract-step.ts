import { DatePipe } from '@angular/common';
import { Component, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { evaluationContract } from '../../../api/fn/evaluation/evaluation-contract';
import type { ResultsDto } from '../../../api/models';
import { errorCode, failureText } from '../../../shared/api-error';
import { DateFields, type DateField } from '../../../shared/date-fields';
import { isoDate } from '../../../shared/dates';
import { touchAll } from '../../../shared/server-errors';
import { numberDetail } from '../../errors';
import { formatFen } from '../../../shared/money';
import { StepErrors } from '../../step-errors';
import { OfficeStep } from './office-step';

const YEAR_MS = 364 * 24 * 3600 * 1000;

/**
 * After the standstill, the contract with the winner for a term: it commits its amount against the
 * street's budget, and a refusal for a short budget says how much is left.
 */
@Component({
  selector: 'app-office-contract',
  imports: [DateFields, DatePipe, ReactiveFormsModule, NzButtonModule, NzFormModule, StepErrors],
  template: `
    <section class="section" data-testid="office-contract">
      <h3>{{ t('procurement.contract.create') }}</h3>
      @if (results()?.standstillEndsAt; as ends) {
        <p class="muted">
          {{ t('procurement.results.standstillEnds', { date: (ends | date: 'yyyy-MM-dd HH:mm:ss') ?? '' }) }}
        </p>
      }
      <app-step-errors testId="office" [error]="error()" />
      <form nz-form nzLayout="vertical" [formGroup]="form" (ngSubmit)="create()">
        <div class="grid"><app-date-fields [form]="form" [fields]="fields" /></div>
        <button
          nz-button
          nzType="primary"
          type="submit"
          data-testid="office-contract-submit"
          [nzLoading]="busy('contract')"
        >
          {{ t('procurement.contract.create') }}
        </button>
      </form>
    </section>
  `,
  styleUrl: './step.css',
})
export class ContractStep extends OfficeStep {
  readonly results = input<ResultsDto | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    startsOn: [isoDate(new Date()), Validators.required],
    endsOn: [isoDate(new Date(Date.now() + YEAR_MS)), Validators.required],
  });
  protected readonly fields: readonly DateField[] = (
    [
      ['startsOn', 'contract-start', 'procurement.contract.startsOn'],
      ['endsOn', 'contract-end', 'procurement.contract.endsOn'],
    ] as const
  ).map(([name, id, label]) => ({
    name,
    id,
    label,
    required: true,
    rule: 'form.required',
    testId: `office-${id}`,
  }));

  protected async create(): Promise<void> {
    if (!touchAll(this.form)) return;
    const body = this.form.getRawValue();
    const id = this.tender().id;
    await this.run('contract', () => this.api.invoke(evaluationContract, { id, body }), {
      success: 'procurement.office.contracted',
      onError: (err) => {
        if (errorCode(err) !== 'budget.insufficient') return false;
        const available = numberDetail(err, 'availableFen');
        this.error.set(
          this.t('procurement.office.budgetShort', {
            available: available === null ? '—' : formatFen(available),
            message: failureText(err, this.t),
          }),
        );
        return true;
      },
    });
  }
}
