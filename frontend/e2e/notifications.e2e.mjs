// End-to-end: notifications and the incentive rules page, through the real UI against the running
// web app and API.
// Set-up goes through the API (it is not the point here), and leaves the demo contract alone (the
// money journey requests its first milestone): the demo street officer commissions the demo
// organization directly for 春晖社区, its admin bids, the deadline job closes bidding, the demo
// evaluator scores, the officer awards and signs, the org admin sets up the project with the demo
// worker as its lead, the worker logs a visit to the demo resident and approves it, the resident
// confirms it — the first milestone's rule is met — and the org admin requests that payment. The
// demo community staff (春晖社区) now has an "approval waiting" notice. In the browser, on a phone
// (375 × 740): staff sees the unread count on the bell, opens the inbox, finds the notice, opening it
// marks it read and the count drops by one; turning off e-mail for approvals waiting in the settings
// persists after a reload. Then the street director changes the bonus rule on the incentive rules
// page, sees it saved after a reload, and resets the street to the platform defaults.
// Afterwards the demo data is as it was: the payment request is returned (rejected) by staff, staff's
// e-mail preference is switched back on, and the street follows the platform defaults again.
// Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000), CHROMIUM
// (default /usr/bin/chromium; installed with apt-get when missing).
import {
  PHONE,
  api,
  directCommission,
  assert,
  fitsPhone,
  freeSlot,
  log,
  login,
  openMenu,
  runJourney,
  SCREENSHOTS,
  sleep,
  text,
  TIMEOUT,
  waitOrError,
  withPage,
} from './lib/journey.mjs';

// The demo data (backend/src/database/seed/demo.ts).
const DEMO = {
  organization: '00000000-0000-4000-8000-000000000501',
  street: '00000000-0000-4000-8000-000000000011',
  community: '00000000-0000-4000-8000-000000000101', // 春晖社区
  officer: 'officer@demo.sanshe.cn',
  finance: 'finance@demo.sanshe.cn',
  director: 'director@demo.sanshe.cn',
  evaluator: 'evaluator@demo.sanshe.cn',
  staff: 'staff@demo.sanshe.cn',
  orgAdmin: 'orgadmin@demo.sanshe.cn',
  worker: 'worker@demo.sanshe.cn',
  resident: 'resident@demo.sanshe.cn',
};

const STAMP = String(Date.now());
const TITLE = `春晖社区助老热线服务 通知E2E${STAMP}`;
/** What the set-up creates, for the browser steps and the clean-up. */
const run = { disbursementId: '', notificationId: '', milestoneName: '' };

// ---------------------------------------------------------------------------------------------
// The API, for the set-up

/** Staff's notice of this run's payment request, if it has arrived. */
async function findNotice(staffToken) {
  const page = await api('GET', '/me/notifications?limit=50', { token: staffToken });
  return page.items.find(
    (n) => n.type === 'approval_waiting' && n.params?.disbursementId === run.disbursementId,
  );
}

async function setUpPaymentRequest() {
  const [officer, orgAdmin, evaluator, finance, worker, resident, staff] = await Promise.all(
    [DEMO.officer, DEMO.orgAdmin, DEMO.evaluator, DEMO.finance, DEMO.worker, DEMO.resident, DEMO.staff].map(
      login,
    ),
  );
  const residentId = (await api('GET', '/me', { token: resident })).id;
  const { items: members } = await api('GET', `/organizations/${DEMO.organization}/members?limit=100`, {
    token: orgAdmin,
  });
  const member = members.find((m) => m.invitedEmail === DEMO.worker && m.status === 'active');
  assert(member?.userId, `${DEMO.worker} is not an active member of the demo organization`);

  const { project } = await directCommission({ officer, orgAdmin, evaluator, finance }, DEMO, member, {
    title: TITLE,
    description: '为春晖社区高龄独居老人提供电话关怀与上门探访服务（通知端到端测试）。',
    ceilingFen: 4_000_000,
    priceFen: 3_000_000,
    proposal: '每周电话关怀两次、上门探访一次，持证社工负责，月度回访满意度。',
    milestonePlan: [
      { name: '首期', shareBp: 5000, dueInDays: 30 },
      { name: '终期', shareBp: 5000, dueInDays: 300 },
    ],
    points: 50,
    budgetReference: `E2E-NOTES-${STAMP}`,
  });
  log('the worker logs a visit and approves it; the resident confirms');
  const first = project.milestones.find((m) => m.seq === 1);
  run.milestoneName = first.name;
  assert(
    first.amountFen === 1_500_000,
    `the first milestone is ${first.amountFen} fen, expected 1500000 (50 % of the bid)`,
  );
  const slot = await freeSlot(worker, member.userId);
  const record = await api('POST', `/projects/${project.id}/records`, {
    token: worker,
    body: {
      activityType: 'home_visit',
      communityId: DEMO.community,
      startedAt: slot.start.toISOString(),
      endedAt: slot.end.toISOString(),
      beneficiaryUserIds: [residentId],
      anonymousCount: 0,
      location: `春晖社区2栋 #${STAMP}`,
      notes: '电话关怀后上门探访（通知端到端测试）。',
    },
  });
  await api('POST', `/records/${record.id}/approve`, { token: worker });
  await api('POST', `/records/${record.id}/confirm`, { token: resident });

  log(`the org admin requests the first milestone's payment (${first.name})`);
  const unreadBefore = (await api('GET', '/me/notifications/unread-count', { token: staff })).count;
  const disbursement = await api('POST', '/disbursements', {
    token: orgAdmin,
    body: {
      milestoneId: first.milestoneId,
      method: 'treasury',
      deliverables: '首期服务记录：上门探访 1 小时，居民已确认（通知端到端测试）。',
    },
  });
  run.disbursementId = disbursement.id;
  const notice = await findNotice(staff);
  assert(notice, `staff has no approval_waiting notice for disbursement ${disbursement.id}`);
  assert(!notice.readAt, 'the new notice is already read');
  run.notificationId = notice.id;
  const unreadAfter = (await api('GET', '/me/notifications/unread-count', { token: staff })).count;
  assert(
    unreadAfter === unreadBefore + 1,
    `staff's unread count went ${unreadBefore} → ${unreadAfter}, expected +1`,
  );
  log(`staff's notice ${notice.id}; ${unreadAfter} unread`);
}

