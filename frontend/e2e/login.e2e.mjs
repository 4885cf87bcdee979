// End-to-end: signs in through the real login form against the running web app and API, checks the
// role-aware menu and the profile page, a switch to English and back (and the server's pages in the
// language chosen), that the session lives in its cookies (the refresh token HttpOnly, out of the
// page's reach) and survives a reload, then signs out. Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), E2E_EMAIL / E2E_PASSWORD (default: the demo street
// officer), CHROMIUM (default /usr/bin/chromium; installed with apt-get when missing and run as root).
import {
  assert,
  failureShot,
  log,
  newPage,
  openMenu,
  PASSWORD as DEMO_PASSWORD,
  runJourney,
  SCREENSHOTS,
  submitLogin,
  WEB_URL,
} from './lib/journey.mjs';

const EMAIL = process.env.E2E_EMAIL ?? 'officer@demo.sanshe.cn';
const PASSWORD = process.env.E2E_PASSWORD ?? DEMO_PASSWORD;

// The demo officer's role, the entries it must see and one it must not.
const ROLE = 'street_officer';
const MUST_SEE = ['menu-home', 'menu-tenders', 'menu-budgets', 'menu-profile'];
const MUST_NOT_SEE = ['menu-admin', 'menu-bids', 'menu-service-log'];

/** The session's cookies as the browser keeps them (not what the page's script can see). */
const cookieNamed = async (page, name) => (await page.context().cookies()).find((c) => c.name === name);
/** What a script on the page can read: its storage and document.cookie. */
const readableByScript = (page) =>
  page.evaluate(() => JSON.stringify({ ...globalThis.localStorage }) + globalThis.document.cookie);

async function run(page) {
  log(`opening ${WEB_URL}/login`);
  const response = await page.goto(`${WEB_URL}/login`);
  const csp = (await response.headerValue('content-security-policy')) ?? '';
  assert(/(^|;)\s*script-src 'self'\s*(;|$)/.test(csp), `the page's CSP allows more scripts: "${csp}"`);
  assert(/frame-ancestors 'none'/.test(csp), `the page may be framed: "${csp}"`);
  await submitLogin(page, EMAIL, PASSWORD);

  log('waiting for the role-aware menu');
  const loginError = page.getByTestId('login-error');
  await Promise.race([
    // Tenders are public now: wait for an entry only the officer's role brings.
    page.getByTestId('menu-budgets').waitFor(),
    loginError.waitFor().then(async () => {
      throw new Error(`login refused: ${(await loginError.textContent())?.trim()}`);
    }),
  ]);
  for (const id of MUST_SEE) {
    assert(await page.getByTestId(id).isVisible(), `menu entry ${id} should be visible for ${ROLE}`);
  }
  for (const id of MUST_NOT_SEE) {
    assert((await page.getByTestId(id).count()) === 0, `menu entry ${id} must not be shown to ${ROLE}`);
  }
  await page.screenshot({ path: `${SCREENSHOTS}home.png`, fullPage: true });

  log('the refresh token is in an HttpOnly cookie for /api/auth only; a reload resumes the session');
  const refresh = await cookieNamed(page, 'sanshe_refresh');
  assert(refresh, `no refresh cookie kept by the browser at ${WEB_URL}`);
  assert(
    refresh.httpOnly && refresh.secure && refresh.sameSite === 'Strict' && refresh.path === '/api/auth',
    `the refresh cookie is ${JSON.stringify(refresh)}`,
  );
  assert(
    !(await readableByScript(page)).includes(refresh.value),
    'the refresh token is readable by the page',
  );
  await page.reload();
  await page.getByTestId('menu-budgets').waitFor();
  assert(!page.url().endsWith('/login'), 'a reload lost the session');

  log('opening the profile page');
  await openMenu(page, 'profile');
  const roles = page.getByTestId('profile-roles');
  await roles.waitFor();
  assert(
    (await roles.locator(`[data-role="${ROLE}"]`).count()) === 1,
    `profile should list the ${ROLE} membership, shows: ${(await roles.textContent())?.trim()}`,
  );
  const email = (await page.getByTestId('profile-email').textContent())?.trim();
  assert(email === EMAIL, `profile shows e-mail ${email}, expected ${EMAIL}`);
  await page.screenshot({ path: `${SCREENSHOTS}profile.png`, fullPage: true });

  // Each language's strings come in parts (the common ones and each feature's): the switch fetches
  // those already needed in English, and a page opened afterwards brings its own in English.
  log('switching to English, opening the tenders, switching back to Chinese');
  const role = roles.locator(`[data-role="${ROLE}"] nz-tag`);
  assert((await role.textContent())?.trim() === '街道科室人员', `the role reads ${await role.textContent()}`);
  await page.getByTestId('lang-switch').click();
  await role.getByText('Street officer').waitFor();
  await page.locator('.ant-card-head-title').getByText('Profile', { exact: true }).waitFor();
  await openMenu(page, 'tenders');
  await page.getByTestId('tenders-new').getByText('New tender').waitFor();
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('tenders-new').getByText('发起采购').waitFor();
  assert(
    (await page.evaluate(() => globalThis.document.documentElement.lang)) === 'zh-CN',
    'the page is not marked Chinese again',
  );

  log('signing out');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-email').waitFor();
  assert(page.url().endsWith('/login'), `after sign-out the page is ${page.url()}, expected the login page`);
  assert(
    (await page.getByTestId('menu-budgets').count()) === 0,
    'the officer menu is still shown after sign-out',
  );
  assert(!(await cookieNamed(page, 'sanshe_refresh')), 'the refresh cookie is still kept after sign-out');
  await page.reload();
  await page.getByTestId('login-email').waitFor();
  assert((await page.getByTestId('menu-budgets').count()) === 0, 'a reload after sign-out signed back in');
}

