import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../src/database/seed/demo.js';
import { Api } from './support/http.js';
import { rawGet as get } from './support/raw-get.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// The nginx image's configuration (docker/nginx.conf) run by a real nginx in front of the API,
// changed only where the container differs from this machine: where the API, the files and the
// temporary folders are, and the port. Clients connect from different loopback addresses.
const ROOT = new URL('../../', import.meta.url);
const NGINX = '/usr/sbin/nginx';

// Both large enough to be worth compressing (the build step skips files under 1 kB).
const MAIN_JS = Array.from({ length: 200 }, (_, i) => `console.log(${i});`).join('\n');
/** The build's pages, each worth compressing: prerendered ones and the app's start page. */
const page = (name: string) => `<!doctype html><!-- ${`${name} `.repeat(300)} -->`;
const INDEX_HTML = page('home');
const DONATE_HTML = page('donate');
const CSR_HTML = page('app');

let env: Env;
let db: DataSource;
let api: Api;
let nginx: ChildProcess;
let dir: string;
let port: number;
let renderer: Server;

/**
 * A stand-in for the web renderer (frontend/src/server.ts): a page naming the path, the Host and the
 * X-Forwarded-For it was asked with, long enough to be worth compressing; a failure on /directory/broken,
 * the page of an organization that does not exist (a 404) on /directory/gone.
 */
function standInRenderer(): Promise<number> {
  renderer = createHttpServer((req, res) => {
    if (req.url === '/directory/broken') return void res.writeHead(500).end('renderer failed');
    if (req.url === '/directory/gone')
      return void res
        .writeHead(404, { 'content-type': 'text/html;charset=UTF-8' })
        .end('<p>drawn: no such organization</p>');
    res.setHeader('content-type', 'text/html;charset=UTF-8');
    res.end(
      `<!doctype html><p>drawn ${req.url} for ${req.headers.host} ` +
        `from ${req.headers['x-forwarded-for']}</p><!-- ${'padding '.repeat(200)} -->`,
    );
  });
  return new Promise((ok) =>
    renderer.listen(0, '127.0.0.1', () => ok((renderer.address() as AddressInfo).port)),
  );
}

/** Debian's nginx, installed when missing (as the test scripts install Chromium). */
function ensureNginx(): void {
  if (existsSync(NGINX)) return;
  const opts = { stdio: 'inherit' as const, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  spawnSync('apt-get', ['update', '-qq'], opts);
  spawnSync('apt-get', ['install', '-y', '-qq', 'nginx'], opts);
  if (!existsSync(NGINX)) throw new Error('could not install nginx (apt-get install nginx)');
}

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => ok(p));
    });
  });

function config(apiPort: number, rendererPort: number): string {
  const conf = readFileSync(new URL('docker/nginx.conf', ROOT), 'utf8')
    .replaceAll('/tmp/', `${dir}/`)
    // The image's upstreams file (docker/upstreams.conf), inline and without Docker's DNS.
    .replace(
      'include /etc/nginx/upstreams.conf;',
      readFileSync(new URL('docker/upstreams.conf', ROOT), 'utf8')
        .replace(/^\s*resolver .*$/m, '')
        .replace(/server api:3000 resolve;/, `server 127.0.0.1:${apiPort};`)
        .replace(/server web-renderer:4000 resolve;/, `server 127.0.0.1:${rendererPort};`),
    )
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace('root /usr/share/nginx/html;', `root ${dir};`)
    .replaceAll('/etc/nginx/security-headers.conf', new URL('docker/security-headers.conf', ROOT).pathname)
    .replace('access_log /dev/stdout json;', 'access_log off;')
    // A file, as a test runner's stderr may be a socket, which nginx cannot open by name.
    .replace('error_log /dev/stderr warn;', `error_log ${dir}/error.log warn;`);
  // The substitutions found their lines.
  expect(conf).toContain(`server 127.0.0.1:${apiPort};`);
  expect(conf).toContain(`server 127.0.0.1:${rendererPort};`);
  return conf;
}

