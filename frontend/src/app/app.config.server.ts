import { REQUEST, REQUEST_CONTEXT, inject, mergeApplicationConfig } from '@angular/core';
import { provideServerRendering, withRoutes } from '@angular/ssr';
import { appConfig } from './app.config';
import { START_LANG, langOfCookies } from './i18n/i18n.service';
import { serverRoutes } from './app.routes.server';
import { type RenderContext, SERVER_API_ORIGIN } from './server-rendering';

export const serverConfig = mergeApplicationConfig(appConfig, {
  providers: [
    provideServerRendering(withRoutes(serverRoutes)),
    // The API's own address (`http://api:3000`), so a page drawn here asks it directly.
    {
      provide: SERVER_API_ORIGIN,
      useFactory: () => (inject(REQUEST_CONTEXT, { optional: true }) as RenderContext | null)?.apiUrl ?? '',
    },
    // A page drawn at request time comes in the language the visitor chose (its cookie); a
    // prerendered one, without a request, in Chinese.
    {
      provide: START_LANG,
      useFactory: () => langOfCookies(inject(REQUEST, { optional: true })?.headers.get('cookie')),
    },
  ],
});
