import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { NzI18nService, en_US, zh_CN, type NzI18nInterface } from 'ng-zorro-antd/i18n';
import { enUS } from './en-US';
import { type I18nKey, zhCN } from './zh-CN';

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_STORAGE_KEY = 'sanshe.lang';
const DICTIONARIES: Record<Lang, Record<I18nKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
const ZORRO_LOCALES: Record<Lang, NzI18nInterface> = { 'zh-CN': zh_CN, 'en-US': en_US };

/** The language chosen earlier on this browser, else Chinese. */
export function storedLang(): Lang {
  const saved = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
  return LANGS.find((l) => l === saved) ?? 'zh-CN';
}

export function zorroLocale(lang: Lang): NzI18nInterface {
  return ZORRO_LOCALES[lang];
}

@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly zorro = inject(NzI18nService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Lang>(storedLang());
  readonly lang = this.current.asReadonly();

  constructor() {
    this.apply(this.current());
  }

  /** Reads the language signal, so templates and computeds that call it follow a switch. */
  readonly t = (key: I18nKey, params?: Record<string, string>): string => {
    const text = DICTIONARIES[this.current()][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m) : text;
  };

  setLang(lang: Lang): void {
    this.current.set(lang);
    localStorage.setItem(LANG_STORAGE_KEY, lang);
    this.apply(lang);
  }

  toggle(): void {
    this.setLang(this.current() === 'zh-CN' ? 'en-US' : 'zh-CN');
  }

  private apply(lang: Lang): void {
    this.zorro.setLocale(ZORRO_LOCALES[lang]);
    this.document.documentElement.lang = lang;
  }
}