beforeAll(async () => {
  ensureNginx();
  env = useTestEnv({ TRUSTED_PROXIES: '127.0.0.1', LOGIN_MAX_FAILURES: '3' });
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  dir = mkdtempSync(join(tmpdir(), 'nginx-'));
  chmodSync(dir, 0o777); // nginx's workers run as an unprivileged user
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  mkdirSync(join(dir, 'donate'));
  writeFileSync(join(dir, 'donate', 'index.html'), DONATE_HTML);
  writeFileSync(join(dir, 'index.csr.html'), CSR_HTML);
  writeFileSync(join(dir, 'main-ABCD12_-.js'), MAIN_JS);
  // As the build leaves the app: a .gz (and a .br) beside each file worth compressing.
  const { precompress } = (await import(new URL('frontend/tools/precompress.mjs', ROOT).href)) as {
    precompress(root: string): { count: number };
  };
  expect(precompress(dir).count).toBe(4);
  port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), config(Number(new URL(api.baseUrl).port), await standInRenderer()));
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  for (let i = 0; i < 300 && (await health().catch(() => 0)) !== 200; i++)
    await new Promise((ok) => setTimeout(ok, 100));
  if ((await health().catch(() => 0)) !== 200)
    throw new Error(`nginx did not answer:\n${readFileSync(join(dir, 'error.log'), 'utf8')}`);
}, 180_000);
afterAll(async () => {
  nginx?.kill('SIGTERM');
  await api?.close();
  await new Promise((ok) => renderer?.close(ok));
  await dropSchema(db, env);
  rmSync(dir, { recursive: true, force: true });
});

