import { creditCodeCheckChar, creditCodeProblem } from './credit-code.js';

describe('unified social credit code (GB 32100-2015)', () => {
  // Published codes of real organizations, as printed on their registration certificates.
  it.each(['91350100M000100Y43', '91110000600037341L', '91440300708461136T'])('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it('computes the check character, including the wrap-around to 0', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // A weighted sum divisible by 31 gives 31 - 0 = 31, which wraps to the character 0.
    expect(creditCodeCheckChar('5133010050000000X')).toBe('0');
  });

  it.each([
    ['91350100M000100Y44', 'check'], // last character off by one
    ['91350100M000100Y34', 'check'], // two characters swapped
    ['91350100M000100Y4', 'length'], // 17 characters
    ['91350100M000100Y433', 'length'],
    ['91350100I000100Y43', 'character'], // I is not in the alphabet
    ['91350100m000100Y43', 'character'], // lower case
  ])('refuses the near-miss %s (%s)', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });
});
