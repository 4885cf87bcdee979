import type { Injector } from '@angular/core';
import { NzI18nService, en_US, zh_CN, type NzI18nInterface } from 'ng-zorro-antd/i18n';
import type { Lang } from './i18n.service';

const ZORRO_LOCALES: Record<Lang, NzI18nInterface> = { 'zh-CN': zh_CN, 'en-US': en_US };

/** What sets NG-ZORRO's strings to a language (`I18n.useZorroLocale`). */
export function zorroLocaleSetter(injector: Injector): (lang: Lang) => void {
  const zorro = injector.get(NzI18nService);
  return (lang) => zorro.setLocale(ZORRO_LOCALES[lang]);
}
