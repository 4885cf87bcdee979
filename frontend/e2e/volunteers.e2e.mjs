// End-to-end: volunteers and the time bank (时间银行), through the real UI on a phone (375 × 740).
// Set-up through the API and the database: the demo community staff posts an activity in 春晖社区,
// and a second resident of the community (written straight to the database, as the backend test
// fixtures do) registers as a volunteer. In the browser: the demo resident registers as a
// volunteer and signs up; the staff records the hours on the organize page, and the database ages them
// past the 7-day objection window (the window is a query on dates); the resident saves the
// certified hours as time credits, issues and downloads a certificate, whose check page (public)
// says valid, and not valid once the signature is altered; the resident asks for help with
// credits, the neighbour accepts and fulfils it, the resident confirms and the credits move.
// Also: the resident withdraws from an upcoming activity after a confirmation (the place is free
// again), and the demo organization's admin posts an activity in its project on the organize page
// and sees who signed up.
// Prints `N passed, N failed` last.
//
// Env: WEB_URL, API_URL, DATABASE_URL (the stack's database), CHROMIUM.
import pg from 'pg';
import {
  api,
  appTookOver,
  assert,
  fitsPhone,
  login,
  openMenu,
  PHONE as PHONE_CONTEXT,
  runJourney,
  SCREENSHOTS,
  text,
  waitOrError,
  WEB_URL,
  withPage,
} from './lib/journey.mjs';

const PHONE = { ...PHONE_CONTEXT, acceptDownloads: true };
const DEMO = {
  community: '00000000-0000-4000-8000-000000000101',
  resident: 'resident@demo.sanshe.cn',
  staff: 'staff@demo.sanshe.cn',
  orgAdmin: 'orgadmin@demo.sanshe.cn',
};
const STAMP = String(Date.now());
const ACTIVITY = `楼道清洁志愿行动 E2E${STAMP}`;
const HELP = `帮忙取药 E2E${STAMP}`;
const UPCOMING = `社区义诊帮手 E2E${STAMP}`;
const ORG_ACTIVITY = `机构项目志愿培训 E2E${STAMP}`;
const NEIGHBOUR = `neighbour-${STAMP}@example.cn`;
const run = { activityId: '', upcomingId: '', verifyUrl: '', creditsBefore: 0, neighbourBefore: 0 };

const db = new pg.Client({
  connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sanshe',
});

async function setUp() {
  await db.connect();
  const [{ id }] = (
    await db.query(
      `INSERT INTO users (email, display_name, password_hash, email_verified_at)
       SELECT $1, '邻居小王', password_hash, now() FROM users WHERE email = $2 RETURNING id`,
      [NEIGHBOUR, DEMO.resident],
    )
  ).rows;
  await db.query(`INSERT INTO role_memberships (user_id, role, region_id) VALUES ($1, 'resident', $2)`, [
    id,
    DEMO.community,
  ]);
  const neighbour = await login(NEIGHBOUR);
  await api('PUT', '/volunteers/me', {
    token: neighbour,
    body: { communityId: DEMO.community, skills: ['跑腿'], availability: '工作日晚上', publishName: true },
  });
  const staff = await login(DEMO.staff);
  const activity = await api('POST', '/volunteer-activities', {
    token: staff,
    body: {
      communityId: DEMO.community,
      title: ACTIVITY,
      description: '清理楼道杂物，张贴防火提示。',
      location: '春晖社区 3 栋',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      capacity: 3,
    },
  });
  run.activityId = activity.id;
  const upcoming = await api('POST', '/volunteer-activities', {
    token: staff,
    body: {
      communityId: DEMO.community,
      title: UPCOMING,
      description: '协助测量血压、引导排队。',
      location: '春晖社区卫生服务站',
      startsAt: new Date(Date.now() + 24 * 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 27 * 3_600_000).toISOString(),
      capacity: 1,
    },
  });
  run.upcomingId = upcoming.id;
}

