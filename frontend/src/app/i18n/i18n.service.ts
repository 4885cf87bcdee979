import { isPlatformBrowser } from '@angular/common';
import { DOCUMENT, Injectable, InjectionToken, PLATFORM_ID, inject, signal } from '@angular/core';
import type { I18nKey } from './zh-CN';
import { type Feature, PAGE_PARTS, type PagePart } from './parts';
import { zhCNShell } from './zh-CN.shell';

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_STORAGE_KEY = 'sanshe.lang';
/**
 * The same choice as a cookie, for the renderer (src/server.ts): the pages it draws at request time
 * come in the visitor's language (app.config.server.ts). Not a secret: readable by the page.
 */
export const LANG_COOKIE = 'sanshe.lang';
const LANG_COOKIE_MAX_AGE_S = 365 * 24 * 3600;
type Dictionary = Record<I18nKey, string>;

/**
 * A language's strings come in parts: the shell's (header, menu, home page) and the pages', one part
 * per feature plus a common one (parts/index.ts). The Chinese shell part is in the first load; every
 * other part is fetched when first needed: a feature's part and the common one with the first of its
 * pages (`withPageStrings` on its route), English when chosen (app.config's initializer for a visitor
 * who chose it earlier, else the language switch). A language switch fetches the parts already
 * needed in the other language.
 */
type Part = 'shell' | PagePart;
const SHELL: Record<Lang, () => Promise<Partial<Dictionary>>> = {
  'zh-CN': async () => zhCNShell,
  'en-US': () => import('./en-US.shell').then((m) => m.enUSShell),
};
const loader = (lang: Lang, part: Part) => (part === 'shell' ? SHELL[lang] : PAGE_PARTS[part][lang]);
const DICTIONARIES: Record<Lang, Partial<Dictionary>> = { 'zh-CN': { ...zhCNShell }, 'en-US': {} };
const LOADED: Record<Lang, Set<Part>> = { 'zh-CN': new Set(['shell']), 'en-US': new Set() };
/** The parts the app has needed so far (in whichever language). */
const NEEDED = new Set<Part>(['shell']);

/** Fetches once each part of a language's strings that the app has needed so far. */
export async function loadDictionary(lang: Lang): Promise<void> {
  await Promise.all(
    [...NEEDED].map(async (part) => {
      if (LOADED[lang].has(part)) return;
      Object.assign(DICTIONARIES[lang], await loader(lang, part)());
      LOADED[lang].add(part);
    }),
  );
}

/** Whether a language has every part the app has needed so far. */
function hasDictionary(lang: Lang): boolean {
  return [...NEEDED].every((part) => LOADED[lang].has(part));
}

/**
 * Fetches the parts needed so far in the languages the app draws in: in a browser, the one stored;
 * on a server, which draws pages for visitors of either language (and has no window), both.
 */
export async function loadStrings(): Promise<void> {
  await Promise.all((globalThis.window ? [storedLang()] : LANGS).map(loadDictionary));
}

/** The strings of a feature's pages and the common ones, in the languages of `loadStrings`, fetched once. */
export function loadPageStrings(feature: Feature): Promise<void> {
  NEEDED.add('common');
  if (feature in PAGE_PARTS) NEEDED.add(feature as PagePart);
  return loadStrings();
}

/** A lazy route's loader that also brings its feature's strings, in parallel with the code. */
export function withPageStrings<T>(feature: Feature, load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadPageStrings(feature)]).then(([loaded]) => loaded);
}

/** Makes a language's whole strings available at once (the unit tests' set-up). */
export function addDictionary(lang: Lang, dictionary: Dictionary): void {
  DICTIONARIES[lang] = dictionary;
  LOADED[lang] = new Set(['shell', ...(Object.keys(PAGE_PARTS) as PagePart[])]);
}
/** The language chosen earlier on this browser, else Chinese. */
export function storedLang(): Lang {
  return langNamed(globalThis.localStorage?.getItem(LANG_STORAGE_KEY));
}

/** The language a request's Cookie header names, else Chinese. */
export function langOfCookies(header: string | null | undefined): Lang {
  const pair = (header ?? '').split(';').find((c) => c.trim().startsWith(`${LANG_COOKIE}=`));
  return langNamed(pair?.trim().slice(LANG_COOKIE.length + 1));
}

const langNamed = (name: string | null | undefined): Lang => LANGS.find((l) => l === name) ?? 'zh-CN';

/** The language the app starts in: the one stored in the browser; on the server, the request's (app.config.server.ts). */
export const START_LANG = new InjectionToken<Lang>('START_LANG', { factory: storedLang });

@Injectable({ providedIn: 'root' })
export class I18n {
  /** Sets NG-ZORRO's own strings (its components' labels); known once its code has arrived. */
  private zorroLocale?: (lang: Lang) => void;
  private readonly document = inject(DOCUMENT);
  private readonly inBrowser = isPlatformBrowser(inject(PLATFORM_ID));
  private readonly current = signal<Lang>(inject(START_LANG));
  /** Bumped when strings arrive, for a language set before they had. */
  private readonly arrived = signal(0);
  readonly lang = this.current.asReadonly();

  constructor() {
    this.apply(this.current());
    // A choice made before the cookie existed reaches the renderer from the next page on.
    if (this.inBrowser && langOfCookies(this.document.cookie) !== this.current())
      this.remember(this.current());
  }

  /** Reads the language signal, so templates and computeds that call it follow a switch. */
  readonly t = (key: I18nKey, params?: Record<string, string>): string => {
    this.arrived();
    const text = DICTIONARIES[this.current()][key] ?? DICTIONARIES['zh-CN'][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m) : text;
  };

  setLang(lang: Lang): void {
    this.current.set(lang);
    localStorage.setItem(LANG_STORAGE_KEY, lang);
    this.remember(lang);
    this.apply(lang);
    if (!hasDictionary(lang)) void loadDictionary(lang).then(() => this.arrived.update((n) => n + 1));
  }

  /** Switches once the other language's strings are here, so the page never shows them half-way. */
  toggle(): void {
    const next = this.current() === 'zh-CN' ? 'en-US' : 'zh-CN';
    if (hasDictionary(next)) this.setLang(next);
    else void loadDictionary(next).then(() => this.setLang(next));
  }

  /**
   * NG-ZORRO's i18n code comes with the pages, not in the first load (layout/page-support.ts, and the
   * specs through i18n/zorro-locale.ts): from then on its strings follow the language.
   */
  useZorroLocale(setLocale: (lang: Lang) => void): void {
    this.zorroLocale = setLocale;
    setLocale(this.current());
  }

  private remember(lang: Lang): void {
    this.document.cookie = `${LANG_COOKIE}=${lang}; Path=/; Max-Age=${LANG_COOKIE_MAX_AGE_S}; SameSite=Lax`;
  }

  private apply(lang: Lang): void {
    this.zorroLocale?.(lang);
    this.document.documentElement.lang = lang;
  }
}