/** Each demo account, an entry only its role sees, and one it must not see. */
const DEMO_ROLES = [
  ['admin@demo.sanshe.cn', 'menu-admin', 'menu-budgets'],
  ['officer@demo.sanshe.cn', 'menu-org-review', 'menu-admin'],
  ['finance@demo.sanshe.cn', 'menu-approvals', 'menu-org-review'],
  ['director@demo.sanshe.cn', 'menu-budgets', 'menu-needs'],
  ['evaluator@demo.sanshe.cn', 'menu-evaluations', 'menu-budgets'],
  ['staff@demo.sanshe.cn', 'menu-residents', 'menu-service-log'],
  ['resident@demo.sanshe.cn', 'menu-my-services', 'menu-approvals'],
  ['orgadmin@demo.sanshe.cn', 'menu-my-organization', 'menu-needs'],
  ['worker@demo.sanshe.cn', 'menu-service-log', 'menu-my-organization'],
];

/** Every demo account signs in through the form and sees its own role's menu, not another's. */
async function everyRole(browser) {
  for (const [email, own, foreign] of DEMO_ROLES) {
    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    try {
      await submitLogin(page, email, PASSWORD);
      await page.getByTestId(own).waitFor();
      assert((await page.getByTestId(foreign).count()) === 0, `${email} must not see ${foreign}`);
      log(`${email}: sees ${own}, not ${foreign}`);
    } finally {
      await context.close();
    }
  }
}

/**
 * The home page is prerendered: a phone shows it from the HTML, before (here: without) the app's
 * code; then the app takes it over and its links work as the app's.
 */
async function prerenderedHome(browser) {
  const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
  const bare = await newPage(browser, { ...phone, javaScriptEnabled: false });
  try {
    await bare.page.goto(`${WEB_URL}/`);
    const heading = (await bare.page.locator('h1').textContent())?.trim();
    assert(heading === '欢迎使用三社联动平台', `without scripts the home page's heading is "${heading}"`);
    const link = bare.page.getByTestId('home-directory');
    assert(await link.isVisible(), 'the directory link is not shown without scripts');
    assert((await link.getAttribute('href')) === '/directory', 'the directory link goes elsewhere');
    // Its buttons need the app: disabled until it takes the page over, not a tap that does nothing.
    for (const button of ['menu-toggle', 'lang-switch'])
      assert(await bare.page.getByTestId(button).isDisabled(), `without scripts ${button} is enabled`);
    log(`without scripts the home page shows "${heading}" and its links`);
  } finally {
    await bare.context.close();
  }
  const live = await newPage(browser, phone);
  try {
    await live.page.goto(`${WEB_URL}/`, { waitUntil: 'networkidle' });
    // A mark on the window survives only a navigation inside the app, not a new page load.
    await live.page.evaluate(() => (globalThis.stillThisPage = true));
    await live.page.getByTestId('home-directory').click();
    await live.page.getByTestId('directory-search').waitFor();
    assert(
      await live.page.evaluate(() => globalThis.stillThisPage === true),
      'the directory link loaded a new page: the app did not take the home page over',
    );
    log('with scripts the app takes the home page over: its directory link opens the directory');
    await live.page.goto(`${WEB_URL}/`);
    await live.page.getByTestId('menu-toggle').click(); // waits for the app to enable it
    await live.page.locator('.ant-drawer-body [data-testid="menu-tenders"]').waitFor();
    log('a tap on the menu button as the page arrives opens the menu once the app has the page');
  } finally {
    await live.context.close();
  }
}

