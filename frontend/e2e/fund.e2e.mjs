// End-to-end: the community development fund (社区发展基金), through the real UI against the running
// web app, the API and its local fake Stripe. Set-up through the API: the demo street officer
// commissions the demo organization directly for 春晖社区 (bid, deadline job, score, award, budget,
// contract) and its admin sets up the project, which a grant may then support. In the browser: a
// visitor on a phone (375 × 740) donates on the donation page, pays on the fake Stripe Checkout page,
// comes back to the receipt; the community staff sees the fund balance up and proposes a grant to
// the project; street finance approves it (and the director when at the threshold) and records the
// treasury payout through the API; the staff sees the grant paid and the balance down.
// Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000), CHROMIUM
// (default /usr/bin/chromium; installed with apt-get when missing).
import {
  PHONE,
  api,
  assert,
  choose,
  directCommission,
  fitsPhone,
  log,
  login,
  openMenu,
  pad,
  runJourney,
  SCREENSHOTS,
  signIn,
  text,
  TIMEOUT,
  waitOrError,
  WEB_URL,
  withPage,
} from './lib/journey.mjs';

// The demo data (backend/src/database/seed/demo.ts).
const DEMO = {
  organization: '00000000-0000-4000-8000-000000000501',
  street: '00000000-0000-4000-8000-000000000011',
  community: '00000000-0000-4000-8000-000000000101',
  communityName: '春晖社区',
  officer: 'officer@demo.sanshe.cn',
  finance: 'finance@demo.sanshe.cn',
  director: 'director@demo.sanshe.cn',
  evaluator: 'evaluator@demo.sanshe.cn',
  orgAdmin: 'orgadmin@demo.sanshe.cn',
  worker: 'worker@demo.sanshe.cn',
  staff: 'staff@demo.sanshe.cn',
};

const STAMP = String(Date.now());
const TITLE = `春晖社区邻里互助服务 E2E${STAMP}`;
const DONOR = {
  name: `热心居民${STAMP.slice(-4)}`,
  email: `donor-${STAMP}@example.cn`,
  message: '祝社区越来越好',
};
const DONATION_YUAN = 888;
const GRANT_YUAN = 500;
const PURPOSE = `重阳节敬老活动物资（E2E ${STAMP}）`;
const run = { projectId: '', fundBefore: 0, fundAfterDonation: 0, grantId: '' };

/** ¥1,234.00 as the pages show fen. */
const yuanText = (fen) =>
  `¥${Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${pad(fen % 100)}`;

const fundBalance = async () => (await api('GET', `/communities/${DEMO.community}/fund`)).balanceFen;

async function setUpProject() {
  const [officer, orgAdmin, evaluator, finance] = await Promise.all(
    [DEMO.officer, DEMO.orgAdmin, DEMO.evaluator, DEMO.finance].map(login),
  );
  const { items: members } = await api('GET', `/organizations/${DEMO.organization}/members?limit=100`, {
    token: orgAdmin,
  });
  const member = members.find((m) => m.invitedEmail === DEMO.worker && m.status === 'active');
  assert(member?.userId, `${DEMO.worker} is not an active member of the demo organization`);

  const { project } = await directCommission({ officer, orgAdmin, evaluator, finance }, DEMO, member, {
    title: TITLE,
    description: '为春晖社区居民提供邻里互助、志愿服务组织和社区活动策划（端到端测试）。',
    ceilingFen: 5_000_000,
    priceFen: 4_000_000,
    proposal: '组建邻里互助小组，每月组织两次社区活动，持证社工负责，季度回访满意度。',
    milestonePlan: [{ name: '全部', shareBp: 10000, dueInDays: 300 }],
    points: 50,
    budgetReference: `E2E-FUND-${STAMP}`,
  });
  run.projectId = project.id;
  run.fundBefore = await fundBalance();
  log(`project ${project.id}; the fund holds ${yuanText(run.fundBefore)}`);
}

async function visitorDonates(browser) {
  const actor = { options: PHONE, shot: 'failure-fund-donate' };
  await withPage(browser, actor, async (page) => {
    log('a visitor (not signed in) opens the donation page from the menu on a phone');
    await page.goto(`${WEB_URL}/`);
    await openMenu(page, 'donate');
    await page.getByTestId('test-mode').waitFor();
    assert((await text(page.getByTestId('test-mode'))).includes('测试模式'), 'test mode is not labelled');
    await choose(page, 'donate-community', DEMO.communityName);
    await page.getByTestId('donate-amount').fill(String(DONATION_YUAN));
    await page.getByTestId('donate-name').fill(DONOR.name);
    await page.getByTestId('donate-email').fill(DONOR.email);
    await page.getByTestId('donate-message').fill(DONOR.message);
    await fitsPhone(page, 'the donation page');
    await page.screenshot({ path: `${SCREENSHOTS}fund-donate-mobile.png`, fullPage: true });

    log('pays on the (fake) Stripe Checkout page and comes back to the receipt');
    await page.getByTestId('donate-submit').click();
    await page.waitForURL(/\/donate\/thanks\?session=cs_/, { timeout: TIMEOUT });
    await waitOrError(page, page.getByTestId('receipt'), 'receipt-error');
    const receiptNo = await text(page.getByTestId('receipt-no'));
    assert(/^JZ\d{10}$/.test(receiptNo), `the receipt number is "${receiptNo}"`);
    const amount = await text(page.getByTestId('receipt-amount'));
    assert(amount === yuanText(DONATION_YUAN * 100), `the receipt shows ${amount}`);
    assert(
      (await text(page.getByTestId('receipt-donor'))) === DONOR.name,
      'the receipt misses the donor name',
    );
    assert((await text(page.getByTestId('receipt-community'))) === DEMO.communityName, 'wrong community');
    await page.getByTestId('test-mode').waitFor();
    await fitsPhone(page, 'the receipt');
    await page.screenshot({ path: `${SCREENSHOTS}fund-receipt-mobile.png`, fullPage: true });
    run.fundAfterDonation = await fundBalance();
    assert(
      run.fundAfterDonation === run.fundBefore + DONATION_YUAN * 100,
      `the fund went from ${run.fundBefore} to ${run.fundAfterDonation} fen`,
    );
    log(`receipt ${receiptNo}`);
  });
}

