// Servers under test run as child processes of the benchmark (the load generator stays in this one),
// with the very Node binary that runs the benchmark: the project's pinned Node.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKEND_DIST, BENCH_QUEUE_PREFIX, REDIS_URL, ROOT } from './common.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `node <script>` with `env` and waits until GET `readyPath` on `port` answers 2xx, or, for a process
 * without HTTP, until `ready()` resolves true.
 */
export async function startNode({ name, script, env, port, readyPath, ready, timeoutMs = 60_000 }) {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );

  const url = port ? `http://127.0.0.1:${port}` : null;
  const isReady =
    ready ??
    (async () => {
      try {
        return (await fetch(url + readyPath)).ok;
      } catch {
        return false; // not listening yet
      }
    });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited)
      throw new Error(`${name} exited (${exited.code ?? exited.signal}) while starting:\n${output}`);
    if (await isReady()) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${output}`);
    }
    await sleep(200);
  }

  return {
    name,
    url,
    pid: child.pid,
    output: () => output,
    /** The most memory the process has held so far (for memory requests and limits). */
    peakRssMb: () => peakRssMb(child.pid),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(late);
    },
  };
}

/**
 * The real API, `backend/dist/main.js`, against `databaseUrl`: logs silenced, and a per-IP rate limit
 * so high that the throttler (which still runs and counts) never answers 429 to the load generator.
 * `env` adds or overrides variables (e.g. a known JWT_SECRET, so the benchmark can sign access tokens);
 * `script` runs another build of the API (default backend/dist/main.js).
 */
export const API_RATE_LIMIT = 100_000_000;
export function startApi({
  databaseUrl,
  port,
  env = {},
  name = 'API (NestJS)',
  script = join(BACKEND_DIST, 'main.js'),
}) {
  return startNode({
    name,
    script,
    port,
    readyPath: '/api/health',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: 'public',
      REDIS_URL,
      QUEUE_PREFIX: BENCH_QUEUE_PREFIX,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: String(API_RATE_LIMIT),
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
  });
}

/** Peak resident set size (MB, VmHWM) of a process so far (Linux /proc; NaN elsewhere). */
export function peakRssMb(pid) {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Math.round(Number(kb[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/**
 * The real workers, `workers/dist/main.js`, against `databaseUrl` and the benchmark's queue prefix, logs
 * silenced. They have no HTTP: ready once `ready()` (e.g. BullMQ's count of the scoring queue's workers)
 * says so.
 */
export function startWorkers({ databaseUrl, ready, env = {} }) {
  const script = join(ROOT, 'workers', 'dist', 'main.js');
  if (!existsSync(script))
    throw new Error(`${script} is missing: build the workers (npm run build -w workers)`);
  return startNode({
    name: 'workers',
    script,
    ready,
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: 'public',
      REDIS_URL,
      QUEUE_PREFIX: BENCH_QUEUE_PREFIX,
      LOG_LEVEL: 'silent',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
  });
}

/** CPU time (ms, user + system) used so far by the given processes (Linux /proc; 0 elsewhere). */
export function cpuMs(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // gone, or no /proc
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Busy and total CPU time (ms, all cores) of the whole machine so far (Linux /proc/stat). */
export function machineCpuMs() {
  try {
    const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const n = v.map(Number);
    const idle = n[3] + n[4]; // idle + iowait
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) * 10, total: total * 10 };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/**
 * CPU time (ms) used so far by PostgreSQL: every live `postgres` process (postmaster, backends, parallel
 * and background workers) plus what the postmaster's reaped children used, so processes that come and
 * go during a measurement are still counted (Linux /proc; 0 elsewhere).
 */
export function postgresCpuMs() {
  const procs = [];
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
        const f = stat
          .slice(stat.lastIndexOf(')') + 2)
          .split(' ')
          .map(Number);
        procs.push({ pid: Number(d), ppid: f[1], own: f[11] + f[12], children: f[13] + f[14] });
      } catch {
        // raced with an exit
      }
    }
  } catch {
    // no /proc
  }
  const pids = new Set(procs.map((p) => p.pid));
  const ticks = procs.reduce((sum, p) => sum + p.own + (pids.has(p.ppid) ? 0 : p.children), 0);
  return ticks * 10;
}
