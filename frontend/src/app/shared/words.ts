import type { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';

/** Words on a form: a string key, or text made when shown (with parameters, or not translated). */
export type Words = I18nKey | (() => string);

/** The words in the user's language. */
export const wordsIn = (t: I18n['t'], w: Words | undefined): string | undefined =>
  w === undefined ? undefined : typeof w === 'function' ? w() : t(w);
