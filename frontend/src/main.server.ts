import { type BootstrapContext, bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { serverConfig } from './app/app.config.server';

/** The app as the build prerenders its public pages (see app.routes.server.ts). */
export default (context: BootstrapContext) => bootstrapApplication(App, serverConfig, context);
