import { Directive, inject, input, output, signal } from '@angular/core';
import { NzMessageService } from 'ng-zorro-antd/message';
import { Api } from '../../../api/api';
import type { TenderDto } from '../../../api/models';
import { failureText } from '../../../shared/api-error';
import { I18n } from '../../../i18n/i18n.service';
import type { I18nKey } from '../../../i18n/zh-CN';

export interface StepOptions {
  success: I18nKey;
  /** Shows a refusal its own way; false leaves it to the generic error text. */
  onError?: (err: unknown) => boolean;
}

/**
 * What every step of the office's console has: the tender, `changed` (so the notice reloads), and
 * its calls run one at a time with a busy flag (the key of what runs) and its own error.
 */
@Directive()
export abstract class OfficeStep {
  protected readonly api = inject(Api);
  protected readonly t = inject(I18n).t;
  private readonly message = inject(NzMessageService);

  readonly tender = input.required<TenderDto>();
  readonly changed = output<void>();
  protected readonly busy = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  /** Shows the error in the user's words (failureText) unless `onError` handles it. */
  protected async run(key: string, call: () => Promise<unknown>, options: StepOptions): Promise<boolean> {
    this.busy.set(key);
    this.error.set(null);
    try {
      await call();
      this.message.success(this.t(options.success));
      this.changed.emit();
      return true;
    } catch (err) {
      if (!options.onError?.(err)) this.error.set(failureText(err, this.t));
      return false;
    } finally {
      this.busy.set(null);
    }
  }
}
