// What every browser journey (frontend/e2e/*.e2e.mjs) shares: the environment, small helpers, the API
// for set-up, the browser and its pages, and the step runner that prints `N passed, N failed` last.
// This folder holds no journeys: scripts/test.mjs runs only the *.e2e.mjs files directly in frontend/e2e.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000), CHROMIUM
// (default /usr/bin/chromium; installed with apt-get when missing).
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const WEB_URL = (process.env.WEB_URL ?? 'http://127.0.0.1:4200').replace(/\/$/, '');
export const API_URL = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** frontend/e2e/screenshots/, with the trailing slash. */
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
/** Every page's default timeout. */
export const TIMEOUT = 20_000;
/** The demo accounts' password (backend/src/database/seed/demo.ts). */
export const PASSWORD = 'Demo1234!';
/** A phone-sized context (375 × 740). */
export const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

// ---------------------------------------------------------------------------------------------
// Small helpers

export const log = (msg) => console.log(`[e2e] ${msg}`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** A locator's text, white space folded. */
export const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
export const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const pad = (n) => String(n).padStart(2, '0');
/** A calendar date (YYYY-MM-DD) in local time. */
export const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/**
 * The value of a datetime-local input in local time (as the browser's): to the minute, or to the
 * second with `seconds` (for `<input type="datetime-local" step="1">`).
 */
export const localInput = (d, { seconds = false } = {}) =>
  `${isoDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;

/** What a date picker (shared/date-input.ts) shows: `yyyy-MM-dd`, with ` HH:mm:ss` when it takes a time. */
export const pickerText = (d, { time = false } = {}) =>
  time ? `${isoDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : isoDate(d);

/**
 * Types a date (and time, with `time`) into the NG-ZORRO date picker found by test id, as a keyboard
 * user would: open it, type the date as it is shown, Enter; then checks the picker took it.
 */
export async function pickDate(page, testId, d, { time = false } = {}) {
  const input = page.getByTestId(testId).locator('input');
  const wanted = pickerText(d, { time });
  await input.click();
  if (time) {
    // All of the picker is on the screen, its OK button too (a phone stacks the time under the calendar).
    const ok = await page.locator('.ant-picker-dropdown:visible .ant-picker-ok').first().boundingBox();
    const width = page.viewportSize()?.width ?? Infinity;
    assert(
      ok !== null && ok.x >= 0 && ok.x + ok.width <= width,
      `the ${testId} picker's OK button should be on the screen, ${width} px wide: ${JSON.stringify(ok)}`,
    );
  }
  await input.fill(wanted);
  // Enter takes the typed value and closes the picker.
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:visible').first().waitFor({ state: 'hidden' });
  const shown = await input.inputValue();
  assert(shown === wanted, `the ${testId} picker should show ${wanted}, shows "${shown}"`);
}

/**
 * Answers the confirmation a step asks (shared/confirm.ts): checks it states each of `mustSay` (the
 * amount, the organization, what cannot be undone…), then confirms.
 */
export async function confirmStep(page, mustSay = []) {
  const dialog = page.locator('.app-confirm');
  await dialog.waitFor();
  const said = await text(dialog);
  for (const words of mustSay)
    assert(said.includes(words), `the confirmation should say "${words}": "${said}"`);
  await dialog.locator('.ant-modal-confirm-btns button').last().click();
  await dialog.waitFor({ state: 'detached' });
}

/** GB 32100-2015: 17 random characters of the alphabet, then their check character. */
export function randomCreditCode() {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first17 = Array.from({ length: 17 }, () => alphabet[Math.floor(Math.random() * 31)]);
  const sum = first17.reduce((acc, c, i) => acc + alphabet.indexOf(c) * weights[i], 0);
  return first17.join('') + alphabet[(31 - (sum % 31)) % 31];
}

// ---------------------------------------------------------------------------------------------
// The API, for set-up and for checking what the pages show

/** A JSON call to the API; throws with the status and the API's code and message unless it is 2xx. */
export async function api(method, path, { token, body } = {}) {
  const res = await fetch(`${API_URL}/api${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const raw = await res.text();
  if (!res.ok) {
    // An error from a proxy in between may not be JSON: then its raw text is the message.
    let data = null;
    try {
      data = raw ? JSON.parse(raw) : null;
    } catch {
      // not JSON
    }
    throw new Error(`${method} ${path} answered ${res.status} ${data?.code ?? ''}: ${data?.message ?? raw}`);
  }
  return raw ? JSON.parse(raw) : null;
}

/** The stack's mail catcher (scripts/lib/stack.mjs): what it caught, as JSON. */
export const MAIL_INBOX_URL = process.env.MAIL_INBOX_URL;

/**
 * The `n`-th mail (1-based, default the first) to `address` whose subject contains `subject`, waited
 * for up to 30 s (the workers send it): `{ to, subject, text }`.
 */
export async function mailTo(address, subject, n = 1) {
  assert(MAIL_INBOX_URL, 'MAIL_INBOX_URL is not set: run the journeys through `npm test -- e2e`');
  const until = Date.now() + 30_000;
  for (;;) {
    const inbox = await (await fetch(MAIL_INBOX_URL)).json();
    const found = inbox.filter((m) => m.to.includes(address) && m.subject.includes(subject));
    if (found.length >= n) return found[n - 1];
    assert(
      Date.now() < until,
      `no mail "${subject}" #${n} to ${address} within 30 s (are the workers running?)`,
    );
    await sleep(500);
  }
}

/** The link to `path` (e.g. `/reset-password`) in a mail's text, with its `#token`. */
export function mailedLink(mail, path) {
  const match = new RegExp(`https?://\\S+${escapeRegExp(path)}#[\\w-]+`).exec(mail.text);
  assert(match, `no ${path} link in the mail "${mail.subject}": ${mail.text}`);
  return match[0];
}

/** Signs in through the API: the whole answer (accessToken, user, …). */
export const loginPair = (email, password = PASSWORD) =>
  api('POST', '/auth/login', { body: { email, password } });

/** Signs in a demo account through the API: the access token (one parameter, so `emails.map(login)` works). */
export const login = async (email) => (await loginPair(email)).accessToken;

/** Polls the tender until the deadline job has closed bidding (status evaluating), for up to 2 minutes. */
export async function waitUntilEvaluating(tenderId, token) {
  const until = Date.now() + 120_000;
  for (;;) {
    const { status } = await api('GET', `/tenders/${tenderId}`, { token });
    if (status === 'evaluating') break;
    assert(status === 'published', `the tender went ${status} instead of evaluating`);
    assert(
      Date.now() < until,
      'the tender was still published 80 s after its deadline (are the workers running?)',
    );
    await sleep(2000);
  }
}

/**
 * A home-care tender as the API takes it, with what the journeys do not vary (its KPIs, a 40/60 price
 * and plan split, no standstill), bids due at `bidDeadline` and questions until 10 s before;
 * `fields` give the rest (title, street, method…).
 */
export const tenderInput = (bidDeadline, fields) => ({
  categoryCode: 'elderly.home_care',
  kpis: { serviceHours: 2, beneficiaries: 1, minSatisfaction: 4 },
  weights: {
    price: 40,
    technical: 60,
    performance: 0,
    criteria: [{ key: 'plan', name: '方案', weight: 60 }],
  },
  enquiryDeadline: new Date(bidDeadline.getTime() - 10_000).toISOString(),
  bidDeadline: bidDeadline.toISOString(),
  standstillDays: 0,
  ...fields,
});

/**
 * A contract of `org.organization` by direct commission, through the API: the officer invites it (bids close
 * in 40 s), its admin bids `c.priceFen` with `member` on the team, the deadline job opens the bid, the
 * evaluator scores, the officer awards, finance allocates the price and the officer signs for a year;
 * then the admin sets the project up with `member` as its lead. `t` holds the four actors' tokens.
 */
export async function directCommission(t, org, member, c) {
  log(`the officer commissions the demo organization directly: "${c.title}"`);
  const bidDeadline = new Date(Date.now() + 40_000);
  const tender = await api('POST', '/tenders', {
    token: t.officer,
    body: tenderInput(bidDeadline, {
      title: c.title,
      description: c.description,
      streetId: org.street,
      communityIds: [org.community],
      budgetCeilingFen: c.ceilingFen,
      method: 'direct_commission',
      invitedOrganizationId: org.organization,
      milestonePlan: c.milestonePlan,
    }),
  });
  await api('POST', `/tenders/${tender.id}/publish`, { token: t.officer });

  log('the org admin bids with the worker on the team');
  const submitted = await api('POST', `/tenders/${tender.id}/bids`, {
    token: t.orgAdmin,
    body: {
      organizationId: org.organization,
      priceFen: c.priceFen,
      proposal: c.proposal,
      team: [member.id],
      offeredKpis: { serviceHours: 2, beneficiaries: 1, minSatisfaction: 4.5 },
    },
  });

  log('waiting for the deadline job to open the bids');
  await waitUntilEvaluating(tender.id, t.officer);

  log('the evaluator scores, the officer awards; finance allocates, the officer signs');
  const evaluatorId = (await api('GET', '/me', { token: t.evaluator })).id;
  // The demo evaluator is the street's whole pool: a draw of one puts them on the panel.
  const panel = await api('POST', `/tenders/${tender.id}/panel/draw`, {
    token: t.officer,
    body: { size: 1 },
  });
  if (panel.members[0]?.userId !== evaluatorId)
    throw new Error('the draw did not put the demo evaluator on the panel');
  await api('POST', `/tenders/${tender.id}/panel/declaration`, { token: t.evaluator });
  await api('POST', `/bids/${submitted.bid.id}/scores`, {
    token: t.evaluator,
    body: { criteria: [{ key: 'plan', points: c.points }] },
  });
  await api('POST', `/tenders/${tender.id}/award`, { token: t.officer });
  const today = new Date();
  const inAYear = new Date(today.getFullYear() + 1, today.getMonth(), today.getDate() - 1);
  await api('POST', `/streets/${org.street}/budget/allocations`, {
    token: t.finance,
    body: { year: today.getFullYear(), amountFen: c.priceFen, reference: c.budgetReference },
  });
  const contract = await api('POST', `/tenders/${tender.id}/contract`, {
    token: t.officer,
    body: { startsOn: isoDate(today), endsOn: isoDate(inAYear) },
  });

  log('the org admin sets up the project with the worker as its lead');
  const project = await api('POST', `/contracts/${contract.id}/project`, {
    token: t.orgAdmin,
    body: { leadUserId: member.userId, memberUserIds: [] },
  });
  return { tender, project };
}

/** Every item of a paged list (the API's cursor pages), following `links.next`. */
export async function allPages(path, token) {
  const items = [];
  for (let next = `/api${path}?limit=100`; next;) {
    const page = await api('GET', next.replace(/^\/api/, ''), { token });
    items.push(...page.items);
    next = page.links.next;
  }
  return items;
}

/**
 * The latest hour-long, minute-aligned slot ending a few minutes ago that overlaps none of the
 * worker's live records (the database refuses overlaps), so a journey can run again and again.
 */
export async function freeSlot(workerToken, workerId) {
  const busy = [];
  for (const p of await api('GET', '/me/projects', { token: workerToken })) {
    for (const r of await allPages(`/projects/${p.id}/records`, workerToken)) {
      if (r.workerUserId === workerId && (r.status === 'submitted' || r.status === 'approved'))
        busy.push([new Date(r.startedAt).getTime(), new Date(r.endedAt).getTime()]);
    }
  }
  let end = Math.floor((Date.now() - 3 * 60_000) / 60_000) * 60_000;
  for (;;) {
    const start = end - 3600_000;
    const clash = busy.filter(([s, e]) => s < end && e > start);
    if (!clash.length) return { start: new Date(start), end: new Date(end) };
    end = Math.floor(Math.min(...clash.map(([s]) => s)) / 60_000) * 60_000;
  }
}

// ---------------------------------------------------------------------------------------------
// The browser

/** Installs Debian's chromium when CHROMIUM is missing (the tests run as root). */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  log(`${CHROMIUM} missing: installing Debian's chromium`);
  const res = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit' });
  if (res.status !== 0 || !existsSync(CHROMIUM)) throw new Error(`could not install chromium at ${CHROMIUM}`);
}

