import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { rawGet } from './support/raw-get.js';

// The web servers of the app: `npm start`'s (scripts/lib/stack.mjs) and the nginx image's
// (docker/nginx.conf). Both must send the same security headers.
const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

type Headers = Record<string, string>;
interface SecurityHeadersModule {
  securityHeaders(options: { production: boolean }): Headers;
}
interface PrecompressModule {
  precompress(root: string): { count: number };
}
interface PostBuildModule {
  hashMoreStyles(root: string): string;
  hashPageStyles(root: string): string;
  preloadInitialScripts(root: string): { needed: number; added: number };
  preloadLazyImports(root: string, statsFile?: string): number;
  startScriptsAfterPaint(root: string): number;
  serverTemplateModule(root: string): boolean;
  shellForClientPages(root: string): number;
  BROTLI_BUDGETS: { firstLoad: number; signedInShell: number };
  weigh(
    root: string,
    statsFile?: string,
  ): {
    figures: Record<'firstLoad' | 'signedInShell', { files: number; raw: number; br: number }>;
    over: string[];
  };
}
interface StackModule {
  webServer(
    port: number,
    apiUrl: string,
    stoppers: (() => Promise<void>)[],
    options: { production: boolean; root: string },
  ): Promise<string>;
}
// Plain JavaScript modules, imported by URL so the type checker leaves them alone.
const scripts = async <T>(path: string) => (await import(new URL(path, ROOT).href)) as T;

// Large enough to be worth compressing (the build step skips files under 1 kB).
const MAIN_JS = Array.from({ length: 200 }, (_, i) => `console.log(${i});`).join('\n');

let appRoot: string;
let api: Server;
let apiUrl: string;
const stoppers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // A stand-in for the built app and for the API behind the proxy.
  appRoot = mkdtempSync(join(tmpdir(), 'web-headers-'));
  writeFileSync(join(appRoot, 'index.html'), '<!doctype html><script src="main-ABCD1234.js"></script>');
  writeFileSync(join(appRoot, 'main-ABCD1234.js'), MAIN_JS);
  writeFileSync(join(appRoot, 'favicon.ico'), 'icon');
  // As the build leaves it: a .br and a .gz beside each text file worth compressing.
  const { precompress } = await scripts<PrecompressModule>('frontend/tools/precompress.mjs');
  expect(precompress(appRoot).count).toBe(1); // index.html is below the 1 kB worth compressing
  api = createServer((req, res) => {
    res.setHeader('x-seen-forwarded-for', String(req.headers['x-forwarded-for']));
    res.setHeader('content-security-policy', "default-src 'self'; script-src 'self' 'unsafe-inline'");
    res.setHeader('content-type', 'application/json');
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((ok) => api.listen(0, '127.0.0.1', ok));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const stop of stoppers.reverse()) await stop();
  await new Promise((ok) => api?.close(ok));
  rmSync(appRoot, { recursive: true, force: true });
});

async function startWeb(production: boolean): Promise<string> {
  const { webServer } = await scripts<StackModule>('scripts/lib/stack.mjs');
  return webServer(0, apiUrl, stoppers, { production, root: appRoot });
}

