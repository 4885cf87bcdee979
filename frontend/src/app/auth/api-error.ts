import { HttpErrorResponse } from '@angular/common/http';

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

/** What to show the user for a failed call: the server's own message when it sent one. */
export function errorMessage(err: unknown, fallback: { generic: string; network: string }): string {
  const body = apiError(err);
  if (body) return body.message;
  if (err instanceof HttpErrorResponse && err.status === 0) return fallback.network;
  return fallback.generic;
}
