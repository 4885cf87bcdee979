// End-to-end: a milestone payment, through the real UI against the running web app, API, workers
// and the local fake Stripe (the API starts it in development; no real money, and the pages say so).
// It uses the seeded demo contract (backend/src/database/seed/demo.ts, seedDemoContract): ¥240,000
// for the demo organization in 阳光街道, whose first milestone (¥72,000) meets its acceptance rule,
// and the street's director threshold of ¥50,000.
//
// In the browser: street finance reads the year's budget dashboard; the org admin connects a Stripe
// account (the fake's onboarding page completes at once and sends the browser back to the payouts
// page, which waits for Stripe's webhook) and requests the first milestone's payment by Stripe,
// attaching a deliverable report (a real PDF, scanned clean by clamd); the community staff see the
// file inline in their approvals inbox and accept it, rating the delivery (quality, timeliness,
// cooperation, with the keyboard, and a comment); street finance, then the street director (the
// amount is at or above the threshold), each come from the approvals waiting on their home page and
// approve (the card shows what remains of the contract and links to the project's progress); the
// workers transfer it at the fake Stripe, whose signed webhook marks it paid; the org admin's
// payouts page shows it paid; the budget dashboard shows paid up by ¥72,000 and committed
// down by as much (available unchanged: the contract already held that money); the org admin's
// project page shows the milestone's acceptance rating, and the organization's score explains it.
//
// The first milestone is paid once: the journey needs a database where it is still unrequested, as
// `npm test -- e2e money` gives it (a fresh database, seeded). Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000), CHROMIUM
// (default /usr/bin/chromium; installed with apt-get when missing).
import {
  api,
  assert,
  attachFile,
  choose,
  confirmStep,
  fromHome,
  failureShot,
  log,
  login,
  newActor,
  openMenu,
  pdfFile,
  runJourney,
  SCREENSHOTS,
  text,
  TIMEOUT,
  waitOrError,
  WEB_URL,
} from './lib/journey.mjs';

