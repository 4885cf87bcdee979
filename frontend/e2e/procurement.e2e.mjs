// End-to-end: purchase of services, from a resident's need to a signed contract, through the real UI
// against the running web app, API and workers.
//
// A resident posts a need (on a phone-sized screen), the community staff accept it, the street
// officer starts a competitive consultation from it (bid deadline ~75 s ahead, standstill 0 days)
// and publishes it. Two organizations bid: the demo organization (its admin comes from the tenders
// open for its bid on the home page, also asks an enquiry and verifies the SHA-256 receipt) and a
// second one (on a phone). While bidding runs, the officer answers
// the enquiry and draws the panel (one evaluator, at random from the street's pool: the demo
// evaluator), and street finance allocates the year's budget. The deadline job closes bidding; the
// evaluator declares no conflict and scores both bids; the officer awards, and once the (zero-day)
// standstill is over creates the contract, which a visitor then sees on the public notice with its
// milestones. Beside it, the officer cancels another published tender from a phone: a reason that
// breaks the API's rule is refused on the spot, a good one is confirmed (the tender and the reason
// stated) and the notice then shows it cancelled, with why.
//
// Set-up through the API (not the point of the journey): the second organization (a new user
// registers it, the officer verifies it) and the evaluator's user id (to find them on the drawn
// panel). Everything else goes through the browser. Each run creates its own need, tender and organization. Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000),
// CHROMIUM (default /usr/bin/chromium; installed with apt-get when missing), E2E_BID_WINDOW_S
// (seconds from filling in the tender to its bid deadline, default 75).
import {
  api,
  appTookOver,
  assert,
  attachFile,
  choose,
  confirmStep,
  failureShot,
  fitsPhone,
  fromHome,
  log,
  login,
  loginPair,
  newActor,
  openMenu,
  pdfFile,
  PHONE,
  pickDate,
  randomCreditCode,
  runJourney,
  SCREENSHOTS,
  sleep,
  tenderInput,
  text,
  waitOrError,
  WEB_URL,
  withPage,
} from './lib/journey.mjs';

const BID_WINDOW_MS = Number(process.env.E2E_BID_WINDOW_S ?? 75) * 1000;
const ENQUIRY_BEFORE_DEADLINE_MS = 20_000;

const DEMO = {
  resident: 'resident@demo.sanshe.cn',
  staff: 'staff@demo.sanshe.cn',
  officer: 'officer@demo.sanshe.cn',
  orgAdmin: 'orgadmin@demo.sanshe.cn',
  evaluator: 'evaluator@demo.sanshe.cn',
  finance: 'finance@demo.sanshe.cn',
};
const DEMO_ORG = '阳光居家养老服务中心';
const WORKER = '吴社工';
const STREET = '阳光街道';
const COMMUNITY = '春晖社区';
const CATEGORY = '居家养老';

// What this run creates.
const STAMP = String(Date.now());
const BID_PDF = `服务方案-${STAMP}.pdf`;
const TENDER_PDF = `磋商文件-${STAMP}.pdf`;
const NEED = {
  title: `E2E 独居老人助餐 ${STAMP}`,
  text: `春晖社区 80 岁以上独居老人希望每天有人送午餐上门（端到端测试 ${STAMP}）。`,
};
const ORG2 = {
  email: `e2e-bidder-${STAMP}@example.cn`,
  password: 'E2e-pass-1234',
  name: `E2E 和谐助老服务社 ${STAMP}`,
};
const BIDS = {
  demo: { price: '4500.50', fen: 450050, shown: '¥4,500.50', plan: '40', team: '20' },
  second: { price: '4800', fen: 480000, shown: '¥4,800.00', plan: '20', team: '10' },
};
const BUDGET_YUAN = '10000';
const QUESTION = `午餐是否需要符合低盐标准？（${STAMP}）`;
const ANSWER = '需要，每餐盐不超过 2 克。';
const CANCELLED = {
  title: `E2E 社区理发（将取消） ${STAMP}`,
  reason: `街道预算调整，本项目暂停采购（${STAMP}）`,
};