async function residentSignsUp(browser) {
  await withPage(
    browser,
    { email: DEMO.resident, options: PHONE, shot: 'failure-volunteer-signup' },
    async (page) => {
      await openMenu(page, 'volunteer');
      await page.getByTestId('volunteer-profile').waitFor();
      await page.getByTestId('volunteer-skills').fill('陪伴老人、电脑维修');
      await page.getByTestId('volunteer-availability').fill('周末上午');
      const publish = page.getByTestId('volunteer-publish').locator('button.ant-switch');
      if (!((await publish.getAttribute('class')) ?? '').includes('ant-switch-checked'))
        await publish.click();
      await page.getByTestId('volunteer-save').click();
      await waitOrError(page, page.getByTestId('volunteer-activities'), 'volunteer-error');
      const activity = page.locator(`[data-activity="${ACTIVITY}"]`);
      await activity.getByTestId('activity-sign-up').click();
      await waitOrError(page, activity.getByTestId('activity-signed-up'), 'volunteer-error');
      await fitsPhone(page, 'the volunteer page');
      await page.screenshot({ path: `${SCREENSHOTS}volunteers-signed-up-mobile.png`, fullPage: true });
    },
  );
}

async function residentWithdraws(browser) {
  await withPage(
    browser,
    { email: DEMO.resident, options: PHONE, shot: 'failure-volunteer-withdraw' },
    async (page) => {
      await openMenu(page, 'volunteer');
      const activity = page.locator(`[data-activity="${UPCOMING}"]`);
      await activity.getByTestId('activity-sign-up').click();
      await waitOrError(page, activity.getByTestId('activity-withdraw'), 'volunteer-error');
      await activity.getByTestId('activity-withdraw').click();
      const confirm = page.locator('.ant-popover');
      await confirm.waitFor();
      const says = await text(confirm);
      assert(says.includes('名额将释放'), `the confirmation says "${says}"`);
      await fitsPhone(page, 'the withdrawal confirmation');
      await confirm.locator('.ant-popover-buttons .ant-btn-primary').click();
      await waitOrError(page, activity.getByTestId('activity-sign-up'), 'volunteer-error');
      assert(
        (await text(page.getByTestId('volunteer-notice'))).includes('已取消报名'),
        'no notice that the sign-up was withdrawn',
      );
    },
  );
  const resident = await login(DEMO.resident);
  const after = await api('GET', `/volunteer-activities/${run.upcomingId}`, { token: resident });
  assert(after.signedUp === 0 && !after.signedUpByMe, `after withdrawing: ${JSON.stringify(after)}`);
}

async function organizationAdminSeesVolunteers(browser) {
  await withPage(
    browser,
    { email: DEMO.orgAdmin, options: PHONE, shot: 'failure-volunteer-org-admin' },
    async (page) => {
      await openMenu(page, 'organize-volunteers');
      await page.getByTestId('activity-project').locator('.ant-select-selection-item').waitFor();
      await page.getByTestId('activity-community').click();
      await page.locator('nz-option-item', { hasText: '春晖社区' }).click();
      await page.getByTestId('activity-title').fill(ORG_ACTIVITY);
      await page.getByTestId('activity-post').click();
      await waitOrError(page, page.locator(`[data-activity="${ORG_ACTIVITY}"]`), 'organize-error');
      assert(
        (await page.getByTestId('organize-published').count()) === 0,
        'an org admin is shown the community objections',
      );
    },
  );
  const resident = await login(DEMO.resident);
  const orgAdmin = await login(DEMO.orgAdmin);
  const organized = await api('GET', '/volunteer-activities/organized?limit=100', { token: orgAdmin });
  const posted = organized.items.find((a) => a.title === ORG_ACTIVITY);
  assert(posted?.projectId && posted.communityId === DEMO.community, `posted ${JSON.stringify(posted)}`);
  await api('POST', `/volunteer-activities/${posted.id}/signups`, { token: resident });
  await withPage(
    browser,
    { email: DEMO.orgAdmin, options: PHONE, shot: 'failure-volunteer-org-admin-volunteers' },
    async (page) => {
      await openMenu(page, 'organize-volunteers');
      const activity = page.locator(`[data-activity="${ORG_ACTIVITY}"]`);
      await activity.locator('[data-volunteer]').first().waitFor();
      await activity.getByTestId('hours-minutes').first().waitFor();
      await fitsPhone(page, "the organization admin's organize page");
      await page.screenshot({ path: `${SCREENSHOTS}volunteers-org-admin-mobile.png`, fullPage: true });
    },
  );
}

