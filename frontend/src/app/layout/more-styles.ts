import { DOCUMENT, inject } from '@angular/core';

/**
 * NG-ZORRO's stylesheets beyond the first one (src/styles/zorro-base.less: the theme's core, the
 * shell's layout and buttons), which the first paint does without:
 * - zorro-pages.less: the menu and the components of the public pages (cards, forms, selects…),
 *   loaded with every page and with the menu;
 * - zorro-more.less: tables, date pickers, uploads…, loaded with the pages that draw them.
 * The build names each with a hash and writes the name in index.html's `<meta name="app-…-styles">`
 * (frontend/tools/post-build.mjs); a development build leaves them as zorro-pages.css and
 * zorro-more.css.
 */
export const PAGE_STYLES_META = 'app-page-styles';
export const MORE_STYLES_META = 'app-more-styles';

const loading = new Map<string, Promise<void>>();

/**
 * Adds a stylesheet once and resolves when it applies (or failed: the page still works, plainer).
 * Started together with a page's code, so the page shows styled and no later than its code allows.
 */
function loadStylesheet(meta: string, fallback: string, doc: Document): Promise<void> {
  // (Prerendering at build time, before the build names the stylesheet, the page has no meta: the
  // build then writes the name in the page. A page drawn at request time has it.)
  const href = doc.querySelector<HTMLMetaElement>(`meta[name="${meta}"]`)?.content || fallback;
  // A server drawing the page (no browser: nothing loads) only writes the link into it.
  if (typeof document === 'undefined') {
    if (!linked(doc, href)) doc.head.appendChild(stylesheetLink(doc, href));
    return Promise.resolve();
  }
  let done = loading.get(meta);
  if (!done) {
    done = new Promise<void>((resolve) => {
      // A page drawn before (prerendered, or by the server) links it already, in its head.
      if (linked(doc, href)) return resolve();
      const link = stylesheetLink(doc, href);
      link.onload = link.onerror = () => resolve();
      doc.head.appendChild(link);
    });
    loading.set(meta, done);
  }
  return done;
}

const linked = (doc: Document, href: string) =>
  doc.head.querySelector(`link[rel="stylesheet"][href="${href}"]`) !== null;

function stylesheetLink(doc: Document, href: string): HTMLLinkElement {
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  return link;
}

/**
 * The browser's document, or on a server drawing a page the page being drawn (then called in an
 * injection context: a route's loader, a component's constructor).
 */
const pageDocument = (): Document => (typeof document === 'undefined' ? inject(DOCUMENT) : document);

/** The menu's and every page's NG-ZORRO styles (zorro-pages). */
export function loadPageStyles(doc: Document = pageDocument()): Promise<void> {
  return loadStylesheet(PAGE_STYLES_META, 'zorro-pages.css', doc);
}

/** The styles of the components only some pages draw (zorro-more), after the pages' ones. */
export function loadMoreStyles(doc: Document = pageDocument()): Promise<void> {
  return Promise.all([loadPageStyles(doc), loadStylesheet(MORE_STYLES_META, 'zorro-more.css', doc)]).then(
    () => undefined,
  );
}

/** For tests: forget that the stylesheets were added. */
export function resetMoreStyles(): void {
  loading.clear();
}

/** A lazy route's loader that also brings the pages' stylesheet, in parallel with the code. */
export function withPageStyles<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadPageStyles()]).then(([loaded]) => loaded);
}

/** A lazy route's loader that also brings the second and third stylesheets, in parallel with the code. */
export function withMoreStyles<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadMoreStyles()]).then(([loaded]) => loaded);
}