/** Signs the community staff in and opens the fund page. */
async function staffOnFundPage(page) {
  await signIn(page, DEMO.staff);
  await openMenu(page, 'fund');
  await waitOrError(page, page.getByTestId('fund-balance'), 'fund-error');
}

async function staffProposesGrant(browser) {
  const actor = { options: PHONE, shot: 'failure-fund-propose' };
  await withPage(browser, actor, async (page) => {
    await staffOnFundPage(page);
    log('the community staff sees the donation in the fund');
    const balance = await text(page.getByTestId('fund-balance'));
    assert(balance.includes(yuanText(run.fundAfterDonation)), `the fund balance shows "${balance}"`);
    const donations = await text(page.getByTestId('fund-donations'));
    assert(donations.includes(DONOR.name) && donations.includes(DONOR.email), 'the donor is not listed');

    log(`proposes a grant of ¥${GRANT_YUAN} to the project`);
    await choose(page, 'grant-project', `${TITLE} · 阳光居家养老服务中心`);
    await page.getByTestId('grant-amount').fill(String(GRANT_YUAN));
    await page.getByTestId('grant-purpose').fill(PURPOSE);
    await page.getByTestId('grant-submit').click();
    const grant = page.getByTestId('fund-grant').filter({ hasText: PURPOSE });
    await waitOrError(page, grant, 'grant-error');
    const status = await text(grant.getByTestId('fund-grant-status'));
    assert(status === '待财务审批', `the new grant is "${status}"`);
    await fitsPhone(page, 'the fund page');
    await page.screenshot({ path: `${SCREENSHOTS}fund-proposed-mobile.png`, fullPage: true });
  });
}

async function streetApprovesAndPays() {
  const [staff, finance] = await Promise.all([DEMO.staff, DEMO.finance].map(login));
  const grants = await api('GET', `/communities/${DEMO.community}/fund/grants?limit=100`, { token: staff });
  const grant = grants.items.find((g) => g.purpose === PURPOSE);
  assert(grant?.status === 'accepted', `the grant is ${grant?.status ?? 'missing'}`);
  run.grantId = grant.id;
  log('street finance approves the grant');
  let approved = await api('POST', `/disbursements/${grant.id}/finance-approval`, { token: finance });
  if (approved.status === 'finance_approved') {
    log('at the threshold: the director approves too');
    approved = await api('POST', `/disbursements/${grant.id}/director-approval`, {
      token: await login(DEMO.director),
    });
  }
  assert(approved.status === 'approved', `after the approvals the grant is ${approved.status}`);
  log('finance records the treasury transfer');
  const paid = await api('POST', `/disbursements/${grant.id}/payment`, {
    token: finance,
    body: { voucher: `GK${STAMP}` },
  });
  assert(paid.status === 'paid', `the payout left the grant ${paid.status}`);
}

async function staffSeesGrantPaid(browser) {
  const actor = { options: PHONE, shot: 'failure-fund-paid' };
  await withPage(browser, actor, async (page) => {
    await staffOnFundPage(page);
    const expected = run.fundAfterDonation - GRANT_YUAN * 100;
    const grant = page.getByTestId('fund-grant').filter({ hasText: PURPOSE });
    await grant.waitFor();
    const status = await text(grant.getByTestId('fund-grant-status'));
    assert(status === '已拨付', `the grant shows "${status}"`);
    const balance = await text(page.getByTestId('fund-balance'));
    assert(
      balance.includes(yuanText(expected)),
      `the fund balance shows "${balance}", expected ${yuanText(expected)}`,
    );
    assert((await fundBalance()) === expected, 'the public fund total disagrees');
    await page.screenshot({ path: `${SCREENSHOTS}fund-paid-mobile.png`, fullPage: true });
  });
}

// Each step needs the one before: after a failure the rest are counted as failed, not run.
await runJourney('fund', [
  ['set up a project serving the community through the API', () => setUpProject()],
  ['a visitor donates through the fake Checkout and sees the receipt', visitorDonates],
  ['community staff sees the fund up and proposes a grant', staffProposesGrant],
  ['street finance approves and pays the grant', () => streetApprovesAndPays()],
  ['community staff sees the grant paid and the fund down', staffSeesGrantPaid],
]);