async function organizerRecordsHours(browser) {
  await withPage(
    browser,
    { email: DEMO.staff, options: PHONE, shot: 'failure-volunteer-record' },
    async (page) => {
      await openMenu(page, 'organize-volunteers');
      const activity = page.locator(`[data-activity="${ACTIVITY}"]`);
      const minutes = activity.getByTestId('hours-minutes').first().locator('input');
      await minutes.fill('120');
      await minutes.press('Tab');
      await activity.getByTestId('hours-record').first().click();
      await waitOrError(page, page.getByTestId('organize-notice'), 'organize-error');
      await page
        .locator(`[data-testid="organize-published"] [data-hours="${ACTIVITY}"][data-state="pending"]`)
        .waitFor();
      await fitsPhone(page, 'the organize page');
      await page.screenshot({ path: `${SCREENSHOTS}volunteers-organize-mobile.png`, fullPage: true });
    },
  );
  // Seven days of publication pass without an objection.
  const { rowCount } = await db.query(
    `UPDATE volunteer_hours SET recorded_at = now() - interval '8 days' WHERE activity_id = $1 AND minutes = 120`,
    [run.activityId],
  );
  assert(rowCount === 1, `${rowCount} hours entries recorded for the activity`);
  const resident = await login(DEMO.resident);
  run.creditsBefore = (await api('GET', '/time-bank/me', { token: resident })).balanceMinutes;
}

async function residentSavesCreditsAndCertificate(browser) {
  await withPage(
    browser,
    { email: DEMO.resident, options: PHONE, shot: 'failure-volunteer-certificate' },
    async (page) => {
      await openMenu(page, 'volunteer');
      const hours = page.locator(`[data-hours="${ACTIVITY}"]`);
      await hours.waitFor();
      assert((await hours.getAttribute('data-state')) === 'certified', 'the aged hours are not certified');
      await hours.getByTestId('hours-deposit').click();
      await waitOrError(page, page.getByTestId('volunteer-notice'), 'volunteer-error');
      const balance = Number(await page.getByTestId('bank-balance').getAttribute('data-minutes'));
      assert(
        balance === run.creditsBefore + 120,
        `the balance shows ${balance}, expected ${run.creditsBefore + 120}`,
      );

      const before = await page.locator('[data-certificate]').count();
      await page.getByTestId('certificate-issue').click();
      await waitOrError(page, page.locator('[data-certificate]').nth(before), 'volunteer-error');
      const newest = page.locator('[data-certificate]').first();
      const saved = page.waitForEvent('download');
      await newest.getByTestId('certificate-download').click();
      const download = await saved;
      assert(download.suggestedFilename().endsWith('.pdf'), `downloaded ${download.suggestedFilename()}`);
      run.verifyUrl = await newest.getByTestId('certificate-verify-link').getAttribute('href');
      assert(run.verifyUrl?.includes('/volunteer-certificates/'), `the check link is ${run.verifyUrl}`);

      // The statement of account, from the balance: the credits just saved, newest first, with what for.
      await page.getByTestId('bank-statement').click();
      const saved120 = page.getByTestId('statement-posting').first();
      await waitOrError(page, saved120, 'statement-error');
      const line = await text(saved120);
      assert((await saved120.getAttribute('data-kind')) === 'earn', `the newest posting is "${line}"`);
      assert(line.includes(ACTIVITY) && line.includes('+2'), `the newest posting reads "${line}"`);
      await fitsPhone(page, 'the time bank statement');
    },
  );
}

async function anyoneChecksTheCertificate(browser) {
  const path = new URL(run.verifyUrl).pathname + new URL(run.verifyUrl).search;
  const sig = new URL(run.verifyUrl).searchParams.get('sig');
  const tampered = path.replace(sig, (sig.startsWith('A') ? 'B' : 'A') + sig.slice(1));
  // Where the QR code leads comes drawn by the server with the verdict, a phone's first paint.
  const drawn = async (p) => (await fetch(`${WEB_URL}${p}`)).text();
  assert((await drawn(path)).includes('data-testid="certificate-valid"'), 'the server drew no valid verdict');
  assert(
    (await drawn(tampered)).includes('data-testid="certificate-invalid"'),
    'the server drew no invalid verdict for a tampered signature',
  );
  await withPage(browser, { options: PHONE, shot: 'failure-volunteer-check' }, async (page) => {
    const asked = [];
    page.on(
      'request',
      (r) => r.url().includes('/verify') && r.url().includes('/api/') && asked.push(r.url()),
    );
    await page.goto(`${WEB_URL}${path}`);
    // The app has drawn the page again, with the server's answer, once the disabled fieldset is gone.
    await appTookOver(page);
    await page.getByTestId('certificate-valid').waitFor();
    assert(asked.length === 0, `the app asked the API again for the drawn check: ${asked}`);
    const hours = await text(page.getByTestId('certificate-hours'));
    assert(/\d/.test(hours), `the check shows "${hours}"`);
    await fitsPhone(page, 'the certificate check');
    await page.screenshot({ path: `${SCREENSHOTS}volunteers-certificate-check-mobile.png`, fullPage: true });
    await page.goto(`${WEB_URL}${tampered}`);
    await page.getByTestId('certificate-invalid').waitFor();
  });
}

