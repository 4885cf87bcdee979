import {
  csvField,
  csvLine,
  csvText,
  guardFormula,
  progressOf,
  shanghaiDateTime,
  shanghaiToday,
  shanghaiWallClock,
  xlsxValue,
} from './export-format.js';

describe('export cell formatting', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+86 138', `'+86 138`],
    ['-1+1', `'-1+1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['上门探访', '上门探访'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('guards %j against formula injection as %j', (input, expected) => {
    expect(guardFormula(input)).toBe(expected);
  });

  it('quotes fields with quotes, commas, line breaks or edge spaces (RFC 4180), and only those', () => {
    expect(csvField('plain 文本')).toBe('plain 文本');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"好"')).toBe('"说""好"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });

  it('guards text cells only: amounts and numbers the server produced stay numbers', () => {
    expect(csvText('text', '-5')).toBe(`'-5`);
    expect(csvText('yuan', -500)).toBe('-5.00');
    expect(csvText('yuan', 1234567)).toBe('12345.67');
    expect(csvText('yuan', 5)).toBe('0.05');
    expect(csvText('decimal', 62.7)).toBe('62.70');
    expect(csvText('int', 3)).toBe('3');
    expect(csvText('text', null)).toBe('');
  });

  it('writes times in Asia/Shanghai (UTC+8), across the date line', () => {
    const at = new Date('2026-05-11T17:30:05Z');
    expect(shanghaiDateTime(at)).toBe('2026-05-12 01:30:05');
    expect(csvText('datetime', at)).toBe('2026-05-12 01:30:05');
    expect(shanghaiToday(at)).toBe('2026-05-12');
    expect(shanghaiWallClock(at).toISOString()).toBe('2026-05-12T01:30:05.000Z');
  });

  it('gives XLSX typed values: yuan as a number, Shanghai wall-clock dates, text as text', () => {
    expect(xlsxValue('yuan', 1234567)).toBe(12345.67);
    expect(xlsxValue('text', '=1+1')).toBe('=1+1');
    expect(xlsxValue('date', '2026-05-12')).toEqual(new Date('2026-05-12T00:00:00Z'));
    expect(xlsxValue('datetime', new Date('2026-05-11T17:30:05Z'))).toEqual(new Date('2026-05-12T01:30:05Z'));
    expect(xlsxValue('int', null)).toBeNull();
  });

  it('keeps 100 % for the stored file: progress stops at 99 while rows are written', () => {
    expect(progressOf(0, 1000)).toBe(0);
    expect(progressOf(500, 1000)).toBe(50);
    expect(progressOf(1000, 1000)).toBe(99);
    expect(progressOf(0, 0)).toBe(99);
  });
});
