import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { Api } from '../../../api/api';
import { tendersPublish } from '../../../api/functions';
import type { TenderDto } from '../../../api/models';
import { I18n } from '../../../i18n/i18n.service';
import { Confirm, provideConfirm } from '../../../shared/confirm';
import { publishConsequence } from '../../confirmations';
import { publishProblems } from '../../errors';
import { StepErrors } from '../../step-errors';
import { officeStep } from './office-step';

/** A draft is published once confirmed with its title and budget. */
@Component({
  selector: 'app-office-publish',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzButtonModule, StepErrors],
  providers: [provideConfirm()],
  template: `
    <app-step-errors testId="office" [error]="step.error()" [problems]="problems()" />
    <button
      nz-button
      nzType="primary"
      type="button"
      data-testid="office-publish"
      [nzLoading]="step.busy() === 'publish'"
      (click)="publish()"
    >
      {{ t('procurement.office.publish') }}
    </button>
  `,
  styleUrl: './step.css',
})
export class PublishStep {
  private readonly api = inject(Api);
  private readonly confirm = inject(Confirm);
  protected readonly t = inject(I18n).t;

  readonly tender = input.required<TenderDto>();
  readonly changed = output<void>();
  protected readonly step = officeStep(this.changed);
  protected readonly problems = signal<string[]>([]);

  /** A refusal names every broken rule in `details.problems`: all are listed. */
  protected async publish(): Promise<void> {
    if (!(await this.confirm.ask(publishConsequence(this.t, this.tender())))) return;
    this.problems.set([]);
    await this.step.run('publish', () => this.api.invoke(tendersPublish, { id: this.tender().id }), {
      success: 'procurement.office.published',
      onError: (err) => {
        this.problems.set(publishProblems(err));
        return this.problems().length > 0;
      },
    });
  }
}
