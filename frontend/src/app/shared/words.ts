import type { ValidationErrors } from '@angular/forms';
import type { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';

/** Words on a form: a string key, or text made when shown (with parameters, or not translated). */
export type Words = I18nKey | (() => string);

/** The words in the user's language. */
export const wordsIn = (t: I18n['t'], w: Words | undefined): string | undefined =>
  w === undefined ? undefined : typeof w === 'function' ? w() : t(w);

/** What a field of a declared form says is wrong (`Field`'s `errorText`, `errors` and `rule`). */
export interface FieldWords {
  rule?: Words;
  errors?: Readonly<Record<string, Words>>;
  errorText?: () => string;
}

/**
 * What is wrong with a field's control: a refusal from the server (`ServerErrors`) first, then the
 * field's `errorText`, then the first of its `errors` (by validator key) the control holds, else its `rule`.
 */
export function fieldError(
  t: I18n['t'],
  f: FieldWords,
  control: { errors: ValidationErrors | null },
): string | undefined {
  const errors = control.errors ?? {};
  const server: unknown = errors['server'];
  if (typeof server === 'string') return server;
  if (f.errorText) return f.errorText();
  const key = Object.keys(f.errors ?? {}).find((k) => k in errors);
  return wordsIn(t, key ? f.errors?.[key] : f.rule);
}
