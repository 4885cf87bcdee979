// The newcomer's first line on a machine with Node and nothing else: copies the built checkout,
// runs `npm start` in a network namespace of its own (only loopback, where nothing listens, so no
// PostgreSQL and no Redis), and checks the product works there: embedded PostgreSQL, queues on
// PostgreSQL, a demo sign-in, a registration whose mail a worker sends, a clean stop, and the data
// kept for the next start. Part of `npm test` (stage `bare`); needs root for `unshare -n`.
// Ends with one "N passed, N failed" line.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { portAnswers, ROOT } from './lib/stack.mjs';

const WEB = 'http://127.0.0.1:4200';
const results = { passed: 0, failed: 0 };

function check(name, ok, detail = '') {
  results[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? '✓' : '✗'} ${name}${ok || !detail ? '' : `\n    ${detail}`}`);
  return ok;
}

const done = (code = results.failed ? 1 : 0) => {
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(code);
};

if (process.argv[2] !== '--inside') {
  for (const built of [
    'backend/dist/main.js',
    'workers/dist/main.js',
    'tools/fake-stripe/dist/index.js',
    'frontend/dist/frontend/browser/index.html',
  ])
    if (!existsSync(join(ROOT, built))) {
      check(`the checkout is built (${built} is missing: npm run build)`, false);
      done();
    }
  if (process.getuid?.() !== 0) {
    check('runs as root, as `unshare -n` needs', false);
    done();
  }
  // Hard links: a copy of the 1 GB of node_modules in a second. Readable by the postgres user.
  const copy = mkdtempSync(join(tmpdir(), 'sanshe-bare-'));
  chmodSync(copy, 0o755);
  try {
    for (const entry of readdirSync(ROOT).filter((e) => !['.git', '.data'].includes(e)))
      execFileSync('cp', ['-al', join(ROOT, entry), copy]);
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !/^(DATABASE_|REDIS_|QUEUE_|SMTP_|STRIPE_|PORT$|WEB_PORT$|npm_)/.test(k),
      ),
    );
    const child = spawn(
      'unshare',
      [
        '-n',
        '--',
        'sh',
        '-c',
        'ip link set lo up && exec "$0" scripts/bare-machine.mjs --inside',
        process.execPath,
      ],
      { cwd: copy, env, stdio: 'inherit' },
    );
    const code = await new Promise((ok) => child.once('exit', (c) => ok(c ?? 1)));
    process.exitCode = code;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
} else {
  try {
    await inside();
  } catch (err) {
    check('the run ended without an error', false, err instanceof Error ? err.stack : String(err));
  }
  done();
}

/** `npm start` in this folder, its output collected, resolved once the banner is out. */
async function start() {
  const child = spawn('npm', ['start'], {
    cwd: process.cwd(),
    // No clamd: a daemon started inside the namespace would outlive it (uploads stay in quarantine here).
    env: { ...process.env, SKIP_BUILD: '1', SKIP_CLAMAV: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a stop reaches npm's children too
  });
  let output = '';
  // npm passes Ctrl-C on and leaves by the same signal; the product's own exit code is in its output.
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok(code ?? signal)));
  const collect = (chunk) => {
    output += stripVTControlCharacters(String(chunk)); // without the colours of the tags
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const until = Date.now() + 240_000;
  while (!output.includes('is running')) {
    if (child.exitCode !== null || Date.now() > until)
      throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    output: () => output,
    exited,
    stop: async () => {
      process.kill(-child.pid, 'SIGINT');
      return exited;
    },
  };
}

async function api(method, path, { token, body } = {}) {
  const res = await fetch(`${WEB}/api${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function waitFor(what, probe, ms = 30_000) {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
  return true;
}

async function inside() {
  const silent = !(await portAnswers(5432)) && !(await portAnswers(6379));
  check('nothing answers on 5432 (PostgreSQL) or 6379 (Redis) in this namespace', silent);
  if (!silent) return;

  const first = await start();
  const banner = first.output();
  check('the banner names the embedded PostgreSQL', /Database\s+embedded PostgreSQL/.test(banner), banner);
  check('the banner names the queues on PostgreSQL', /Queues\s+PostgreSQL/.test(banner), banner);

  const admin = await api('POST', '/auth/login', {
    body: { email: 'admin@demo.sanshe.cn', password: 'Demo1234!' },
  });
  check('a demo user signs in through the web app', admin.status === 200 && !!admin.body?.accessToken);

  const email = `newcomer-${Date.now()}@example.cn`;
  const registered = await api('POST', '/auth/register', {
    body: { email, password: 'Newcomer1234!', displayName: '新用户' },
  });
  check('a newcomer registers', registered.status === 202, JSON.stringify(registered));
  check(
    'the worker mails the newcomer through a queue on PostgreSQL',
    await waitFor('the mail', async () => first.output().includes(`[mail] to ${email}`)),
    first.output().slice(-2000),
  );

  const board = await api('GET', '/admin/queues/api/queues', { token: admin.body?.accessToken });
  check(
    'the queue dashboard lists the queues',
    board.status === 200 && board.body?.queues?.some((q) => q.name === 'mail'),
    JSON.stringify(board).slice(0, 500),
  );

  const code = await first.stop();
  check(
    'Ctrl-C stops everything, the database too',
    [0, 'SIGINT'].includes(code) && first.output().includes('stopping…') && !(await portAnswers(5432)),
    `exit ${code}\n${first.output().slice(-1500)}`,
  );

  const second = await start();
  const again = await api('POST', '/auth/login', { body: { email, password: 'Newcomer1234!' } });
  check('a second start keeps the data: the newcomer signs in', again.status === 200, JSON.stringify(again));
  await second.stop();
}