async function residentAsksForHelp(browser) {
  await withPage(
    browser,
    { email: DEMO.resident, options: PHONE, shot: 'failure-volunteer-help' },
    async (page) => {
      await openMenu(page, 'volunteer');
      await page.getByTestId('help-title').fill(HELP);
      await page.getByTestId('help-description').fill('周三上午去社区卫生服务中心帮我取降压药。');
      await page.getByTestId('help-submit').click();
      await waitOrError(page, page.locator(`[data-request="${HELP}"]`), 'volunteer-error');
      const balance = Number(await page.getByTestId('bank-balance').getAttribute('data-minutes'));
      assert(balance === run.creditsBefore + 60, `after holding 60 the balance shows ${balance}`);
    },
  );
  const neighbour = await login(NEIGHBOUR);
  run.neighbourBefore = (await api('GET', '/time-bank/me', { token: neighbour })).balanceMinutes;
}

async function neighbourHelps(browser) {
  await withPage(
    browser,
    { email: NEIGHBOUR, options: PHONE, shot: 'failure-volunteer-neighbour' },
    async (page) => {
      await openMenu(page, 'volunteer');
      const request = page.locator(`[data-request="${HELP}"]`);
      await request.getByTestId('help-accept').click();
      await waitOrError(page, request.getByTestId('help-fulfil'), 'volunteer-error');
      await request.getByTestId('help-fulfil').click();
      await waitOrError(
        page,
        page.locator(`[data-request="${HELP}"][data-status="fulfilled"]`),
        'volunteer-error',
      );
    },
  );
}

async function residentConfirms(browser) {
  await withPage(
    browser,
    { email: DEMO.resident, options: PHONE, shot: 'failure-volunteer-confirm' },
    async (page) => {
      await openMenu(page, 'volunteer');
      const request = page.locator(`[data-request="${HELP}"]`);
      await request.getByTestId('help-confirm').click();
      await waitOrError(
        page,
        page.locator(`[data-request="${HELP}"][data-status="confirmed"]`),
        'volunteer-error',
      );
      await page.screenshot({ path: `${SCREENSHOTS}volunteers-time-bank-mobile.png`, fullPage: true });
    },
  );
  const neighbour = await login(NEIGHBOUR);
  const after = (await api('GET', '/time-bank/me', { token: neighbour })).balanceMinutes;
  assert(
    after === run.neighbourBefore + 60,
    `the helper has ${after} minutes, expected ${run.neighbourBefore + 60}`,
  );
}

// Each step needs the one before: after a failure the rest are counted as failed, not run.
await runJourney(
  'volunteers',
  [
    ['set up an activity and a neighbour through the API and the database', () => setUp()],
    ['a resident registers as a volunteer and signs up on a phone', residentSignsUp],
    ['the resident withdraws from an upcoming activity after confirming', residentWithdraws],
    ["an organization's admin posts in its project and sees who signed up", organizationAdminSeesVolunteers],
    ['the organizer records hours on a phone and the objection window passes', organizerRecordsHours],
    ['the resident saves credits and downloads a certificate', residentSavesCreditsAndCertificate],
    ['the certificate checks valid in public, and not valid when altered', anyoneChecksTheCertificate],
    ['the resident asks for help with time credits', residentAsksForHelp],
    ['the neighbour accepts and fulfils the request', neighbourHelps],
    ['the resident confirms and the credits move to the neighbour', residentConfirms],
  ],
  { after: () => db.end().catch(() => undefined) },
);
