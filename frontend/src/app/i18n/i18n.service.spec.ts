import { Injector, computed } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NzI18nService } from 'ng-zorro-antd/i18n';
import { I18n, LANG_COOKIE, LANG_STORAGE_KEY, START_LANG, langOfCookies } from './i18n.service';
import { zorroLocaleSetter } from './zorro-locale';

/** The service with NG-ZORRO's strings wired, as the first page's code does. */
function i18nWithZorro(): I18n {
  const i18n = TestBed.inject(I18n);
  i18n.useZorroLocale(zorroLocaleSetter(TestBed.inject(Injector)));
  return i18n;
}

describe('I18n', () => {
  beforeEach(() => {
    localStorage.clear();
    document.cookie = `${LANG_COOKIE}=; Path=/; Max-Age=0`;
  });

  it('speaks Chinese by default, NG-ZORRO included', () => {
    const i18n = i18nWithZorro();
    expect(i18n.lang()).toBe('zh-CN');
    expect(i18n.t('menu.tenders')).toBe('项目招标');
    expect(TestBed.inject(NzI18nService).getLocaleId()).toBe('zh-cn');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches our strings, NG-ZORRO and the stored choice at run time', () => {
    const i18n = i18nWithZorro();
    const label = computed(() => i18n.t('menu.tenders'));
    expect(label()).toBe('项目招标');

    i18n.setLang('en-US');

    expect(label()).toBe('Tenders');
    expect(TestBed.inject(NzI18nService).getLocaleId()).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en-US');
    expect(document.documentElement.lang).toBe('en-US');
  });

  it('starts in the language chosen on an earlier visit', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    expect(TestBed.inject(I18n).t('user.logout')).toBe('Sign out');
  });

  it('ignores an unknown stored language', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'fr-FR');
    expect(TestBed.inject(I18n).lang()).toBe('zh-CN');
  });

  it('keeps the choice in a cookie too, for the pages the server draws', () => {
    const i18n = TestBed.inject(I18n);
    expect(document.cookie).not.toContain(LANG_COOKIE);

    i18n.setLang('en-US');
    expect(langOfCookies(document.cookie)).toBe('en-US');
    i18n.setLang('zh-CN');
    expect(langOfCookies(document.cookie)).toBe('zh-CN');
  });

  it('puts a choice made before the cookie existed into it', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    TestBed.inject(I18n);
    expect(langOfCookies(document.cookie)).toBe('en-US');
  });

  it("starts in the language it is given (on the server: the request's)", () => {
    TestBed.configureTestingModule({ providers: [{ provide: START_LANG, useValue: 'en-US' }] });
    const i18n = TestBed.inject(I18n);
    expect(i18n.lang()).toBe('en-US');
    expect(document.documentElement.lang).toBe('en-US');
  });

  it("reads the language from a request's cookies, Chinese when none or an unknown one is named", () => {
    expect(langOfCookies(`XSRF-TOKEN=abc; ${LANG_COOKIE}=en-US; other=1`)).toBe('en-US');
    expect(langOfCookies(`${LANG_COOKIE}=fr-FR`)).toBe('zh-CN');
    expect(langOfCookies(`x${LANG_COOKIE}=en-US`)).toBe('zh-CN');
    expect(langOfCookies('')).toBe('zh-CN');
    expect(langOfCookies(undefined)).toBe('zh-CN');
  });

  it('fills in placeholders', () => {
    const i18n = TestBed.inject(I18n);
    i18n.setLang('en-US');
    expect(i18n.t('home.greeting', { name: 'Wang' })).toBe('Hello, Wang');
  });

  it('toggles between the two languages', () => {
    const i18n = TestBed.inject(I18n);
    i18n.toggle();
    expect(i18n.lang()).toBe('en-US');
    i18n.toggle();
    expect(i18n.lang()).toBe('zh-CN');
  });

  it("fetches a feature's strings and the common ones with its pages, and only the parts needed", async () => {
    // Fresh copies of the module (and of Angular, its injector): the specs' set-up gave the shared one
    // every string at once.
    let fresh!: typeof import('./i18n.service');
    let core!: typeof import('@angular/core');
    await jest.isolateModulesAsync(async () => {
      core = await import('@angular/core');
      fresh = await import('./i18n.service');
    });
    const injector = core.Injector.create({
      providers: [
        { provide: core.DOCUMENT, useValue: document },
        { provide: core.PLATFORM_ID, useValue: 'browser' },
        { provide: fresh.START_LANG, useValue: 'zh-CN' },
      ],
    });
    const i18n = core.runInInjectionContext(injector, () => new fresh.I18n());
    expect(i18n.t('menu.tenders')).toBe('项目招标');
    expect(i18n.t('procurement.bid.title')).toBe('procurement.bid.title');

    await fresh.withPageStrings('procurement', async () => 'the code')();

    expect(i18n.t('procurement.bid.title')).toBe('投标');
    expect(i18n.t('role.resident')).toBe('居民');
    expect(i18n.t('volunteer.bank.title')).toBe('volunteer.bank.title');

    await fresh.loadDictionary('en-US');
    i18n.setLang('en-US');
    expect(i18n.t('procurement.bid.title')).toBe('Bid');
    expect(i18n.t('role.resident')).toBe('Resident');
    expect(i18n.t('volunteer.bank.title')).toBe('volunteer.bank.title');
  });
});