const state = { tenderId: null, tenderUrl: null, deadline: 0, evaluatorId: null };

// One browser context per person, each signed in once and kept for the whole journey.
const people = {};

async function personPage(browser, who, email, password, mobile = false) {
  if (people[who]) return people[who];
  const options = mobile
    ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }
    : { viewport: { width: 1280, height: 900 } };
  const { page } = await newActor(browser, email, options, { password, who });
  people[who] = page;
  return page;
}

async function openNotice(page) {
  await page.goto(state.tenderUrl);
  await page.getByTestId('tender-status').waitFor();
}

const tenderStatus = async (page) => page.getByTestId('tender-status').getAttribute('data-status');

async function waitForStatus(page, status) {
  await page.locator(`[data-testid="tender-status"][data-status="${status}"]`).waitFor();
}

async function officerCancelsOnPhone(browser) {
  log('the officer cancels another published tender from a phone: a reason, then a confirmation');
  const officer = await login(DEMO.officer);
  const regions = await api('GET', '/regions');
  const street = regions.find((r) => r.level === 'street' && r.name === STREET);
  const community = regions.find((r) => r.level === 'community' && r.name === COMMUNITY);
  const tender = await api('POST', '/tenders', {
    token: officer,
    body: tenderInput(new Date(Date.now() + 7 * 24 * 3600_000), {
      title: CANCELLED.title,
      description: '端到端测试：发布后由采购人取消',
      streetId: street.id,
      communityIds: [community.id],
      budgetCeilingFen: 300_000,
      method: 'competitive_consultation',
      milestonePlan: [{ name: '全部服务', shareBp: 10000, dueInDays: 300 }],
    }),
  });
  await api('POST', `/tenders/${tender.id}/publish`, { token: officer });

  const { page } = await newActor(browser, DEMO.officer, PHONE, { who: 'officer on a phone' });
  people.officerPhone = page;
  await page.goto(`${WEB_URL}/tenders/${tender.id}`);
  await waitForStatus(page, 'published');
  await page.getByTestId('office-cancel').click();

  // A one-character reason is refused on the spot, with the rule the API applies (2–1000).
  await page.getByTestId('office-cancel-reason').fill('否');
  await page.getByTestId('office-cancel-confirm').click();
  await page.getByText('请填写理由（2–1000 字）').waitFor();
  assert((await page.locator('.app-confirm').count()) === 0, 'a refused reason should not ask to confirm');

  await page.getByTestId('office-cancel-reason').fill(CANCELLED.reason);
  await fitsPhone(page, 'the cancel step');
  await page.getByTestId('office-cancel-confirm').click();
  await confirmStep(page, [CANCELLED.title, CANCELLED.reason]);
  await waitForStatus(page, 'cancelled');
  assert(
    (await text(page.getByTestId('tender-status-reason'))).includes(CANCELLED.reason),
    'the notice should say why the tender was cancelled',
  );
  assert(
    (await page.getByTestId('office-cancel').count()) === 0,
    'a cancelled tender cannot be cancelled again',
  );
  await fitsPhone(page, 'the cancelled notice');
  await page.screenshot({ path: `${SCREENSHOTS}procurement-cancelled-phone.png`, fullPage: true });
}

// ---------------------------------------------------------------------------------------------

async function setUp() {
  log('set-up through the API: the evaluator id and a second, verified organization');
  state.evaluatorId = (await loginPair(DEMO.evaluator)).user.id;
  const regions = await api('GET', '/regions');
  const street = regions.find((r) => r.level === 'street' && r.name === STREET);
  const community = regions.find((r) => r.level === 'community' && r.name === COMMUNITY);
  assert(street && community, `the demo regions ${STREET} / ${COMMUNITY} are missing`);

  await api('POST', '/auth/register', {
    body: { email: ORG2.email, password: ORG2.password, displayName: `E2E 投标人 ${STAMP}` },
  });
  const owner = (await loginPair(ORG2.email, ORG2.password)).accessToken;
  const org = await api('POST', '/organizations', {
    token: owner,
    body: {
      name: ORG2.name,
      type: 'life_service',
      description: '端到端测试创建的第二家投标组织',
      filedOnly: false,
      creditCode: randomCreditCode(),
      homeStreetId: street.id,
      categoryCodes: ['elderly.home_care'],
      communityIds: [community.id],
      legalRepresentative: '测试法人',
      contactPhone: '0571-88000001',
    },
  });
  const officer = await login(DEMO.officer);
  await api('POST', `/organizations/${org.id}/status`, {
    token: officer,
    body: { action: 'verify', reason: '端到端测试：材料齐全' },
  });
}

