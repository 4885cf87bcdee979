import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enUS } from '../i18n/en-US';
import { I18n } from '../i18n/i18n.service';
import { zhCN } from '../i18n/zh-CN';
import { errorCodeKey, failureText } from './api-error';

/** The codes of the API's error registry (ERROR_MESSAGES), read from its source. */
function registryCodes(): string[] {
  const file = join(__dirname, '../../../../backend/src/common/errors/error-messages.ts');
  const source = readFileSync(file, 'utf8');
  const start = source.indexOf('export const ERROR_MESSAGES');
  const registry = source.slice(start, source.indexOf('\n};', start));
  return [...registry.matchAll(/^ {2}'?([a-z_.]+)'?: \[/gm)].map((m) => m[1]);
}

const refusal = (code: string, message: string, status = 409) =>
  new HttpErrorResponse({ error: { code, message }, status });

describe('error texts', () => {
  it("have words for every code of the API's registry, in both languages, and for no other", () => {
    const codes = registryCodes();
    expect(codes.length).toBeGreaterThan(50);
    expect(codes).toContain('auth.invalid_credentials');
    for (const dictionary of [zhCN, enUS] as Record<string, string>[]) {
      expect(codes.filter((code) => !dictionary[errorCodeKey(code)]?.trim())).toEqual([]);
      const keys = Object.keys(dictionary).filter((key) => key.startsWith('errors.code.'));
      expect(keys.sort()).toEqual(codes.map(errorCodeKey).sort());
    }
  });

  describe('failureText', () => {
    let i18n: I18n;
    beforeEach(() => {
      localStorage.clear();
      i18n = TestBed.inject(I18n);
    });

    it("shows a known code in the page's language, whatever language the server answered in", () => {
      const err = refusal('budget.insufficient', 'The 2026 budget has 100 fen available', 422);
      expect(failureText(err, i18n.t)).toBe('预算余额不足');
      i18n.setLang('en-US');
      expect(failureText(err, i18n.t)).toBe('The budget has not enough left');
    });

    it("falls back to the server's message for a code it does not know", () => {
      expect(failureText(refusal('something.new', 'A reason the app has no words for'), i18n.t)).toBe(
        'A reason the app has no words for',
      );
    });

    it('says the network failed, else the generic or the given text', () => {
      expect(failureText(new HttpErrorResponse({ status: 0 }), i18n.t)).toBe(i18n.t('errors.network'));
      expect(failureText(new HttpErrorResponse({ status: 502, error: '<html>' }), i18n.t)).toBe(
        i18n.t('errors.generic'),
      );
      expect(failureText(new Error('boom'), i18n.t, 'attachments.failed')).toBe(i18n.t('attachments.failed'));
    });
  });
});
