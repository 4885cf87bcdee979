import { Component, inject } from '@angular/core';
import { tendersCancel } from '../../../api/fn/tenders/tenders-cancel';
import { Confirm, provideConfirm } from '../../../shared/confirm';
import { cancelConsequence } from '../../confirmations';
import { StepErrors } from '../../step-errors';
import { ReasonStep, StepReason, provideReasonStep } from './reason-step';
import { BusyButton } from '../../../shared/busy-button';

/** Cancelling a live tender: a reason, then a confirmation stating the tender and that reason. */
@Component({
  selector: 'app-office-cancel',
  imports: [BusyButton, StepReason, StepErrors],
  providers: [provideConfirm(), provideReasonStep(() => CancelStep)],
  template: `
    @if (reasonFor()) {
      <div class="section">
        <app-step-errors testId="office" [error]="error()" />
        <app-step-reason
          key="cancel"
          testId="office-cancel"
          [label]="t('procurement.office.cancelReason')"
          [submitLabel]="t('procurement.office.cancel')"
          (submitted)="cancel()"
        />
      </div>
    } @else {
      <app-busy-button
        danger
        testId="office-cancel"
        [label]="t('procurement.office.cancel')"
        (pressed)="askReason('cancel')"
      />
    }
  `,
  styleUrl: './step.css',
})
export class CancelStep extends ReasonStep {
  private readonly confirm = inject(Confirm);

  protected async cancel(): Promise<void> {
    const id = this.tender().id;
    await this.runWithReason(
      'cancel',
      'procurement.office.cancelled',
      (reason) => this.api.invoke(tendersCancel, { id, body: { reason } }),
      (reason) => this.confirm.ask(cancelConsequence(this.t, this.tender(), reason)),
    );
  }
}
