// End-to-end: accessibility as a test. Every demo role signs in and every page of its menu is checked
// with axe-core against WCAG 2.1 A and AA, on a desktop (1280 px) and on a phone (375 px), and so are
// the public pages signed out; any critical or serious violation fails the journey, listed by rule,
// page and element. Then the keyboard alone: the skip link comes first, focus is visible, a user signs
// in with Tab, typing and Enter, and each role submits a form without the mouse. Last, motion: none
// for a device set to reduce it. Prints `N passed, N failed` last.
//
// Env: WEB_URL, API_URL, CHROMIUM (see lib/journey.mjs).
import { AxeBuilder } from '@axe-core/playwright';
import {
  appTookOver,
  assert,
  failureShot,
  log,
  newPage,
  openMenu,
  PASSWORD,
  PHONE,
  runJourney,
  signIn,
  text,
  WEB_URL,
} from './lib/journey.mjs';

/** WCAG 2.1 levels A and AA. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The impacts that fail the journey. */
const FAILING = new Set(['critical', 'serious']);

const DESKTOP = { viewport: { width: 1280, height: 800 } };
/** The demo organization and its project (backend/src/database/seed/demo.ts). */
const DEMO_ORGANIZATION = '00000000-0000-4000-8000-000000000501';
const DEMO_PROJECT = '00000000-0000-4000-8000-000000000621';

/** Every role of the demo data, by its account. */
const ROLES = [
  ['street_officer', 'officer@demo.sanshe.cn'],
  ['street_finance', 'finance@demo.sanshe.cn'],
  ['street_director', 'director@demo.sanshe.cn'],
  ['evaluator', 'evaluator@demo.sanshe.cn'],
  ['community_staff', 'staff@demo.sanshe.cn'],
  ['org_admin', 'orgadmin@demo.sanshe.cn'],
  ['social_worker', 'worker@demo.sanshe.cn'],
  ['resident', 'resident@demo.sanshe.cn'],
  ['platform_admin', 'admin@demo.sanshe.cn'],
];

/** The public pages, checked signed out. */
const PUBLIC_PAGES = [
  '/',
  '/login',
  '/register',
  '/forgot-password',
  '/directory',
  `/directory/${DEMO_ORGANIZATION}`,
  `/directory/${DEMO_ORGANIZATION}/score`,
  '/donate',
  '/public-projects',
  `/public-projects/${DEMO_PROJECT}`,
  '/leaderboard',
  '/tenders',
];

/**
 * The menu's public entries are checked signed out (PUBLIC_PAGES) and, signed in, by the roles that
 * act on them (tender notices, the directory); the other roles skip them to keep the journey short.
 */
const PUBLIC_ENTRIES = new Set(['directory', 'public-projects', 'leaderboard', 'tenders', 'donate']);
const CHECKS_PUBLIC_ENTRIES = new Set(['street_officer', 'org_admin']);

/** How many pages were checked, and every failing violation: { rule, impact, help, where, targets }. */
let visits = 0;
const found = [];

/** Waits for the page to stop loading: no spinner, skeleton, drawer or mask left, then a moment for motion. */
async function settle(page) {
  await page
    .waitForFunction(
      () =>
        !globalThis.document.querySelector(
          '.ant-spin-spinning, .ant-skeleton-active, .ant-drawer-open, .ant-drawer-mask, .ant-btn-loading',
        ),
      null,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

/** Runs axe on the page as it stands; records its failing violations under `where` in `found` and `mine`. */
async function check(page, where, mine) {
  await settle(page);
  // Legacy mode runs axe in the page itself (the app has no frames) instead of opening a blank page
  // to merge the frames' results after every run. The script goes in through the DevTools protocol,
  // which the page's CSP does not govern.
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).analyze();
  visits++;
  for (const v of violations.filter((v) => FAILING.has(v.impact))) {
    const failing = {
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
      // Why the first element fails (e.g. the colours and ratio measured), for the report.
      why: [...v.nodes[0].any, ...v.nodes[0].all, ...v.nodes[0].none].map((c) => c.message).join(' '),
      where,
    };
    found.push(failing);
    mine.push(failing);
  }
}

/** The menu entries the signed-in user sees, as { id, path } (read from the desktop side menu). */
async function menuEntries(page) {
  // The side menu is deferred: wait for its entries before reading them.
  const links = page.locator('aside.sider [data-testid^="menu-"]');
  await links.first().waitFor();
  return links.evaluateAll((all) =>
    all.map((a) => ({
      id: a.getAttribute('data-testid').slice('menu-'.length),
      path: new URL(a.href).pathname,
    })),
  );
}

/** Opens each menu entry in turn, waits for its page and checks it; `who` names the user and the viewport. */
async function checkMenu(page, entries, who, mine) {
  for (const { id, path } of entries) {
    await openMenu(page, id);
    await page.waitForURL((url) => (path === '/' ? url.pathname === '/' : url.pathname.startsWith(path)));
    await page.locator('main > router-outlet + *').waitFor({ state: 'attached' });
    await check(page, `${who} ${path}`, mine);
  }
}

/** Throws when a step found violations, with a readable list. */
function failIfAny(mine, what) {
  if (mine.length)
    throw new Error(`${what}: ${mine.length} serious or critical violation(s)\n${report(mine)}`);
}

/** Violations grouped by rule: the rule, its impact and help, then each page and its elements. */
function report(list) {
  const byRule = new Map();
  for (const v of list) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v]);
  return [...byRule.values()]
    .map(
      (vs) =>
        `  ${vs[0].rule} (${vs[0].impact}): ${vs[0].help}\n` +
        vs
          .map(
            (v) =>
              `    ${v.where}: ${v.targets.slice(0, 4).join(' | ')}` +
              (v.targets.length > 4 ? ` … and ${v.targets.length - 4} more` : '') +
              (v.why ? `\n      (${v.why})` : ''),
          )
          .join('\n'),
    )
    .join('\n');
}

