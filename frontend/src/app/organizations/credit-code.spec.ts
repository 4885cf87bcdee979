import { FormControl } from '@angular/forms';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  creditCodeProblem,
  creditCodeValidator,
} from './credit-code';

const VALID = ['91350100M000100Y43', '91110000600037341L', '91440300708461136T'];

/** Swaps two characters of a string. */
const swap = (s: string, i: number, j: number) => {
  const chars = [...s];
  [chars[i], chars[j]] = [chars[j], chars[i]];
  return chars.join('');
};

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it.each(VALID)('refuses %s with its last character changed', (code) => {
    const last = code[17];
    const other = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(last) + 1) % 31];
    expect(creditCodeProblem(code.slice(0, 17) + other)).toBe('check');
  });

  it.each(VALID)('refuses %s with two neighbouring characters swapped', (code) => {
    // The first two differ in every sample; weights 1 and 3 differ mod 31, so the sum must change.
    expect(code[0]).not.toBe(code[1]);
    expect(creditCodeProblem(swap(code, 0, 1))).toBe('check');
  });

  it('refuses a swap anywhere in the first 17 characters', () => {
    const code = VALID[0];
    for (let i = 0; i < 16; i++) {
      if (code[i] !== code[i + 1]) expect(creditCodeProblem(swap(code, i, i + 1))).toBe('check');
    }
  });

  it('refuses 17 characters as a length problem', () => {
    expect(creditCodeProblem(VALID[0].slice(0, 17))).toBe('length');
    expect(creditCodeProblem(`${VALID[0]}0`)).toBe('length');
  });

  it('refuses I, O, S, V and Z, which the alphabet leaves out', () => {
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) {
      expect(creditCodeProblem(`91350100${letter}000100Y43`)).toBe('character');
    }
  });

  it('refuses lower case: the alphabet is capitals', () => {
    expect(creditCodeProblem('91350100m000100y43')).toBe('character');
    expect(creditCodeProblem(VALID[1].toLowerCase())).toBe('character');
  });

  it('accepts any 17 characters of the alphabet followed by their check character', () => {
    for (let n = 0; n < 50; n++) {
      const first17 = Array.from(
        { length: 17 },
        () => CREDIT_CODE_ALPHABET[Math.floor(Math.random() * 31)],
      ).join('');
      expect(creditCodeProblem(first17 + creditCodeCheckChar(first17))).toBeNull();
    }
  });

  describe('as a form validator', () => {
    const errors = (value: string) => creditCodeValidator(new FormControl(value));

    it('leaves an empty field to Validators.required', () => expect(errors('')).toBeNull());
    it('passes a valid code', () => expect(errors(VALID[2])).toBeNull());
    it('names the problem', () => {
      expect(errors('91350100M000100Y44')).toEqual({ creditCode: 'check' });
      expect(errors('91350100M000100Y4')).toEqual({ creditCode: 'length' });
      expect(errors('91350100I000100Y43')).toEqual({ creditCode: 'character' });
    });
  });
});
