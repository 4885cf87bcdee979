import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideNzNativeDateAdapter } from 'ng-zorro-antd/core/time';
import { provideNzI18n } from 'ng-zorro-antd/i18n';
import { provideApiConfiguration } from './api/api-configuration';
import { routes } from './app.routes';
import { authInterceptor } from './auth/auth.interceptor';
import { AuthService } from './auth/auth.service';
import { loadDictionary, storedLang, zorroLocale } from './i18n/i18n.service';
import { localeInterceptor } from './i18n/locale.interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([localeInterceptor, authInterceptor])),
    // Same origin: the web server proxies /api to the API.
    provideApiConfiguration(''),
    provideNzI18n(() => zorroLocale(storedLang())),
    // Date pickers (grades' expiry, credit listings) work on native Dates; weeks start on Monday.
    provideNzNativeDateAdapter(() => ({ locale: storedLang(), firstDayOfWeek: 1 })),
    provideAppInitializer(() => inject(AuthService).restore()),
    // The strings of a language chosen on an earlier visit, before the first page shows.
    provideAppInitializer(() => loadDictionary(storedLang())),
  ],
};