async function publicPages(browser) {
  const mine = [];
  for (const [label, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const { context, page } = await newPage(browser, options);
    try {
      for (const path of PUBLIC_PAGES) {
        await page.goto(`${WEB_URL}${path}`);
        await page.locator('main').waitFor();
        await check(page, `visitor ${label} ${path}`, mine);
      }
    } catch (err) {
      await failureShot(page, `accessibility-public-${label}`);
      throw err;
    } finally {
      await context.close();
    }
  }
  failIfAny(mine, 'public pages');
}

/** The role signs in at 1280 px, checks every menu page, then narrows to 375 px and checks them again. */
function roleStep(role, email) {
  return async (browser) => {
    const mine = [];
    const { context, page } = await newPage(browser, DESKTOP, role);
    try {
      await signIn(page, email);
      const entries = (await menuEntries(page)).filter(
        (e) => CHECKS_PUBLIC_ENTRIES.has(role) || !PUBLIC_ENTRIES.has(e.id),
      );
      assert(entries.length > 1, `${role} sees no menu of its own`);
      await checkMenu(page, entries, `${role} desktop`, mine);
      await page.setViewportSize(PHONE.viewport);
      await page.getByTestId('menu-toggle').waitFor();
      await page.locator('aside.sider').waitFor({ state: 'detached' });
      await checkMenu(page, entries, `${role} phone`, mine);
    } catch (err) {
      await failureShot(page, `accessibility-${role}`);
      throw err;
    } finally {
      await context.close();
    }
    failIfAny(mine, role);
  };
}

// ---------------------------------------------------------------------------------------------
// The keyboard alone

/**
 * The test id of the focused element or of the nearest element around it that has one (a select's
 * input is inside its nz-select); tag and text when none has.
 */
const focused = (page) =>
  page.evaluate(() => {
    const el = globalThis.document.activeElement;
    if (!el || el === globalThis.document.body) return 'body';
    const named = el.closest('[data-testid]');
    return (
      named?.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim()}"`
    );
  });

/** Presses Tab until the element with `testId` has the focus (at most `max` presses). */
async function tabTo(page, testId, max = 40) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const at = await focused(page);
    if (at === testId) return;
    seen.push(at);
  }
  throw new Error(`Tab never reached ${testId}; it went through: ${seen.join(', ')}`);
}

/** Whether the focused element shows a focus indicator: an outline or a box shadow. */
const focusVisible = (page) =>
  page.evaluate(() => {
    const el = globalThis.document.activeElement;
    const style = globalThis.getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
  });

async function keyboardSignIn(browser) {
  const { context, page } = await newPage(browser, DESKTOP);
  try {
    await page.goto(`${WEB_URL}/login`);
    await page.getByTestId('login-email').waitFor();

    log('the first Tab lands on the skip link, which shows itself and moves the focus to the content');
    await page.keyboard.press('Tab');
    assert((await focused(page)) === 'skip-link', `the first focusable element is ${await focused(page)}`);
    const skip = page.getByTestId('skip-link');
    assert((await text(skip)) === '跳到主要内容', `the skip link reads "${await text(skip)}"`);
    const box = await skip.boundingBox();
    assert(box && box.width > 1 && box.height > 1 && box.y >= 0, 'the focused skip link is not visible');
    assert(await focusVisible(page), 'the focused skip link shows no focus indicator');
    await page.keyboard.press('Enter');
    assert((await focused(page)) === 'main-content', `Enter on the skip link focused ${await focused(page)}`);

    log('Tab reaches a menu link, which shows its focus');
    await page.goto(`${WEB_URL}/login`);
    await page.getByTestId('login-email').waitFor();
    await tabTo(page, 'menu-home');
    assert(await focusVisible(page), 'the focused menu link shows no focus indicator');

    log('signing in with Tab, typing and Enter');
    await tabTo(page, 'login-email');
    assert(await focusVisible(page), 'the focused e-mail field shows no focus indicator');
    await page.keyboard.type('resident@demo.sanshe.cn');
    await tabTo(page, 'login-password', 3);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('home-greeting').waitFor();
    const mine = [];
    await check(page, 'keyboard sign-in home', mine);
    failIfAny(mine, 'the home page after a keyboard sign-in');
  } catch (err) {
    await failureShot(page, 'accessibility-keyboard-sign-in');
    throw err;
  } finally {
    await context.close();
  }
}

