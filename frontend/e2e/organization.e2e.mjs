// End-to-end: the organization registry, through the real UI against the running web app and API.
// A new user signs up and registers an organization with the wizard (unique valid credit code,
// a PDF uploaded), the demo street officer verifies it from the review queue, and an anonymous
// visitor on a phone-sized screen finds it in the public directory and opens its profile.
// Each run creates its own user and organization, so it does not depend on earlier runs.
// Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), OFFICER_EMAIL / OFFICER_PASSWORD (default: the demo
// street officer of 阳光街道), CHROMIUM (default /usr/bin/chromium; installed with apt-get when missing).
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_URL = (process.env.WEB_URL ?? 'http://127.0.0.1:4200').replace(/\/$/, '');
const OFFICER_EMAIL = process.env.OFFICER_EMAIL ?? 'officer@demo.sanshe.cn';
const OFFICER_PASSWORD = process.env.OFFICER_PASSWORD ?? 'Demo1234!';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TIMEOUT = 20_000;

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
// A minimal PDF: the server checks the %PDF signature.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

const log = (msg) => console.log(`[e2e] ${msg}`);

/** GB 32100-2015: 17 random characters of the alphabet, then their check character. */
function randomCreditCode() {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first17 = Array.from({ length: 17 }, () => alphabet[Math.floor(Math.random() * 31)]);
  const sum = first17.reduce((acc, c, i) => acc + alphabet.indexOf(c) * weights[i], 0);
  return first17.join('') + alphabet[(31 - (sum % 31)) % 31];
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  log(`${CHROMIUM} missing: installing Debian's chromium`);
  const run = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit' });
  if (run.status !== 0 || !existsSync(CHROMIUM)) throw new Error(`could not install chromium at ${CHROMIUM}`);
}

/** The web server may still be starting: poll it for up to a minute before giving up. */
async function waitForWeb() {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${WEB_URL}/`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${WEB_URL} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Picks an option of an nz-select by its label. */
async function choose(page, testId, label) {
  await page.getByTestId(testId).click();
  await page
    .locator('nz-option-item')
    .filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) })
    .click();
}

/** Fails fast with the page's own error message when one shows up instead of what we wait for. */
async function waitOrError(page, target, errorTestId) {
  const error = page.getByTestId(errorTestId);
  await Promise.race([
    target.waitFor(),
    error.waitFor().then(async () => {
      throw new Error(`${errorTestId}: ${await text(error)}`);
    }),
  ]);
}

async function signIn(page, email, password) {
  await page.goto(`${WEB_URL}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await waitOrError(page, page.getByTestId('home-greeting'), 'login-error');
}

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
  await waitOrError(page, page.getByTestId('home-greeting'), 'register-error');
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
  await page.getByTestId('menu-org-review').click();
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
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (err) => log(`page error: ${err.message}`));
  try {
    await page.goto(`${WEB_URL}/`);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-directory').click();
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
    const width = await page.evaluate(() => globalThis.document.documentElement.scrollWidth);
    assert(width <= 375, `the directory is ${width} px wide at a 375 px viewport`);
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
  } catch (err) {
    await page
      .screenshot({ path: `${SCREENSHOTS}failure-mobile.png`, fullPage: true })
      .catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

let passed = 0;
let failed = 0;
let browser;
try {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ensureChromium();
  await waitForWeb();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (err) => log(`page error: ${err.message}`));

  // Each step needs the one before: after a failure the rest are counted as failed, not run.
  const steps = [
    ['sign up', () => signUp(page)],
    ['register an organization', () => registerOrganization(page)],
    ['officer verifies it', () => officerVerifies(page)],
    ['visitor finds it in the directory', () => visitorFindsIt(browser)],
  ];
  let broken = null;
  for (const [name, step] of steps) {
    if (broken) {
      failed++;
      console.error(`[e2e] ${name}: not run (${broken} failed)`);
      continue;
    }
    try {
      await step();
      passed++;
      log(`${name}: ok`);
    } catch (err) {
      failed++;
      broken = name;
      console.error(`[e2e] ${name} FAILED: ${err instanceof Error ? err.message : err}`);
      await page
        .screenshot({ path: `${SCREENSHOTS}failure-organization.png`, fullPage: true })
        .catch(() => undefined);
    }
  }
} catch (err) {
  failed++;
  console.error(`[e2e] organization journey FAILED: ${err instanceof Error ? err.message : err}`);
} finally {
  await browser?.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
