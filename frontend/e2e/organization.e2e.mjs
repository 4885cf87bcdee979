// End-to-end: the organization registry, through the real UI against the running web app and API.
// A new user signs up and registers an organization with the wizard (unique valid credit code,
// a PDF uploaded), the demo street officer verifies it from the review queue, and an anonymous
// visitor on a phone-sized screen finds it in the public directory and opens its profile. Then the
// admin renames it: the directory keeps the verified name until the officer approves the change.
// Each run creates its own user and organization, so it does not depend on earlier runs.
// Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), OFFICER_EMAIL / OFFICER_PASSWORD (default: the demo
// street officer of 阳光街道), CHROMIUM (default /usr/bin/chromium; installed with apt-get when missing).
import { Buffer } from 'node:buffer';
import { get } from 'node:http';
import {
  appTookOver,
  assert,
  choose,
  failureShot,
  fitsPhone,
  fromHome,
  log,
  newPage,
  openMenu,
  PASSWORD,
  randomCreditCode,
  runJourney,
  SCREENSHOTS,
  signIn,
  text,
  waitOrError,
  WEB_URL,
  withPage,
} from './lib/journey.mjs';

const OFFICER_EMAIL = process.env.OFFICER_EMAIL ?? 'officer@demo.sanshe.cn';
const OFFICER_PASSWORD = process.env.OFFICER_PASSWORD ?? PASSWORD;

// What this run creates. The street must be the officer's (阳光街道) for the queue to show it.
const STAMP = String(Date.now());
const USER = { email: `e2e-org-${STAMP}@example.cn`, password: 'E2e-pass-1234', name: `E2E 管理员 ${STAMP}` };
const SEARCH = `养老${STAMP}`;
const ORG = {
  name: `E2E${SEARCH}服务中心`,
  type: '生活服务类',
  creditCode: randomCreditCode(),
  street: '阳光街道',
  category: '居家养老',
  community: '春晖社区',
  legalRepresentative: '测试法人',
  phone: '0571-88000000',
};
// The new name the admin asks for once verified; the search still finds it.
const RENAMED = `E2E${SEARCH}综合服务中心`;
// A minimal PDF: the server checks the %PDF signature.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

async function signOut(page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-email').waitFor();
}

async function signUp(page) {
  log(`signing up ${USER.email}`);
  await page.goto(`${WEB_URL}/register`);
  await page.getByTestId('register-email').fill(USER.email);
  await page.getByTestId('register-password').fill(USER.password);
  await page.getByTestId('register-name').fill(USER.name);
  await page.getByTestId('register-submit').click();
  // The page says to check the e-mail; signing in does not wait for the verification.
  await waitOrError(page, page.getByTestId('register-sent'), 'register-error');
  await signIn(page, USER.email, USER.password);
  assert(
    (await page.getByTestId('menu-my-organization').count()) === 0,
    'a new user should not be an org admin yet',
  );
}

async function registerOrganization(page) {
  log(`registering ${ORG.name} (${ORG.creditCode})`);
  await page.getByTestId('home-register-org').click();
  await page.getByTestId('org-step-basic').waitFor();
  await page.getByTestId('org-name').fill(ORG.name);
  await choose(page, 'org-type', ORG.type);
  await page.getByTestId('org-description').fill(`端到端测试创建的组织，提供${SEARCH}居家服务。`);
  await page.getByTestId('org-credit-code').fill(ORG.creditCode);
  await page.getByTestId('org-next').click();

  await page.getByTestId('org-step-scope').waitFor();
  await choose(page, 'org-street', ORG.street);
  await page.getByTestId('org-categories').click();
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: ORG.category }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('org-communities').click();
  await page.locator('nz-option-item').filter({ hasText: ORG.community }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('org-next').click();

  await page.getByTestId('org-step-contact').waitFor();
  await page.getByTestId('org-legal-rep').fill(ORG.legalRepresentative);
  await page.getByTestId('org-phone').fill(ORG.phone);
  await page.getByTestId('org-submit').click();
  await waitOrError(page, page.getByTestId('org-step-documents'), 'org-register-error');

  log('uploading the charter (PDF)');
  await page
    .getByTestId('document-upload')
    .locator('input[type="file"]')
    .setInputFiles({ name: 'charter.pdf', mimeType: 'application/pdf', buffer: PDF });
  await waitOrError(page, page.locator('[data-document="charter.pdf"]'), 'document-upload-error');
  await page.screenshot({ path: `${SCREENSHOTS}org-documents.png`, fullPage: true });

  await page.getByTestId('org-finish').click();
  await page.getByTestId('org-register-done').waitFor();
  const status = await text(page.getByTestId('org-summary-status'));
  assert(status === '待审核', `the summary shows status "${status}", expected 待审核 (pending verification)`);
  assert(
    (await text(page.getByTestId('org-summary-documents'))) === '1',
    'the summary should count 1 document',
  );
  // GET /me after registering: the cached session now knows the org-admin membership.
  assert(
    await page.getByTestId('menu-my-organization').isVisible(),
    'the menu should offer "My organization" now',
  );
  await page.screenshot({ path: `${SCREENSHOTS}org-registered.png`, fullPage: true });
  await signOut(page);
}

