// Runs after `ng build` (npm run build): names NG-ZORRO's second and third stylesheets by their
// content and tells index.html those names, has index.html preload every script the first page needs,
// gives the pages the app draws itself the shell to paint at once (index.csr.html), writes the
// compressed copies the web servers send, then fails the build when the first load or the signed-in
// shell weighs more than its target (BROTLI_BUDGETS).
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLoad, htmlPages, serverTemplate, signedInExtra, startPage } from './first-load.mjs';
import { precompress } from './precompress.mjs';

/**
 * Angular leaves a stylesheet that index.html does not load (angular.json, inject: false) without
 * a hash in its name. Given one, it is cached for good like the rest (the web servers' rule for
 * name-XXXXXXXX.css), and index.html, which is always revalidated, says which one is current in
 * a `<meta name="…">` that src/app/layout/more-styles.ts looks for.
 */
export function hashStylesheet(root, bundle, meta) {
  const file = join(root, `${bundle}.css`);
  if (!existsSync(file)) throw new Error(`post-build: ${bundle}.css is missing from the build`);
  const css = readFileSync(file);
  // Eight characters of [A-Za-z0-9_-], as Angular names its own files.
  const hash = createHash('sha256').update(css).digest('base64url').slice(0, 8);
  const name = `${bundle}-${hash}.css`;
  renameSync(file, join(root, name));
  for (const page of htmlPages(root)) {
    const html = readFileSync(page, 'utf8')
      .replace(new RegExp(`\\s*<meta name="${meta}"[^>]*>`), '')
      // A prerendered page links the stylesheets it was drawn with by their build names.
      .replaceAll(`href="${bundle}.css"`, `href="${name}"`);
    writeFileSync(page, html.replace('</head>', `<meta name="${meta}" content="${name}"></head>`));
  }
  return name;
}

/** NG-ZORRO's styles of the components only some pages draw (tables, date pickers…). */
export const hashMoreStyles = (root) => hashStylesheet(root, 'zorro-more', 'app-more-styles');
/** NG-ZORRO's styles of the menu and of the components every page draws (cards, forms…). */
export const hashPageStyles = (root) => hashStylesheet(root, 'zorro-pages', 'app-page-styles');

/**
 * The server bundle carries its page template as a module (assets-chunks/index_server_html.mjs) made
 * before this script edited index.server.html like the other pages (stylesheet names, preloads, the
 * loader): written again from the edited file, with the manifest's size and hash of it.
 */
export function serverTemplateModule(root) {
  const template = serverTemplate(root);
  if (!existsSync(template)) return false;
  const html = readFileSync(template, 'utf8');
  const server = join(template, '..');
  // As Angular writes it: a template literal, its own special characters escaped.
  const literal = html.replace(/[\\`$]/g, (c) => `\\${c}`);
  writeFileSync(join(server, 'assets-chunks', 'index_server_html.mjs'), `export default \`${literal}\`;`);
  const manifest = join(server, 'angular-app-manifest.mjs');
  const hash = createHash('sha256').update(html).digest('hex');
  const entry = /("index\.server\.html": \{size: )\d+(, hash: ")[0-9a-f]+"/;
  const code = readFileSync(manifest, 'utf8');
  if (!entry.test(code)) throw new Error('post-build: the server manifest names no index.server.html');
  writeFileSync(manifest, code.replace(entry, `$1${Buffer.byteLength(html)}$2${hash}"`));
  return true;
}

/**
 * The targets in brotli bytes, as sent (docs/benchmarks.md, "What the first load weighs"): a visit's
 * first load, and a signed-in user's shell (the first load, NG-ZORRO's other two stylesheets and the
 * code of the menu and the user menu). angular.json's budgets hold the raw sizes.
 */
export const BROTLI_BUDGETS = { firstLoad: 120_000, signedInShell: 180_000 };

/**
 * The first load's and the signed-in shell's files and brotli totals, with what is over its budget.
 * The shell's menu chunks are found through the build's stats (angular.json: statsJson).
 */
export function weigh(root, statsFile = join(root, '..', 'browser-stats.json')) {
  if (!existsSync(statsFile))
    throw new Error(`post-build: no build stats in ${statsFile} (ng build --stats-json)`);
  const first = firstLoad(root);
  const shell = [...first, ...signedInExtra(root, statsFile)];
  const total = (files, key) => files.reduce((n, f) => n + f[key], 0);
  const figures = {
    firstLoad: { files: first.length, raw: total(first, 'raw'), br: total(first, 'br') },
    signedInShell: { files: shell.length, raw: total(shell, 'raw'), br: total(shell, 'br') },
  };
  const over = Object.keys(BROTLI_BUDGETS).filter((key) => figures[key].br > BROTLI_BUDGETS[key]);
  return { figures, over };
}

/** The scripts a built module imports statically (`import … from "./x.js"`, not `import("./x.js")`). */
function staticImports(code) {
  const found = new Set();
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[^;()"']*?from\s*)?"\.\/([^"]+\.js)"/g))
    found.add(m[1]);
  return found;
}

/**
 * Angular preloads at most ten of the scripts main imports (modulepreload links): the browser finds
 * the others only once main has arrived and been parsed, a second round trip on a phone's network.
 * Adds a link for each script main needs, directly or through another, that has none.
 */
export function preloadInitialScripts(root) {
  const counts = htmlPages(root).map((page) => [page, preloadScriptsOf(root, page)]);
  // What the page every other path starts from needed.
  return counts.find(([page]) => page === join(root, startPage(root)))[1];
}

function preloadScriptsOf(root, index) {
  const html = readFileSync(index, 'utf8');
  const main = /<script src="(main-[^"]+\.js)" type="module">/.exec(html)?.[1];
  if (!main) throw new Error('post-build: index.html loads no main-*.js');
  const needed = new Set();
  const visit = (file) => {
    for (const dep of staticImports(readFileSync(join(root, file), 'utf8')))
      if (!needed.has(dep)) {
        needed.add(dep);
        visit(dep);
      }
  };
  visit(main);
  const missing = [...needed].filter((file) => !html.includes(`href="${file}"`)).sort();
  const links = missing.map((file) => `<link rel="modulepreload" href="${file}">`).join('');
  writeFileSync(index, html.replace(`<script src="${main}"`, `${links}<script src="${main}"`));
  return { needed: needed.size, added: missing.length };
}

/**
 * Runs in the browser, from a prerendered page: adds the page's scripts (its `data-preload` links
 * and its `data-main` module) once the page has painted, that is after the next frame, or after a
 * second where no frame comes (a tab in the background).
 */
function startAfterPaint() {
  /* global document, requestAnimationFrame -- the browser's, where this runs */
  const tag = document.currentScript;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const href of tag.dataset.preload.split(' ').filter(Boolean)) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = href;
      document.head.append(link);
    }
    const main = document.createElement('script');
    main.type = 'module';
    main.src = tag.dataset.main;
    document.body.append(main);
  };
  requestAnimationFrame(() => setTimeout(start));
  setTimeout(start, 1000);
}

