import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import {
  provideRouter,
  withComponentInputBinding,
  withEnabledBlockingInitialNavigation,
} from '@angular/router';
import { provideApiConfiguration } from './api/api-configuration';
import { prefetchFirstPage, routes } from './app.routes';
import { authInterceptor } from './auth/auth.interceptor';
import { AuthService } from './auth/auth.service';
import { loadStrings } from './i18n/i18n.service';
import { localeInterceptor } from './i18n/locale.interceptor';
import { serverRenderingInterceptor } from './server-rendering';

/**
 * The page came drawn (the browser shows it already: `<app-root>` holds it): prerendered, drawn by
 * the server (src/server.ts), or the shell every other page starts from (tools/post-build.mjs,
 * index.csr.html). main.ts then draws the app off screen and swaps it in.
 */
export const cameDrawn = () => (globalThis.document?.querySelector('app-root')?.childElementCount ?? 0) > 0;

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      // A page that came drawn stays as it is until the app can draw it again whole, with the first
      // page in it: the app starts once that page's code is in (and its guards have answered).
      ...(cameDrawn() ? [withEnabledBlockingInitialNavigation()] : []),
    ),
    provideHttpClient(withInterceptors([serverRenderingInterceptor, localeInterceptor, authInterceptor])),
    // Same origin: the web server proxies /api to the API.
    provideApiConfiguration(''),
    // NG-ZORRO's own strings follow the language once its code arrives with a page (layout/page-support.ts);
    // the date pickers' adapter is provided on the routes that have them (shared/date-input.ts).
    // The first page's code is fetched alongside, not after, the session's restoring.
    // (In the browser only: a prerendering server loads the page as it renders it.)
    provideAppInitializer(() => prefetchFirstPage(globalThis.location?.pathname ?? '/')),
    provideAppInitializer(() => inject(AuthService).restore()),
    // The strings of a language chosen on an earlier visit, before the first page shows (on a
    // server, both languages': it draws for visitors of either).
    provideAppInitializer(loadStrings),
  ],
};
