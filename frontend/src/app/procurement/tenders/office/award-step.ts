import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { evaluationAward } from '../../../api/functions';
import type { ResultsDto } from '../../../api/models';
import { Confirm, provideConfirm } from '../../../shared/confirm';
import { awardConsequence } from '../../confirmations';
import { numberDetail } from '../../errors';
import { StepErrors } from '../../step-errors';
import { OfficeStep } from './office-step';

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
    <app-step-errors testId="office" [error]="error()" />
    <button
      nz-button
      nzType="primary"
      type="button"
      data-testid="office-award"
      [nzLoading]="busy('award')"
      (click)="award()"
    >
      {{ t('procurement.office.award') }}
    </button>
  `,
  styleUrl: './step.css',
})
export class AwardStep extends OfficeStep {
  private readonly confirm = inject(Confirm);

  readonly results = input<ResultsDto | null>(null);

  protected async award(): Promise<void> {
    const first = this.results()?.ranking[0] ?? null;
    if (!(await this.confirm.ask(awardConsequence(this.t, this.tender(), first)))) return;
    await this.run('award', () => this.api.invoke(evaluationAward, { id: this.tender().id }), {
      success: 'procurement.office.awarded',
      onError: (err) => {
        const missing = numberDetail(err, 'missing');
        if (missing !== null)
          this.error.set(this.t('procurement.office.missingScores', { n: String(missing) }));
        return missing !== null;
      },
    });
  }
}
