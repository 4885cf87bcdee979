// End-to-end: a district's first day, from an empty database (migrated, no demo data) to a signed
// contract, through the real UI. No demo account exists or is used.
//
// The first-run command creates the platform admin and prints a one-time link; the admin sets a
// password through it and builds the region tree (a district, a street, two communities), then
// invites the street's director by e-mail. The director follows the mailed link, sets a password and
// grants an officer, finance, community staff and two evaluators of the street (each invited by
// e-mail and setting their own password by the link). An organization registers in the street and
// the officer verifies it; the officer publishes a tender and draws its panel at random from the
// street's evaluator pool; the organization bids, the deadline job opens the bid, the drawn
// evaluators declare no conflict and score, the officer awards, finance allocates the budget and the
// officer signs the contract. Anyone can then re-run the published draw and get the same panel.
//
// Set-up through the API (not the point of the journey): the organization's registration, the
// invited people other than the director and the officer setting their passwords, the bid, the
// scores, the award and the contract. Prints `N passed, N failed` last.
//
// Env: WEB_URL, API_URL, MAIL_INBOX_URL and DATABASE_URL (set by `npm test -- e2e`: the empty stack's).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  api,
  assert,
  choose,
  failureShot,
  fitsPhone,
  isoDate,
  log,
  loginPair,
  mailedLink,
  mailTo,
  newPage,
  fromHome,
  openMenu,
  PHONE,
  randomCreditCode,
  runJourney,
  SCREENSHOTS,
  signIn,
  text,
  waitOrError,
  waitUntilEvaluating,
  WEB_URL,
} from '../lib/journey.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STAMP = String(Date.now());
const PASSWORD = 'Golive-pass-2026';
const DISTRICT = `E2E新区${STAMP.slice(-6)}`;
const STREET = '启航街道';
const COMMUNITIES = ['朝阳社区', '临江社区'];
const person = (who, name) => ({ email: `e2e-${who}-${STAMP}@example.cn`, name });
const PEOPLE = {
  admin: person('admin', '区平台管理员'),
  director: person('director', '钱主任'),
  officer: person('officer', '孙科长'),
  finance: person('finance', '李会计'),
  staff: person('staff', '周书记'),
  evaluators: [person('expert1', '吴专家'), person('expert2', '郑专家')],
  orgAdmin: person('orgadmin', '王理事长'),
};
const ORG_NAME = `启航居家养老服务中心${STAMP.slice(-6)}`;
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PRICE_FEN = 4_200_000;

const state = { regions: {}, tokens: {}, tender: null, bidId: null, drawn: [] };
const pages = {};

// ---------------------------------------------------------------------------------------------

async function firstRun(browser) {
  log(`npm run setup -- --admin-email ${PEOPLE.admin.email}`);
  const run = spawnSync(
    process.execPath,
    [
      'backend/dist/database/cli.js',
      'setup',
      '--admin-email',
      PEOPLE.admin.email,
      '--name',
      PEOPLE.admin.name,
    ],
    { cwd: ROOT, env: { ...process.env, WEB_URL }, encoding: 'utf8' },
  );
  assert(run.status === 0, `setup exited with ${run.status}: ${run.stderr}`);
  const link = /https?:\/\/\S+\/welcome#[\w-]+/.exec(run.stdout)?.[0];
  assert(link, `setup printed no /welcome link: ${run.stdout}`);
  const again = spawnSync(
    process.execPath,
    ['backend/dist/database/cli.js', 'setup', '--admin-email', `other-${PEOPLE.admin.email}`],
    { cwd: ROOT, env: process.env, encoding: 'utf8' },
  );
  assert(again.status === 1, 'a second setup must be refused once an admin exists');

  log('the admin opens the printed link, sets a password and signs in');
  const { page } = await newPage(browser, DESKTOP, 'admin');
  pages.admin = page;
  await setPasswordByLink(page, link);
  await signIn(page, PEOPLE.admin.email, PASSWORD);
}

/** What every invited person does with the link they were given: chooses their own password. */
async function setPasswordByLink(page, link) {
  await page.goto(link);
  await page.getByTestId('reset-password').fill(PASSWORD);
  await page.getByTestId('reset-confirm').fill(PASSWORD);
  await page.getByTestId('reset-submit').click();
  await waitOrError(page, page.getByTestId('reset-done'), 'reset-error');
}

