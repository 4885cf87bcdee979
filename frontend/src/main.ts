import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

// The app starts in a task of its own, after the one that ran its modules: two shorter tasks keep
// a slow phone's main thread free sooner than one long one.
setTimeout(() => bootstrapApplication(App, appConfig).catch((err) => console.error(err)));
