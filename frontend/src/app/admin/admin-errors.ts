import { inject } from '@angular/core';
import { NzMessageService } from 'ng-zorro-antd/message';
import { apiError, failureText } from '../shared/api-error';
import { Action } from '../shared/run-action';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';

/** The administration API's refusals that have words of their own in the user's language. */
const CODE_TEXTS: Record<string, I18nKey> = {
  'region.name_taken': 'admin.error.nameTaken',
  'retire.live_children': 'admin.error.liveChildren',
  'reference.retired': 'admin.error.retired',
  'catalog.code_taken': 'admin.error.codeTaken',
  'organization.name_taken': 'admin.error.orgNameTaken',
};

/** What to show for a failed administration call: our words for the known refusals, else the server's. */
export function adminFailure(err: unknown, t: I18n['t']): string {
  const body = apiError(err);
  const key = body ? CODE_TEXTS[body.code] : undefined;
  if (!key) return failureText(err, t);
  const children = (body?.details as { children?: unknown } | undefined)?.children;
  return t(key, { children: String(children ?? '') });
}

/** An `Action` whose refusals are said in `adminFailure`'s words. */
class AdminAction extends Action {
  constructor(
    private readonly words: I18n['t'],
    private readonly toasts: NzMessageService,
  ) {
    super(words, toasts);
  }

  override fail(err: unknown, toast = false): void {
    const text = adminFailure(err, this.words);
    if (toast) this.toasts.error(text);
    else this.error.set(text);
  }
}

/** `action()` of the administration pages (call it in an injection context). */
export const adminAction = (): Action => new AdminAction(inject(I18n).t, inject(NzMessageService));
