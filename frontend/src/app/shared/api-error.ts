import { HttpErrorResponse } from '@angular/common/http';
import type { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';

/** The API's error body: `{ code, message, details? }`. */
export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export function apiError(err: unknown): ApiError | null {
  if (!(err instanceof HttpErrorResponse)) return null;
  let body: unknown = err.error;
  // Some generated calls read the body as text, so the JSON may still be a string here.
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (body && typeof body === 'object' && 'code' in body && 'message' in body) {
    const { code, message, details } = body as ApiError;
    if (typeof code === 'string' && typeof message === 'string') return { code, message, details };
  }
  return null;
}

/** The API's error code of a failed call, if it sent one. */
export const errorCode = (err: unknown): string | null => apiError(err)?.code ?? null;

/**
 * The dictionary key of an error code's words (`errors.code.<code>`): every code of the API's
 * registry has one in each language (error-texts.spec.ts).
 */
export const errorCodeKey = (code: string) => `errors.code.${code}` as I18nKey;

/**
 * What to show the user for a failed call: our words for its error code in the user's language,
 * else the server's own message (a code this app does not know yet), else the network or the
 * page's generic text.
 */
export function failureText(err: unknown, t: I18n['t'], generic: I18nKey = 'errors.generic'): string {
  const body = apiError(err);
  if (body) {
    const key = errorCodeKey(body.code);
    const text = t(key);
    return text === key ? body.message : text;
  }
  if (err instanceof HttpErrorResponse && err.status === 0) return t('errors.network');
  return t(generic);
}
