import {
  EnvironmentProviders,
  effect,
  inject,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';
import { NzDateAdapter, provideNzNativeDateAdapter } from 'ng-zorro-antd/core/time';
import { I18n, storedLang } from '../i18n/i18n.service';

/**
 * The date pickers' calendar (native Dates, weeks starting on Monday) in the user's language, which
 * it follows when switched; NG-ZORRO's own words in the pickers follow it through I18n too. On the
 * routes whose pages have pickers (`app-date-input`), to keep them off the first load; a file of its
 * own, so that a route providing them does not load the pickers' code with its other pages.
 */
export function provideDatePickers(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideNzNativeDateAdapter(() => ({ locale: storedLang(), firstDayOfWeek: 1 })),
    provideEnvironmentInitializer(() => {
      const adapter = inject(NzDateAdapter);
      const lang = inject(I18n).lang;
      effect(() => adapter.setLocale(lang()));
    }),
  ]);
}
