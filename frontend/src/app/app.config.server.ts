import { REQUEST_CONTEXT, inject, mergeApplicationConfig } from '@angular/core';
import { provideServerRendering, withRoutes } from '@angular/ssr';
import { appConfig } from './app.config';
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
  ],
});