async function officerVerifies(page) {
  log(`${OFFICER_EMAIL} verifies it from the review queue`);
  await signIn(page, OFFICER_EMAIL, OFFICER_PASSWORD);
  await fromHome(page, 'organizations_to_verify');
  await page.locator('[data-testid="review-list"][data-status="pending"]').waitFor();
  const row = page.locator(`[data-testid="review-list"] [data-org="${ORG.name}"]`);
  await row.waitFor();
  assert((await text(row)).includes(ORG.creditCode), 'the queue row should show the credit code');
  await row.click();

  const file = page.getByTestId('review-file');
  await file.waitFor();
  assert((await text(page.getByTestId('review-file-status'))) === '待审核', 'the file should be pending');
  const fileText = await text(file);
  assert(fileText.includes(ORG.legalRepresentative), 'the private file should show the legal representative');
  assert(fileText.includes('charter.pdf'), 'the private file should list the uploaded document');
  assert(
    (await page.getByTestId('review-action-suspend').count()) === 0,
    'a pending organization cannot be suspended',
  );
  assert(
    (await page.getByTestId('review-action-reinstate').count()) === 0,
    'a pending organization cannot be reinstated',
  );

  await page.getByTestId('review-action-verify').click();
  await page.getByTestId('review-reason').fill('材料齐全，符合登记条件（端到端测试）');
  await page.getByTestId('review-confirm').click();
  await page.locator('[data-testid="review-file"][data-status="verified"]').waitFor();
  assert(
    (await text(page.getByTestId('review-file-status'))) === '已认证',
    'the file should now be verified',
  );
  await page.getByTestId('review-action-suspend').waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}org-verified.png`, fullPage: true });
  await page.keyboard.press('Escape');
  await page.locator(`[data-testid="review-list"] [data-org="${ORG.name}"]`).waitFor({ state: 'detached' });
  await signOut(page);
}

async function visitorFindsIt(browser) {
  log(`an anonymous visitor at 375 px searches the directory for ${SEARCH}`);
  const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
  await withPage(browser, { options: phone, shot: 'failure-mobile' }, async (page) => {
    await page.goto(`${WEB_URL}/`);
    await openMenu(page, 'directory');
    await page.getByTestId('directory-search').waitFor();
    assert(page.url().endsWith('/directory'), `the menu entry led to ${page.url()}`);
    assert((await page.getByTestId('user-menu').count()) === 0, 'the visitor should not be signed in');

    await page.getByTestId('directory-search').fill(SEARCH);
    // The results carry the search they answer: wait for ours (the debounced search), not the first page.
    await waitOrError(
      page,
      page.locator(`[data-testid="directory-results"][data-query="${SEARCH}"]`),
      'directory-error',
    );
    const card = page.locator(`[data-testid="directory-card"][data-org="${ORG.name}"]`);
    await card.waitFor();
    assert(
      (await page.getByTestId('directory-card').count()) === 1,
      `only one organization should match ${SEARCH}`,
    );
    await fitsPhone(page, 'the directory');
    await page.screenshot({ path: `${SCREENSHOTS}directory-mobile.png`, fullPage: true });

    await card.click();
    const name = page.getByTestId('directory-profile-name');
    await name.waitFor();
    assert((await text(name)) === ORG.name, `the profile shows "${await text(name)}"`);
    const profile = await text(page.getByTestId('directory-profile'));
    assert(
      profile.includes(ORG.street) && profile.includes(ORG.category),
      'the profile should show street and category',
    );
    for (const secret of [ORG.legalRepresentative, ORG.phone, ORG.creditCode]) {
      assert(!profile.includes(secret), `the public profile must not show ${secret}`);
    }
    await page.screenshot({ path: `${SCREENSHOTS}directory-profile-mobile.png`, fullPage: true });

    // Back returns to the search as it was: the URL kept it.
    await page.goBack();
    await waitOrError(
      page,
      page.locator(`[data-testid="directory-results"][data-query="${SEARCH}"]`),
      'directory-error',
    );
    assert(
      new URL(page.url()).searchParams.get('q') === SEARCH,
      `the directory's URL after Back is ${page.url()}`,
    );
    assert(
      (await page.getByTestId('directory-search').inputValue()) === SEARCH,
      'the search box should show the search again after Back',
    );
    await card.waitFor();
  });
}

