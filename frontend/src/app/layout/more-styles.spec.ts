import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MORE_STYLES_META,
  PAGE_STYLES_META,
  loadMoreStyles,
  loadPageStyles,
  resetMoreStyles,
  withMoreStyles,
} from './more-styles';

const SRC = join(__dirname, '../..');

/** The NG-ZORRO components whose styles a stylesheet imports (`ng-zorro-antd/<name>/style/entry.less`). */
function styled(file: string): Set<string> {
  const less = readFileSync(join(SRC, 'styles', file), 'utf8');
  return new Set(
    [...less.matchAll(/^@import '(?:~)?ng-zorro-antd\/([a-z-]+)\/style\/entry\.less';/gm)].map((m) => m[1]),
  );
}

/** The NG-ZORRO entry points the app's code imports. */
function imported(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) imported(path, found);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      for (const m of readFileSync(path, 'utf8').matchAll(/from 'ng-zorro-antd\/([a-z0-9-]+)/g))
        found.add(m[1]);
  }
  return found;
}

// Entry points without a stylesheet of their own (services, icons, i18n, shared core).
const UNSTYLED = new Set(['core', 'i18n', 'icon']);

describe("NG-ZORRO's three stylesheets", () => {
  it('style every component the app imports, each in one of them', () => {
    const sheets = ['zorro-base.less', 'zorro-pages.less', 'zorro-more.less'].map(styled);
    const missing = [...imported(join(SRC, 'app'))].filter(
      (c) => !UNSTYLED.has(c) && !sheets.some((sheet) => sheet.has(c)),
    );
    expect(missing).toEqual([]);
    const [base, pages, more] = sheets;
    expect([...base].filter((c) => pages.has(c) || more.has(c))).toEqual([]);
    expect([...pages].filter((c) => more.has(c))).toEqual([]);
  });

  it("give the first paint the shell's layout and buttons, every page the menu and forms, some pages tables", () => {
    const base = styled('zorro-base.less');
    expect([...base].sort()).toEqual(['button', 'layout']);
    const pages = styled('zorro-pages.less');
    for (const c of ['menu', 'drawer', 'dropdown', 'card', 'form', 'input', 'select'])
      expect([c, pages.has(c)]).toEqual([c, true]);
    const more = styled('zorro-more.less');
    for (const c of ['table', 'date-picker', 'upload', 'steps']) expect([c, more.has(c)]).toEqual([c, true]);
  });
});

describe('loadMoreStyles', () => {
  afterEach(() => {
    resetMoreStyles();
    document.head.querySelectorAll('link, meta').forEach((e) => e.remove());
  });

  const links = () => [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];

  it('adds the stylesheet index.html names, once, and resolves when it has loaded', async () => {
    const meta = document.createElement('meta');
    meta.name = MORE_STYLES_META;
    meta.content = 'zorro-more-AbCd12_-.css';
    document.head.appendChild(meta);

    let done = false;
    const first = loadMoreStyles().then(() => (done = true));
    const second = loadMoreStyles();
    // The pages' stylesheet (no name here: the development build's) comes first.
    expect(links().map((l) => l.getAttribute('href'))).toEqual([
      'zorro-pages.css',
      'zorro-more-AbCd12_-.css',
    ]);
    await Promise.resolve();
    links()[0].dispatchEvent(new Event('load'));
    await Promise.resolve();
    expect(done).toBe(false);
    links()[1].dispatchEvent(new Event('load'));
    await Promise.all([first, second]);
    expect(done).toBe(true);
  });

  it("falls back to the development build's name, and lets the page show even if it fails", async () => {
    const loading = loadMoreStyles();
    expect(links().map((l) => l.getAttribute('href'))).toEqual(['zorro-pages.css', 'zorro-more.css']);
    links().forEach((l) => l.dispatchEvent(new Event('error')));
    await expect(loading).resolves.toBeUndefined();
  });

  it('does not add again what a prerendered page links, and resolves at once', async () => {
    const meta = document.createElement('meta');
    meta.name = PAGE_STYLES_META;
    meta.content = 'zorro-pages-AAAA1111.css';
    const prerendered = document.createElement('link');
    prerendered.rel = 'stylesheet';
    prerendered.href = 'zorro-pages-AAAA1111.css';
    document.head.append(meta, prerendered);
    await expect(loadPageStyles()).resolves.toBeUndefined();
    expect(links()).toEqual([prerendered]);
  });

  it("adds the pages' stylesheet before the last one, each once", async () => {
    for (const [name, content] of [
      [PAGE_STYLES_META, 'zorro-pages-AAAA1111.css'],
      [MORE_STYLES_META, 'zorro-more-BBBB2222.css'],
    ]) {
      const meta = document.createElement('meta');
      meta.name = name;
      meta.content = content;
      document.head.appendChild(meta);
    }
    void loadPageStyles();
    const more = loadMoreStyles();
    expect(links().map((l) => l.getAttribute('href'))).toEqual([
      'zorro-pages-AAAA1111.css',
      'zorro-more-BBBB2222.css',
    ]);
    links().forEach((l) => l.dispatchEvent(new Event('load')));
    await expect(more).resolves.toBeUndefined();
  });

  it("gives a route's loader its own result once the stylesheet is in", async () => {
    const routes = [{ path: '' }];
    const loaded = withMoreStyles(() => Promise.resolve(routes))();
    links().forEach((l) => l.dispatchEvent(new Event('load')));
    await expect(loaded).resolves.toBe(routes);
  });
});
