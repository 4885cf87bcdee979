import { RenderMode, type ServerRoute } from '@angular/ssr';

/**
 * The visitor's pages that come drawn, so that a phone paints them from the HTML instead of waiting
 * for the app's code. Prerendered at build time: the home page, and the donation page's heading (its
 * form, which needs the communities, is drawn in the browser). Drawn at request time with their data
 * by the renderer (src/server.ts): the public lists and pages people arrive at from a link or a search
 * engine, and the check a volunteer certificate's QR code leads to. docker/nginx.conf forwards the
 * same paths to the renderer (a test holds the two equal). Every other page starts in the browser.
 */
export const serverRoutes: ServerRoute[] = [
  { path: '', renderMode: RenderMode.Prerender },
  { path: 'donate', renderMode: RenderMode.Prerender },
  { path: 'directory', renderMode: RenderMode.Server },
  { path: 'directory/:id', renderMode: RenderMode.Server },
  { path: 'public-projects', renderMode: RenderMode.Server },
  { path: 'public-projects/:id', renderMode: RenderMode.Server },
  { path: 'leaderboard', renderMode: RenderMode.Server },
  { path: 'tenders', renderMode: RenderMode.Server },
  { path: 'tenders/:id', renderMode: RenderMode.Server },
  { path: 'volunteer-certificates/:id/verify', renderMode: RenderMode.Server },
  { path: '**', renderMode: RenderMode.Client },
];