/** The security headers of a response: every header the module defines, as sent. */
function sent(res: Response, names: string[]): Headers {
  return Object.fromEntries(names.flatMap((n) => (res.headers.has(n) ? [[n, res.headers.get(n)!]] : [])));
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('the security headers', () => {
  it('forbid inline script, framing and sniffing, and keep the referrer on our site', async () => {
    const { securityHeaders } = await scripts<SecurityHeadersModule>('scripts/lib/security-headers.mjs');
    const headers = securityHeaders({ production: false });
    const csp = directives(headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ production: true })['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
  });
});

describe("npm start's web server", () => {
  it('sends them with the app, its routes and its files, HSTS only in production', async () => {
    const { securityHeaders } = await scripts<SecurityHeadersModule>('scripts/lib/security-headers.mjs');
    const all = Object.keys(securityHeaders({ production: true }));
    for (const production of [false, true]) {
      const web = await startWeb(production);
      for (const path of ['/', '/projects/42', '/main-ABCD1234.js']) {
        const res = await fetch(`${web}${path}`);
        expect(res.status).toBe(200);
        expect([production, path, sent(res, all)]).toEqual([
          production,
          path,
          securityHeaders({ production }),
        ]);
      }
      // The API's answers keep the API's own headers (its Swagger UI needs other rules).
      const proxied = await fetch(`${web}/api/health`);
      expect(await proxied.json()).toEqual({ status: 'ok' });
      expect(proxied.headers.get('content-security-policy')).toContain("'unsafe-inline'");
      expect(proxied.headers.has('strict-transport-security')).toBe(false);
    }
  });
});

describe("npm start's web server sending the app's files", () => {
  it("sends the build's brotli or gzip copy as the browser accepts, saying it varies", async () => {
    const web = await startWeb(true);
    const br = await rawGet(`${web}/main-ABCD1234.js`, 'gzip, deflate, br');
    expect([br.status, br.headers['content-encoding']]).toEqual([200, 'br']);
    expect(brotliDecompressSync(br.body).toString()).toBe(MAIN_JS);
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(MAIN_JS.length / 4);

    const gz = await rawGet(`${web}/main-ABCD1234.js`, 'gzip');
    expect([gz.status, gz.headers['content-encoding']]).toEqual([200, 'gzip']);
    expect(gunzipSync(gz.body).toString()).toBe(MAIN_JS);

    const plain = await rawGet(`${web}/main-ABCD1234.js`);
    expect([plain.status, plain.headers['content-encoding'], plain.body.toString()]).toEqual([
      200,
      undefined,
      MAIN_JS,
    ]);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
  });

  it('caches hashed files for good and makes the browser revalidate the app itself', async () => {
    const web = await startWeb(false);
    for (const encoding of [undefined, 'br', 'gzip'])
      expect((await rawGet(`${web}/main-ABCD1234.js`, encoding)).headers['cache-control']).toBe(
        'public, max-age=31536000, immutable',
      );
    // The app, under any of its routes: it names the current hashed files.
    for (const path of ['/', '/index.html', '/projects/42'])
      expect([path, (await rawGet(`${web}${path}`, 'gzip, br')).headers['cache-control']]).toEqual([
        path,
        'no-cache',
      ]);
    // Not hashed: may change under the same name.
    expect((await rawGet(`${web}/favicon.ico`)).headers['cache-control']).not.toMatch(/immutable/);
  });
});

describe("npm start's web server and the prerendered pages", () => {
  it('sends a prerendered page at its path, and starts every other path from index.csr.html', async () => {
    const root = mkdtempSync(join(tmpdir(), 'web-pages-'));
    stoppers.push(async () => rmSync(root, { recursive: true, force: true }));
    writeFileSync(join(root, 'index.html'), '<p>home, prerendered</p>');
    mkdirSync(join(root, 'donate'));
    writeFileSync(join(root, 'donate', 'index.html'), '<p>donate, prerendered</p>');
    writeFileSync(join(root, 'index.csr.html'), '<p>the app starts here</p>');
    const { webServer } = await scripts<StackModule>('scripts/lib/stack.mjs');
    const web = await webServer(0, apiUrl, stoppers, { production: false, root });
    for (const [path, body] of [
      ['/', 'home, prerendered'],
      ['/donate', 'donate, prerendered'],
      ['/donate/?from=home', 'donate, prerendered'],
      ['/directory', 'the app starts here'],
      ['/projects/42', 'the app starts here'],
      ['/%2E%2E/%2E%2E/etc', 'the app starts here'],
    ]) {
      const res = await rawGet(`${web}${path}`);
      expect([path, res.status, res.body.toString(), res.headers['cache-control']]).toEqual([
        path,
        200,
        `<p>${body}</p>`,
        'no-cache',
      ]);
    }
    // A path that does not decode is refused, not served.
    expect((await rawGet(`${web}/%E0%A4%A`)).status).toBe(400);
    // A signed-in browser (its session's CSRF cookie) gets the app, which draws the page for its user.
    for (const path of ['/', '/donate'])
      for (const cookie of ['XSRF-TOKEN=abc', 'lang=en; XSRF-TOKEN=abc']) {
        const res = await fetch(`${web}${path}`, { headers: { cookie } });
        expect([path, cookie, await res.text()]).toEqual([path, cookie, '<p>the app starts here</p>']);
      }
    const other = await fetch(`${web}/`, { headers: { cookie: 'MY-XSRF-TOKEN=abc' } });
    expect(await other.text()).toBe('<p>home, prerendered</p>');
  });
});

describe("npm start's web server and the web renderer", () => {
  it("has the renderer draw its pages for a visitor, falling back to the app's start page", async () => {
    // The build's layout: the app in browser/, and beside it a stand-in for the server bundle
    // (frontend/src/server.ts), which draws /directory and fails /directory/broken.
    const base = mkdtempSync(join(tmpdir(), 'web-renderer-'));
    stoppers.push(async () => rmSync(base, { recursive: true, force: true }));
    const root = join(base, 'browser');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<p>home, prerendered</p>');
    writeFileSync(join(root, 'index.csr.html'), '<p>the app starts here</p>');
    mkdirSync(join(base, 'server'));
    writeFileSync(
      join(base, 'server', 'server.mjs'),
      `export const drawnOnServer = (path) => path.split('/')[0] === 'directory';
       export async function render(req, apiUrl) {
         if (req.url === '/directory/broken') throw new Error('the stand-in fails');
         const page = '<p>drawn ' + req.url + ' for ' + req.headers['x-forwarded-for'] + ' with ' + apiUrl + '</p>' + ' '.repeat(2000);
         return new Response(page, { status: req.url === '/directory/gone' ? 404 : 200, headers: { 'content-type': 'text/html;charset=UTF-8' } });
       }`,
    );
    const { webServer } = await scripts<StackModule>('scripts/lib/stack.mjs');
    const web = (await webServer(0, apiUrl, stoppers, { production: true, root })).replace(
      'localhost',
      '127.0.0.1',
    );

    // For the visitor, the connecting client (never the address it claims), with this server's API,
    // compressed, revalidated.
    const drawn = await fetch(`${web}/directory?q=x`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect([drawn.status, (await drawn.text()).trim()]).toEqual([
      200,
      expect.stringMatching(
        new RegExp(
          `^<p>drawn /directory\\?q=x for (::ffff:)?127\\.0\\.0\\.1 with ${apiUrl.replaceAll('.', '\\.')}</p>$`,
        ),
      ),
    ]);
    expect([drawn.headers.get('cache-control'), drawn.headers.get('x-frame-options')]).toEqual([
      'no-cache',
      'DENY',
    ]);
    const br = await rawGet(`${web}/directory`, 'gzip, br');
    // Drawn for the visitor's cookies (the language chosen): a shared cache keeps a copy per cookie.
    expect([br.headers['content-encoding'], br.headers.vary]).toEqual(['br', 'Accept-Encoding, Cookie']);
    expect(brotliDecompressSync(br.body).toString()).toContain('<p>drawn /directory for ');

    // A signed-in browser, a path the renderer does not draw, a page it fails or does not have: the app.
    const signedIn = await fetch(`${web}/directory`, { headers: { cookie: 'XSRF-TOKEN=abc' } });
    expect(await signedIn.text()).toBe('<p>the app starts here</p>');
    for (const path of ['/projects/42', '/directory/broken']) {
      const res = await fetch(`${web}${path}`);
      expect([path, res.status, await res.text()]).toEqual([path, 200, '<p>the app starts here</p>']);
    }
    // A page drawn about a thing that does not exist is sent as drawn, a 404 (search engines drop it).
    const gone = await fetch(`${web}/directory/gone`);
    expect([gone.status, (await gone.text()).trim()]).toEqual([
      404,
      expect.stringMatching(/^<p>drawn \/directory\/gone for /),
    ]);
  });
});

describe("npm start's web server forwarding /api", () => {
  it("names its client in X-Forwarded-For and never passes on the client's own", async () => {
    const web = await startWeb(false);
    const res = await fetch(`${web.replace('localhost', '127.0.0.1')}/api/health`, {
      headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-seen-forwarded-for')).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});

describe("the nginx image's web server", () => {
  it("names its client in X-Forwarded-For and never passes on the client's own", () => {
    const conf = read('docker/nginx.conf');
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(conf).not.toContain('$proxy_add_x_forwarded_for');
  });

  /** The add_header lines of an nginx snippet, by lower-cased header name. */
  function addHeaders(conf: string): Headers {
    const lines = conf.split('\n').filter((l) => /^\s*add_header\s/.test(l));
    return Object.fromEntries(
      lines.map((line) => {
        const m = /^\s*add_header\s+(\S+)\s+("([^"]*)"|(\S+?))(\s+always)?\s*;\s*$/.exec(line);
        if (!m) throw new Error(`cannot read: ${line}`);
        return [m[1].toLowerCase(), m[3] ?? m[4]];
      }),
    );
  }

  it('sends the same headers as npm start in production, always, in every location serving the app', async () => {
    const { securityHeaders } = await scripts<SecurityHeadersModule>('scripts/lib/security-headers.mjs');
    const snippet = read('docker/security-headers.conf');
    expect(addHeaders(snippet)).toEqual(securityHeaders({ production: true }));
    for (const line of snippet.split('\n').filter((l) => l.startsWith('add_header')))
      expect(line).toMatch(/ always;$/);

    const dockerfile = read('docker/web.Dockerfile');
    expect(dockerfile).toContain('COPY docker/security-headers.conf /etc/nginx/security-headers.conf');

    const nginx = read('docker/nginx.conf');
    // Each block from its `location ... {` line to its closing `}` line (the blocks do not nest).
    const locations = [...nginx.matchAll(/^\s*location\s+(.*?)\s*\{\s*$([\s\S]*?)^\s*\}\s*$/gm)];
    const app = locations.filter(([, match]) => !match.includes('/api/'));
    expect(app.length).toBeGreaterThanOrEqual(3);
    for (const [, match, body] of app) {
      // An add_header of its own would drop the included ones, unless it is one of the others.
      expect([match, body]).toEqual([
        match,
        expect.stringContaining('include /etc/nginx/security-headers.conf;'),
      ]);
      for (const name of Object.keys(addHeaders(body)))
        expect([match, name]).toEqual([match, expect.stringMatching(/^(cache-control|vary)$/)]);
    }
  });
});

describe("the build's last step (frontend/tools/post-build.mjs)", () => {
  // As the build lays it out: the app in browser/, the server bundle beside it in server/.
  let dist: string;
  beforeEach(() => {
    dist = join(mkdtempSync(join(tmpdir(), 'post-build-')), 'browser');
    mkdirSync(dist);
  });
  afterEach(() => rmSync(join(dist, '..'), { recursive: true, force: true }));

  it('preloads every script main needs, however deep, and none it only may load later', async () => {
    const { preloadInitialScripts } = await scripts<PostBuildModule>('frontend/tools/post-build.mjs');
    writeFileSync(
      join(dist, 'main-AAAA1111.js'),
      'import{a as b}from"./chunk-BBBB2222.js";import"./chunk-CCCC3333.js";const r=()=>import("./chunk-LAZY0000.js");',
    );
    writeFileSync(join(dist, 'chunk-BBBB2222.js'), 'import{c}from"./chunk-DDDD4444.js";export{c as a};');
    writeFileSync(join(dist, 'chunk-CCCC3333.js'), 'export{x}from"./chunk-DDDD4444.js";');
    writeFileSync(join(dist, 'chunk-DDDD4444.js'), 'export const c=1,x=2;');
    writeFileSync(join(dist, 'chunk-LAZY0000.js'), 'import"./chunk-EEEE5555.js";');
    writeFileSync(
      join(dist, 'index.html'),
      '<head></head><body><link rel="modulepreload" href="chunk-BBBB2222.js"><script src="main-AAAA1111.js" type="module"></script></body>',
    );
    expect(preloadInitialScripts(dist)).toEqual({ needed: 3, added: 2 });
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const preloaded = [...html.matchAll(/rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
    expect(preloaded.sort()).toEqual(['chunk-BBBB2222.js', 'chunk-CCCC3333.js', 'chunk-DDDD4444.js']);
    expect(html.indexOf('chunk-DDDD4444.js')).toBeLessThan(html.indexOf('<script src="main-AAAA1111.js"'));
  });

  it('names the second stylesheet by its content, cached like the other hashed files, and tells index.html', async () => {
    const { hashMoreStyles } = await scripts<PostBuildModule>('frontend/tools/post-build.mjs');
    const { cacheControl } = await scripts<{ cacheControl(path: string): string }>('scripts/lib/stack.mjs');
    const name = (css: string) => {
      writeFileSync(join(dist, 'zorro-more.css'), css);
      writeFileSync(join(dist, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
      return hashMoreStyles(dist);
    };
    const first = name('.ant-table{color:red}');
    expect(first).toMatch(/^zorro-more-[A-Za-z0-9_-]{8}\.css$/);
    expect(readFileSync(join(dist, first), 'utf8')).toBe('.ant-table{color:red}');
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain(
      `<meta name="app-more-styles" content="${first}"></head>`,
    );
    expect(cacheControl(first)).toBe('public, max-age=31536000, immutable');
    expect(name('.ant-table{color:blue}')).not.toBe(first);
    expect(name('.ant-table{color:red}')).toBe(first);
  });

  it('has the prerendered pages link the stylesheets by their build names and ask for their scripts once painted', async () => {
    const { hashPageStyles, startScriptsAfterPaint } = await scripts<PostBuildModule>(
      'frontend/tools/post-build.mjs',
    );
    const { cacheControl } = await scripts<{ cacheControl(path: string): string }>('scripts/lib/stack.mjs');
    const prerendered = (body: string) =>
      `<html><head><link rel="stylesheet" href="zorro-pages.css"><link rel="modulepreload" href="chunk-BBBB2222.js"><link rel="modulepreload" href="chunk-CCCC3333.js"></head><body>${body}<script src="main-AAAA1111.js" type="module"></script></body></html>`;
    writeFileSync(join(dist, 'zorro-pages.css'), '.ant-card{color:red}');
    writeFileSync(join(dist, 'index.html'), prerendered('<h1>home</h1>'));
    mkdirSync(join(dist, 'donate'));
    writeFileSync(join(dist, 'donate', 'index.html'), prerendered('<h1>donate</h1>'));
    const start =
      '<html><head><link rel="modulepreload" href="chunk-BBBB2222.js"></head><body><app-root></app-root><script src="main-AAAA1111.js" type="module"></script></body></html>';
    writeFileSync(join(dist, 'index.csr.html'), start);

    const sheet = hashPageStyles(dist);
    expect(startScriptsAfterPaint(dist)).toBe(2);
    const loader = readdirSync(dist).find((f) => f.startsWith('start-after-paint-'));
    expect(loader).toMatch(/^start-after-paint-[A-Za-z0-9_-]{8}\.js$/);
    expect(cacheControl(loader!)).toBe('public, max-age=31536000, immutable');
    for (const page of ['index.html', join('donate', 'index.html')]) {
      const html = readFileSync(join(dist, page), 'utf8');
      expect([page, html]).toEqual([
        page,
        expect.stringContaining(`<link rel="stylesheet" href="${sheet}">`),
      ]);
      // No script nor preload the browser would fetch beside the stylesheets: the loader names them.
      expect(html).not.toContain('modulepreload');
      expect(html).not.toContain('type="module"');
      expect(html).toContain(
        `<script src="${loader}" defer data-main="main-AAAA1111.js" data-preload="chunk-BBBB2222.js chunk-CCCC3333.js"></script>`,
      );
    }
    // What the page weighs still counts the scripts it starts.
    for (const file of ['main-AAAA1111.js', 'chunk-BBBB2222.js', 'chunk-CCCC3333.js'])
      writeFileSync(join(dist, file), '');
    const { firstLoad } = await scripts<{ firstLoad(root: string, page: string): { file: string }[] }>(
      'frontend/tools/first-load.mjs',
    );
    expect(firstLoad(dist, 'index.html').map((f) => f.file)).toEqual([
      'index.html',
      sheet,
      loader,
      'main-AAAA1111.js',
      'chunk-BBBB2222.js',
      'chunk-CCCC3333.js',
    ]);
    // The page the app draws itself needs its scripts first; it names the stylesheet too.
    const csr = readFileSync(join(dist, 'index.csr.html'), 'utf8');
    expect(csr).toContain('<script src="main-AAAA1111.js" type="module">');
    expect(csr).not.toContain('start-after-paint');
    expect(csr).toContain(`<meta name="app-page-styles" content="${sheet}">`);
  });

  it("gives the pages the app draws itself the prerendered home's shell, without the home page or its sign-in link", async () => {
    const { shellForClientPages } = await scripts<PostBuildModule>('frontend/tools/post-build.mjs');
    const shellStyle = '<style ng-app-id="ng">.header[_ngcontent-ng-c111]{display:flex}</style>';
    const homeStyle = '<style ng-app-id="ng">.tagline[_ngcontent-ng-c222]{color:grey}</style>';
    const shell = (header: string, main: string) =>
      `<app-root ng-version="22"><app-shell _nghost-ng-c111=""><header _ngcontent-ng-c111="">${header}</header>` +
      `<main _ngcontent-ng-c111="">${main}</main></app-shell></app-root>`;
    const brand = '<a _ngcontent-ng-c111="" class="brand" href="/">三社联动</a>';
    const login =
      '<a _ngcontent-ng-c111="" routerlink="/login" data-testid="login-link" class="ant-btn" href="/login">登录</a>';
    writeFileSync(
      join(dist, 'index.html'),
      `<html><head>${shellStyle}${homeStyle}</head><body>` +
        shell(brand + login, '<app-home _nghost-ng-c222=""><h1 _ngcontent-ng-c222="">欢迎</h1></app-home>') +
        '<script src="main-A.js" type="module"></script></body></html>',
    );
    const start =
      '<html><head><title>t</title></head><body><app-root></app-root><script src="main-A.js" type="module"></script></body></html>';
    writeFileSync(join(dist, 'index.csr.html'), start);

    expect(shellForClientPages(dist)).toBeGreaterThan(0);
    expect(readFileSync(join(dist, 'index.csr.html'), 'utf8')).toBe(
      `<html><head><title>t</title>${shellStyle}</head><body>${shell(brand, '')}<script src="main-A.js" type="module"></script></body></html>`,
    );
    // Built again, or from a home page that is not the one expected: refused, not a second shell.
    expect(() => shellForClientPages(dist)).toThrow(/index.csr.html has no empty <app-root>/);
    writeFileSync(join(dist, 'index.html'), `<html><body>${shell(brand, '<h1>other</h1>')}</body></html>`);
    expect(() => shellForClientPages(dist)).toThrow(/not the prerendered home page/);
  });

  it("weighs the first load and the signed-in shell (the menu's chunks, through the build's stats) against their budgets", async () => {
    const { weigh, BROTLI_BUDGETS } = await scripts<PostBuildModule>('frontend/tools/post-build.mjs');
    expect(BROTLI_BUDGETS).toEqual({ firstLoad: 120_000, signedInShell: 180_000 });
    const root = join(dist, 'browser');
    mkdirSync(root);
    // A file of `raw` bytes and its brotli copy of `br` bytes.
    const file = (name: string, raw: number, br: number) => {
      writeFileSync(join(root, name), 'x'.repeat(raw));
      writeFileSync(join(root, `${name}.br`), 'x'.repeat(br));
    };
    writeFileSync(
      join(root, 'index.html'),
      '<head><link rel="stylesheet" href="styles-A.css"><meta name="app-page-styles" content="zorro-pages-P.css">' +
        '<meta name="app-more-styles" content="zorro-more-M.css"></head><body><script src="main-A.js" type="module"></script></body>',
    );
    const index = statSync(join(root, 'index.html')).size; // too small to compress: sent as it is
    file('styles-A.css', 50_000, 6_000);
    file('main-A.js', 300_000, 100_000);
    file('zorro-pages-P.css', 200_000, 20_000);
    file('zorro-more-M.css', 200_000, 20_000);
    file('chunk-MENU.js', 10_000, 3_000);
    file('chunk-ICONS.js', 20_000, 8_000);
    file('chunk-PAGE.js', 90_000, 30_000);
    const imports = (...paths: [string, string][]) => paths.map(([path, kind]) => ({ path, kind }));
    const outputs = {
      'main-A.js': { inputs: { 'src/main.ts': {} }, imports: [] },
      'chunk-MENU.js': {
        inputs: { 'src/app/layout/nav-menu.ts': {} },
        imports: imports(
          ['main-A.js', 'import-statement'],
          ['chunk-ICONS.js', 'import-statement'],
          ['chunk-PAGE.js', 'dynamic-import'],
        ),
      },
      'chunk-ICONS.js': { inputs: { 'src/app/layout/menu-icons.ts': {} }, imports: [] },
      'chunk-PAGE.js': { inputs: { 'src/app/home/home.ts': {} }, imports: [] },
    };
    writeFileSync(join(dist, 'browser-stats.json'), JSON.stringify({ outputs }));

    const { figures, over } = weigh(root);
    expect(figures.firstLoad).toEqual({ files: 3, raw: index + 350_000, br: index + 106_000 });
    // The page the menu may load later is not part of the shell; what it imports at once is.
    expect(figures.signedInShell).toEqual({ files: 7, raw: index + 780_000, br: index + 157_000 });
    expect(over).toEqual([]);

    file('chunk-ICONS.js', 20_000, 31_000);
    expect(weigh(root).over).toEqual(['signedInShell']);
    file('main-A.js', 300_000, 120_000);
    expect(weigh(root).over).toEqual(['firstLoad', 'signedInShell']);
    expect(() => weigh(root, join(dist, 'none.json'))).toThrow('no build stats');
  });

  it("has each import() preload, with its chunk, that chunk's imports the first load lacks, once a page", async () => {
    const { preloadLazyImports } = await scripts<PostBuildModule>('frontend/tools/post-build.mjs');
    const root = join(dist, 'browser');
    mkdirSync(root);
    writeFileSync(
      join(root, 'index.html'),
      '<head><link rel="modulepreload" href="chunk-SHARED.js"></head><body><script src="main-M.js" type="module"></script></body>',
    );
    const main = 'const page=()=>import(`./chunk-PAGE.js`),strings=()=>import(`./chunk-STRINGS.js`);';
    writeFileSync(join(root, 'main-M.js'), main);
    writeFileSync(join(root, 'chunk-SHARED.js'), 'export const s=1;');
    const imports = (...paths: [string, string][]) => paths.map(([path, kind]) => ({ path, kind }));
    const outputs = {
      'main-M.js': { imports: imports(['chunk-SHARED.js', 'import-statement']) },
      'chunk-PAGE.js': {
        imports: imports(
          ['chunk-SHARED.js', 'import-statement'],
          ['chunk-UI.js', 'import-statement'],
          ['chunk-LATER.js', 'dynamic-import'],
        ),
      },
      'chunk-UI.js': { imports: imports(['chunk-CDK.js', 'import-statement']) },
      'chunk-STRINGS.js': { imports: [] },
    };
    writeFileSync(join(dist, 'browser-stats.json'), JSON.stringify({ outputs }));

    expect(preloadLazyImports(root)).toBe(1);
    const code = readFileSync(join(root, 'main-M.js'), 'utf8');
    expect(code).toContain('import(`./chunk-PAGE.js`)');
    expect(code).toContain('strings=()=>import(`./chunk-STRINGS.js`)'); // nothing to add: left as it was

    // Run it, the document a stub and import() a spy: the chunk is still what it loads, and the
    // scripts it imports are preloaded, the first load's and later ones' not, and once only.
    const links: { rel: string; href: string }[] = [];
    const document = {
      createElement: () => ({}),
      head: { append: (l: { rel: string; href: string }) => links.push(l) },
    };
    const loaded: string[] = [];
    const run = new Function(
      'document',
      'globalThis',
      'load',
      `${code.replaceAll('import(', 'load(')} return page;`,
    ) as (d: unknown, g: object, load: (url: string) => string) => () => string;
    const page = run(document, {}, (url) => (loaded.push(url), url));
    expect(page()).toBe('./chunk-PAGE.js');
    page();
    expect(loaded).toEqual(['./chunk-PAGE.js', './chunk-PAGE.js']);
    expect(links).toEqual([
      { rel: 'modulepreload', href: 'chunk-CDK.js' },
      { rel: 'modulepreload', href: 'chunk-UI.js' },
    ]);
  });

  it("edits the server's page template like the prerendered pages, in the module the server bundle reads", async () => {
    const { hashPageStyles, startScriptsAfterPaint, serverTemplateModule } = await scripts<PostBuildModule>(
      'frontend/tools/post-build.mjs',
    );
    expect(serverTemplateModule(dist)).toBe(false); // no server bundle: nothing to do
    const server = join(dist, '..', 'server');
    mkdirSync(join(server, 'assets-chunks'), { recursive: true });
    // What the build writes: the template, the same text in a module (a template literal), its size in the manifest.
    const template =
      '<html><head></head><body><app-root></app-root><script src="main-AAAA1111.js" type="module"></script></body></html>';
    writeFileSync(join(server, 'index.server.html'), template);
    writeFileSync(join(server, 'assets-chunks', 'index_server_html.mjs'), `export default \`${template}\`;`);
    const manifest = (size: number) =>
      `export default { assets: { 'index.csr.html': {size: 9, hash: "aa"}, "index.server.html": {size: ${size}, hash: "e22c30d563b99c67", text: () => import("./assets-chunks/index_server_html.mjs").then(m => m.default)} } };`;
    writeFileSync(join(server, 'angular-app-manifest.mjs'), manifest(template.length));
    writeFileSync(join(dist, 'zorro-pages.css'), '.ant-card{color:red}');
    writeFileSync(join(dist, 'index.csr.html'), template);

    const sheet = hashPageStyles(dist);
    startScriptsAfterPaint(dist);
    expect(serverTemplateModule(dist)).toBe(true);
    const edited = readFileSync(join(server, 'index.server.html'), 'utf8');
    expect(edited).toContain(`<meta name="app-page-styles" content="${sheet}">`);
    expect(edited).toMatch(
      /<script src="start-after-paint-[\w-]{8}\.js" defer data-main="main-AAAA1111\.js"/,
    );
    // The module the server bundle imports says the same, to the letter (the loader's ` and $ escaped).
    const module = join(server, 'assets-chunks', 'index_server_html.mjs');
    const { default: carried } = (await import(`${pathToFileURL(module).href}?edited`)) as {
      default: string;
    };
    expect(carried).toBe(edited);
    expect(readFileSync(join(server, 'angular-app-manifest.mjs'), 'utf8')).toContain(
      `"index.server.html": {size: ${Buffer.byteLength(edited)}, hash: "`,
    );
  });

  it("names the pages' stylesheet beside the second one, each with its own meta", async () => {
    const { hashMoreStyles, hashPageStyles } = await scripts<PostBuildModule>(
      'frontend/tools/post-build.mjs',
    );
    writeFileSync(join(dist, 'zorro-pages.css'), '.ant-card{color:red}');
    writeFileSync(join(dist, 'zorro-more.css'), '.ant-table{color:red}');
    writeFileSync(join(dist, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
    const pages = hashPageStyles(dist);
    const more = hashMoreStyles(dist);
    expect(pages).toMatch(/^zorro-pages-[A-Za-z0-9_-]{8}\.css$/);
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).toContain(`<meta name="app-page-styles" content="${pages}">`);
    expect(html).toContain(`<meta name="app-more-styles" content="${more}">`);
  });
});
