import { Component } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { tendersPublish } from '../../../api/functions';
import type { I18nKey } from '../../../i18n/zh-CN';
import { provideConfirm } from '../../../shared/confirm';
import { publishConsequence } from '../../confirmations';
import { publishProblems } from '../../errors';
import { StepErrors } from '../../step-errors';
import { CONFIRMED_STEP, ConfirmedStep } from './office-step';

/** A draft is published once confirmed with its title and budget. */
@Component({
  selector: 'app-office-publish',
  imports: [NzButtonModule, StepErrors],
  providers: [provideConfirm()],
  template: CONFIRMED_STEP,
  styleUrl: './step.css',
})
export class PublishStep extends ConfirmedStep {
  protected readonly key = 'publish';
  protected readonly label: I18nKey = 'procurement.office.publish';
  protected readonly success: I18nKey = 'procurement.office.published';

  protected consequence() {
    return publishConsequence(this.t, this.tender());
  }

  protected call() {
    return this.api.invoke(tendersPublish, { id: this.tender().id });
  }

  /** A refusal names every broken rule in `details.problems`: all are listed. */
  protected refused(err: unknown): boolean {
    this.problems.set(publishProblems(err));
    return this.problems().length > 0;
  }
}
