// What a first visit downloads before the page's own code: index.html, the stylesheet it links and
// every script it loads or preloads (post-build.mjs preloads all that main imports), in raw bytes
// and as sent (the build's .br copies; a file under precompress's threshold is sent as it is).
// `npm run build -w frontend` prints it; `node tools/first-load.mjs [dist/frontend/browser]` too.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

function sizes(root, file) {
  const raw = statSync(join(root, file)).size;
  const br = existsSync(join(root, `${file}.br`)) ? statSync(join(root, `${file}.br`)).size : raw;
  return { file, raw, br };
}

/**
 * The build's pages: index.html (the home page, prerendered), the other prerendered pages
 * (`<path>/index.html`), index.csr.html, the page every other path starts from, and the server's
 * template of the pages it draws at request time.
 */
export function htmlPages(root) {
  const pages = readdirSync(root, { recursive: true })
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(root, f));
  return existsSync(serverTemplate(root)) ? [...pages, serverTemplate(root)] : pages;
}

/** The page the server draws its pages in at request time (src/server.ts), beside the app's root. */
export const serverTemplate = (root) => join(root, '..', 'server', 'index.server.html');

/** The page the app starts from on every path not prerendered (before prerendering: index.html). */
export const startPage = (root) =>
  existsSync(join(root, 'index.csr.html')) ? 'index.csr.html' : 'index.html';

/**
 * The files of the first load of any page (or of the `page` given: a prerendered one, with its
 * stylesheets and its page's scripts), with their raw and brotli sizes.
 */
export function firstLoad(root, page = startPage(root)) {
  const html = readFileSync(join(root, page), 'utf8');
  // A prerendered page names the scripts it starts once painted in its loader's data-main and data-preload.
  const files = [
    ...html.matchAll(
      /<link rel="stylesheet" href="([^"]+)"|<link rel="modulepreload"[^>]* href="([^"]+)"|<script[^>]* src="([^"]+)"|data-(?:main|preload)="([^"]*)"/g,
    ),
  ].flatMap((m) => (m[4] === undefined ? [m[1] ?? m[2] ?? m[3]] : m[4].split(' ').filter(Boolean)));
  return [page, ...new Set(files)].map((file) => sizes(root, file));
}

/**
 * A signed-in user's shell beyond the first load: NG-ZORRO's other two stylesheets and the chunks of
 * the shell's @defer blocks (menu, user menu), found through the build's stats (`ng build --stats-json`).
 */
export function signedInExtra(root, statsFile) {
  const html = readFileSync(join(root, startPage(root)), 'utf8');
  const sheets = [...html.matchAll(/<meta name="app-(?:page|more)-styles" content="([^"]+)"/g)].map(
    (m) => m[1],
  );
  const extra = sheets.map((file) => sizes(root, file));
  if (!statsFile || !existsSync(statsFile)) return extra;
  const { outputs } = JSON.parse(readFileSync(statsFile, 'utf8'));
  const initial = new Set(firstLoad(root).map((f) => f.file));
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || initial.has(file)) return;
    seen.add(file);
    for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  for (const [file, out] of Object.entries(outputs))
    if (
      file.endsWith('.js') &&
      Object.keys(out.inputs).some((i) => /src\/app\/layout\/(nav-menu|user-menu)\.ts$/.test(i))
    )
      visit(file);
  return [...extra, ...[...seen].map((file) => sizes(root, file))];
}

const sum = (files, key) => files.reduce((n, f) => n + f[key], 0);
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? fileURLToPath(new URL('../dist/frontend/browser', import.meta.url));
  const stats = process.argv[3] ?? join(root, '..', 'browser-stats.json');
  const first = firstLoad(root);
  for (const f of first)
    console.log(`${f.file.padEnd(28)} ${kB(f.raw).padStart(10)} ${kB(f.br).padStart(10)}`);
  console.log(
    `first load: ${first.length} files, ${kB(sum(first, 'raw'))} raw, ${kB(sum(first, 'br'))} brotli`,
  );
  const extra = signedInExtra(root, stats);
  const all = [...first, ...extra];
  for (const f of extra)
    console.log(`${f.file.padEnd(28)} ${kB(f.raw).padStart(10)} ${kB(f.br).padStart(10)}`);
  console.log(
    `signed-in shell: ${all.length} files, ${kB(sum(all, 'raw'))} raw, ${kB(sum(all, 'br'))} brotli`,
  );
}
