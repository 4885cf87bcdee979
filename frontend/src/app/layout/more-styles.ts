/**
 * The second NG-ZORRO stylesheet (src/styles/zorro-more.less: tables, date pickers, uploads…),
 * which the first page does without. The build names it with a hash and writes the name in
 * index.html's `<meta name="app-more-styles">` (frontend/tools/post-build.mjs); a development
 * build leaves it as zorro-more.css.
 */
export const MORE_STYLES_META = 'app-more-styles';
const DEFAULT_HREF = 'zorro-more.css';

let loading: Promise<void> | undefined;

/**
 * Adds the stylesheet once and resolves when it applies (or failed: the page still works, plainer).
 * Started together with a page's code, so the page shows styled and no later than its code allows.
 */
export function loadMoreStyles(doc: Document = document): Promise<void> {
  return (loading ??= new Promise<void>((done) => {
    const href =
      doc.querySelector<HTMLMetaElement>(`meta[name="${MORE_STYLES_META}"]`)?.content || DEFAULT_HREF;
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = link.onerror = () => done();
    doc.head.appendChild(link);
  }));
}

/** For tests: forget that the stylesheet was added. */
export function resetMoreStyles(): void {
  loading = undefined;
}

/** A lazy route's loader that also brings the second stylesheet, in parallel with the code. */
export function withMoreStyles<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadMoreStyles()]).then(([loaded]) => loaded);
}