/**
 * A page the app draws itself (the sign-in page) shows the shell from its HTML, before (here: without)
 * the app's code: the header and the skip link, no sign-in link (the visitor may be signed in) and
 * none of the home page's content; then the app draws it with the page in it. A page the server
 * draws (the directory) shows itself, data included, without scripts.
 */
async function shellBeforeCode(browser) {
  const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
  const bare = await newPage(browser, { ...phone, javaScriptEnabled: false });
  try {
    await bare.page.goto(`${WEB_URL}/directory`);
    await bare.page.getByTestId('directory-card').first().waitFor();
    assert(
      await bare.page.getByTestId('directory-search').isDisabled(),
      'without scripts the drawn directory takes a search it would lose',
    );
    log('without scripts the directory shows its organizations, drawn by the server, its search disabled');
    // Its links work as links; the profile comes drawn too, with the app's icons (which each page the
    // server draws registers in an app of its own: the server has drawn others before this one).
    await bare.page.getByTestId('directory-card').first().click();
    await bare.page.getByTestId('directory-profile-name').waitFor();
    assert(
      (await bare.page
        .locator('[data-testid="directory-profile-score-link"] .anticon-trophy svg')
        .count()) === 1,
      "without scripts the drawn profile's score link has no icon",
    );
    log('without scripts a card opens the organization, drawn by the server with its icons');
    await bare.page.goto(`${WEB_URL}/login`);
    const brand = (await bare.page.locator('header .brand').textContent())?.trim();
    assert(brand === '三社联动', `without scripts the sign-in page's header shows "${brand}"`);
    assert(
      (await bare.page.getByTestId('skip-link').getAttribute('href')) === '#main-content',
      'no skip link',
    );
    for (const button of ['menu-toggle', 'lang-switch'])
      assert(await bare.page.getByTestId(button).isDisabled(), `without scripts ${button} is enabled`);
    assert(
      (await bare.page.getByTestId('login-link').count()) === 0,
      'the shell offers a signed-in visitor to sign in',
    );
    assert((await bare.page.locator('main h1').count()) === 0, "the shell shows the home page's content");
    log(`without scripts the sign-in page shows the shell ("${brand}"), nothing of another page`);
  } finally {
    await bare.context.close();
  }
  const live = await newPage(browser, phone);
  try {
    await live.page.goto(`${WEB_URL}/login`);
    await live.page.getByTestId('forgot-link').waitFor();
    await live.page.getByTestId('login-link').waitFor();
    assert(
      (await live.page.locator('app-shell').count()) === 1,
      'the app drew a second shell beside the first',
    );
    log('with scripts the app draws the shell again with the sign-in form in it, and the sign-in link');
  } finally {
    await live.context.close();
  }
}

/**
 * The pages the server draws come in the language the visitor chose: the language switch keeps the
 * choice in a cookie that the renderer reads. A visitor who never chose gets Chinese.
 */
async function serverDrawsInTheChosenLanguage(browser) {
  const { context, page: visitor } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  try {
    const drawn = async () => (await context.request.get(`${WEB_URL}/directory`)).text();
    const chinese = await drawn();
    assert(
      chinese.includes('<html lang="zh-CN"'),
      'the directory drawn for a new visitor is not marked Chinese',
    );
    assert(chinese.includes('社会组织名录'), 'the directory drawn for a new visitor lacks its Chinese title');
    await visitor.goto(`${WEB_URL}/login`);
    await visitor.getByTestId('login-email').waitFor();
    await visitor.getByTestId('lang-switch').click();
    await visitor.locator('html[lang="en-US"]').waitFor({ state: 'attached' });
    const english = await drawn();
    assert(
      english.includes('<html lang="en-US"'),
      'after the switch the drawn directory is not marked English',
    );
    assert(
      english.includes('Organization directory'),
      'after the switch the drawn directory has no English title',
    );
    assert(
      !english.includes('社会组织名录'),
      'after the switch the drawn directory still has its Chinese title',
    );
    log('the server drew the directory in Chinese, then in English once the visitor switched');
  } finally {
    await context.close();
  }
}

let page;
await runJourney(
  'login',
  [
    ['login flow', () => run(page)],
    ['every demo role', everyRole],
    ['the prerendered home page', prerenderedHome],
    ['the shell before the code', shellBeforeCode],
    ['the server draws in the language the visitor chose', serverDrawsInTheChosenLanguage],
  ],
  {
    before: async (browser) => {
      ({ page } = await newPage(browser, { viewport: { width: 1280, height: 800 } }));
    },
    onFailure: () => failureShot(page, 'failure'),
  },
);
