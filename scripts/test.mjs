// `npm test`: the whole suite, as CI runs it. Builds, lints, runs every workspace's jest suites
// against real PostgreSQL and Redis, then the browser journeys in Debian's Chromium against the
// product started exactly as `npm start` starts it. Ends with one "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import { ensureBrowser, ensureCjkFonts } from './lib/browser.mjs';
import { log, ROOT, startStack } from './lib/stack.mjs';

const results = { passed: 0, failed: 0 };
const failures = [];
const timings = [];
const only = process.argv[2]; // e.g. `npm test -- e2e` runs one stage

/**
 * Runs a command and resolves with whether it succeeded. Its output is echoed line by line behind
 * `[tag]`: the checks and the backend's suites run at the same time (see the end of this file).
 */
function sh(tag, command, args, options = {}) {
  log(tag, `${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ])
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) =>
        out.write(`[${tag}] ${line}\n`),
      );
    child.once('close', (status) => resolve(status === 0));
  });
}

async function stage(name, fn) {
  if (only && only !== name) return;
  const started = Date.now();
  try {
    await fn();
  } catch (err) {
    results.failed++;
    failures.push(`${name}: ${err instanceof Error ? err.message : err}`);
  }
  timings.push(`${name} ${Math.round((Date.now() - started) / 1000)}s`);
}

function check(name, ok) {
  if (ok) results.passed++;
  else {
    results.failed++;
    failures.push(name);
  }
}

/**
 * Runs a workspace's jest suite and adds its test counts. `label` names the run when a workspace runs
 * more than once; `env` adds settings for it; `args` go to jest (some of its files, `--runInBand`).
 */
async function jest(workspace, { label = workspace, env = {}, args = [] } = {}) {
  const out = join(ROOT, '.data/test-results', `${label}.json`);
  rmSync(out, { force: true });
  const ok = await sh(
    label,
    'npm',
    ['test', '-w', workspace, '--', '--json', `--outputFile=${out}`, ...args],
    {
      env: { ...process.env, ...env },
    },
  );
  if (!existsSync(out)) {
    check(`${label}: jest did not report (exit ${ok ? 0 : 'non-zero'})`, false);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  results.passed += report.numPassedTests;
  results.failed += report.numFailedTests;
  if (report.numFailedTests || report.numRuntimeErrorTestSuites)
    failures.push(`${label}: ${report.numFailedTests} failed${failedTestsOf(report)}`);
  if (report.numRuntimeErrorTestSuites) results.failed += report.numRuntimeErrorTestSuites;
  if (!ok && !report.numFailedTests && !report.numRuntimeErrorTestSuites)
    check(`${label}: jest exited non-zero`, false);
}

/** The failed tests of a jest report, each with its file and the first line of its error: CI shows only the log's tail. */
function failedTestsOf(report) {
  const lines = report.testResults.flatMap((file) => {
    const name = relative(ROOT, file.name);
    const failed = file.assertionResults.filter((t) => t.status === 'failed');
    if (!failed.length && file.status === 'failed') return [`${name}: ${firstLine(file.message)}`];
    return failed.map((t) => `${name}: ${t.fullName}: ${firstLine(t.failureMessages.join('\n'))}`);
  });
  return lines.map((l) => `\n      ${l}`).join('');
}

function firstLine(text = '') {
  const line =
    stripVTControlCharacters(text)
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

// Without Redis (QUEUE_BACKEND=postgres) the queues and rate limits run on PostgreSQL: the worker
// suite and the rate-limit suites run once more so, with a Redis address where nothing answers. One
// file at a time: the PostgreSQL queues hold many connections, two suites at once pass the server's 100.
const WITHOUT_REDIS = { TEST_QUEUE_BACKEND: 'postgres', TEST_REDIS_URL: 'redis://127.0.0.1:1' };

/**
 * Runs a Node script, echoing its output (each line behind `[tag]` when given, as two runs may
 * interleave), and resolves with its exit status and stdout.
 */
function runNode(script, env, tag, timeoutMs = 5 * 60 * 1000) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(tag ? String(chunk).replace(/^(?=.)/gm, `[${tag}] `) : chunk);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout });
    });
  });
}

/**
 * The virus scanner the document suites and the journeys' uploads use: clamd on 127.0.0.1:3310 (or
 * CLAMAV_URL), installed from Debian when missing and started with test signatures made from EICAR.
 */
async function ensureClamd() {
  if (!(await sh('clamav', process.execPath, [join(ROOT, 'scripts/clamav.mjs')])))
    throw new Error('could not start clamd (node scripts/clamav.mjs)');
  process.env.CLAMAV_URL ??= 'tcp://127.0.0.1:3310';
}

/** Adds the counts of a script's closing "N passed, N failed" line, which must agree with its exit. */
function addSummary(name, r) {
  const summary = /(\d+) passed, (\d+) failed/.exec((r.stdout ?? '').trim().split('\n').at(-1) ?? '');
  if (summary && r.status === (Number(summary[2]) > 0 ? 1 : 0)) {
    results.passed += Number(summary[1]);
    results.failed += Number(summary[2]);
    if (Number(summary[2])) failures.push(name);
  } else check(`${name} (exit ${r.status})`, false);
}

/** The journey files of a folder that a run takes (`npm test -- e2e money` picks by name). */
const journeyFiles = (dir, takes) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.e2e.mjs') && takes(f))
    .filter((f) => !process.argv[3] || f.startsWith(process.argv[3]))
    .sort();

/** Runs journeys one after the other against a stack, adding their counts. */
async function journeysIn(dir, files, stack, tag) {
  for (const file of files) {
    const started = Date.now();
    // Asynchronously: the web server the browser talks to runs in this process. Ten minutes: the
    // accessibility journey alone checks some two hundred pages.
    const r = await runNode(
      join(dir, file),
      {
        ...process.env,
        WEB_URL: stack.webUrl,
        API_URL: stack.apiUrl,
        DATABASE_URL: stack.databaseUrl,
        ...(stack.inboxUrl ? { MAIL_INBOX_URL: stack.inboxUrl } : {}),
      },
      tag,
      10 * 60 * 1000,
    );
    log(tag ?? 'e2e', `${file}: ${Math.round((Date.now() - started) / 1000)}s`);
    addSummary(`e2e ${file}`, r);
  }
}

/**
 * The browser journeys, in three runs at the same time, each on a stack of its own (database,
 * ports, queues, fake Stripe): those of frontend/e2e on the demo data; the two longest of them
 * (accessibility's two hundred page visits, participation's voting periods) on demo data of
 * their own; and those of frontend/e2e/from-empty on an empty database (a district's first day).
 */
async function browserJourneys() {
  ensureBrowser();
  await ensureClamd();
  // The journeys sign in some forty accounts from this one address within minutes; the sign-in
  // limiter (30 a minute per address in production) has its own test in backend/test/rate-limit.
  process.env.AUTH_RATE_LIMIT_PER_MINUTE ??= '600';
  const dir = join(ROOT, 'frontend/e2e');
  const apiPort = Number(process.env.E2E_API_PORT ?? 3100);
  const webPort = Number(process.env.E2E_WEB_PORT ?? 4300);
  const stripePort = Number(process.env.LOCAL_FAKE_STRIPE_PORT ?? 12112);
  const databaseUrl = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sanshe_e2e';
  const queuePrefix = process.env.QUEUE_PREFIX ?? 'sanshe-e2e';
  const LONGEST = ['accessibility.e2e.mjs', 'participation.e2e.mjs'];
  const runs = [
    // The demo journeys (deadlines, debounced scores, schedules, mail) run on the queues of a
    // machine without Redis; the district's first day runs on Redis, as production does.
    { dir, tag: 'demo', takes: (f) => !LONGEST.includes(f), seed: true, queueBackend: 'postgres' },
    { dir, tag: 'long', takes: (f) => LONGEST.includes(f), seed: true, queueBackend: 'postgres' },
    { dir: join(dir, 'from-empty'), tag: 'empty', takes: () => true, seed: false, queueBackend: 'redis' },
  ]
    .map((r, i) => ({
      ...r,
      apiPort: apiPort + i,
      webPort: webPort + i,
      stripePort: stripePort + i,
      databaseUrl: i ? `${databaseUrl}_${r.tag}` : databaseUrl,
      queuePrefix: i ? `${queuePrefix}-${r.tag}` : queuePrefix,
      files: existsSync(r.dir) ? journeyFiles(r.dir, r.takes) : [],
    }))
    .filter((r) => r.files.length);
  await Promise.all(
    runs.map(async (r) => {
      const stack = await startStack({
        apiPort: r.apiPort,
        webPort: r.webPort,
        databaseUrl: r.databaseUrl,
        fresh: true,
        quiet: true,
        seed: r.seed,
        env: {
          QUEUE_PREFIX: r.queuePrefix,
          QUEUE_BACKEND: r.queueBackend,
          LOCAL_FAKE_STRIPE_PORT: String(r.stripePort),
          // The journeys download the OCDS bulk file right after publishing: rewrite it within seconds.
          OCDS_BULK_DELAY_SECONDS: '2',
        },
      });
      try {
        await journeysIn(r.dir, r.files, stack, runs.length > 1 ? r.tag : undefined);
      } finally {
        await stack.stop();
      }
    }),
  );
}

mkdirSync(join(ROOT, '.data/test-results'), { recursive: true });
const started = Date.now();
// Two runs side by side on the two cores, of about the same length: the build, then the backend's
// and the workers' suites on Redis (two files at a time, see jest.preset.cjs); and the checks and
// the web app's unit tests, which need no build, then the API check, which reads the built backend.
// The runs on PostgreSQL's queues come after both: their connections and another run's would pass
// the server's 100.
const built = stage('build', async () => check('build', await sh('build', 'npm', ['run', 'build'])));
await Promise.all([
  (async () => {
    await built;
    await stage('backend', async () => {
      await ensureClamd();
      ensureCjkFonts();
      await jest('backend');
      // The fake Stripe the payment suites (and `npm start`) run against: a dev/test workspace.
      await jest('@sanshe/fake-stripe', { label: 'fake-stripe' });
    });
    await stage('workers', async () => {
      await ensureClamd();
      await jest('workers');
    });
  })(),
  (async () => {
    await stage('lint', async () => check('lint', await sh('lint', 'npm', ['run', 'lint'])));
    await stage('frontend', () => jest('frontend'));
    await built;
    await stage('api', async () =>
      check(
        'OpenAPI document and generated client are current',
        await sh('api', 'npm', ['run', 'api:check']),
      ),
    );
  })(),
]);
// The bare machine's check runs beside them: its own embedded PostgreSQL, in a network of its own.
await Promise.all([
  stage('without-redis', async () => {
    await ensureClamd();
    await jest('backend', {
      label: 'backend-without-redis',
      env: WITHOUT_REDIS,
      args: ['--runInBand', 'test/rate-limit.e2e-spec.ts', 'test/sign-in-throttle.e2e-spec.ts'],
    });
    await jest('workers', {
      label: 'workers-without-redis',
      env: WITHOUT_REDIS,
      args: ['--runInBand', '--testPathIgnorePatterns', 'redis-cluster'],
    });
  }),
  stage('bare', async () =>
    addSummary('bare machine', await runNode(join(ROOT, 'scripts/bare-machine.mjs'), process.env, 'bare')),
  ),
]);
await stage('e2e', browserJourneys);

log('done', `in ${Math.round((Date.now() - started) / 1000)}s (${timings.join(', ')})`);
if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
