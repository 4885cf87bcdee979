// End-to-end: the explainable score pages, through the real UI against the running web app and API.
// An anonymous visitor on a phone-sized screen filters the directory by the demo organization's tier
// (scored by `cli.js seed`, which runs the real ScoringService), opens the organization, follows the link
// to its score page and finds the breakdown, the charts with their tables and "why this score"; then
// the street leaderboard lists it with a link back to that page. Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000),
// CHROMIUM (default /usr/bin/chromium; installed with apt-get when missing).
import {
  API_URL,
  appTookOver,
  assert,
  failureShot,
  fitsPhone,
  log,
  newPage,
  openMenu,
  runJourney,
  SCREENSHOTS,
  text,
  WEB_URL,
} from './lib/journey.mjs';

// The demo data (backend/src/database/seed/demo.ts).
const ORG = '阳光居家养老服务中心';
const STREET = '阳光街道';
const TIER_RANGES = { A: '85 分及以上', B: '70–84.99 分', C: '60–69.99 分', D: '60 分以下' };

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
  await openMenu(page, 'directory');
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
  // A board shared as a link comes drawn by the server, rows included; the app, drawing it again,
  // takes the server's answer instead of asking the API again.
  const html = await (await fetch(`${WEB_URL}/leaderboard`)).text();
  assert(html.includes(`data-org="${ORG}"`), `the leaderboard drawn by the server should list ${ORG}`);
  // Its rows are cards on a phone: their cells come labelled with their columns.
  assert(
    html.includes('data-label="'),
    "the leaderboard drawn by the server has no column labels for a phone's cards",
  );
  const asked = [];
  page.on('request', (r) => r.url().includes('/leaderboard?') && asked.push(r.url()));
  await page.goto(`${WEB_URL}/leaderboard`);
  await appTookOver(page);
  await page.locator(`[data-testid="leaderboard-row"][data-org="${ORG}"]`).waitFor();
  assert(asked.length === 0, `the app asked the API again for the drawn leaderboard: ${asked}`);
  page.removeAllListeners('request');
  await page.goto(`${WEB_URL}/`);
  await openMenu(page, 'leaderboard');
  const row = page.locator(`[data-testid="leaderboard-row"][data-org="${ORG}"]`);
  await row.waitFor();
  await fitsPhone(page, 'the leaderboard');
  await page.screenshot({ path: `${SCREENSHOTS}scores-leaderboard-mobile.png`, fullPage: true });
  await row.locator('a').click();
  await page.getByTestId('score-headline').waitFor();
}

// The two steps stand alone: the second runs whatever became of the first.
let page;
await runJourney(
  'scores',
  [
    ['directory tier filter → profile → score page', () => directoryToScorePage(page), { needs: null }],
    ['street leaderboard → score page', () => leaderboard(page), { needs: null }],
  ],
  {
    before: async (browser) => {
      ({ page } = await newPage(browser, {
        viewport: { width: 375, height: 812 },
        isMobile: true,
        hasTouch: true,
      }));
    },
    onFailure: () => failureShot(page, 'failure-scores'),
  },
);