/**
 * The public directory, searched by an anonymous visitor, shows the organization under `name`:
 * first as the server draws it (the page's HTML lists it, and the app, drawing it again, asks the API
 * nothing: it has the server's answer), then searched in the app.
 */
async function directoryShows(browser, name) {
  const searched = `${WEB_URL}/directory?q=${encodeURIComponent(SEARCH)}`;
  const html = await (await fetch(searched)).text();
  assert(html.includes(`data-org="${name}"`), `the directory drawn by the server should list "${name}"`);
  // The renderer draws for the names it serves only (server-side request forgery): another Host
  // gets the app's start page, which the browser fills.
  const forged = await new Promise((ok, fail) =>
    get(searched, { headers: { host: 'evil.example' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c)).on('end', () => ok(body));
    }).on('error', fail),
  );
  assert(!forged.includes('data-org='), 'a request naming another Host should not be drawn by the server');
  await withPage(browser, { shot: 'failure-directory' }, async (page) => {
    const asked = [];
    page.on('request', (r) => r.url().includes('/api/directory') && asked.push(r.url()));
    await page.goto(searched);
    // The app has drawn the page again once the server's disabled fieldset is gone.
    await appTookOver(page);
    await page.locator(`[data-testid="directory-card"][data-org="${name}"]`).waitFor();
    assert(asked.length === 0, `the app asked the API again for the drawn directory: ${asked}`);
    await page.goto(`${WEB_URL}/directory`);
    await page.getByTestId('directory-search').fill(SEARCH);
    await waitOrError(
      page,
      page.locator(`[data-testid="directory-results"][data-query="${SEARCH}"]`),
      'directory-error',
    );
    const names = await page
      .getByTestId('directory-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-org')));
    assert(
      names.length === 1 && names[0] === name,
      `the directory shows ${JSON.stringify(names)}, expected only "${name}"`,
    );
  });
}

async function renameWaitsForOfficer(browser) {
  log(`the admin renames the verified organization to ${RENAMED}`);
  await signIn(page, USER.email, USER.password);
  await openMenu(page, 'my-organization');
  await page.getByTestId('edit-name').fill(RENAMED);
  await page.getByTestId('my-org-save').click();
  const pending = page.getByTestId('my-org-pending-change');
  await pending.waitFor();
  assert((await text(pending)).includes(RENAMED), 'the org page should show the name waiting for review');
  const title = await text(page.getByTestId('my-org').locator('.ant-card-head-title'));
  assert(title === ORG.name, `the org page should keep the verified name, shows "${title}"`);
  await page.screenshot({ path: `${SCREENSHOTS}org-rename-pending.png`, fullPage: true });
  await signOut(page);
  await directoryShows(browser, ORG.name);

  log(`${OFFICER_EMAIL} approves the new name`);
  await signIn(page, OFFICER_EMAIL, OFFICER_PASSWORD);
  await fromHome(page, 'organizations_to_verify');
  const change = page.locator(`[data-testid="identity-changes"] [data-change="${ORG.name}"]`);
  await change.waitFor();
  assert((await text(change)).includes(RENAMED), 'the queue should show the name asked for');
  await page.screenshot({ path: `${SCREENSHOTS}org-rename-review.png`, fullPage: true });
  await change.getByTestId('identity-approve').click();
  await change.waitFor({ state: 'detached' });
  await signOut(page);
  await directoryShows(browser, RENAMED);
}

// Each step needs the one before: after a failure the rest are counted as failed, not run.
let page;
await runJourney(
  'organization',
  [
    ['sign up', () => signUp(page)],
    ['register an organization', () => registerOrganization(page)],
    ['officer verifies it', () => officerVerifies(page)],
    ['visitor finds it in the directory', visitorFindsIt],
    ['a rename waits for the officer', renameWaitsForOfficer],
  ],
  {
    before: async (browser) => {
      ({ page } = await newPage(browser, { viewport: { width: 1280, height: 800 } }));
    },
    onFailure: () => failureShot(page, 'failure-organization'),
  },
);