/**
 * A prerendered page shows without its scripts, which only make it work. On a phone's network they
 * would share the line with what the page paints with and hold the paint back, so the page asks for
 * them only once it has painted: its module script and preload links become one small script
 * (`startAfterPaint`, a file of its own as the Content Security Policy allows only those) that adds
 * them then. The pages the app draws itself (index.csr.html) need them first. Returns how many pages
 * changed.
 */
export function startScriptsAfterPaint(root) {
  const code = `(${startAfterPaint})();\n`;
  const loader = `start-after-paint-${createHash('sha256').update(code).digest('base64url').slice(0, 8)}.js`;
  writeFileSync(join(root, loader), code);
  let pages = 0;
  for (const page of htmlPages(root).filter((p) => !p.endsWith('index.csr.html'))) {
    const html = readFileSync(page, 'utf8');
    const main = /<script src="(main-[^"]+\.js)" type="module"><\/script>/.exec(html);
    if (!main) continue;
    const preload = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    const tag = `<script src="${loader}" defer data-main="${main[1]}" data-preload="${preload.join(' ')}"></script>`;
    writeFileSync(page, html.replace(/<link rel="modulepreload" href="[^"]+">/g, '').replace(main[0], tag));
    pages++;
  }
  return pages;
}

/**
 * The pages the app draws itself start from index.csr.html, whose `<app-root>` is empty: a phone
 * showed nothing until the page's code had arrived and run (4 s on the bench's slow network). They
 * get the shell instead (header, skip link, the menu's place), taken from the prerendered home page
 * without the home page's content and without its sign-in link (the visitor may be signed in), with
 * the shell's own styles: the page paints from its HTML and stylesheet, and the app draws the shell
 * again, with the page in it, once the page's code is in (app.config.ts: the first navigation then
 * blocks). Returns the bytes of shell added.
 */
export function shellForClientPages(root) {
  const home = readFileSync(join(root, 'index.html'), 'utf8');
  const appRoot = /<app-root[^>]*>[\s\S]*<\/app-root>/.exec(home)?.[0];
  const host = /<app-shell _nghost-(ng-c\d+)=""/.exec(appRoot ?? '')?.[1];
  if (!appRoot || !host || !appRoot.includes('<app-home'))
    throw new Error('post-build: index.html is not the prerendered home page in the shell');
  const shell = appRoot
    .replace(/<app-home[\s\S]*<\/app-home>/, '')
    .replace(/<a [^>]*data-testid="login-link"[^>]*>[^<]*<\/a>/, '');
  const styles = [...home.matchAll(/<style ng-app-id="ng">[^<]*<\/style>/g)]
    .map((m) => m[0])
    .filter((style) => style.includes(`[_ngcontent-${host}]`))
    .join('');
  const start = join(root, 'index.csr.html');
  const html = readFileSync(start, 'utf8');
  if (!html.includes('<app-root></app-root>'))
    throw new Error('post-build: index.csr.html has no empty <app-root>');
  writeFileSync(start, html.replace('</head>', `${styles}</head>`).replace('<app-root></app-root>', shell));
  return shell.length + styles.length;
}