/** The web server may still be starting: poll it for up to a minute before giving up. */
export async function waitForWeb() {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${WEB_URL}/`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${WEB_URL} did not answer within 60 s`);
    await sleep(1000);
  }
}

/** Makes the screenshots folder, installs chromium if need be, waits for the web app and launches. */
export async function startBrowser() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ensureChromium();
  await waitForWeb();
  return chromium.launch({
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
}

/**
 * Every Content-Security-Policy violation any page reported ("Refused to …" in the console, or a
 * securitypolicyviolation event): the app must run its pages under the web server's CSP without
 * one, so runJourney fails a journey that saw any.
 */
export const cspViolations = [];

/**
 * A new context and its page, with the journeys' timeout; page errors are logged (after `who`, if
 * given) and CSP violations recorded.
 */
export async function newPage(browser, options, who) {
  const context = await browser.newContext(options);
  // Init scripts run outside the page's CSP, so this listener is never blocked itself.
  await context.addInitScript(() =>
    globalThis.document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      ),
    ),
  );
  context.on('console', (msg) => {
    const line = msg.text();
    if (msg.type() === 'error' && (/^Refused to /.test(line) || line.startsWith('CSP violation: '))) {
      cspViolations.push(line);
      log(`${who ? `${who}: ` : ''}${line}`);
    }
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (err) => log(`${who ? `${who}: ` : ''}page error: ${err.message}`));
  return { context, page };
}

