// End-to-end: the street director's score weights page, through the real UI against the running web
// app and API. On a phone (375 × 740) the demo street director opens "score weights & rules", finds
// the demo organization (scored by `cli.js seed`) in the preview at its current score, puts all the
// weight on its strongest indicator and sees the preview move to that indicator's value; saves after
// confirming, reloads and finds the saved weights. Afterwards the street's weights are put back as
// they were (they apply only from the next scoring run, so no score moved meanwhile).
// Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000), CHROMIUM
// (default /usr/bin/chromium; installed with apt-get when missing).
import {
  PHONE,
  SCREENSHOTS,
  api,
  assert,
  failureShot,
  fitsPhone,
  log,
  login,
  newActor,
  openMenu,
  runJourney,
  text,
} from './lib/journey.mjs';

// The demo data (backend/src/database/seed/demo.ts).
const STREET = '00000000-0000-4000-8000-000000000011';
const ORG_ID = '00000000-0000-4000-8000-000000000501';
const ORG = '阳光居家养老服务中心';
const DIRECTOR = 'director@demo.sanshe.cn';
const KEYS = ['delivery', 'satisfaction', 'compliance', 'capacity', 'reach'];

let page;
let token;
let before;
/** The demo organization's latest score and its strongest indicator. */
let score;
let strongest;

const row = () => page.locator(`[data-testid="weights-preview-row"][data-org="${ORG}"]`);
const proposedScore = async () =>
  Number(await row().getByTestId('weights-proposed').getAttribute('data-score'));

/** Waits until the preview shows `expected` for the demo organization. */
async function previewShows(expected) {
  await page.waitForFunction(
    ([org, value]) =>
      globalThis.document
        .querySelector(
          `[data-testid="weights-preview-row"][data-org="${org}"] [data-testid="weights-proposed"]`,
        )
        ?.getAttribute('data-score') === String(value),
    [ORG, expected],
  );
}

async function opens() {
  token = await login(DIRECTOR);
  before = await api('GET', `/streets/${STREET}/scoring-weights`, { token });
  const { current } = await api('GET', `/organizations/${ORG_ID}/score`);
  assert(current, 'the demo organization should be scored by the seed');
  score = current.score;
  strongest = KEYS.reduce((a, b) => (current.indicators[b] > current.indicators[a] ? b : a));
  assert(
    current.indicators[strongest] !== score,
    `the demo organization scores ${score}, as its strongest indicator does: nothing would move`,
  );
  log(`the demo director opens the weights page at 375 px (${ORG} scores ${score})`);
  ({ page } = await newActor(browser, DIRECTOR, PHONE));
  await openMenu(page, 'scoring-weights');
  await row().waitFor();
  assert(
    Number(await row().getByTestId('weights-current').getAttribute('data-score')) === score,
    'the preview shows another current score',
  );
  assert((await proposedScore()) === score, 'unchanged weights should preview the current score');
  assert((await text(page.getByTestId('weights-sum'))).includes('100%'), 'the sum is not shown');
  await fitsPhone(page, 'the weights page');
}

async function changes() {
  const { current } = await api('GET', `/organizations/${ORG_ID}/score`);
  const expected = current.indicators[strongest];
  log(`puts all the weight on ${strongest} (${expected}) and watches the preview follow`);
  await page.getByTestId(`weights-${KEYS.find((k) => k !== strongest)}`).fill('100');
  // Over 100 % meanwhile: the form says so and the preview waits.
  assert((await text(page.getByTestId('weights-problems'))).length > 0, 'no problem shown at 200 %');
  for (const key of KEYS) await page.getByTestId(`weights-${key}`).fill(key === strongest ? '100' : '0');
  await previewShows(expected);
  const change = await text(row().getByTestId('weights-change'));
  assert(
    change.replace('−', '-') === `${expected > score ? '+' : ''}${(expected - score).toFixed(2)}`,
    `the change reads ${change}`,
  );
  await fitsPhone(page, 'the weights page with its preview');
  await page.screenshot({ path: `${SCREENSHOTS}weights-preview-mobile.png`, fullPage: true });
}

async function saves() {
  log('saves after confirming, reloads and finds the saved weights');
  await page.getByTestId('weights-save').click();
  await page.locator('.ant-popover .ant-popover-buttons .ant-btn-primary').click();
  await page.locator('[data-testid="weights-defaults"][data-defaults="false"]').waitFor();
  await page.reload();
  await row().waitFor();
  for (const key of KEYS) {
    const value = await page.getByTestId(`weights-${key}`).inputValue();
    assert(value === (key === strongest ? '100' : '0'), `${key} reads ${value} after the reload`);
  }
  const saved = await api('GET', `/streets/${STREET}/scoring-weights`, { token });
  assert(saved.weights[strongest] === 100 && !saved.defaults, `saved: ${JSON.stringify(saved)}`);
  // Applies from the next run: the organization's score has not moved.
  const { current } = await api('GET', `/organizations/${ORG_ID}/score`);
  assert(current.score === score, `the score moved to ${current.score} before any run`);
}

let browser;
await runJourney(
  'weights',
  [
    ['the director opens the weights page', opens],
    ['changes the weights and sees the preview change', changes],
    ['saves, reloads and sees the saved weights', saves],
  ],
  {
    before: (b) => {
      browser = b;
    },
    onFailure: () => (page ? failureShot(page, 'failure-weights') : undefined),
    after: async () => {
      if (!before) return;
      const { weights, priorMean, priorWeight, acceptanceWeight } = before;
      await api('PUT', `/streets/${STREET}/scoring-weights`, {
        token,
        body: { weights, priorMean, priorWeight, acceptanceWeight },
      }).catch((err) => log(`could not put the weights back: ${err.message}`));
    },
  },
);
