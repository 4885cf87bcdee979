import {
  Component,
  Directive,
  forwardRef,
  inject,
  input,
  output,
  type Provider,
  signal,
  type Type,
} from '@angular/core';
import { I18n } from '../../../i18n/i18n.service';
import type { I18nKey } from '../../../i18n/zh-CN';
import { ReasonForm } from '../../../shared/reason-form';
import { type ReasonKind, reasonForm } from '../../../shared/reason-rules';
import { touchAll } from '../../../shared/server-errors';
import { OfficeStep } from './office-step';

/**
 * A step whose call carries the office's reason (cancelling, disqualifying a bid, deciding a
 * complaint): the reason's form and what it is asked for, written in `app-step-reason`.
 */
@Directive()
export abstract class ReasonStep extends OfficeStep {
  /** The API's limits for the reason (a complaint's decision may be longer). */
  readonly reasonKind: ReasonKind = 'tenderStep';
  readonly reasonForm = reasonForm(this.reasonKind);
  /** What the reason is asked for (the tender, a bid, a complaint), null while none is. */
  readonly reasonFor = signal<string | null>(null);

  /** Whether the step's call for this key runs. */
  reasonBusy(key: string): boolean {
    return this.busy(key);
  }

  protected askReason(key: string): void {
    this.reasonForm.reset();
    this.reasonFor.set(key);
  }

  /** The reason written, trimmed; null (and the rule shown) while it breaks the rule. */
  protected reason(): string | null {
    return touchAll(this.reasonForm) ? this.reasonForm.getRawValue().reason.trim() : null;
  }

  /**
   * Makes the step's call for `key` with the reason written (once `confirmed`, when asked), says
   * `success` and closes the reason row; nothing while the reason breaks the rule.
   */
  protected async runWithReason(
    key: string,
    success: I18nKey,
    call: (reason: string) => Promise<unknown>,
    confirmed?: (reason: string) => Promise<boolean>,
  ): Promise<void> {
    const reason = this.reason();
    if (reason === null || (confirmed && !(await confirmed(reason)))) return;
    if (await this.run(key, () => call(reason), { success })) this.reasonFor.set(null);
  }
}

/** Lets a step's `app-step-reason` find the step (in the step's `providers`). */
export const provideReasonStep = (step: () => Type<ReasonStep>): Provider => ({
  provide: ReasonStep,
  useExisting: forwardRef(step),
});

/**
 * The reason row of an office step, for `key` (the tender, a bid, a complaint): the step's reason
 * form with "cancel" (back to the step's buttons) and the step's submit, busy while its call runs.
 * Test ids: `<testId>-reason` and `<testId>-confirm`.
 */
@Component({
  selector: 'app-step-reason',
  imports: [ReasonForm],
  template: `
    <app-reason-form
      [form]="step.reasonForm"
      [fieldId]="testId() + '-' + key()"
      [label]="label() ?? t('review.reason')"
      [kind]="step.reasonKind"
      [submitLabel]="submitLabel()"
      [busy]="step.reasonBusy(key())"
      [testId]="testId()"
      (submitted)="submitted.emit()"
      (dismissed)="step.reasonFor.set(null)"
    />
  `,
})
export class StepReason {
  protected readonly t = inject(I18n).t;
  protected readonly step = inject(ReasonStep);
  readonly key = input.required<string>();
  readonly testId = input.required<string>();
  readonly submitLabel = input.required<string>();
  /** What the reason is called; "reason" by default. */
  readonly label = input<string>();
  readonly submitted = output<void>();
}