/** Fills in and submits the login form; what comes next is up to the caller (see signIn). */
export async function submitLogin(page, email, password = PASSWORD) {
  await page.goto(`${WEB_URL}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in through the login form and waits for the home page, failing with the form's error if any. */
export async function signIn(page, email, password = PASSWORD) {
  await submitLogin(page, email, password);
  await waitOrError(page, page.getByTestId('home-greeting'), 'login-error');
}

/** A new context whose page is signed in as `email`. */
export async function newActor(browser, email, options, { password = PASSWORD, who } = {}) {
  const actor = await newPage(browser, options, who);
  await signIn(actor.page, email, password);
  return actor;
}

/** Saves a full-page screenshot `<name>.png` of where a failed step stood; never throws. */
export const failureShot = (page, name) =>
  page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true }).catch(() => undefined);

/**
 * Runs `part(page)` in a new context, signed in as `email` first when given. On failure it saves the
 * screenshot `<shot>.png` and rethrows; the context is closed either way.
 */
export async function withPage(browser, { email, options, shot }, part) {
  const { context, page } = await newPage(browser, options);
  try {
    if (email) await signIn(page, email);
    return await part(page);
  } catch (err) {
    await failureShot(page, shot);
    throw err;
  } finally {
    await context.close();
  }
}

/** Picks an option of an nz-select by its label. */
export async function choose(page, testId, label) {
  await page.getByTestId(testId).click();
  await page
    .locator('nz-option-item')
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) })
    .click();
}

/**
 * Waits for `target`, failing fast with the page's own error message when one of the error elements
 * (a test id, or several) shows up instead. `timeout` defaults to the page's.
 */
export async function waitOrError(page, target, errorTestIds, { timeout } = {}) {
  const options = timeout === undefined ? {} : { timeout };
  await Promise.race([
    target.waitFor(options),
    ...[errorTestIds].flat().map((id) => {
      const error = page.getByTestId(id).first();
      return error.waitFor(options).then(async () => {
        throw new Error(`${id}: ${await text(error)}`);
      });
    }),
  ]);
}

/**
 * Waits for the app to take over a page the server drew: the drawn page's disabled fieldset is gone
 * (its buttons and fields work from then on).
 */
export async function appTookOver(page) {
  await page.locator('[data-testid="main-content"] > fieldset').waitFor({ state: 'detached' });
}

/**
 * Opens a menu entry: a click in the side menu on a desktop; on a phone (below 768 px) through the
 * drawer behind the toggle, then waits for the drawer to close and its mask to fade, so nothing is
 * clicked or photographed through it.
 */
export async function openMenu(page, id) {
  const phone = (page.viewportSize()?.width ?? 1280) < 768;
  if (!phone) {
    await page.getByTestId(`menu-${id}`).click();
    return;
  }
  await page.getByTestId('menu-toggle').click();
  await page.locator(`.ant-drawer-body [data-testid="menu-${id}"]`).click();
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
  await page
    .locator('.ant-drawer-mask')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

/**
 * Opens the list of one kind of waiting work from the home page, as a user starts their day there:
 * the home page must show at least one item of that kind waiting.
 */
export async function fromHome(page, kind) {
  // Already there (just signed in): load it again, as a user would, for counts of now.
  if (new URL(page.url()).pathname === '/') await page.reload();
  else await openMenu(page, 'home');
  const item = page.locator(`[data-testid="home-work-item"][data-kind="${kind}"]`);
  await item.waitFor();
  const count = Number(await item.getAttribute('data-count'));
  if (!(count > 0)) throw new Error(`the home page should show ${kind} waiting, shows ${count}`);
  await item.click();
}

/**
 * The page must not scroll sideways at 375 px. Right after a viewport change the app may still be
 * switching to its phone layout (the breakpoint observer answers asynchronously), so a width is only
 * wrong once it has stayed too wide for a few seconds.
 */
export async function fitsPhone(page, what) {
  const scrollWidth = () => page.evaluate(() => globalThis.document.documentElement.scrollWidth);
  const until = Date.now() + 5000;
  let width = await scrollWidth();
  while (width > 375 && Date.now() < until) {
    await page.waitForTimeout(100);
    width = await scrollWidth();
  }
  assert(width <= 375, `${what} is ${width} px wide at a 375 px viewport`);
}

// ---------------------------------------------------------------------------------------------
// The step runner

/**
 * Launches the browser and runs the journey's steps in order, each `step(browser)`; prints
 * `N passed, N failed` last and exits with 1 if anything failed.
 *
 * A step is `[name, step]`: it needs the one before, so after a failure the rest are counted as
 * failed, not run. Or `[name, step, { needs }]`: it needs only the step named (none when null).
 * Options: `before(browser)` runs once the browser is up (a failure there fails the journey),
 * `onFailure(name)` after a step fails (for screenshots), `after()` before the browser closes.
 * A page's CSP violation (see cspViolations) counts as one more failure.
 */
export async function runJourney(journey, steps, { before, onFailure, after } = {}) {
  let passed = 0;
  let failed = 0;
  let browser;
  try {
    browser = await startBrowser();
    await before?.(browser);
    let broken = null; // the first step that failed, for the steps that need the one before
    const failures = new Set(); // every step that failed or was not run, for the ones naming theirs
    for (const [name, step, dependency] of steps) {
      const needs = dependency ? dependency.needs : broken;
      if (needs && (!dependency || failures.has(needs))) {
        failed++;
        failures.add(name);
        console.error(`[e2e] ${name}: not run (${needs} failed)`);
        continue;
      }
      try {
        await step(browser);
        passed++;
        log(`${name}: ok`);
      } catch (err) {
        failed++;
        broken ??= name;
        failures.add(name);
        console.error(`[e2e] ${name} FAILED: ${err instanceof Error ? err.message : err}`);
        await onFailure?.(name);
      }
    }
  } catch (err) {
    failed++;
    console.error(`[e2e] ${journey} journey FAILED: ${err instanceof Error ? err.message : err}`);
  } finally {
    await after?.();
    await browser?.close();
  }
  if (cspViolations.length) {
    failed++;
    console.error(
      `[e2e] the pages reported ${cspViolations.length} CSP violation(s):\n  ${cspViolations.join('\n  ')}`,
    );
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

/** The EICAR anti-virus test string, assembled here so that no file of the repository is one scanners flag. */
export const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}', '$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

/** A small valid PDF, with `extra` inside a comment (EICAR makes it one the scanner flags). */
export const pdfFile = (name, extra = '') => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n%${extra}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
  ),
});

/** An 8 × 8 PNG photo. */
export const photoFile = (name) => ({
  name,
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWM4EaCBFTEMLQkAaplQAdEjY8UAAAAASUVORK5CYII=',
    'base64',
  ),
});

/**
 * Attaches a file through a page's attachment picker and waits for the virus scanner's verdict on it:
 * `clean` or `infected` (the item's data-state). Returns the item.
 */
export async function attachFile(page, file, expected = 'clean', within = page) {
  await within.getByTestId('attachment-input').setInputFiles(file);
  const item = within.locator('[data-testid="attachment-item"]').filter({ hasText: file.name });
  await item.waitFor();
  await within
    .locator(`[data-testid="attachment-item"][data-state="${expected}"]`)
    .filter({ hasText: file.name })
    .waitFor({ timeout: 60_000 });
  return item;
}