// ---------------------------------------------------------------------------------------------
// The browser

/** The bell's unread count, read from its label ("通知（3 条未读）"), once it shows `expected`. */
async function bellShows(page, expected) {
  const bell = page.getByTestId('notification-bell');
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const label = (await bell.getAttribute('aria-label')) ?? '';
    const count = Number(/(\d+)/.exec(label)?.[1] ?? NaN);
    if (count === expected) return count;
    assert(Date.now() < deadline, `the bell says "${label}", expected ${expected} unread`);
    await sleep(250);
  }
}

/** Waits until an nz-switch (its inner button carries the state) is on or off; fails after the timeout. */
async function switchIs(locator, on, what) {
  const button = locator.locator('button.ant-switch');
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const checked = ((await button.getAttribute('class')) ?? '').includes('ant-switch-checked');
    if (checked === on) return;
    assert(Date.now() < deadline, `${what} should be ${on ? 'on' : 'off'}`);
    await sleep(250);
  }
}

async function staffReadsTheNotice(browser) {
  const staffToken = await login(DEMO.staff);
  const unread = (await api('GET', '/me/notifications/unread-count', { token: staffToken })).count;
  const actor = { email: DEMO.staff, options: PHONE, shot: 'failure-notifications-staff' };
  await withPage(browser, actor, async (page) => {
    log(`staff signs in on a phone: the bell shows ${unread} unread`);
    await bellShows(page, unread);
    await page.getByTestId('notification-bell').click();
    const item = page.locator('li[data-notification="approval_waiting"]').filter({
      has: page.getByTestId(`notification-${run.notificationId}`),
    });
    await waitOrError(page, item, 'notifications-error');
    const body = await text(item);
    assert(body.includes(TITLE), `the notice should name the contract "${TITLE}": "${body}"`);
    assert(body.includes('¥15,000.00'), `the notice should give the amount ¥15,000.00: "${body}"`);
    assert(await item.evaluate((li) => li.classList.contains('unread')), 'the notice should show as unread');
    await fitsPhone(page, 'the inbox');
    await page.screenshot({ path: `${SCREENSHOTS}notifications-inbox-mobile.png`, fullPage: true });

    log('opening the notice marks it read and the count drops by one');
    await page.getByTestId(`notification-${run.notificationId}`).click();
    await page.waitForURL((url) => url.pathname === '/approvals');
    await bellShows(page, unread - 1);
    const read = await api('GET', '/me/notifications?limit=50', { token: staffToken });
    assert(
      read.items.find((n) => n.id === run.notificationId)?.readAt,
      'the notice is not marked read on the server',
    );
    await page.getByTestId('notification-bell').click();
    const again = page.locator('li[data-notification="approval_waiting"]').filter({
      has: page.getByTestId(`notification-${run.notificationId}`),
    });
    await again.waitFor();
    assert(
      !(await again.evaluate((li) => li.classList.contains('unread'))),
      'the opened notice still shows as unread',
    );

    log('staff turns e-mail off for approvals waiting; it persists after a reload');
    await page.getByTestId('notifications-settings-link').click();
    const email = page.getByTestId('pref-approval_waiting-email');
    await waitOrError(page, email, 'preferences-error');
    await switchIs(email, true, 'e-mail for approvals waiting (the default)');
    await email.click();
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const prefs = await api('GET', '/me/notification-preferences', { token: staffToken });
      if (prefs.preferences.find((p) => p.type === 'approval_waiting')?.email === false) break;
      assert(Date.now() < deadline, 'the e-mail preference was not saved');
      await sleep(250);
    }
    await page.reload();
    const reloaded = page.getByTestId('pref-approval_waiting-email');
    await waitOrError(page, reloaded, 'preferences-error');
    await switchIs(reloaded, false, 'after a reload, e-mail for approvals waiting');
    await switchIs(page.getByTestId('pref-approval_waiting-inApp'), true, 'the in-app channel');
    await fitsPhone(page, 'the notification settings');
    await page.screenshot({ path: `${SCREENSHOTS}notifications-settings-mobile.png`, fullPage: true });
  });
}