/** A visitor filters the directory by category with the keyboard alone: Tab, the arrows and Enter. */
async function keyboardCategoryPicker(browser) {
  const { context, page } = await newPage(browser, DESKTOP);
  try {
    await page.goto(`${WEB_URL}/directory`);
    // The server's drawing shows the results at once, its filters disabled: the app has taken the
    // page over once its disabled fieldset is gone.
    await appTookOver(page);
    await page.getByTestId('directory-results').waitFor();
    await tabTo(page, 'directory-category');
    assert(await focusVisible(page), 'the focused category picker shows no focus indicator');
    await page.keyboard.press('ArrowDown');
    const rows = page.locator('.ant-select-tree-treenode');
    await rows.first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = page.locator('.ant-select-tree-treenode.tree-key-active');
    assert((await active.count()) === 1, 'the arrow keys mark no node of the category tree');
    const name = await text(active);
    const searched = page.waitForResponse(
      (r) => r.url().includes('/api/directory') && r.url().includes('category='),
    );
    await page.keyboard.press('Enter');
    await searched;
    const shown = await text(page.locator('[data-testid="directory-category"] .ant-select-selection-item'));
    assert(shown === name, `Enter on "${name}" picked "${shown}"`);
    assert((await focused(page)) === 'directory-category', 'the focus left the picker after Enter');
  } catch (err) {
    await failureShot(page, 'accessibility-keyboard-category');
    throw err;
  } finally {
    await context.close();
  }
}

/**
 * Each role saves its display name (unchanged, so the demo data stays as it was) from the profile
 * page without the mouse: Tab to the field, retype the name, Enter; the saved message must appear.
 */
async function keyboardForms(browser) {
  for (const [role, email] of ROLES) {
    const { context, page } = await newPage(browser, DESKTOP, role);
    try {
      await signIn(page, email);
      await page.goto(`${WEB_URL}/profile`);
      const field = page.getByTestId('profile-name-input');
      await field.waitFor();
      const name = await field.inputValue();
      await tabTo(page, 'profile-name-input', 60);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await page.locator('.ant-message-success').waitFor();
    } catch (err) {
      await failureShot(page, `accessibility-keyboard-${role}`);
      throw new Error(`${role}: ${err instanceof Error ? err.message : err}`, { cause: err });
    } finally {
      await context.close();
    }
  }
}

/**
 * With the device's "reduce motion" set (WCAG 2.3.3), NG-ZORRO's transitions and animations take no
 * time; without it they keep theirs. A button's colour transition stands for them all.
 */
async function reducedMotion(browser) {
  const durations = {};
  for (const motion of ['reduce', 'no-preference']) {
    const { context, page } = await newPage(browser, { ...PHONE, reducedMotion: motion });
    try {
      await page.goto(`${WEB_URL}/login`);
      const submit = page.getByTestId('login-submit');
      await submit.waitFor();
      durations[motion] = await submit.evaluate((el) => globalThis.getComputedStyle(el).transitionDuration);
    } finally {
      await context.close();
    }
  }
  assert(durations.reduce === '1e-05s', `with reduced motion a button still moves for ${durations.reduce}`);
  assert(
    parseFloat(durations['no-preference']) >= 0.1,
    `without reduced motion a button's transition takes ${durations['no-preference']}`,
  );
}

/**
 * The page checks run two at a time (each in its own context), started once the browser is up; each
 * step waits for its own. Settled promises, so that a failure is reported by its step.
 */
const PAGE_CHECKS = [
  ['public pages pass axe (WCAG 2.1 AA) on a desktop and a phone', publicPages],
  ...ROLES.map(([role, email]) => [
    `${role}: every menu page passes axe on a desktop and a phone`,
    roleStep(role, email),
  ]),
];
/** Each page check's outcome: the error it threw, or null. */
const outcomes = PAGE_CHECKS.map(() => Promise.withResolvers());

function startPageChecks(browser) {
  let next = 0;
  const lane = async () => {
    while (next < PAGE_CHECKS.length) {
      const i = next++;
      outcomes[i].resolve(
        await PAGE_CHECKS[i][1](browser).then(
          () => null,
          (err) => err,
        ),
      );
    }
  };
  void lane();
  void lane();
}

const awaitCheck = (i) => async () => {
  const err = await outcomes[i].promise;
  if (err) throw err;
};

await runJourney(
  'accessibility',
  [
    ...PAGE_CHECKS.map(([name], i) => [name, awaitCheck(i), { needs: null }]),
    ['a user signs in with the keyboard alone; the skip link comes first', keyboardSignIn, { needs: null }],
    ['the category picker works with the keyboard alone', keyboardCategoryPicker, { needs: null }],
    ['every role submits a form with the keyboard alone', keyboardForms, { needs: null }],
    ['with reduced motion set, nothing slides or fades', reducedMotion, { needs: null }],
  ],
  {
    before: startPageChecks,
    after: () => {
      const pages = new Set(found.map((v) => v.where)).size;
      log(
        `${visits} page visits checked; ${found.length} serious or critical violation(s) on ${pages} of them`,
      );
    },
  },
);
