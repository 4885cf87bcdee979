import { RenderMode, type ServerRoute } from '@angular/ssr';

/**
 * The pages prerendered at build time, so that a phone paints them from the HTML instead of waiting
 * for the app's code: the visitor's home page, and the donation page's heading (its form, which
 * needs the communities, is drawn in the browser). Every other page starts in the browser.
 */
export const serverRoutes: ServerRoute[] = [
  { path: '', renderMode: RenderMode.Prerender },
  { path: 'donate', renderMode: RenderMode.Prerender },
  { path: '**', renderMode: RenderMode.Client },
];
