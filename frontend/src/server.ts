import { RenderMode } from '@angular/ssr';
import { AngularNodeAppEngine, isMainModule, writeResponseToNodeResponse } from '@angular/ssr/node';
import { type IncomingMessage, createServer } from 'node:http';
import { serverRoutes } from './app/app.routes.server';
import type { RenderContext } from './app/server-rendering';

/**
 * The web app's renderer: draws the pages app.routes.server.ts gives to the server at request time
 * (the directory, the public projects, the leaderboard, the tenders and their notices, a volunteer
 * certificate's check), data included. A web server in front sends it those paths only, for visitors (a signed-in browser gets
 * the app's start page): `npm start`'s, which imports this bundle and names its API, or nginx, which
 * forwards them to this file run alone (docker/), which asks the API at `API_URL`.
 * `NG_ALLOWED_HOSTS` names the hosts it answers for.
 */
const engine = new AngularNodeAppEngine({
  // The visitor's address, which the web server in front sets (and the API is told).
  trustProxyHeaders: ['x-forwarded-for'],
});

const drawnRoutes = serverRoutes
  .filter((route) => route.renderMode === RenderMode.Server)
  .map((route) => route.path.split('/'));

/** Whether the server draws this path (`/directory/<id>`) at request time. */
export function drawnOnServer(path: string): boolean {
  const parts = path.split(/[?#]/)[0].split('/').filter(Boolean);
  return drawnRoutes.some(
    (route) => route.length === parts.length && route.every((p, i) => p.startsWith(':') || p === parts[i]),
  );
}

/** The page for a request, or null when the app has no such page; drawn with the API at `apiUrl`. */
export const render = (request: IncomingMessage, apiUrl = process.env['API_URL']) =>
  engine.handle(request, { apiUrl } satisfies RenderContext);

if (isMainModule(import.meta.url)) {
  const port = Number(process.env['PORT'] ?? 4000);
  createServer((req, res) => {
    if (req.url === '/health') return void res.end('ok');
    render(req)
      .then(async (page) => {
        if (page) await writeResponseToNodeResponse(page, res);
        else res.writeHead(404).end();
      })
      .catch((err: unknown) => {
        console.error(err);
        res.writeHead(500).end();
      });
  }).listen(port, () => console.log(`web renderer on :${port}`));
}
