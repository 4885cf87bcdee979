import { localizedMessage, preferredMessageLang } from './error-messages.js';

describe('the language of error messages', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['zh-CN', 'zh'],
    ['zh', 'zh'],
    ['zh-Hans-CN;q=0.8', 'zh'],
    ['en-US,en;q=0.9', 'en'],
    ['en;q=0.5, zh-CN', 'zh'],
    ['zh;q=0, en', 'en'],
    ['fr-FR, de', null],
    ['fr-FR, zh-TW;q=0.3', 'zh'],
    ['zhx', null],
    [['en', 'zh'], 'en'],
  ])('reads %p as %p', (header, lang) => {
    expect(preferredMessageLang(header)).toBe(lang);
  });

  it("gives Chinese callers the registry's words and everyone else the specific message", () => {
    const error = { code: 'tender.closed', message: 'The bid deadline has passed' };
    expect(localizedMessage(error, 'zh-CN')).toBe('该招标已截止');
    expect(localizedMessage(error, 'en')).toBe('The bid deadline has passed');
    expect(localizedMessage(error, undefined)).toBe('The bid deadline has passed');
    expect(localizedMessage({ code: 'not.registered', message: 'Odd' }, 'zh-CN')).toBe('Odd');
    expect(localizedMessage({ code: 'toString', message: 'Odd' }, 'zh-CN')).toBe('Odd');
  });
});