async function signEveryoneIn(browser) {
  log('signing in the resident and the second bidder on phones, everyone else on desktops');
  await personPage(browser, 'resident', DEMO.resident, undefined, true);
  await personPage(browser, 'staff', DEMO.staff);
  await personPage(browser, 'officer', DEMO.officer);
  await personPage(browser, 'orgAdmin', DEMO.orgAdmin);
  await personPage(browser, 'bidder2', ORG2.email, ORG2.password, true);
  await personPage(browser, 'evaluator', DEMO.evaluator);
  await personPage(browser, 'finance', DEMO.finance);
}

async function residentPostsNeed() {
  const page = people.resident;
  log(`the resident posts "${NEED.title}" on a phone`);
  await openMenu(page, 'needs');
  await page.getByTestId('needs-post').waitFor();
  await page.getByTestId('needs-category').click();
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: CATEGORY }).click();
  await page.getByTestId('needs-title').fill(NEED.title);
  await page.getByTestId('needs-text').fill(NEED.text);
  await page.getByTestId('needs-submit').click();
  const card = page.locator(`[data-testid="need"][data-need="${NEED.title}"]`);
  await waitOrError(page, card, 'needs-post-error');
  assert((await card.getAttribute('data-status')) === 'open', 'a new need should be open');
  await card.getByTestId('need-upvote').click();
  await page
    .locator(`[data-testid="need"][data-need="${NEED.title}"] [data-testid="need-upvote"][disabled]`)
    .waitFor();
  assert((await text(card.getByTestId('need-upvotes'))).includes('1'), 'the upvote should count');
  await fitsPhone(page, 'the needs board');
  await page.screenshot({ path: `${SCREENSHOTS}procurement-need-mobile.png`, fullPage: true });
}

async function staffAcceptsNeed() {
  const page = people.staff;
  log('the community staff accept it');
  await fromHome(page, 'needs_to_triage');
  const card = page.locator(`[data-testid="need"][data-need="${NEED.title}"]`);
  await card.waitFor();
  await card.getByTestId('need-accept').click();
  await page.locator(`[data-testid="need"][data-need="${NEED.title}"][data-status="accepted"]`).waitFor();
  await page.getByTestId('admission-list').waitFor();
}

