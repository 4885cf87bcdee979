import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/**
 * 统一社会信用代码 (GB 32100-2015), checked as the server checks it: 18 characters from a
 * 31-character alphabet (no I, O, S, V, Z), the last a check character over the first 17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'character' | 'check';

/** The check character for the first 17 characters (which must come from the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`invalid character ${first17[i]}`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Null when the code is valid, else what is wrong with it (the server's `details.problem`). */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (![...code].every((c) => CREDIT_CODE_ALPHABET.includes(c))) return 'character';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

/**
 * Form validator: `{ creditCode: problem }` for a wrong code. Lower case is refused too (the
 * standard's alphabet is capitals), so the user sees exactly what will be sent. Empty passes:
 * `Validators.required` speaks for that.
 */
export const creditCodeValidator: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value: unknown = control.value;
  if (typeof value !== 'string' || value === '') return null;
  const problem = creditCodeProblem(value);
  return problem ? { creditCode: problem } : null;
};