/** The transfer job and the fake's webhook, through the queue: generous on a busy machine. */
const PAYOUT_TIMEOUT = 90_000;
// Reduced motion: the charts are drawn at once (no animation), as the dashboard honours the setting.
const DESKTOP = { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' };

// The demo data (backend/src/database/seed/demo.ts).
const DEMO = {
  organization: '00000000-0000-4000-8000-000000000501',
  street: '00000000-0000-4000-8000-000000000011',
  project: '00000000-0000-4000-8000-000000000621',
  milestone: '00000000-0000-4000-8000-000000000611',
  contractTitle: '阳光街道高龄老人居家探访服务（演示合同）',
  milestoneName: '首期',
  orgAdmin: 'orgadmin@demo.sanshe.cn',
  staff: 'staff@demo.sanshe.cn',
  finance: 'finance@demo.sanshe.cn',
  director: 'director@demo.sanshe.cn',
};
const DELIVERABLES = `首期服务报告、服务对象签收表（端到端测试 ${Date.now()}）`;
/** The deliverable file attached to the request (the virus scanner clears it). */
const REPORT = pdfFile(`首期服务报告-${Date.now()}.pdf`, '首期服务报告');
/** The community staff's acceptance rating (验收评价), given with the keyboard. */
const RATING = {
  scores: [
    { name: '服务质量', key: 'quality', value: 4 },
    { name: '按时完成', key: 'timeliness', value: 5 },
    { name: '配合程度', key: 'cooperation', value: 4 },
  ],
  comment: `首期服务记录完整，居民反馈良好（端到端测试 ${Date.now()}）`,
};

/** What the run finds and measures, for the steps after. */
const run = { amountFen: 0, disbursementId: '', before: null, after: null };

/** The first ¥ amount in a text, in fen: '已支付¥72,000.00 · 7.2%' → 7200000. */
function fenIn(value) {
  const match = /¥([\d,]+)\.(\d{2})/.exec(value);
  assert(match, `no ¥ amount in "${value}"`);
  return Number(match[1].replace(/,/g, '')) * 100 + Number(match[2]);
}

const yuan = (fen) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

// ---------------------------------------------------------------------------------------------
// The API, to check the demo data before the browser starts

async function checkDemoData() {
  const orgAdmin = await login(DEMO.orgAdmin);
  const mode = await api('GET', '/payments/mode');
  assert(
    mode.testMode && mode.stripe === 'fake',
    `payments should be the local fake, are ${JSON.stringify(mode)}`,
  );
  const project = await api('GET', `/projects/${DEMO.project}`, { token: orgAdmin });
  const first = project.milestones.find((m) => m.milestoneId === DEMO.milestone);
  assert(
    first?.ruleMet,
    "the demo contract's first milestone should meet its acceptance rule (seedDemoContract)",
  );
  const live = (
    await api('GET', `/organizations/${DEMO.organization}/disbursements?limit=100`, { token: orgAdmin })
  ).items.filter((d) => d.milestoneId === DEMO.milestone && d.status !== 'rejected');
  assert(
    !live.length,
    `the demo milestone was already requested (${live[0]?.status}): run the journey on a fresh database (npm test -- e2e money)`,
  );
  run.amountFen = first.amountFen;
  log(`the demo milestone "${first.name}" of ${yuan(run.amountFen)} is ready to be requested`);
}

// ---------------------------------------------------------------------------------------------
// The browser

/** Each demo account signs in once (sign-ins are rate-limited per address) and keeps its page. */
const actors = new Map();

/** Runs one actor's part, with a screenshot of where it stood when it failed. */
async function as(browser, email, name, part) {
  if (!actors.has(email)) actors.set(email, await newActor(browser, email, DESKTOP));
  const { page } = actors.get(email);
  try {
    await part(page);
  } catch (err) {
    await failureShot(page, `failure-money-${name}`);
    throw err;
  }
}

/** The budget dashboard's figures for this year, in fen, read from the page's text. */
async function readBudget(page) {
  await openMenu(page, 'budgets');
  await waitOrError(page, page.getByTestId('budget-paid'), 'budget-error');
  const figure = async (testId) => fenIn(await text(page.getByTestId(testId)));
  const contract = page.locator(`[data-testid="budget-contract"][data-contract="${DEMO.contractTitle}"]`);
  await contract.waitFor();
  return {
    allocated: await figure('budget-allocated'),
    paid: await figure('budget-paid'),
    committed: await figure('budget-committed'),
    available: await figure('budget-available'),
    contractPaid: fenIn(await text(contract.getByTestId('budget-contract-paid'))),
    contractCommitted: fenIn(await text(contract.getByTestId('budget-contract-committed'))),
  };
}

async function budgetBefore(browser) {
  await as(browser, DEMO.finance, 'budget-before', async (page) => {
    log('street finance opens the budget dashboard');
    run.before = await readBudget(page);
    const b = run.before;
    assert(
      b.allocated === b.paid + b.committed + b.available,
      `allocated ${b.allocated} should be paid + committed + available (${b.paid} + ${b.committed} + ${b.available})`,
    );
    assert(b.contractCommitted >= run.amountFen, `the demo contract still holds ${b.contractCommitted} fen`);
    await page.getByTestId('budget-partition-chart').locator('svg').first().waitFor();
    log(`paid ${yuan(b.paid)}, committed ${yuan(b.committed)}, available ${yuan(b.available)}`);
    await page.screenshot({ path: `${SCREENSHOTS}money-budget-before.png`, fullPage: true });
  });
}

async function orgAdminOnboardsAndRequests(browser) {
  await as(browser, DEMO.orgAdmin, 'org-admin', async (page) => {
    log('the org admin opens the payouts page: test mode is labelled');
    await openMenu(page, 'payouts');
    await waitOrError(page, page.getByTestId('payouts-onboard'), 'payouts-error');
    const banner = page.getByTestId('test-mode');
    await banner.waitFor();
    assert(
      (await banner.getAttribute('data-stripe')) === 'fake',
      'the banner should say Stripe is the local fake',
    );
    assert(
      (await page.getByTestId('payouts-stripe').getAttribute('data-state')) !== 'enabled',
      'the demo organization should not have Stripe payouts yet',
    );

    log("and connects a Stripe account: the fake's onboarding sends the browser back here");
    await page.getByTestId('payouts-onboard').click();
    await page.waitForURL(
      (url) => url.pathname === '/payouts' && url.searchParams.get('stripe') === 'return',
      { timeout: TIMEOUT },
    );
    assert(
      new URL(page.url()).searchParams.get('organization') === DEMO.organization,
      `back on ${page.url()}, not the demo organization's payouts`,
    );
    await waitOrError(page, page.getByTestId('payouts-enabled'), 'payouts-error', { timeout: 45_000 });
    await page.screenshot({ path: `${SCREENSHOTS}money-payouts-onboarded.png`, fullPage: true });

    log(`requests the payment of "${DEMO.milestoneName}" by Stripe`);
    await choose(page, 'payouts-project', DEMO.contractTitle);
    const milestone = page.locator(
      `[data-testid="payouts-milestone"][data-milestone="${DEMO.milestoneName}"]`,
    );
    await milestone.waitFor();
    assert(
      (await milestone.getAttribute('data-blocked')) === null,
      'the first milestone should be open to request',
    );
    await milestone.click();
    await page.getByTestId('payouts-deliverables').fill(DELIVERABLES);
    log(`attaches the deliverable "${REPORT.name}"; the virus scanner clears it`);
    await attachFile(page, REPORT, 'clean', page.getByTestId('payouts-request-form'));
    await page.getByTestId('payouts-method-stripe').click();
    await page.getByTestId('payouts-request').click();
    const requested = page.locator(
      `[data-testid="payout"][data-milestone="${DEMO.milestoneName}"][data-status="requested"]`,
    );
    await waitOrError(page, requested, 'payouts-request-error');
    run.disbursementId = await requested.getAttribute('data-id');
    assert(
      (await text(requested)).includes(yuan(run.amountFen)),
      `the request should show ${yuan(run.amountFen)}`,
    );
    assert(
      (await milestone.getAttribute('data-blocked')) === 'requested',
      'a requested milestone cannot be requested twice',
    );
    assert(
      (await page.getByTestId('attachment-item').count()) === 0,
      'the sent file should be cleared from the form',
    );
    await page.screenshot({ path: `${SCREENSHOTS}money-payouts-requested.png`, fullPage: true });
  });
}

/**
 * Community staff rate the delivery in the acceptance form, with the keyboard only: each score is a
 * slider named by its label (arrows set it, Tab moves on), then the comment.
 */
async function rateAcceptance(page, item) {
  const form = item.getByTestId('inbox-accept-form');
  await form.waitFor();
  const focused = () =>
    page.evaluate(() =>
      globalThis.document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'),
    );
  await form.getByRole('slider', { name: RATING.scores[0].name }).focus();
  for (const score of RATING.scores) {
    const slider = form.getByRole('slider', { name: score.name });
    assert((await focused()) === `acceptance-${score.key}`, `${score.name} should have the focus`);
    for (let i = 0; i < score.value; i++) await page.keyboard.press('ArrowRight');
    assert(
      (await slider.getAttribute('aria-valuenow')) === String(score.value),
      `${score.name} reads ${await slider.getAttribute('aria-valuenow')}, expected ${score.value}`,
    );
    await page.keyboard.press('Tab');
  }
  assert((await focused()) === 'acceptance-comment', 'Tab from the last score should reach the comment');
  await page.keyboard.type(RATING.comment);
  await page.screenshot({ path: `${SCREENSHOTS}money-inbox-acceptance-rating.png`, fullPage: true });
  await form.getByTestId('inbox-accept-confirm').click();
}

/** Signs the step the item waits for in the approvals inbox; it then leaves this signer's inbox. */
async function signs(browser, email, name, status, action) {
  await as(browser, email, name, async (page) => {
    log(`${email} signs "${action}" in the approvals inbox`);
    await fromHome(page, 'approvals');
    const item = page.locator(`[data-testid="inbox-item"][data-id="${run.disbursementId}"]`);
    await waitOrError(page, item, 'inbox-error');
    assert(
      (await item.getAttribute('data-status')) === status,
      `the item is ${await item.getAttribute('data-status')}`,
    );
    const shown = await text(item);
    for (const expected of [
      DEMO.contractTitle,
      DEMO.milestoneName,
      yuan(run.amountFen),
      '阳光居家养老服务中心',
    ]) {
      assert(shown.includes(expected), `the inbox item should show "${expected}": "${shown}"`);
    }
    assert(
      shown.includes('需主任审批'),
      'the amount is at or above the threshold: the director must approve too',
    );
    // The payments mode is read beside the inbox: its label may come a moment after the item.
    await item
      .getByTestId('inbox-test-mode')
      .waitFor({ timeout: 10_000 })
      .catch(() => {});
    assert(
      (await item.getByTestId('inbox-test-mode').count()) === 1,
      'a Stripe payment is labelled test mode',
    );
    await seesEvidence(item, action);
    await page.screenshot({ path: `${SCREENSHOTS}money-inbox-${name}.png`, fullPage: true });
    await item.getByTestId(`inbox-${action}`).click();
    if (action === 'accept') await rateAcceptance(page, item);
    // Approving money states the amount and the organization, and that the signature stays.
    else await confirmStep(page, [yuan(run.amountFen), '阳光居家养老服务中心', '不能撤回']);
    await waitOrError(page, page.locator('.ant-message-success'), 'inbox-item-error');
    await item.waitFor({ state: 'detached' });
    // …and shows under "done just now" with the status the step left it in.
    await page.locator(`[data-testid="inbox-done-item"][data-id="${run.disbursementId}"]`).waitFor();
  });
}

/**
 * Every signer sees the deliverable inline, cleared by the scanner, with a link to open it, and what
 * remains unpaid of the contract, and a link to the project's progress.
 */
async function seesEvidence(item, action) {
  const evidence = item.getByTestId('inbox-evidence');
  const file = evidence.locator('[data-testid="attachment-doc"]').filter({ hasText: REPORT.name });
  await file.waitFor();
  assert(
    (await file.getAttribute('data-status')) === 'clean',
    `the deliverable should read clean: ${await file.getAttribute('data-status')}`,
  );
  const shown = await text(file);
  assert(/PDF · \d+ B/.test(shown), `the deliverable should show its type and size: "${shown}"`);
  assert((await file.getByTestId('attachment-open').count()) === 1, 'a clean PDF can be opened');
  const remaining = await text(item.getByTestId('inbox-remaining'));
  assert(remaining.includes('¥240,000.00'), `nothing of the contract is paid yet: "${remaining}"`);
  // The street's signers open the project's page; community staff, at acceptance, its public record.
  const progress = await item.getByTestId('inbox-progress').getAttribute('href');
  const expected = `${action === 'accept' ? '/public-projects' : '/projects'}/${DEMO.project}`;
  assert(progress === expected, `the progress link should open ${expected}: ${progress}`);
}

async function paidAtStripe(browser) {
  await as(browser, DEMO.orgAdmin, 'org-admin-paid', async (page) => {
    log('the workers transfer at the fake Stripe; its signed webhook marks the payment paid');
    // Still on the payouts page since the request: read it again (it then follows the transfer by itself).
    await page.getByTestId('payouts-refresh').click();
    const item = page.locator(`[data-testid="payout"][data-id="${run.disbursementId}"]`);
    await waitOrError(page, item, 'payouts-error');
    // The page reads again by itself while the transfer is on its way.
    await waitOrError(
      page,
      page.locator(`[data-testid="payout"][data-id="${run.disbursementId}"][data-status="paid"]`),
      'payouts-error',
      { timeout: PAYOUT_TIMEOUT },
    );
    const shown = await text(item);
    assert(shown.includes('已付款'), `the payment should read paid: "${shown}"`);
    assert(/转账 tr_\w+/.test(shown), `the Stripe transfer should be shown: "${shown}"`);
    for (const signer of ['周主任', '刘书记', '李会计', '赵主任']) {
      assert(shown.includes(signer), `the steps should name ${signer}: "${shown}"`);
    }
    await page.screenshot({ path: `${SCREENSHOTS}money-payouts-paid.png`, fullPage: true });
  });
}

async function budgetAfter(browser) {
  await as(browser, DEMO.director, 'budget-after', async (page) => {
    log('the street director opens the budget dashboard: paid up, committed down by the payment');
    run.after = await readBudget(page);
    const [b, a, x] = [run.before, run.after, run.amountFen];
    assert(a.paid === b.paid + x, `paid ${yuan(a.paid)}, expected ${yuan(b.paid)} + ${yuan(x)}`);
    assert(
      a.committed === b.committed - x,
      `committed ${yuan(a.committed)}, expected ${yuan(b.committed)} − ${yuan(x)}`,
    );
    assert(a.available === b.available, `available moved from ${yuan(b.available)} to ${yuan(a.available)}`);
    assert(a.allocated === b.allocated, 'the allocation should not change');
    assert(a.contractPaid === b.contractPaid + x, `the demo contract's paid is ${yuan(a.contractPaid)}`);
    assert(
      a.contractCommitted === b.contractCommitted - x,
      `the demo contract still holds ${yuan(a.contractCommitted)}`,
    );
    await page.getByTestId('budget-contracts-chart').locator('svg').first().waitFor();
    log(`paid ${yuan(a.paid)}, committed ${yuan(a.committed)}, available ${yuan(a.available)}`);
    await page.screenshot({ path: `${SCREENSHOTS}money-budget-after.png`, fullPage: true });
  });
}

async function ratingOnProjectPage(browser) {
  await as(browser, DEMO.orgAdmin, 'org-admin-project', async (page) => {
    log("the org admin opens the project page: the first milestone shows the staff's acceptance rating");
    await page.goto(`${WEB_URL}/projects/${DEMO.project}`);
    const card = page.locator('[data-testid="milestone"][data-seq="1"]');
    await waitOrError(page, card, 'project-error');
    const rating = card.getByTestId('milestone-acceptance');
    await rating.waitFor();
    for (const score of RATING.scores) {
      const row = rating.locator(`[data-testid="acceptance-score"][data-score="${score.key}"]`);
      const shown = await text(row);
      assert(
        shown.includes(score.name) && shown.includes(`${score.value} / 5`),
        `${score.name} should read ${score.value} / 5: "${shown}"`,
      );
    }
    assert(
      (await text(rating.getByTestId('acceptance-comment'))) === RATING.comment,
      'the comment should be shown as given',
    );
    const by = await text(rating.getByTestId('acceptance-by'));
    assert(by.includes('刘书记'), `the rating should name who accepted it: "${by}"`);
    await page.screenshot({ path: `${SCREENSHOTS}money-project-acceptance.png`, fullPage: true });

    log("and the organization's score page renders");
    await page.goto(`${WEB_URL}/directory/${DEMO.organization}/score`);
    const headline = page.getByTestId('score-headline');
    await headline.waitFor();
    assert(
      Number.isFinite(Number(await headline.getAttribute('data-score'))),
      'the score page should show a score',
    );
    await page.getByTestId('score-breakdown-table').waitFor();

    log('whose explanation counts the acceptance rating once the debounced recompute has run');
    const satisfaction = page.locator('[data-testid="score-sentences"] li[data-indicator="satisfaction"]');
    const until = Date.now() + 60_000;
    for (;;) {
      const sentence = await text(satisfaction);
      if (/[1-9]\d* 条验收评价/.test(sentence)) break;
      assert(
        Date.now() < until,
        `the satisfaction sentence should count the acceptance rating: "${sentence}"`,
      );
      await page.waitForTimeout(2000);
      await page.reload();
    }
    await page.screenshot({ path: `${SCREENSHOTS}money-org-score.png`, fullPage: true });
  });
}

// Each step needs the one before: after a failure the rest are counted as failed, not run.
await runJourney(
  'money',
  [
    ['the demo milestone is ready and Stripe is the local fake', () => checkDemoData()],
    ['street finance reads the budget dashboard', budgetBefore],
    ['org admin onboards at the fake Stripe and requests the payment', orgAdminOnboardsAndRequests],
    [
      'community staff accept the delivery with their rating',
      (browser) => signs(browser, DEMO.staff, 'staff', 'requested', 'accept'),
    ],
    [
      'street finance approves',
      (browser) => signs(browser, DEMO.finance, 'finance', 'accepted', 'finance_approve'),
    ],
    [
      'the street director approves (at or above the threshold)',
      (browser) => signs(browser, DEMO.director, 'director', 'finance_approved', 'director_approve'),
    ],
    ["the transfer is paid by the fake's webhook; the payouts page shows it", paidAtStripe],
    ['the budget dashboard shows paid up and committed down by the payment', budgetAfter],
    [
      "the project page shows the acceptance rating; the organization's score explains it",
      ratingOnProjectPage,
    ],
  ],
  {
    after: async () => {
      for (const { context } of actors.values()) await context.close().catch(() => undefined);
    },
  },
);
