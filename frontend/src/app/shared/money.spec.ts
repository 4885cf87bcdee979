import { FormControl } from '@angular/forms';
import {
  bpToPercentText,
  fenToYuanText,
  formatFen,
  parseScaled,
  percentToBp,
  yuanToFen,
  yuanValidator,
} from './money';

describe('yuan ↔ fen', () => {
  it.each([
    ['1234.5', 123450],
    ['1234.50', 123450],
    ['1234', 123400],
    ['0.01', 1],
    ['0.1', 10],
    ['0.2', 20],
    ['19.99', 1999],
    [' 500000 ', 50000000],
    ['¥1,234.56', 123456],
    ['0', 0],
  ])('reads %p as %p fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it('adds 0.1 and 0.2 yuan exactly, where floats would not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    const sum = (yuanToFen('0.1') ?? NaN) + (yuanToFen('0.2') ?? NaN);
    expect(sum).toBe(30);
    expect(fenToYuanText(sum)).toBe('0.30');
    expect(formatFen(sum)).toBe('¥0.30');
  });

  it('never goes through a float: amounts with decimals that floats cannot hold stay exact', () => {
    // 1.15 * 100 is 114.99999999999999 in floating point.
    expect(1.15 * 100).not.toBe(115);
    expect(yuanToFen('1.15')).toBe(115);
    expect(yuanToFen('4.35')).toBe(435);
    expect(yuanToFen('9007199254740.99')).toBe(900719925474099);
  });

  it.each(['1.005', '12.345', '0.001'])('refuses three decimals (%p)', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it.each(['', ' ', '-1', '+1', '1e5', 'abc', '1.2.3', '.5', '5.', '１２'])('refuses %p', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it('formats fen as yuan with ¥, thousands separators and two decimals', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(50000000)).toBe('¥500,000.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(-1999)).toBe('-¥19.99');
    expect(formatFen(null)).toBe('—');
  });

  it('round-trips every fen amount through the input text', () => {
    for (const fen of [0, 1, 10, 99, 100, 101, 123450, 999999999]) {
      expect(yuanToFen(fenToYuanText(fen))).toBe(fen);
    }
  });

  it('reads percentages as basis points and writes them back', () => {
    expect(percentToBp('25')).toBe(2500);
    expect(percentToBp('33.33')).toBe(3333);
    expect(percentToBp('33.335')).toBeNull();
    expect(bpToPercentText(2500)).toBe('25');
    expect(bpToPercentText(3333)).toBe('33.33');
    expect(bpToPercentText(3350)).toBe('33.5');
    expect(parseScaled('7', 0)).toBe(7);
  });

  it('validates a positive yuan amount in a form', () => {
    const control = new FormControl('', yuanValidator);
    expect(control.errors).toBeNull(); // empty is for Validators.required to judge
    for (const [value, ok] of [
      ['12.34', true],
      ['12.345', false],
      ['0', false],
      ['-5', false],
      ['abc', false],
    ] as const) {
      control.setValue(value);
      expect(control.valid).toBe(ok);
    }
  });
});