/** Adds a `<link rel="modulepreload">` for each file named, once a page (a function's source, inlined below). */
const PRELOAD =
  '(d=>{const s=globalThis.__preloaded??=new Set;for(const h of d)if(!s.has(h)){s.add(h);' +
  'const l=document.createElement("link");l.rel="modulepreload";l.href=h;document.head.append(l)}})';

/**
 * A lazy chunk's imports are found only once it has arrived and been parsed: one more round trip for
 * every `import()` on the way to a page (its routes, then its component), each slow on a phone's
 * network. As Vite does, each `import()` of the build is rewritten to preload, alongside the chunk,
 * every script that chunk imports (less the first load's, already there): a page's code then arrives
 * in one round trip. Returns how many `import()`s were rewritten.
 */
export function preloadLazyImports(root, statsFile = join(root, '..', 'browser-stats.json')) {
  const { outputs } = JSON.parse(readFileSync(statsFile, 'utf8'));
  const initial = new Set(firstLoad(root).map((f) => f.file));
  const closure = (file, seen = new Set()) => {
    for (const i of outputs[file]?.imports ?? [])
      if (i.kind === 'import-statement' && !seen.has(i.path) && !initial.has(i.path)) {
        seen.add(i.path);
        closure(i.path, seen);
      }
    return seen;
  };
  let rewritten = 0;
  for (const file of readdirSync(root).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(root, file), 'utf8');
    const next = code.replace(/import\(`\.\/([\w-]+\.js)`\)/g, (site, target) => {
      const deps = [...closure(target)].sort();
      if (!deps.length) return site;
      rewritten++;
      return `(${PRELOAD}(${JSON.stringify(deps)}),${site})`;
    });
    if (next !== code) writeFileSync(join(root, file), next);
  }
  return rewritten;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? fileURLToPath(new URL('../dist/frontend/browser', import.meta.url));
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`post-build: no built app in ${root}`);
    process.exit(1);
  }
  const styles = [hashPageStyles(root), hashMoreStyles(root)].join(', ');
  const preloads = preloadInitialScripts(root);
  const lazy = preloadLazyImports(root);
  const prerendered = startScriptsAfterPaint(root);
  const shell = shellForClientPages(root);
  serverTemplateModule(root);
  const { count, raw, br, gz } = precompress(root);
  const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
  console.log(
    `post-build: ${styles}; ${preloads.needed} scripts preloaded (${preloads.added} added), ` +
      `${lazy} import()s preload their chunks' imports; ` +
      `${prerendered} prerendered page(s) fetch their scripts once painted; ` +
      `index.csr.html shows the shell (${kB(shell)}); ` +
      `${count} files precompressed, ${kB(raw)} → brotli ${kB(br)}, gzip ${kB(gz)}`,
  );
  const { figures, over } = weigh(root);
  const names = { firstLoad: 'first load', signedInShell: 'signed-in shell' };
  for (const [key, f] of Object.entries(figures))
    console.log(
      `post-build: ${names[key]} ${f.files} files, ${kB(f.raw)} raw, ${kB(f.br)} brotli ` +
        `(budget ${kB(BROTLI_BUDGETS[key])})`,
    );
  // What a prerendered page paints with (itself and its stylesheets), and the scripts it fetches
  // after them, which make it work.
  for (const page of htmlPages(root).filter((p) => !p.endsWith('index.csr.html'))) {
    const name = relative(root, page);
    const files = firstLoad(root, name);
    const sum = (list) => kB(list.reduce((n, f) => n + f.br, 0));
    const paint = files.filter((f) => !f.file.endsWith('.js'));
    const scripts = files.filter((f) => f.file.endsWith('.js'));
    const what =
      page === serverTemplate(root) ? 'the server-drawn pages paint' : `prerendered ${name} paints`;
    console.log(
      `post-build: ${what} with ${paint.length} files, ${sum(paint)} brotli; ` +
        `then ${scripts.length} scripts, ${sum(scripts)} brotli`,
    );
  }
  for (const key of over)
    console.error(
      `post-build: the ${names[key]} weighs ${kB(figures[key].br)} brotli, over its ${kB(BROTLI_BUDGETS[key])} ` +
        '(node tools/first-load.mjs lists its files)',
    );
  if (over.length) process.exit(1);
}
