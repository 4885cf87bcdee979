import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { tendersPublish } from '../../../api/functions';
import { Confirm, provideConfirm } from '../../../shared/confirm';
import { publishConsequence } from '../../confirmations';
import { publishProblems } from '../../errors';
import { StepErrors } from '../../step-errors';
import { OfficeStep } from './office-step';

/** A draft is published once confirmed with its title and budget. */
@Component({
  selector: 'app-office-publish',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzButtonModule, StepErrors],
  providers: [provideConfirm()],
  template: `
    <app-step-errors testId="office" [error]="error()" [problems]="problems()" />
    <button
      nz-button
      nzType="primary"
      type="button"
      data-testid="office-publish"
      [nzLoading]="busy('publish')"
      (click)="publish()"
    >
      {{ t('procurement.office.publish') }}
    </button>
  `,
  styleUrl: './step.css',
})
export class PublishStep extends OfficeStep {
  private readonly confirm = inject(Confirm);

  protected readonly problems = signal<string[]>([]);

  /** A refusal names every broken rule in `details.problems`: all are listed. */
  protected async publish(): Promise<void> {
    if (!(await this.confirm.ask(publishConsequence(this.t, this.tender())))) return;
    this.problems.set([]);
    await this.run('publish', () => this.api.invoke(tendersPublish, { id: this.tender().id }), {
      success: 'procurement.office.published',
      onError: (err) => {
        this.problems.set(publishProblems(err));
        return this.problems().length > 0;
      },
    });
  }
}