/** A request through nginx from the given loopback address. */
function viaNginx(
  path: string,
  {
    from = '127.0.0.1',
    body,
    headers = {},
  }: { from?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        localAddress: from,
        method: body ? 'POST' : 'GET',
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => ok({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', fail);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}
const health = async () => (await viaNginx('/api/health')).status;
const signIn = (from: string, password: string, headers: Record<string, string> = {}) =>
  viaNginx('/api/auth/login', {
    from,
    body: { email: DEMO_ACCOUNTS.find((a) => a.role === 'resident')!.email, password },
    headers,
  });

describe('behind the nginx image', () => {
  it('gives each client its own bucket, whatever X-Forwarded-For it sends', async () => {
    const attacker: number[] = [];
    for (let i = 0; i < 4; i++)
      attacker.push(
        (await signIn('127.0.0.2', 'wrong-password', { 'x-forwarded-for': `10.0.0.${i}` })).status,
      );
    // One bucket for the attacker, although each request claimed another address.
    expect(attacker).toEqual([401, 401, 401, 429]);
    // The owner, another client, is not locked out by them.
    expect((await signIn('127.0.0.3', DEMO_PASSWORD)).status).toBe(200);
  });
});

/** A GET through nginx with exactly this Accept-Encoding, the body as sent. */
const rawGet = (path: string, acceptEncoding?: string) =>
  get(`http://127.0.0.1:${port}${path}`, acceptEncoding);

describe("the nginx image serving the app's files", () => {
  it("sends the build's gzip copy to a browser that accepts it, saying it varies", async () => {
    const gz = await rawGet('/main-ABCD12_-.js', 'gzip, deflate, br');
    expect([gz.status, gz.headers['content-encoding']]).toEqual([200, 'gzip']);
    expect(gunzipSync(gz.body).toString()).toBe(MAIN_JS);
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    // The build's own copy (maximum compression), not one made on the fly.
    expect(gz.body.length).toBe(readFileSync(join(dir, 'main-ABCD12_-.js.gz')).length);

    const plain = await rawGet('/main-ABCD12_-.js');
    expect([plain.status, plain.headers['content-encoding'], plain.body.toString()]).toEqual([
      200,
      undefined,
      MAIN_JS,
    ]);
  });

  it('caches hashed files for good and makes the browser revalidate the app itself', async () => {
    for (const encoding of [undefined, 'gzip'])
      expect((await rawGet('/main-ABCD12_-.js', encoding)).headers['cache-control']).toBe(
        'public, max-age=31536000, immutable',
      );
    // A prerendered page at its path; any other path of the app starts it from index.csr.html.
    for (const [path, html] of [
      ['/', INDEX_HTML],
      ['/index.html', INDEX_HTML],
      ['/donate', DONATE_HTML],
      ['/projects/42', CSR_HTML],
      ['/index.csr.html', CSR_HTML],
    ]) {
      const res = await rawGet(path, 'gzip');
      expect([path, res.status, res.headers['cache-control'], res.headers['content-encoding']]).toEqual([
        path,
        200,
        'no-cache',
        'gzip',
      ]);
      expect([path, gunzipSync(res.body).toString()]).toEqual([path, html]);
    }
    // A signed-in browser (its session's CSRF cookie) gets the app, which draws the page for its user.
    for (const path of ['/', '/donate']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { cookie: 'lang=en; XSRF-TOKEN=abc' },
      });
      expect([path, res.status, await res.text()]).toEqual([path, 200, CSR_HTML]);
    }
  });
});

describe('the nginx image and the web renderer', () => {
  const page = (path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, { headers });

  it("has the renderer draw the directory's pages for a visitor, naming the visitor and not the Host sent", async () => {
    for (const path of ['/directory', '/directory/', '/directory/0f8e?q=养老']) {
      const res = await page(path, { host: 'evil.example', 'x-forwarded-for': '10.9.9.9' });
      expect([path, res.status, await res.text()]).toEqual([
        path,
        200,
        expect.stringContaining(`<p>drawn ${encodeURI(path)} for web-renderer from 127.0.0.1</p>`),
      ]);
      expect([res.headers.get('cache-control'), res.headers.get('x-frame-options')]).toEqual([
        'no-cache',
        'DENY',
      ]);
      // Drawn for the visitor's cookies (the language chosen): a shared cache keeps a copy per cookie.
      expect(res.headers.get('vary')).toMatch(/\bCookie\b/);
    }
    // Compressed on the way, as the build's files are.
    const gz = await rawGet('/directory', 'gzip');
    expect([gz.headers['content-encoding'], gunzipSync(gz.body).toString()]).toEqual([
      'gzip',
      expect.stringContaining('<p>drawn /directory for web-renderer'),
    ]);
  });

  it('forwards exactly the paths the app has the server draw (app.routes.server.ts)', async () => {
    const routes = readFileSync(new URL('frontend/src/app/app.routes.server.ts', ROOT), 'utf8');
    const drawn = [...routes.matchAll(/\{ path: '([^']+)', renderMode: RenderMode\.Server \}/g)].map(
      (m) => `/${m[1].replaceAll(':id', '0f8e')}`,
    );
    expect(drawn.length).toBeGreaterThanOrEqual(5);
    for (const path of drawn)
      expect([path, await (await page(path)).text()]).toEqual([
        path,
        expect.stringContaining(`<p>drawn ${path} `),
      ]);
    for (const path of drawn.map((p) => `${p}/0f8e/more`))
      expect([path, await (await page(path)).text()]).toEqual([path, CSR_HTML]);
  });

  it('gives a signed-in browser, another path, or a page the renderer failed, the app to draw', async () => {
    const signedIn = await page('/directory', { cookie: 'lang=en; XSRF-TOKEN=abc' });
    expect([signedIn.status, await signedIn.text()]).toEqual([200, CSR_HTML]);
    for (const path of ['/directory/0f8e/score', '/directory/broken', '/directoryx']) {
      const res = await page(path);
      expect([path, res.status, await res.text()]).toEqual([path, 200, CSR_HTML]);
    }
    // A page drawn about a thing that does not exist is passed on as drawn, a 404.
    const gone = await page('/directory/gone');
    expect([gone.status, await gone.text()]).toEqual([404, '<p>drawn: no such organization</p>']);
    expect([gone.headers.get('cache-control'), gone.headers.get('x-frame-options')]).toEqual([
      'no-cache',
      'DENY',
    ]);
    // Away altogether: the same.
    await new Promise((ok) => renderer.close(ok));
    const away = await page('/directory');
    expect([away.status, await away.text()]).toEqual([200, CSR_HTML]);
  });
});
