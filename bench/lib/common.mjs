// Shared helpers of the benchmarks: where the bench database is, the backend build, flags, ports.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BACKEND_DIST = join(ROOT, 'backend', 'dist');

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/sanshe_bench';
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/** The queue prefix of the API and workers a benchmark starts, so their keys stay apart from anyone else's. */
export const BENCH_QUEUE_PREFIX = process.env.BENCH_QUEUE_PREFIX || 'bench';

/** The database named by a postgres:// URL. */
export const databaseName = (url) => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));

/** The same server, database `postgres`: where CREATE / DROP DATABASE are issued. */
export function maintenanceUrl(url) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Imports a module of the compiled backend (backend/dist), failing with a hint when it is not built. */
export async function backend(relative) {
  const file = join(BACKEND_DIST, relative);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: build the backend first (npm run build -w backend)`);
  }
  return import(pathToFileURL(file).href);
}

/**
 * `--name value` / `--name=value` / `--flag` into an object; positional words into `_`.
 * Unknown flags are kept (and ignored by whoever does not know them).
 */
export function parseArgs(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out._.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

/** Warns once about flags a command does not use; never fails on them. */
export function warnUnknownFlags(args, known, ignored = []) {
  for (const k of Object.keys(args)) {
    if (k === '_' || known.includes(k)) continue;
    if (ignored.includes(k))
      console.log(`note: --${k} is reserved for a later benchmark and ignored for now`);
    else console.log(`note: unknown flag --${k} ignored`);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The p-th percentile (nearest rank) of ascending `sorted`; NaN when empty. */
export const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** The median of `values` (any order): the mean of the two middle ones for an even count. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
