import { Directive, inject, input, output } from '@angular/core';
import { Api } from '../../../api/api';
import type { TenderDto } from '../../../api/models';
import { I18n } from '../../../i18n/i18n.service';
import type { I18nKey } from '../../../i18n/zh-CN';
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
