import { Directive, inject, input, output, signal } from '@angular/core';
import { Api } from '../../../api/api';
import type { TenderDto } from '../../../api/models';
import { I18n } from '../../../i18n/i18n.service';
import type { I18nKey } from '../../../i18n/zh-CN';
import { Confirm, type Consequence } from '../../../shared/confirm';
import { action } from '../../../shared/run-action';

export interface StepOptions {
  success: I18nKey;
  /** Shows a refusal its own way; false leaves it to the generic error text. */
  onError?: (err: unknown) => boolean;
}

/**
 * What every step of the office's console has: the tender, `changed` (so the notice reloads), and
 * its calls run through the shared action (one at a time, busy per key, the error in the user's
 * words).
 */
@Directive()
export abstract class OfficeStep {
  protected readonly api = inject(Api);
  protected readonly t = inject(I18n).t;
  protected readonly action = action();
  protected readonly error = this.action.error;

  readonly tender = input.required<TenderDto>();
  readonly changed = output<void>();

  /** Whether the call of this key runs. */
  protected busy(key: string): boolean {
    return this.action.busyFor(key);
  }

  /** Says the success and reloads the notice; shows the error unless `onError` handles it. */
  protected async run(key: string, call: () => Promise<unknown>, options: StepOptions): Promise<boolean> {
    const done = await this.action.run(call, { key, success: options.success, handle: options.onError });
    if (done) this.changed.emit();
    return done !== undefined;
  }
}

/**
 * A step that is one button, confirmed first with what it acts on (publish, award): its call, its
 * words, and how it tells a refusal of its own. Drawn by CONFIRMED_STEP (test id `office-<key>`).
 */
@Directive()
export abstract class ConfirmedStep extends OfficeStep {
  private readonly confirm = inject(Confirm);
  /** Every rule the server names when it refuses the step. */
  protected readonly problems = signal<string[]>([]);
  protected abstract readonly key: string;
  protected abstract readonly label: I18nKey;
  protected abstract readonly success: I18nKey;
  protected abstract consequence(): Consequence;
  protected abstract call(): Promise<unknown>;
  /** Tells a refusal the step's own way: true when it did (else the generic error text). */
  protected abstract refused(err: unknown): boolean;

  protected async go(): Promise<void> {
    if (!(await this.confirm.ask(this.consequence()))) return;
    this.problems.set([]);
    await this.run(this.key, () => this.call(), {
      success: this.success,
      onError: (err) => this.refused(err),
    });
  }
}

/** The template of a `ConfirmedStep` (its component imports NzButtonModule and StepErrors). */
export const CONFIRMED_STEP = `
  <app-step-errors testId="office" [error]="error()" [problems]="problems()" />
  <button
    nz-button
    nzType="primary"
    type="button"
    [attr.data-testid]="'office-' + key"
    [nzLoading]="busy(key)"
    (click)="go()"
  >
    {{ t(label) }}
  </button>
`;
