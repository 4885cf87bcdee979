import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { tendersCancel } from '../../../api/functions';
import { Confirm, provideConfirm } from '../../../shared/confirm';
import { ReasonForm } from '../../../shared/reason-form';
import { touchAll } from '../../../shared/server-errors';
import { cancelConsequence } from '../../confirmations';
import { StepErrors } from '../../step-errors';
import { OfficeStep } from './office-step';

/** Cancelling a live tender: a reason, then a confirmation stating the tender and that reason. */
@Component({
  selector: 'app-office-cancel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzButtonModule, ReasonForm, StepErrors],
  providers: [provideConfirm()],
  template: `
    @if (open()) {
      <div class="section">
        <app-step-errors testId="office" [error]="error()" />
        <app-reason-form
          [form]="form"
          fieldId="cancel-reason"
          [label]="t('procurement.office.cancelReason')"
          [rule]="t('review.reasonRule')"
          [submitLabel]="t('procurement.office.cancel')"
          [busy]="busy('cancel')"
          testId="office-cancel"
          (submitted)="cancel()"
          (dismissed)="open.set(false)"
        />
      </div>
    } @else {
      <button nz-button nzDanger type="button" data-testid="office-cancel" (click)="start()">
        {{ t('procurement.office.cancel') }}
      </button>
    }
  `,
  styleUrl: './step.css',
})
export class CancelStep extends OfficeStep {
  private readonly confirm = inject(Confirm);

  protected readonly open = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(1000)]],
  });

  protected start(): void {
    this.form.reset();
    this.open.set(true);
  }

  protected async cancel(): Promise<void> {
    if (!touchAll(this.form)) return;
    const reason = this.form.getRawValue().reason.trim();
    if (!(await this.confirm.ask(cancelConsequence(this.t, this.tender(), reason)))) return;
    const id = this.tender().id;
    const done = await this.run('cancel', () => this.api.invoke(tendersCancel, { id, body: { reason } }), {
      success: 'procurement.office.cancelled',
    });
    if (done) this.open.set(false);
  }
}