async function officerPublishesTender() {
  const page = people.officer;
  log('the officer starts a competitive consultation from the accepted need');
  await openMenu(page, 'needs');
  await page.getByTestId('needs-list').waitFor();
  if (await page.getByTestId('needs-community').isVisible()) await choose(page, 'needs-community', COMMUNITY);
  const card = page.locator(`[data-testid="need"][data-need="${NEED.title}"]`);
  await card.waitFor();
  await card.getByTestId('need-create-tender').click();

  await page.getByTestId('tender-editor').waitFor();
  // The editor starts from the need: its title, community and the link to it.
  await page.locator(`[data-testid="editor-needs"]`).filter({ hasText: NEED.title }).waitFor();
  assert(
    (await page.getByTestId('editor-title').inputValue()) === NEED.title,
    'the title comes from the need',
  );
  await choose(page, 'editor-method', '竞争性磋商');
  await page.getByTestId('editor-budget').fill('5000');
  await page.getByTestId('editor-standstill').fill('0');
  // A broken plan shows in the live sums before it is fixed again.
  await page.getByTestId('editor-weight-price').fill('40');
  assert(
    (await text(page.getByTestId('editor-weights-sum'))).includes('110'),
    'the live sum should show 110',
  );
  await page.getByTestId('editor-weight-price').fill('30');
  assert(
    (await text(page.getByTestId('editor-weights-sum'))).includes('100'),
    'the live sum should show 100',
  );
  assert(
    (await text(page.getByTestId('editor-milestones-sum'))).includes('100'),
    'milestones add up to 100 %',
  );

  state.deadline = Date.now() + BID_WINDOW_MS;
  await pickDate(page, 'editor-enquiry-deadline', new Date(state.deadline - ENQUIRY_BEFORE_DEADLINE_MS), {
    time: true,
  });
  await pickDate(page, 'editor-bid-deadline', new Date(state.deadline), { time: true });
  log('the officer attaches the tender document; the virus scanner clears it');
  await attachFile(page, pdfFile(TENDER_PDF, '磋商文件'), 'clean', page.getByTestId('editor-documents'));
  await page.screenshot({ path: `${SCREENSHOTS}procurement-editor.png`, fullPage: true });
  await page.getByTestId('editor-publish').click();
  // The confirmation names the tender and its ceiling, and that publishing cannot be undone.
  await confirmStep(page, ['¥5,000.00', '不能撤回']);
  await waitOrError(page, page.getByTestId('tender-notice'), ['editor-error', 'editor-problems']);
  await waitForStatus(page, 'published');
  state.tenderUrl = page.url();
  state.tenderId = state.tenderUrl.split('/').pop();
  log(`published ${state.tenderUrl}, bids close at ${new Date(state.deadline).toISOString()}`);
  assert((await text(page.getByTestId('tender-ceiling'))) === '¥5,000.00', 'the ceiling shows in yuan');
  await page
    .getByTestId('tender-documents')
    .getByTestId('attachment-doc')
    .filter({ hasText: TENDER_PDF })
    .waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}procurement-published.png`, fullPage: true });
}

async function demoOrgBids() {
  const page = people.orgAdmin;
  log(`${DEMO_ORG} bids ${BIDS.demo.price} yuan with its social worker, and asks an enquiry`);
  await fromHome(page, 'bids_due');
  const row = page.locator(`[data-testid="my-bids-open"] [data-tender="${NEED.title}"]`);
  await row.waitFor();
  await row.getByTestId('my-bids-go').click();
  await page.getByTestId('bid-form').waitFor();
  await page.getByTestId('bid-price-input').fill(BIDS.demo.price);
  await page
    .getByTestId('bid-proposal')
    .fill('每日 11 点前送餐上门，餐食按低盐标准制作，社工每周回访一次并记录老人身体状况。');
  await choose(page, 'bid-team', WORKER);
  await page.keyboard.press('Escape');
  log('the bid carries a PDF, sealed until the deadline; the receipt covers its SHA-256');
  await attachFile(page, pdfFile(BID_PDF, '服务方案'));
  await page.getByTestId('bid-submit').click();
  await waitOrError(page, page.getByTestId('bid-receipt'), 'bid-submit-error');
  const sealed = JSON.parse(await text(page.getByTestId('bid-receipt-document')));
  assert(
    sealed.files?.[0]?.fileName === BID_PDF,
    `the receipt should name the bid's PDF, has ${JSON.stringify(sealed.files)}`,
  );
  await page.getByTestId('attachment-sealed').first().waitFor();
  const hash = await text(page.getByTestId('bid-receipt-hash'));
  assert(/^[0-9a-f]{64}$/.test(hash), `the receipt should be a SHA-256 hex digest, got "${hash}"`);
  assert((await text(page.getByTestId('bid-price'))) === BIDS.demo.shown, 'the bid shows its price in yuan');
  await page.getByTestId('bid-receipt-copy').click();
  await page.getByTestId('bid-verify').click();
  await page.locator('[data-testid="bid-verify-result"][data-valid="true"]').waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}procurement-receipt.png`, fullPage: true });

  await page.getByTestId('bid-question').fill(QUESTION);
  const asked = page.waitForResponse(
    (r) => r.url().endsWith(`/api/tenders/${state.tenderId}/enquiries`) && r.request().method() === 'POST',
  );
  await page.getByTestId('bid-ask').click();
  assert((await asked).status() === 201, 'the enquiry should be accepted');
}

async function secondOrgBids() {
  const page = people.bidder2;
  log(`${ORG2.name} bids ${BIDS.second.price} yuan from a phone`);
  await page.goto(state.tenderUrl);
  await page.getByTestId('tender-bid-link').click();
  await page.getByTestId('bid-form').waitFor();
  await page.getByTestId('bid-price-input').fill(BIDS.second.price);
  await page
    .getByTestId('bid-proposal')
    .fill('提供中央厨房配餐，志愿者与专职人员结合送餐，每月开展一次满意度调查。');
  await page.getByTestId('bid-submit').click();
  await waitOrError(page, page.getByTestId('bid-receipt'), 'bid-submit-error');
  await fitsPhone(page, 'the bid page');
  await page.screenshot({ path: `${SCREENSHOTS}procurement-bid-mobile.png`, fullPage: true });

  log('its bids page lists the bid and where it stands, no longer the tender as awaiting a bid');
  const due = page.waitForResponse((r) => r.url().includes('/api/bids/due'));
  await openMenu(page, 'bids');
  await due;
  const bid = page.locator(`[data-testid="my-bids-mine"] [data-tender="${NEED.title}"]`);
  await bid.waitFor();
  assert((await text(bid)).includes('已递交'), 'the bid shows as submitted');
  await page
    .locator(`[data-testid="my-bids-open"] [data-tender="${NEED.title}"]`)
    .waitFor({ state: 'detached' });
  await fitsPhone(page, 'my bids');
  await page.screenshot({ path: `${SCREENSHOTS}procurement-my-bids-mobile.png`, fullPage: true });
  const left = state.deadline - Date.now();
  assert(left > 0, 'the bids went in after the deadline: raise E2E_BID_WINDOW_S');
  log(`both bids in, ${Math.round(left / 1000)} s before the deadline`);
}

async function officerAnswersAndFormsPanel() {
  const page = people.officer;
  log("the officer answers the enquiry and draws the panel at random from the street's evaluator pool");
  await openNotice(page);
  assert((await text(page.getByTestId('tender-bid-count'))) === '2', 'the notice should count 2 sealed bids');
  const enquiry = page.locator(`[data-testid="tender-open-enquiries"] [data-question="${QUESTION}"]`);
  await enquiry.getByTestId('enquiry-answer').click();
  await page.getByTestId('enquiry-answer-text').fill(ANSWER);
  await page.getByTestId('enquiry-answer-submit').click();
  await page.locator(`[data-testid="tender-enquiries"] [data-question="${QUESTION}"]`).waitFor();

  // The demo evaluator is the street's whole pool for the category: a draw of one picks them.
  await page.getByTestId('panel-size').fill('1');
  await page.getByTestId('panel-draw').click();
  await waitOrError(
    page,
    page.locator(`[data-testid="office-panel-list"] [data-user="${state.evaluatorId}"]`),
    'office-panel-error',
  );
  await page.getByTestId('panel-draw-seed').waitFor();
  await page.getByTestId('office-panel').screenshot({ path: `${SCREENSHOTS}procurement-panel.png` });
}

async function financeAllocatesBudget() {
  const page = people.finance;
  log(`street finance allocates ${BUDGET_YUAN} yuan for ${new Date().getFullYear()}`);
  await openMenu(page, 'budgets');
  await page.getByTestId('budget-allocate-form').waitFor();
  await page.getByTestId('budget-amount').fill(BUDGET_YUAN);
  await page.getByTestId('budget-reference').fill(`E2E-${STAMP}`);
  const allocated = page.waitForResponse(
    (r) => r.url().includes('/budget/allocations') && r.request().method() === 'POST',
  );
  await page.getByTestId('budget-allocate').click();
  const res = await allocated;
  assert(res.status() === 201, `the allocation was refused (${res.status()})`);
  const summary = await res.json();
  assert(summary.availableFen >= BIDS.second.fen, 'the budget should now cover either bid');
  await page.screenshot({ path: `${SCREENSHOTS}procurement-budget.png`, fullPage: true });
}

async function residentSeesNeedAddressed() {
  const page = people.resident;
  await page.reload();
  const card = page.locator(`[data-testid="need"][data-need="${NEED.title}"]`);
  await card.waitFor();
  assert(
    (await card.getAttribute('data-status')) === 'addressed',
    'the need should now be addressed by the tender',
  );
  assert(
    (await card.getByTestId('need-tender').getAttribute('href')) === `/tenders/${state.tenderId}`,
    'the need links to its tender',
  );
}

async function deadlinePasses() {
  const page = people.officer;
  const wait = state.deadline - Date.now();
  log(`waiting ${Math.max(0, Math.round(wait / 1000))} s for the bid deadline, then for the deadline job`);
  if (wait > 0) await sleep(wait);
  const giveUp = Date.now() + 90_000;
  for (;;) {
    await openNotice(page);
    const status = await tenderStatus(page);
    if (status === 'evaluating') break;
    assert(status === 'published', `after the deadline the tender is ${status}, expected evaluating`);
    assert(Date.now() < giveUp, 'the deadline job did not close bidding within 90 s');
    await sleep(3000);
  }
  log('bidding closed: evaluating');
}

async function evaluatorScores() {
  const page = people.evaluator;
  log('the evaluator declares no conflict and scores both bids');
  await fromHome(page, 'tenders_to_score');
  const row = page.locator(`[data-testid="evaluations-list"] [data-tender="${NEED.title}"]`);
  await row.waitFor();
  await row.getByTestId('evaluations-go').click();
  await page.getByTestId('scoring-declare').click();
  await waitOrError(page, page.getByTestId('scoring-progress'), 'scoring-error');
  for (const [org, scores] of [
    [DEMO_ORG, BIDS.demo],
    [ORG2.name, BIDS.second],
  ]) {
    const card = page.locator(`[data-testid="score-bid"][data-org="${org}"]`);
    await card.getByTestId('score-plan').fill(scores.plan);
    await card.getByTestId('score-team').fill(scores.team);
    await card.getByTestId('score-save').click();
    await page.locator(`[data-testid="score-bid"][data-org="${org}"][data-scored="true"]`).waitFor();
  }
  await page.locator('[data-testid="scoring-progress"][data-scored="2"]').waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}procurement-scoring.png`, fullPage: true });
}

