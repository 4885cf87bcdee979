import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { evaluationDisqualify } from '../../../api/functions';
import type { ResultRowDto, ResultsDto } from '../../../api/models';
import { ReasonForm } from '../../../shared/reason-form';
import { touchAll } from '../../../shared/server-errors';
import { formatFen } from '../../money';
import { StepErrors } from '../../step-errors';
import { OfficeStep } from './office-step';

/** While evaluating, the bids still competing; the office may disqualify one, with a reason. */
@Component({
  selector: 'app-office-disqualify',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzButtonModule, ReasonForm, StepErrors],
  template: `
    @if (competing().length) {
      <section class="section" data-testid="office-bids">
        <h3>{{ t('procurement.office.bids') }}</h3>
        <app-step-errors testId="office" [error]="error()" />
        <ul class="plain">
          @for (row of competing(); track row.bidId) {
            <li [attr.data-org]="row.organizationName">
              <div class="buttons">
                <strong>{{ row.organizationName }}</strong>
                <span>{{ money(row.priceFen) }}</span>
                @if (open() !== row.bidId) {
                  <button
                    nz-button
                    nzDanger
                    nzSize="small"
                    type="button"
                    data-testid="office-disqualify"
                    (click)="start(row)"
                  >
                    {{ t('procurement.office.disqualify') }}
                  </button>
                }
              </div>
              @if (open() === row.bidId) {
                <app-reason-form
                  [form]="form"
                  [fieldId]="'disqualify-' + row.bidId"
                  [label]="t('review.reason')"
                  [rule]="t('review.reasonRule')"
                  [submitLabel]="t('procurement.office.disqualify')"
                  [busy]="busy(row.bidId)"
                  testId="office-disqualify"
                  (submitted)="disqualify(row)"
                  (dismissed)="open.set(null)"
                />
              }
            </li>
          }
        </ul>
      </section>
    }
  `,
  styleUrl: './step.css',
})
export class DisqualifyStep extends OfficeStep {
  protected readonly money = formatFen;

  readonly results = input<ResultsDto | null>(null);
  /** The bid whose reason is being written. */
  protected readonly open = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(1000)]],
  });

  /** Bids the office may still disqualify: those ranked while evaluating. */
  protected readonly competing = computed<ResultRowDto[]>(() =>
    (this.results()?.ranking ?? []).filter((r) => r.status === 'opened' || r.status === 'qualified'),
  );

  protected start(row: ResultRowDto): void {
    this.form.reset();
    this.open.set(row.bidId);
  }

  protected async disqualify(row: ResultRowDto): Promise<void> {
    if (!touchAll(this.form)) return;
    const reason = this.form.getRawValue().reason.trim();
    const done = await this.run(
      row.bidId,
      () => this.api.invoke(evaluationDisqualify, { id: row.bidId, body: { reason } }),
      { success: 'procurement.office.disqualified' },
    );
    if (done) this.open.set(null);
  }
}
