import { bootstrapApplication, createApplication } from '@angular/platform-browser';
import { appConfig, cameDrawn } from './app/app.config';
import { App } from './app/app';

/** How long a page that came drawn waits for the app to be stable at most (an API that hangs). */
const SWAP_AFTER_MS = 3000;

/**
 * A page that came drawn (prerendered, by the server, or the shell every other page starts from,
 * index.csr.html) stays on screen while the app draws it again off screen, and gives way to it in one
 * go once the app is stable with its first data (answered from the page, that data arrives in promise
 * callbacks after the first drawing: hence the task waited first). Without it the page would show
 * empty, or loading, for a frame in between.
 */
async function start(): Promise<void> {
  if (!cameDrawn()) {
    await bootstrapApplication(App, appConfig);
    return;
  }
  const drawn = document.querySelector('app-root')!;
  const app = await createApplication(appConfig);
  const fresh = document.createElement('app-root');
  app.bootstrap(App, fresh);
  await new Promise((next) => setTimeout(next));
  await Promise.race([app.whenStable(), new Promise((next) => setTimeout(next, SWAP_AFTER_MS))]);
  drawn.replaceWith(fresh);
}

// The app starts in a task of its own, after the one that ran its modules: two shorter tasks keep
// a slow phone's main thread free sooner than one long one.
setTimeout(() => start().catch((err) => console.error(err)));
