import { Component, computed, input } from '@angular/core';
import { evaluationDisqualify } from '../../../api/fn/evaluation/evaluation-disqualify';
import type { ResultRowDto, ResultsDto } from '../../../api/models';
import { StepErrors } from '../../step-errors';
import { ReasonStep, StepReason, provideReasonStep } from './reason-step';
import { FenPipe } from '../../../shared/fen-pipe';
import { BusyButton } from '../../../shared/busy-button';

/** While evaluating, the bids still competing; the office may disqualify one, with a reason. */
@Component({
  selector: 'app-office-disqualify',
  imports: [BusyButton, StepReason, StepErrors, FenPipe],
  providers: [provideReasonStep(() => DisqualifyStep)],
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
                <span>{{ row.priceFen | fen }}</span>
                @if (reasonFor() !== row.bidId) {
                  <app-busy-button
                    small
                    danger
                    testId="office-disqualify"
                    [label]="t('procurement.office.disqualify')"
                    (pressed)="askReason(row.bidId)"
                  />
                }
              </div>
              @if (reasonFor() === row.bidId) {
                <app-step-reason
                  [key]="row.bidId"
                  testId="office-disqualify"
                  [submitLabel]="t('procurement.office.disqualify')"
                  (submitted)="disqualify(row)"
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
export class DisqualifyStep extends ReasonStep {
  readonly results = input<ResultsDto | null>(null);
  /** Bids the office may still disqualify: those ranked while evaluating. */
  protected readonly competing = computed<ResultRowDto[]>(() =>
    (this.results()?.ranking ?? []).filter((r) => r.status === 'opened' || r.status === 'qualified'),
  );

  protected async disqualify(row: ResultRowDto): Promise<void> {
    await this.runWithReason(row.bidId, 'procurement.office.disqualified', (reason) =>
      this.api.invoke(evaluationDisqualify, { id: row.bidId, body: { reason } }),
    );
  }
}
