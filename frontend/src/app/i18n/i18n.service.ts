import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { NzI18nService, en_US, zh_CN, type NzI18nInterface } from 'ng-zorro-antd/i18n';
import { type I18nKey, zhCN } from './zh-CN';

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_STORAGE_KEY = 'sanshe.lang';
type Dictionary = Record<I18nKey, string>;
// Chinese comes with the app; English is fetched when first needed (app.config's initializer for a
// visitor who chose it earlier, else the language switch), so most first pages do without it.
const DICTIONARIES: Partial<Record<Lang, Dictionary>> = { 'zh-CN': zhCN };
const LOADERS: Record<Lang, () => Promise<Dictionary>> = {
  'zh-CN': async () => zhCN,
  'en-US': () => import('./en-US').then((m) => m.enUS),
};

/** Fetches a language's strings once. */
export async function loadDictionary(lang: Lang): Promise<void> {
  DICTIONARIES[lang] ??= await LOADERS[lang]();
}

/** Makes a language's strings available at once (the unit tests' set-up). */
export function addDictionary(lang: Lang, dictionary: Dictionary): void {
  DICTIONARIES[lang] = dictionary;
}
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
  /** Bumped when strings arrive, for a language set before they had. */
  private readonly arrived = signal(0);
  readonly lang = this.current.asReadonly();

  constructor() {
    this.apply(this.current());
  }

  /** Reads the language signal, so templates and computeds that call it follow a switch. */
  readonly t = (key: I18nKey, params?: Record<string, string>): string => {
    this.arrived();
    const text = (DICTIONARIES[this.current()] ?? zhCN)[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m) : text;
  };

  setLang(lang: Lang): void {
    this.current.set(lang);
    localStorage.setItem(LANG_STORAGE_KEY, lang);
    this.apply(lang);
    if (!DICTIONARIES[lang]) void loadDictionary(lang).then(() => this.arrived.update((n) => n + 1));
  }

  /** Switches once the other language's strings are here, so the page never shows them half-way. */
  toggle(): void {
    const next = this.current() === 'zh-CN' ? 'en-US' : 'zh-CN';
    if (DICTIONARIES[next]) this.setLang(next);
    else void loadDictionary(next).then(() => this.setLang(next));
  }

  private apply(lang: Lang): void {
    this.zorro.setLocale(ZORRO_LOCALES[lang]);
    this.document.documentElement.lang = lang;
  }
}
