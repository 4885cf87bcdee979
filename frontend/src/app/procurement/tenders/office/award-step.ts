import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { Api } from '../../../api/api';
import { evaluationAward } from '../../../api/functions';
import type { ResultsDto, TenderDto } from '../../../api/models';
import { I18n } from '../../../i18n/i18n.service';
import { Confirm, provideConfirm } from '../../../shared/confirm';
import { awardConsequence } from '../../confirmations';
import { numberDetail } from '../../errors';
import { StepErrors } from '../../step-errors';
import { officeStep } from './office-step';

/**
 * Awarding, once every score sheet is in: confirmed with the bid ranked first; a refusal names how
 * many score sheets are missing.
 */
@Component({
  selector: 'app-office-award',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzButtonModule, StepErrors],
  providers: [provideConfirm()],
  template: `
    <app-step-errors testId="office" [error]="step.error()" />
    <button
      nz-button
      nzType="primary"
      type="button"
      data-testid="office-award"
      [nzLoading]="step.busy() === 'award'"
      (click)="award()"
    >
      {{ t('procurement.office.award') }}
    </button>
  `,
  styleUrl: './step.css',
})
export class AwardStep {
  private readonly api = inject(Api);
  private readonly confirm = inject(Confirm);
  protected readonly t = inject(I18n).t;

  readonly tender = input.required<TenderDto>();
  readonly results = input<ResultsDto | null>(null);
  readonly changed = output<void>();
  protected readonly step = officeStep(this.changed);

  protected async award(): Promise<void> {
    const first = this.results()?.ranking[0] ?? null;
    if (!(await this.confirm.ask(awardConsequence(this.t, this.tender(), first)))) return;
    await this.step.run('award', () => this.api.invoke(evaluationAward, { id: this.tender().id }), {
      success: 'procurement.office.awarded',
      onError: (err) => {
        const missing = numberDetail(err, 'missing');
        if (missing !== null)
          this.step.error.set(this.t('procurement.office.missingScores', { n: String(missing) }));
        return missing !== null;
      },
    });
  }
}