/** The rule sentences on the page, and whether the street inherits the defaults. */
async function rulesShown(page) {
  await page.getByTestId('incentive-rule').first().waitFor();
  const rules = [];
  for (const li of await page.getByTestId('incentive-rule').all()) rules.push(await text(li));
  return { rules, inherited: (await page.getByTestId('incentive-rules-inherited').count()) === 1 };
}

async function directorEditsRules(browser) {
  const actor = { email: DEMO.director, options: PHONE, shot: 'failure-incentive-rules' };
  await withPage(browser, actor, async (page) => {
    log('the director opens the incentive rules on a phone: the platform defaults');
    await openMenu(page, 'incentive-rules');
    await waitOrError(page, page.getByTestId('incentive-rules-edit'), 'incentive-rules-error');
    const before = await rulesShown(page);
    assert(before.inherited, 'the demo street should follow the platform defaults');
    assert(
      before.rules.includes('A 级满 1 个月 → 从激励资金池奖励终期款的 5.00%'),
      `the default bonus rule is missing: ${JSON.stringify(before.rules)}`,
    );

    log('the bonus becomes 7.5 % and is saved');
    await page.getByTestId('incentive-rules-edit').click();
    const bonus = page.locator('[data-testid^="rule-bonus-"]');
    await bonus.waitFor();
    await bonus.fill('7.5');
    await fitsPhone(page, 'the rule editor');
    await page.screenshot({ path: `${SCREENSHOTS}incentive-rules-edit-mobile.png`, fullPage: true });
    await page.getByTestId('incentive-rules-save').click();
    await waitOrError(page, page.getByTestId('incentive-rules-own'), 'incentive-rules-save-error');
    await page.reload();
    await waitOrError(page, page.getByTestId('incentive-rules-own'), 'incentive-rules-error');
    const after = await rulesShown(page);
    assert(!after.inherited, 'after a reload the street should have its own rules');
    assert(
      after.rules.includes('A 级满 1 个月 → 从激励资金池奖励终期款的 7.50%'),
      `the saved bonus rule is missing after a reload: ${JSON.stringify(after.rules)}`,
    );
    assert(after.rules.length === before.rules.length, 'the other rules should have been kept');
    await page.screenshot({ path: `${SCREENSHOTS}incentive-rules-mobile.png`, fullPage: true });

    log('and the street goes back to the platform defaults');
    await page.getByTestId('incentive-rules-reset').click();
    await waitOrError(page, page.getByTestId('incentive-rules-inherited'), 'incentive-rules-save-error');
    await page.reload();
    await waitOrError(page, page.getByTestId('incentive-rules-inherited'), 'incentive-rules-error');
    const reset = await rulesShown(page);
    assert(
      JSON.stringify(reset.rules) === JSON.stringify(before.rules),
      `after the reset the rules read ${JSON.stringify(reset.rules)}`,
    );
  });
}

/** Leaves the demo data as the other journeys expect it, whatever happened above. */
async function cleanUp() {
  const [staff, director] = await Promise.all([login(DEMO.staff), login(DEMO.director)]);
  if (run.disbursementId) {
    const orgAdmin = await login(DEMO.orgAdmin);
    const requests = await api('GET', `/organizations/${DEMO.organization}/disbursements?limit=100`, {
      token: orgAdmin,
    });
    const d = requests.items.find((x) => x.id === run.disbursementId);
    if (d?.status === 'requested')
      await api('POST', `/disbursements/${run.disbursementId}/rejection`, {
        token: staff,
        body: { reason: '端到端测试结束，退回申请' },
      });
  }
  await api('PUT', '/me/notification-preferences', {
    token: staff,
    body: { preferences: [{ type: 'approval_waiting', inApp: true, email: true }] },
  });
  const rules = await api('GET', `/streets/${DEMO.street}/incentive-rules`);
  if (!rules.inherited)
    await api('PUT', `/streets/${DEMO.street}/incentive-rules`, { token: director, body: { rules: [] } });
}

// The staff steps need the set-up; the rules step stands alone; the clean-up always runs.
const SET_UP = 'the org admin requests a milestone payment through the API';
await runJourney('notifications', [
  [SET_UP, () => setUpPaymentRequest(), { needs: null }],
  [
    'staff sees the notice on the bell, reads it, and turns its e-mail off',
    staffReadsTheNotice,
    { needs: SET_UP },
  ],
  ['the director changes an incentive rule and resets to the defaults', directorEditsRules, { needs: null }],
  ['the demo data is left as it was', () => cleanUp(), { needs: null }],
]);