/** The same through the API, for the people whose pages are not the point. */
async function setPasswordByMail(who) {
  const mail = await mailTo(who.email, '您已获授权');
  const token = mailedLink(mail, '/welcome').split('#')[1];
  await api('POST', '/auth/password/reset', { body: { token, password: PASSWORD } });
  return (await loginPair(who.email, PASSWORD)).accessToken;
}

async function adminBuildsRegions() {
  const page = pages.admin;
  log(`the admin creates ${DISTRICT} → ${STREET} → ${COMMUNITIES.join(', ')}`);
  await openMenu(page, 'admin');
  await page.getByTestId('region-add-district').click();
  await submitRegion(page, DISTRICT);
  await addChild(page, DISTRICT, STREET);
  for (const c of COMMUNITIES) await addChild(page, STREET, c);
  await page.screenshot({ path: `${SCREENSHOTS}golive-regions.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await fitsPhone(page, 'the region tree');
  await page.setViewportSize(DESKTOP.viewport);
  for (const r of await api('GET', '/regions')) state.regions[r.name] = r.id;
  for (const name of [DISTRICT, STREET, ...COMMUNITIES])
    assert(state.regions[name], `${name} is not in the tree`);
}

const regionNode = (page, name) => page.locator(`[data-testid="region-node"][data-region-name="${name}"]`);

async function submitRegion(page, name) {
  await page.getByTestId('region-form-name').fill(name);
  await page.getByTestId('region-form-submit').click();
  await waitOrError(page, regionNode(page, name), ['region-form-error', 'region-error']);
}

async function addChild(page, parent, name) {
  await regionNode(page, parent).locator(':scope > .row [data-testid="region-add-child"]').click();
  await submitRegion(page, name);
}

/** Grants a role on the staff page to a person named by e-mail. */
async function grantOnPage(page, region, role, who, categories = []) {
  await choose(page, 'staff-region', region);
  await page.getByTestId('grant-email').fill(who.email);
  await page.getByTestId('grant-name').fill(who.name);
  await choose(page, 'grant-role', role);
  for (const c of categories) await choose(page, 'grant-categories', c);
  if (categories.length) await page.keyboard.press('Escape');
  await page.getByTestId('grant-submit').click();
  await waitOrError(
    page,
    page.locator(`[data-testid="grant-row"][data-email="${who.email}"]`).first(),
    'grant-error',
  );
}

async function adminInvitesDirector() {
  const page = pages.admin;
  log(`the admin invites ${PEOPLE.director.email} as director of ${STREET}`);
  await openMenu(page, 'staff');
  await grantOnPage(page, STREET, '街道主任', PEOPLE.director);
  await page.screenshot({ path: `${SCREENSHOTS}golive-director-invited.png`, fullPage: true });
}

async function directorGrantsTheStreet(browser) {
  log('the director follows the mailed link, sets a password and signs in');
  const mail = await mailTo(PEOPLE.director.email, '您已获授权');
  const { page } = await newPage(browser, DESKTOP, 'director');
  pages.director = page;
  await setPasswordByLink(page, mailedLink(mail, '/welcome'));
  await signIn(page, PEOPLE.director.email, PASSWORD);
  await openMenu(page, 'staff');
  log('the director grants the officer, finance, community staff and two evaluators');
  await grantOnPage(page, STREET, '街道科室人员', PEOPLE.officer);
  await grantOnPage(page, STREET, '街道财务', PEOPLE.finance);
  await grantOnPage(page, COMMUNITIES[0], '社区工作人员', PEOPLE.staff);
  for (const e of PEOPLE.evaluators) await grantOnPage(page, STREET, '评审专家', e, ['为老服务']);
  await page.screenshot({ path: `${SCREENSHOTS}golive-staff.png`, fullPage: true });

  log('the same pages on a phone: the staff list and the region tree fit 375 px');
  const phone = await newPage(browser, PHONE, 'director-phone');
  try {
    await signIn(phone.page, PEOPLE.director.email, PASSWORD);
    await openMenu(phone.page, 'staff');
    await phone.page.locator(`[data-testid="grant-row"][data-email="${PEOPLE.officer.email}"]`).waitFor();
    await fitsPhone(phone.page, 'the staff page');
    await phone.page.screenshot({ path: `${SCREENSHOTS}golive-staff-mobile.png`, fullPage: true });
  } finally {
    await phone.context.close();
  }
}

async function everyoneSetsTheirPassword(browser) {
  log('the officer sets a password by the mailed link in the browser; the others through the API');
  const mail = await mailTo(PEOPLE.officer.email, '您已获授权');
  const { page } = await newPage(browser, DESKTOP, 'officer');
  pages.officer = page;
  await setPasswordByLink(page, mailedLink(mail, '/welcome'));
  await signIn(page, PEOPLE.officer.email, PASSWORD);
  state.tokens.officer = (await loginPair(PEOPLE.officer.email, PASSWORD)).accessToken;
  state.tokens.finance = await setPasswordByMail(PEOPLE.finance);
  state.tokens.staff = await setPasswordByMail(PEOPLE.staff);
  state.tokens.evaluators = [];
  for (const e of PEOPLE.evaluators) state.tokens.evaluators.push(await setPasswordByMail(e));
  const staff = await api('GET', '/me', { token: state.tokens.staff });
  assert(
    staff.memberships.some(
      (m) => m.role === 'community_staff' && m.regionId === state.regions[COMMUNITIES[0]],
    ),
    'the community staff should hold their role once their address is verified',
  );
}

async function organizationRegistersAndIsVerified() {
  log(`${ORG_NAME} registers in ${STREET}; the officer verifies it from the review queue`);
  await api('POST', '/auth/register', {
    body: { email: PEOPLE.orgAdmin.email, password: PASSWORD, displayName: PEOPLE.orgAdmin.name },
  });
  state.tokens.orgAdmin = (await loginPair(PEOPLE.orgAdmin.email, PASSWORD)).accessToken;
  const org = await api('POST', '/organizations', {
    token: state.tokens.orgAdmin,
    body: {
      name: ORG_NAME,
      type: 'life_service',
      description: '为启航街道高龄、独居老人提供助餐、助洁、探访服务。',
      filedOnly: false,
      creditCode: randomCreditCode(),
      homeStreetId: state.regions[STREET],
      categoryCodes: ['elderly.home_care'],
      communityIds: [state.regions[COMMUNITIES[0]], state.regions[COMMUNITIES[1]]],
      legalRepresentative: '王理事长',
      contactPhone: '0571-88000002',
    },
  });
  state.organizationId = org.id;
  const page = pages.officer;
  await fromHome(page, 'organizations_to_verify');
  const row = page.locator(`[data-testid="review-list"] [data-org="${ORG_NAME}"]`);
  await row.waitFor();
  await row.click();
  await page.getByTestId('review-action-verify').click();
  await page.getByTestId('review-reason').fill('材料齐全，予以认证');
  await page.getByTestId('review-confirm').click();
  await page.locator('[data-testid="review-file"][data-status="verified"]').waitFor();
  await page.keyboard.press('Escape');
}

async function officerPublishesAndDrawsPanel() {
  log('the officer publishes a direct commission and draws its panel of two from the pool');
  const bidDeadline = new Date(Date.now() + 45_000);
  state.tender = await api('POST', '/tenders', {
    token: state.tokens.officer,
    body: {
      title: `启航街道居家养老上门服务 ${STAMP}`,
      description: '为朝阳、临江社区高龄独居老人提供每周两次上门探访与助餐服务。',
      categoryCode: 'elderly.home_care',
      streetId: state.regions[STREET],
      communityIds: [state.regions[COMMUNITIES[0]]],
      budgetCeilingFen: 5_000_000,
      method: 'direct_commission',
      invitedOrganizationId: state.organizationId,
      kpis: { serviceHours: 100, beneficiaries: 30, minSatisfaction: 4 },
      weights: {
        price: 40,
        technical: 60,
        performance: 0,
        criteria: [{ key: 'plan', name: '方案', weight: 60 }],
      },
      milestonePlan: [
        { name: '首期', shareBp: 5000, dueInDays: 90 },
        { name: '终期', shareBp: 5000, dueInDays: 360 },
      ],
      enquiryDeadline: new Date(bidDeadline.getTime() - 10_000).toISOString(),
      bidDeadline: bidDeadline.toISOString(),
      standstillDays: 0,
    },
  });
  await api('POST', `/tenders/${state.tender.id}/publish`, { token: state.tokens.officer });

  const page = pages.officer;
  await page.goto(`${WEB_URL}/tenders/${state.tender.id}`);
  await page.getByTestId('panel-size').fill('2');
  await page.getByTestId('panel-draw').click();
  await waitOrError(page, page.getByTestId('panel-draw-seed'), 'office-panel-error');
  const panel = await api('GET', `/tenders/${state.tender.id}/panel`, { token: state.tokens.officer });
  assert(panel.members.length === 2, `the panel should have 2 members, has ${panel.members.length}`);
  await page.getByTestId('office-panel').screenshot({ path: `${SCREENSHOTS}golive-panel.png` });
}

async function bidEvaluateAwardContract() {
  log('the organization bids; after the deadline the drawn evaluators score; award, budget, contract');
  const submitted = await api('POST', `/tenders/${state.tender.id}/bids`, {
    token: state.tokens.orgAdmin,
    body: {
      organizationId: state.organizationId,
      priceFen: PRICE_FEN,
      proposal: '组建 6 人服务队，每周两次上门探访与助餐，每月回访满意度。',
      team: [],
      offeredKpis: { serviceHours: 120, beneficiaries: 30, minSatisfaction: 4.5 },
    },
  });
  await waitUntilEvaluating(state.tender.id, state.tokens.officer);
  for (const token of state.tokens.evaluators) {
    await api('POST', `/tenders/${state.tender.id}/panel/declaration`, { token });
    await api('POST', `/bids/${submitted.bid.id}/scores`, {
      token,
      body: { criteria: [{ key: 'plan', points: 50 }] },
    });
  }
  await api('POST', `/tenders/${state.tender.id}/award`, { token: state.tokens.officer });
  const today = new Date();
  await api('POST', `/streets/${state.regions[STREET]}/budget/allocations`, {
    token: state.tokens.finance,
    body: { year: today.getFullYear(), amountFen: PRICE_FEN, reference: `GOLIVE-${STAMP}` },
  });
  const inAYear = new Date(today.getFullYear() + 1, today.getMonth(), today.getDate() - 1);
  await api('POST', `/tenders/${state.tender.id}/contract`, {
    token: state.tokens.officer,
    body: { startsOn: isoDate(today), endsOn: isoDate(inAYear) },
  });
}

async function anyoneReverifiesTheDraw(browser) {
  log('a visitor sees the contract on the notice, and re-runs the published draw');
  const { drawPanel } = await import(`${ROOT}backend/dist/modules/evaluation/panel-draw.js`);
  const draws = await api('GET', `/tenders/${state.tender.id}/panel/draws`);
  assert(draws.length === 1, `one draw expected, got ${draws.length}`);
  const [draw] = draws;
  const again = drawPanel(draw.seed, draw.candidates, draw.drawn.length);
  assert(
    JSON.stringify(again) === JSON.stringify(draw.drawn),
    `re-running the draw gave ${again}, the record says ${draw.drawn}`,
  );
  const { context, page } = await newPage(browser, DESKTOP, 'visitor');
  try {
    await page.goto(`${WEB_URL}/tenders/${state.tender.id}`);
    await page.locator('[data-testid="tender-status"][data-status="contracted"]').waitFor();
    assert(
      (await text(page.getByTestId('tender-title'))).includes(STAMP),
      'the notice should show the tender',
    );
    assert(
      (await text(page.getByTestId('contract-organization'))) === ORG_NAME,
      'the notice should name the contracted organization',
    );
    assert(
      (await text(page.getByTestId('tender-draw-seed'))) === draw.seed,
      'the notice should publish the seed of the panel draw',
    );
    await page.screenshot({ path: `${SCREENSHOTS}golive-contracted.png`, fullPage: true });
  } catch (err) {
    await failureShot(page, 'failure-golive-visitor');
    throw err;
  } finally {
    await context.close();
  }
}

await runJourney(
  'golive',
  [
    ['first run: setup command, printed link, admin sets a password', firstRun],
    ['admin builds district, street and two communities', adminBuildsRegions],
    ['admin invites the street director by e-mail', adminInvitesDirector],
    ['director signs up by the link and staffs the street', directorGrantsTheStreet],
    ['everyone invited sets their own password', everyoneSetsTheirPassword],
    ['an organization registers and the officer verifies it', organizationRegistersAndIsVerified],
    ['officer publishes a tender and draws the panel at random', officerPublishesAndDrawsPanel],
    ['bid, evaluation by the drawn panel, award, budget, contract', bidEvaluateAwardContract],
    ['the draw is re-verified from what is published', anyoneReverifiesTheDraw],
  ],
  {
    onFailure: async (name) => {
      for (const [who, page] of Object.entries(pages)) await failureShot(page, `failure-golive-${who}`);
      log(`screenshots of every page after "${name}" in ${SCREENSHOTS}`);
    },
  },
);
