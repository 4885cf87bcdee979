import { inject, type OutputEmitterRef, signal } from '@angular/core';
import { NzMessageService } from 'ng-zorro-antd/message';
import { failureText } from '../../../shared/api-error';
import { I18n } from '../../../i18n/i18n.service';
import type { I18nKey } from '../../../i18n/zh-CN';

export interface StepOptions {
  success: I18nKey;
  /** Shows a refusal its own way; false leaves it to the generic error text. */
  onError?: (err: unknown) => boolean;
}

/**
 * What every office step does around its call: a busy flag (the key of what runs), the error shown
 * (failureText, unless `onError` handles it), the success message, then `changed` so the notice
 * reloads. Created in a step component's field initializer (it injects).
 */
export function officeStep(changed: OutputEmitterRef<void>) {
  const message = inject(NzMessageService);
  const t = inject(I18n).t;
  const busy = signal<string | null>(null);
  const error = signal<string | null>(null);

  async function run(key: string, call: () => Promise<unknown>, options: StepOptions): Promise<boolean> {
    busy.set(key);
    error.set(null);
    try {
      await call();
      message.success(t(options.success));
      changed.emit();
      return true;
    } catch (err) {
      if (!options.onError?.(err)) error.set(failureText(err, t));
      return false;
    } finally {
      busy.set(null);
    }
  }

  return { busy: busy.asReadonly(), error, run };
}
