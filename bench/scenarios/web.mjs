// `npm run bench -- web`: Lighthouse (mobile profile: a mid-range phone on a slow 4G link,
// simulated) on the pages people arrive at: the home page, the directory, an organization's profile,
// the donation page, and the demo social worker's service log, signed in. Prints the performance,
// accessibility and best-practices scores, the paints, and the bytes each page transferred
// (compressed, as sent). Brings up its own stack (`npm start`'s: the built app behind its web
// server, the API, the workers) on a fresh database with the demo data, so build first
// (`npm run build`). Debian's Chromium is installed when missing (scripts/lib/browser.mjs).
// A measurement: exits 0 whatever the scores; `--json <file>` keeps them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { CHROMIUM, ensureBrowser } from '../../scripts/lib/browser.mjs';
import { backend } from '../lib/common.mjs';
import { table } from '../lib/load.mjs';
import { benchStack } from '../lib/stack.mjs';

export const description =
  'Lighthouse (mobile) on the public pages and the worker service log: scores and bytes';
export const flags = {
  'api-port': 'port of the API it starts (default 3290)',
  'web-port': 'port of the web server it starts (default 4290)',
  database: 'database it recreates with the demo data (default: the bench database name + _web)',
  runs: 'Lighthouse runs per page, the median kept (default 1)',
  json: 'also write the results to this JSON file',
  reports: "also write each page's full Lighthouse report (JSON) into this folder",
  pages: 'only the pages whose names contain one of these comma-separated words (e.g. home,directory)',
};

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const TARGETS = { performance: 95, accessibility: 100, bestPractices: 95 };
const meetsTargets = (r) => Object.entries(TARGETS).every(([score, min]) => r[score] >= min);

const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** The pages measured: a path, and whether the demo worker is signed in first. */
function pages(demo) {
  return [
    { name: 'home', path: '/' },
    { name: 'directory', path: '/directory' },
    { name: 'organization profile', path: `/directory/${demo.organization}` },
    { name: 'donation', path: '/donate' },
    { name: 'service log (worker)', path: '/service-log', signedIn: true },
  ];
}

/** One Lighthouse run on the browser listening on `port`: the figures printed. */
async function audit(url, port, signedIn, reportFile) {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: CATEGORIES,
    // Signed in: keep the session's cookies, which Lighthouse would otherwise clear first.
    disableStorageReset: signedIn,
  });
  if (reportFile) writeFileSync(reportFile, JSON.stringify(result.lhr));
  const { categories, audits, runtimeError } = result.lhr;
  if (runtimeError) throw new Error(`${url}: ${runtimeError.code} ${runtimeError.message}`);
  if (signedIn && new URL(result.lhr.finalDisplayedUrl).pathname.startsWith('/login'))
    throw new Error(`${url}: not signed in (sent to the login page)`);
  const requests = audits['network-requests']?.details?.items ?? [];
  return {
    performance: Math.round(categories.performance.score * 100),
    accessibility: Math.round(categories.accessibility.score * 100),
    bestPractices: Math.round(categories['best-practices'].score * 100),
    fcpMs: Math.round(audits['first-contentful-paint'].numericValue),
    lcpMs: Math.round(audits['largest-contentful-paint'].numericValue),
    tbtMs: Math.round(audits['total-blocking-time'].numericValue),
    cls: Number(audits['cumulative-layout-shift'].numericValue.toFixed(3)),
    bytes: Math.round(audits['total-byte-weight'].numericValue),
    requests: requests.length,
    // Each audit that cost points, with the first elements it names (accessibility's say which).
    failed: CATEGORIES.flatMap((c) =>
      categories[c].auditRefs
        .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
        .map((ref) => {
          const nodes = (audits[ref.id].details?.items ?? []).flatMap((i) =>
            i.node?.selector ? [i.node.selector] : [],
          );
          return `${c}: ${ref.id}${nodes.length ? ` (${nodes.slice(0, 3).join(' | ')})` : ''}`;
        }),
    ),
  };
}

