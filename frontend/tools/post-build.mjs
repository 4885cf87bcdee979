// Runs after `ng build` (npm run build): names NG-ZORRO's second and third stylesheets by their
// content and tells index.html those names, has index.html preload every script the first page needs, then
// writes the compressed copies the web servers send.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLoad } from './first-load.mjs';
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
  const index = join(root, 'index.html');
  const html = readFileSync(index, 'utf8').replace(new RegExp(`\\s*<meta name="${meta}"[^>]*>`), '');
  writeFileSync(index, html.replace('</head>', `<meta name="${meta}" content="${name}"></head>`));
  return name;
}

/** NG-ZORRO's styles of the components only some pages draw (tables, date pickers…). */
export const hashMoreStyles = (root) => hashStylesheet(root, 'zorro-more', 'app-more-styles');
/** NG-ZORRO's styles of the menu and of the components every page draws (cards, forms…). */
export const hashPageStyles = (root) => hashStylesheet(root, 'zorro-pages', 'app-page-styles');

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
  const index = join(root, 'index.html');
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? fileURLToPath(new URL('../dist/frontend/browser', import.meta.url));
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`post-build: no built app in ${root}`);
    process.exit(1);
  }
  const styles = [hashPageStyles(root), hashMoreStyles(root)].join(', ');
  const preloads = preloadInitialScripts(root);
  const { count, raw, br, gz } = precompress(root);
  const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
  console.log(
    `post-build: ${styles}; ${preloads.needed} scripts preloaded (${preloads.added} added); ` +
      `${count} files precompressed, ${kB(raw)} → brotli ${kB(br)}, gzip ${kB(gz)}`,
  );
  // The target: at most 120 kB brotli (docs/benchmarks.md); angular.json's budgets hold the raw size.
  const first = firstLoad(root);
  const total = (key) => first.reduce((n, f) => n + f[key], 0);
  console.log(
    `post-build: first load ${first.length} files, ${kB(total('raw'))} raw, ${kB(total('br'))} brotli`,
  );
}
