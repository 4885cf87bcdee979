// End-to-end: the explainable score pages, through the real UI against the running web app and API.
// An anonymous visitor on a phone-sized screen filters the directory by the demo organization's tier
// (scored by `cli.js seed`, which runs the real ScoringService), opens the organization, follows the link
// to its score page and finds the breakdown, the charts with their tables and "why this score"; then
// the street leaderboard lists it with a link back to that page. Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000),
// CHROMIUM (default /usr/bin/chromium; installed with apt-get when missing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_URL = (process.env.WEB_URL ?? 'http://127.0.0.1:4200').replace(/\/$/, '');
const API_URL = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TIMEOUT = 20_000;
// The demo data (backend/src/database/seed/demo.ts).
const ORG = '阳光居家养老服务中心';
const STREET = '阳光街道';
const TIER_RANGES = { A: '85 分及以上', B: '70–84.99 分', C: '60–69.99 分', D: '60 分以下' };

const log = (msg) => console.log(`[e2e] ${msg}`);
const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  log(`${CHROMIUM} missing: installing Debian's chromium`);
  const run = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit' });
  if (run.status !== 0 || !existsSync(CHROMIUM)) throw new Error(`could not install chromium at ${CHROMIUM}`);
}

async function waitForWeb() {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${WEB_URL}/`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${WEB_URL} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The page must not scroll sideways at 375 px. */
async function fitsPhone(page, what) {
  const width = await page.evaluate(() => globalThis.document.documentElement.scrollWidth);
  assert(width <= 375, `${what} is ${width} px wide at a 375 px viewport`);
}

/** The demo organization's current tier, as the public directory tells it. */
async function demoTier() {
  const res = await fetch(`${API_URL}/api/directory?q=${encodeURIComponent(ORG)}`);
  const body = await res.json();
  const org = body.items?.find((o) => o.name === ORG);
  assert(org?.tier, `the demo organization should be scored by the seed, got ${JSON.stringify(org)}`);
  return org;
}

async function directoryToScorePage(page) {
  const { tier, score } = await demoTier();
  log(`a visitor at 375 px filters the directory by tier ${tier} (the demo organization scores ${score})`);
  await page.goto(`${WEB_URL}/`);
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('menu-directory').click();
  await page.getByTestId('directory-tier').waitFor();
  await page.getByTestId('directory-tier').click();
  await page
    .locator('nz-option-item')
    .filter({ hasText: `${tier} 级（${TIER_RANGES[tier]}）` })
    .click();
  await page.keyboard.press('Escape');
  const card = page.locator(`[data-testid="directory-card"][data-org="${ORG}"]`);
  await card.waitFor();
  // Every card shown has the picked tier (each links its score page beside the card).
  const tiers = await page
    .getByTestId('directory-card-score')
    .evaluateAll((links) => links.map((a) => a.getAttribute('data-tier')));
  assert(
    tiers.length === (await page.getByTestId('directory-card').count()) && tiers.every((t) => t === tier),
    `cards of tiers ${tiers.join(',')} under the ${tier} filter`,
  );
  await fitsPhone(page, 'the directory');
  await page.screenshot({ path: `${SCREENSHOTS}scores-directory-mobile.png`, fullPage: true });

  log('opens the organization, then its score page');
  await card.click();
  await page.getByTestId('directory-profile-score-link').click();
  const headline = page.getByTestId('score-headline');
  await headline.waitFor();
  assert((await headline.getAttribute('data-tier')) === tier, 'the score page shows another tier');
  assert(Number(await headline.getAttribute('data-score')) === score, 'the score page shows another score');
  const sentences = await page.getByTestId('score-sentences').locator('li').allTextContents();
  assert(sentences.length === 5, `${sentences.length} indicator sentences`);
  assert(
    sentences[0].startsWith('履约 ') && sentences[4].startsWith('覆盖 '),
    `sentences: ${sentences.join(' | ')}`,
  );
  assert(
    (await text(page.getByTestId('score-summary'))).includes(`${tier} 级`),
    'the summary names the tier',
  );
  assert((await page.getByTestId('score-improvements').locator('li').count()) > 0, 'no improvement listed');
  const rows = await page.getByTestId('score-breakdown-table').locator('tbody tr').count();
  assert(rows === 5, `${rows} rows in the breakdown table`);
  // ECharts drew both charts (SVG renderer) beside their tables.
  await page.locator('[data-testid="score-breakdown"] [echarts] svg').waitFor();
  await page.locator('[data-testid="score-history"] [echarts] svg').waitFor();
  assert((await page.getByTestId('score-history-table').locator('tbody tr').count()) >= 1, 'no history row');
  await fitsPhone(page, 'the score page');
  await page.screenshot({ path: `${SCREENSHOTS}scores-page-mobile.png`, fullPage: true });
}

async function leaderboard(page) {
  log(`the ${STREET} leaderboard lists the organization and links its score page`);
  await page.goto(`${WEB_URL}/`);
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('menu-leaderboard').click();
  const row = page.locator(`[data-testid="leaderboard-row"][data-org="${ORG}"]`);
  await row.waitFor();
  await fitsPhone(page, 'the leaderboard');
  await page.screenshot({ path: `${SCREENSHOTS}scores-leaderboard-mobile.png`, fullPage: true });
  await row.locator('a').click();
  await page.getByTestId('score-headline').waitFor();
}

ensureChromium();
mkdirSync(SCREENSHOTS, { recursive: true });
await waitForWeb();
let passed = 0;
let failed = 0;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (err) => log(`page error: ${err.message}`));
  for (const [name, step] of [
    ['directory tier filter → profile → score page', directoryToScorePage],
    ['street leaderboard → score page', leaderboard],
  ]) {
    try {
      await step(page);
      passed++;
      log(`ok   ${name}`);
    } catch (err) {
      failed++;
      log(`FAIL ${name}: ${err instanceof Error ? err.message : String(err)}`);
      await page
        .screenshot({ path: `${SCREENSHOTS}failure-scores.png`, fullPage: true })
        .catch(() => undefined);
    }
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