/**
 * Signs an account in through the login form, then empties the browser's cache (the cookies stay):
 * the audit that follows is a first visit with a session. Before each run, as the session's
 * refresh cookie changes with every use.
 */
async function signIn(browser, webUrl, email, password) {
  await browser.clearCookies(); // a fresh session: signed in, /login goes elsewhere
  const tab = await browser.newPage();
  await tab.goto(`${webUrl}/login`);
  await tab.getByTestId('login-email').fill(email);
  await tab.getByTestId('login-password').fill(password);
  await tab.getByTestId('login-submit').click();
  await tab.getByTestId('home-greeting').waitFor({ timeout: 30_000 });
  await (await browser.newCDPSession(tab)).send('Network.clearBrowserCache');
  await tab.close();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run(args) {
  ensureBrowser();
  const { DEMO, DEMO_ACCOUNTS, DEMO_PASSWORD } = await backend('database/seed/demo.js');
  const worker = DEMO_ACCOUNTS.find((a) => a.role === 'social_worker');
  const runs = Math.max(1, Number(args.runs ?? 1));
  const stack = await benchStack(args, { name: 'web', apiPort: 3290, webPort: 4290 });
  const profile = mkdtempSync(join(tmpdir(), 'bench-web-'));
  const port = await freePort();
  // Lighthouse drives the browser through the DevTools port; the default profile keeps the
  // session's cookies between the sign-in below and the signed-in audit.
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--remote-debugging-port=${port}`, '--no-sandbox'],
  });
  const only = args.pages ? String(args.pages).split(',') : null;
  const measured = pages(DEMO).filter((p) => !only || only.some((w) => p.name.includes(w)));
  if (args.reports) mkdirSync(args.reports, { recursive: true });
  const rows = [];
  try {
    // A server in use has drawn pages before: a fresh process's first drawing of a page compiles its
    // code (the directory's took 0.5 s here, the next ones 0.06–0.09 s), which no visitor of a running
    // server waits for. Each page is asked for once before it is measured.
    for (const page of measured) await (await fetch(`${stack.webUrl}${page.path}`)).text();
    for (const page of measured) {
      const results = [];
      for (let i = 0; i < runs; i++) {
        if (page.signedIn) await signIn(browser, stack.webUrl, worker.email, DEMO_PASSWORD);
        const reportFile =
          args.reports && join(args.reports, `${page.name.replace(/\W+/g, '-')}-${i + 1}.json`);
        results.push(await audit(`${stack.webUrl}${page.path}`, port, !!page.signedIn, reportFile));
      }
      const keep = results.find((r) => r.performance === median(results.map((x) => x.performance)));
      rows.push({ page: page.name, path: page.path, ...keep });
      console.log(`${page.name}: done`);
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    await stack.stop();
  }

  console.log(
    `\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile profile (simulated slow 4G, 4× CPU slowdown), ${runs} run(s) a page\n`,
  );
  console.log(
    table(rows, [
      { title: 'page', value: (r) => r.page, left: true },
      { title: 'performance', value: (r) => r.performance },
      { title: 'accessibility', value: (r) => r.accessibility },
      { title: 'best practices', value: (r) => r.bestPractices },
      { title: 'FCP ms', value: (r) => r.fcpMs },
      { title: 'LCP ms', value: (r) => r.lcpMs },
      { title: 'TBT ms', value: (r) => r.tbtMs },
      { title: 'CLS', value: (r) => r.cls },
      { title: 'requests', value: (r) => r.requests },
      { title: 'transferred kB', value: (r) => (r.bytes / 1000).toFixed(1) },
      { title: 'targets', value: (r) => (meetsTargets(r) ? 'PASS' : 'FAIL'), left: true },
    ]),
  );
  console.log(
    `\ntargets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, best practices ≥ ${TARGETS.bestPractices}`,
  );
  for (const r of rows)
    if (r.failed.length) console.log(`\n${r.page}, audits not passed:\n  ${r.failed.join('\n  ')}`);
  if (args.json) writeFileSync(args.json, JSON.stringify(rows, null, 2));
}
