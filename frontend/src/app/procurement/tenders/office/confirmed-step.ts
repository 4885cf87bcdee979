import { Component, inject, input, signal } from '@angular/core';
import type { Api } from '../../../api/api';
import type { ResultsDto, TenderDto } from '../../../api/models';
import type { I18n } from '../../../i18n/i18n.service';
import type { I18nKey } from '../../../i18n/zh-CN';
import { Confirm, type Consequence, provideConfirm } from '../../../shared/confirm';
import { StepErrors } from '../../step-errors';
import { OfficeStep } from './office-step';
import { BusyButton } from '../../../shared/busy-button';

type Translate = I18n['t'];

/** How a confirmed step tells a refusal of its own: the rules it names, or its own error text. */
export interface StepRefusal {
  problems?: string[];
  error?: string;
}

/**
 * A step of the office that is one button, confirmed first with what it acts on (publish, award):
 * its key (test id `office-<key>`), its words, its call, and how it tells a refusal of its own (null
 * leaves it to the generic error text).
 */
export interface ConfirmedStepSpec {
  key: string;
  label: I18nKey;
  success: I18nKey;
  consequence(t: Translate, tender: TenderDto, results: ResultsDto | null): Consequence;
  call(api: Api, tender: TenderDto): Promise<unknown>;
  refused(err: unknown, t: Translate): StepRefusal | null;
}

/** Draws a `ConfirmedStepSpec`: its button, the confirmation, the call, its refusal or success. */
@Component({
  selector: 'app-office-confirmed',
  imports: [BusyButton, StepErrors],
  providers: [provideConfirm()],
  template: `
    @let s = step();
    <app-step-errors testId="office" [error]="error()" [problems]="problems()" />
    <app-busy-button
      kind="primary"
      [testId]="'office-' + s.key"
      [label]="t(s.label)"
      [busy]="busy(s.key)"
      (pressed)="go()"
    />
  `,
  styleUrl: './step.css',
})
export class ConfirmedStep extends OfficeStep {
  private readonly confirm = inject(Confirm);
  readonly step = input.required<ConfirmedStepSpec>();
  readonly results = input<ResultsDto | null>(null);
  /** Every rule the server names when it refuses the step. */
  protected readonly problems = signal<string[]>([]);

  protected async go(): Promise<void> {
    const step = this.step();
    const tender = this.tender();
    if (!(await this.confirm.ask(step.consequence(this.t, tender, this.results())))) return;
    this.problems.set([]);
    await this.run(step.key, () => step.call(this.api, tender), {
      success: step.success,
      onError: (err) => this.tell(step.refused(err, this.t)),
    });
  }

  /** Shows a refusal of the step's own; false leaves it to the generic error text. */
  private tell(refusal: StepRefusal | null): boolean {
    if (refusal?.problems?.length) this.problems.set(refusal.problems);
    else if (refusal?.error) this.error.set(refusal.error);
    else return false;
    return true;
  }
}