async function officerAwardsAndContracts() {
  const page = people.officer;
  log('the officer awards; the standstill is 0 days, so the contract follows at once');
  await openNotice(page);
  await page.getByTestId('office-award').click();
  await confirmStep(page, [NEED.title, DEMO_ORG, '定标不能撤回']);
  await waitOrError(
    page,
    page.locator('[data-testid="tender-status"][data-status="standstill"]'),
    'office-error',
  );
  const winner = page.locator('[data-testid="result-row"][data-rank="1"]');
  await winner.waitFor();
  assert((await winner.getAttribute('data-org')) === DEMO_ORG, `${DEMO_ORG} should rank first`);

  await page.getByTestId('office-contract-submit').click();
  await waitOrError(
    page,
    page.locator('[data-testid="tender-status"][data-status="contracted"]'),
    'office-error',
  );
  await page.getByTestId('tender-contract').waitFor();
  assert(
    (await text(page.getByTestId('contract-organization'))) === DEMO_ORG,
    'the contract goes to the winner',
  );
  assert(
    (await text(page.getByTestId('contract-amount'))) === BIDS.demo.shown,
    'the contract is for the winning price',
  );
  const milestones = await page.getByTestId('contract-milestone').count();
  assert(milestones === 3, `the contract should carry the 3 planned milestones, has ${milestones}`);
  await page.screenshot({ path: `${SCREENSHOTS}procurement-contracted.png`, fullPage: true });
}

