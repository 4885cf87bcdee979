import { Component, input } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { evaluationAward } from '../../../api/functions';
import type { ResultsDto } from '../../../api/models';
import type { I18nKey } from '../../../i18n/zh-CN';
import { provideConfirm } from '../../../shared/confirm';
import { awardConsequence } from '../../confirmations';
import { numberDetail } from '../../errors';
import { StepErrors } from '../../step-errors';
import { CONFIRMED_STEP, ConfirmedStep } from './office-step';

/**
 * Awarding, once every score sheet is in: confirmed with the bid ranked first; a refusal names how
 * many score sheets are missing.
 */
@Component({
  selector: 'app-office-award',
  imports: [NzButtonModule, StepErrors],
  providers: [provideConfirm()],
  template: CONFIRMED_STEP,
  styleUrl: './step.css',
})
export class AwardStep extends ConfirmedStep {
  readonly results = input<ResultsDto | null>(null);

  protected readonly key = 'award';
  protected readonly label: I18nKey = 'procurement.office.award';
  protected readonly success: I18nKey = 'procurement.office.awarded';

  protected consequence() {
    return awardConsequence(this.t, this.tender(), this.results()?.ranking[0] ?? null);
  }

  protected call() {
    return this.api.invoke(evaluationAward, { id: this.tender().id });
  }

  protected refused(err: unknown): boolean {
    const missing = numberDetail(err, 'missing');
    if (missing !== null) this.error.set(this.t('procurement.office.missingScores', { n: String(missing) }));
    return missing !== null;
  }
}