async function visitorReadsNotice(browser) {
  log('a visitor on a phone reads the notice: answered enquiry, results and the contract');
  // The notice comes drawn by the server with all of it, for a link shared or a search engine.
  const notice = `${WEB_URL}/tenders/${state.tenderId}`;
  const html = await (await fetch(notice)).text();
  const drawn = (testId) => html.split(`data-testid="${testId}"`).length - 1;
  assert(
    html.includes('data-status="contracted"'),
    'the notice drawn by the server should show it contracted',
  );
  assert(html.includes(ANSWER), "the notice drawn by the server should carry the enquiry's answer");
  assert(
    drawn('result-row') === 2 && drawn('contract-milestone') === 3,
    `the notice drawn by the server should rank both bids and list the 3 milestones (${drawn('result-row')}, ${drawn('contract-milestone')})`,
  );
  // A notice that does not exist comes drawn with its message, answered 404 (search engines drop it).
  const missing = await fetch(`${WEB_URL}/tenders/00000000-0000-4000-8000-00000000dead`);
  assert(
    missing.status === 404 && (await missing.text()).includes('data-testid="tender-error"'),
    `a missing notice drawn by the server answered ${missing.status}`,
  );
  // The results and milestones are cards on a phone: their cells come labelled with their columns.
  assert(
    html.includes('data-label="'),
    "the notice drawn by the server has no column labels for a phone's cards",
  );
  const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
  await withPage(browser, { options: phone, shot: 'failure-procurement-visitor-drawn' }, async (page) => {
    const asked = [];
    page.on('request', (r) => r.url().includes(`/api/tenders/${state.tenderId}`) && asked.push(r.url()));
    await page.goto(notice);
    // The app has drawn the page again once the server's disabled fieldset is gone.
    await appTookOver(page);
    await page.getByTestId('contract-milestone').nth(2).waitFor();
    assert(asked.length === 0, `the app asked the API again for the drawn notice: ${asked}`);
  });
  await withPage(browser, { options: phone, shot: 'failure-procurement-visitor' }, async (page) => {
    await page.goto(`${WEB_URL}/`);
    await openMenu(page, 'tenders');
    await page.locator(`[data-testid="tender-card"][data-tender="${NEED.title}"]`).click();
    await waitForStatus(page, 'contracted');
    assert((await text(page.getByTestId('tender-enquiries'))).includes(ANSWER), 'the answer is public');
    // The results come by a request of their own, after the notice.
    await page.getByTestId('result-row').nth(1).waitFor();
    assert((await page.getByTestId('result-row').count()) === 2, 'both bids are ranked in public');
    assert((await page.getByTestId('contract-milestone').count()) === 3, 'the milestones are public');
    assert((await page.getByTestId('tender-office').count()) === 0, 'a visitor gets no office actions');
    await fitsPhone(page, 'the public notice');
    await page.screenshot({ path: `${SCREENSHOTS}procurement-public-mobile.png`, fullPage: true });
  });
}

// Each step needs the one before: after a failure the rest are counted as failed, not run.
await runJourney(
  'procurement',
  [
    ['set-up (API): evaluator id, second organization', setUp],
    ['everyone signs in', signEveryoneIn],
    ['resident posts and upvotes a need', residentPostsNeed],
    ['staff accept the need', staffAcceptsNeed],
    ['officer creates and publishes a tender from it', officerPublishesTender],
    ['demo organization bids, verifies its receipt, asks', demoOrgBids],
    ['second organization bids from a phone', secondOrgBids],
    ['officer answers and forms the panel', officerAnswersAndFormsPanel],
    ['finance allocates the budget', financeAllocatesBudget],
    ['the need shows as addressed', residentSeesNeedAddressed],
    ['the deadline job closes bidding', deadlinePasses],
    ['evaluator declares and scores', evaluatorScores],
    ['officer awards and creates the contract', officerAwardsAndContracts],
    ['visitor reads the public notice', visitorReadsNotice],
    ['officer cancels another tender from a phone', officerCancelsOnPhone, { needs: null }],
  ],
  {
    onFailure: async () => {
      for (const [who, page] of Object.entries(people)) await failureShot(page, `failure-procurement-${who}`);
    },
  },
);
