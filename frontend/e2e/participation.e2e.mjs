// End-to-end: residents decide (docs/participation.md), through the real UI against the running web
// app and API, on a phone (375 × 740). The community staff opens a secret-ballot consultation for
// 春晖社区 that closes in a minute; the demo resident reads it, comments, and votes once (a burst of
// repeated votes through the API is refused by the database, 409 vote.already_cast); the counts stay
// hidden while it is open. Once the period is over the staff closes it into a resolution that puts a
// need on the needs list; the resident sees the result and the need, and the need names the
// consultation it came from. The staff also schedules a council meeting (议事会) and records its
// attendance and minutes. Then a participatory vote funds a small project (参与式预算): the staff
// opens a round of the community fund (a donation through the fake Stripe fills it first), the demo
// organization's admin submits a small project for its project, the staff marks it eligible, the
// resident votes once on the secret ballot (a burst of repeated votes through the API is refused),
// and after the voting period the staff counts and awards: the winner becomes a fund grant that
// street finance approves, and a visitor sees the winner, its votes and the grant on the public page.
// Last, a platform admin adds a grid (网格) to 春晖社区 and the staff puts a question to that grid
// alone, picking it with the keyboard; the resident, who lives in the community but in no known grid,
// may read it and not vote. Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000), CHROMIUM
// (default /usr/bin/chromium; installed with apt-get when missing).
import {
  PHONE,
  api,
  assert,
  choose,
  fitsPhone,
  log,
  login,
  openMenu,
  pickDate,
  runJourney,
  SCREENSHOTS,
  signIn,
  sleep,
  text,
  TIMEOUT,
  waitOrError,
  WEB_URL,
  withPage,
} from './lib/journey.mjs';

// The demo data (backend/src/database/seed/demo.ts).
const DEMO = {
  community: '00000000-0000-4000-8000-000000000101',
  staff: 'staff@demo.sanshe.cn',
  resident: 'resident@demo.sanshe.cn',
  orgAdmin: 'orgadmin@demo.sanshe.cn',
  finance: 'finance@demo.sanshe.cn',
  admin: 'admin@demo.sanshe.cn',
};

const STAMP = String(Date.now());
const TITLE = `南门空地怎么用 E2E${STAMP}`;
const NEED_TITLE = `南门空地改建停车位 E2E${STAMP}`;
const MEETING = `居民议事会 E2E${STAMP}`;
const ROUND = `楼道微更新 E2E${STAMP}`;
const SMALL_PROJECT = `楼道照明改造 E2E${STAMP}`;
const GRID = `春晖一网格 E2E${STAMP}`;
const GRID_TITLE = `一网格楼道灯 E2E${STAMP}`;
const run = { id: '', closesAt: new Date(0) };

async function staffOpens(browser) {
  await withPage(browser, { options: PHONE, shot: 'failure-participation-open' }, async (page) => {
    await signIn(page, DEMO.staff);
    await openMenu(page, 'consultations');
    await page.getByTestId('open-form').waitFor();
    log('the community staff opens a secret-ballot consultation closing in a minute');
    // To the second, a minute ahead: the journey waits for it to pass before closing.
    run.closesAt = new Date(Date.now() + 60_000);
    await page.getByTestId('open-title').fill(TITLE);
    await page.getByTestId('open-question').fill('南门外空地改为停车位还是休闲区？请居民投票。');
    await page.getByTestId('open-options').fill('改为停车位\n改为休闲区');
    await pickDate(page, 'open-closes', run.closesAt, { time: true });
    await fitsPhone(page, 'the consultations page');
    await page.getByTestId('open-submit').click();
    await waitOrError(page, page.getByTestId('consultation'), 'open-error');
    await page.waitForURL(/\/consultations\/[0-9a-f-]{36}$/, { timeout: TIMEOUT });
    run.id = page.url().split('/').pop();
    assert(
      (await text(page.getByTestId('consultation-status'))) === '投票中',
      'the consultation is not open',
    );
    assert((await page.getByTestId('vote').count()) === 0, 'staff are offered a vote');
    log(`consultation ${run.id}`);
  });
}

async function residentVotesOnce(browser) {
  await withPage(browser, { options: PHONE, shot: 'failure-participation-vote' }, async (page) => {
    await signIn(page, DEMO.resident);
    await openMenu(page, 'consultations');
    await page.getByTestId(`consultation-${run.id}`).click();
    await page.getByTestId('consultation').waitFor();
    log('the resident comments and votes for 改为停车位');
    await page.getByTestId('comment-body').fill('晚上停车太难了，支持改停车位。');
    await page.getByTestId('comment-submit').click();
    await page.getByTestId('comments').filter({ hasText: '晚上停车太难了' }).waitFor();
    await page.getByTestId('option-0').getByTestId('vote').click();
    await page.getByTestId('voted').waitFor();
    assert((await page.getByTestId('vote').count()) === 0, 'a second vote is still offered');
    assert((await page.getByTestId('option-votes').count()) === 0, 'counts show before the close');
    await fitsPhone(page, 'the consultation page');
    await page.screenshot({ path: `${SCREENSHOTS}participation-voted-mobile.png`, fullPage: true });
  });

  log('a burst of repeated votes through the API: the database refuses every one');
  const token = await login(DEMO.resident);
  const consultation = await api('GET', `/consultations/${run.id}`, { token });
  const again = await Promise.all(
    Array.from({ length: 5 }, () =>
      api('POST', `/consultations/${run.id}/votes`, {
        token,
        body: { optionId: consultation.options[1].id },
      }).then(
        () => 'accepted',
        (err) => String(err.message),
      ),
    ),
  );
  assert(
    again.every((r) => r.includes('vote.already_cast')),
    `repeated votes answered ${JSON.stringify(again)}`,
  );
  const after = await api('GET', `/consultations/${run.id}`, { token });
  assert(after.voterCount === 1, `${after.voterCount} voters after the burst`);
}

async function staffCloses(browser) {
  const wait = run.closesAt.getTime() - Date.now() + 1500;
  if (wait > 0) {
    log(`waiting ${Math.ceil(wait / 1000)} s for the voting period to end`);
    await sleep(wait);
  }
  await withPage(browser, { options: PHONE, shot: 'failure-participation-close' }, async (page) => {
    await signIn(page, DEMO.staff);
    await page.goto(`${WEB_URL}/consultations/${run.id}`);
    await page.getByTestId('close-form').waitFor();
    log('the staff closes it into a resolution with a need for the needs list');
    await page.getByTestId('close-minutes').fill('多数居民同意将南门外空地改建为停车位。');
    await choose(page, 'close-need-category', '居家养老');
    await page.getByTestId('close-need-title').fill(NEED_TITLE);
    await page.getByTestId('close-need-text').fill('按议事决议，将南门外空地改建为停车位。');
    await page.getByTestId('close-submit').click();
    await page.getByTestId('resolution').waitFor();
    assert((await text(page.getByTestId('consultation-status'))) === '已结束', 'not closed');
  });
}

async function residentSeesResult(browser) {
  await withPage(browser, { options: PHONE, shot: 'failure-participation-result' }, async (page) => {
    await signIn(page, DEMO.resident);
    await page.goto(`${WEB_URL}/consultations/${run.id}`);
    await page.getByTestId('resolution').waitFor();
    const votes = await page.getByTestId('option-votes').allTextContents();
    assert(
      JSON.stringify(votes.map((v) => v.trim())) === JSON.stringify(['1 票', '0 票']),
      `counts ${votes}`,
    );
    assert((await text(page.getByTestId('resolution-needs'))).includes(NEED_TITLE), 'the need is not listed');
    await fitsPhone(page, 'the closed consultation');
    await page.screenshot({ path: `${SCREENSHOTS}participation-result-mobile.png`, fullPage: true });
  });
  const token = await login(DEMO.resident);
  const consultation = await api('GET', `/consultations/${run.id}`, { token });
  const need = await api('GET', `/needs/${consultation.needs[0].id}`, { token });
  assert(need.sourceConsultationId === run.id, `the need names ${need.sourceConsultationId}`);
  assert(need.status === 'accepted', `the need is ${need.status}`);
}

async function staffHoldsMeeting(browser) {
  await withPage(browser, { options: PHONE, shot: 'failure-participation-meeting' }, async (page) => {
    await signIn(page, DEMO.staff);
    await openMenu(page, 'consultations');
    log('the staff schedules a council meeting, then records who came and the minutes');
    await page.getByTestId('meeting-title').fill(MEETING);
    await pickDate(page, 'meeting-starts', new Date(Date.now() + 86_400_000), { time: true });
    await page.getByTestId('meeting-place').fill('社区活动中心二楼');
    await page.getByTestId('meeting-agenda').fill('通报停车位议题结果\n楼道照明');
    await page.getByTestId('meeting-submit').click();
    const meeting = page.getByTestId('meeting-list').locator('li').filter({ hasText: MEETING }).first();
    await meeting.waitFor();
    await meeting.getByTestId('meeting-record').click();
    await meeting.getByTestId('meeting-attendees').fill('张阿姨\n王大伯\n刘书记');
    await meeting.getByTestId('meeting-minutes-input').fill('到会3人，通报停车位议题结果，讨论楼道照明。');
    await meeting.getByTestId('meeting-minutes-submit').click();
    await meeting.getByTestId('meeting-minutes').waitFor();
    assert((await text(meeting)).includes('到会 3 人'), 'the attendance is not shown');
    await fitsPhone(page, 'the meetings');
  });
}

/** Waits until `at` has passed (and a little more, for the clocks of the browser and the API). */
async function waitUntil(at, what) {
  const wait = at.getTime() - Date.now() + 1500;
  if (wait > 0) {
    log(`waiting ${Math.ceil(wait / 1000)} s for ${what}`);
    await sleep(wait);
  }
}

/** Fills the community fund with a donation paid on the fake Stripe Checkout page. */
async function donate(amountFen) {
  const before = (await api('GET', `/communities/${DEMO.community}/fund`)).availableFen;
  const checkout = await api('POST', `/communities/${DEMO.community}/donations`, { body: { amountFen } });
  const paid = await fetch(checkout.url, { redirect: 'manual' });
  assert(paid.status === 302, `the fake Checkout page answered ${paid.status}`);
  for (let i = 0; i < 50; i++) {
    if ((await api('GET', `/communities/${DEMO.community}/fund`)).availableFen >= before + amountFen) return;
    await sleep(200);
  }
  throw new Error('the donation never reached the fund');
}

async function participatoryVoteFundsProject(browser) {
  await donate(50_000);
  const times = { submissionsClose: new Date(Date.now() + 70_000), votingClose: new Date(0) };
  times.votingClose = new Date(times.submissionsClose.getTime() + 45_000);
  let roundId = '';
  await withPage(browser, { options: PHONE, shot: 'failure-participatory-open' }, async (page) => {
    await signIn(page, DEMO.staff);
    await openMenu(page, 'consultations');
    log('the staff follows the participatory fund link from the consultations page and opens a round');
    await page.getByTestId('pb-link').click();
    await page.getByTestId('pb-open-form').waitFor();
    await page.getByTestId('pb-open-title').fill(ROUND);
    await page
      .getByTestId('pb-open-description')
      .fill('社区基金拿出300元，由居民投票决定资助哪个楼道小项目。');
    await page.getByTestId('pb-open-budget').fill('300');
    await page.getByTestId('pb-open-cap').fill('250');
    await pickDate(page, 'pb-open-submissions-close', times.submissionsClose, { time: true });
    await pickDate(page, 'pb-open-voting-close', times.votingClose, { time: true });
    await fitsPhone(page, 'the participatory fund page');
    await page.getByTestId('pb-open-submit').click();
    await waitOrError(page, page.getByTestId('pb-round'), 'pb-open-error');
    await page.waitForURL(/\/participatory-rounds\/[0-9a-f-]{36}$/, { timeout: TIMEOUT });
    roundId = page.url().split('/').pop();
    assert((await text(page.getByTestId('pb-phase'))) === '征集项目中', 'the round takes no submissions');
    log(`round ${roundId}`);
  });

  const orgToken = await login(DEMO.orgAdmin);
  const [project] = await api('GET', `/participatory-rounds/${roundId}/submittable-projects`, {
    token: orgToken,
  });
  assert(project, 'the demo organization has no project serving the community');
  await withPage(browser, { options: PHONE, shot: 'failure-participatory-submit' }, async (page) => {
    await signIn(page, DEMO.orgAdmin);
    await openMenu(page, 'participatory');
    log('the organization admin submits a small project for its project');
    await page.getByTestId(`pb-round-${roundId}`).click();
    await page.getByTestId('pb-submit-form').waitFor();
    await choose(page, 'pb-submit-project', `${project.title} · ${project.organizationName}`);
    await page.getByTestId('pb-submit-title').fill(SMALL_PROJECT);
    await page.getByTestId('pb-submit-description').fill('为3号楼楼道更换声控照明灯，方便老人夜间出行。');
    await page.getByTestId('pb-submit-amount').fill('200');
    await fitsPhone(page, 'the round page');
    await page.getByTestId('pb-submit').click();
    await waitOrError(
      page,
      page.getByTestId('pb-submissions').locator('li').filter({ hasText: SMALL_PROJECT }),
      'pb-submit-error',
    );
  });

  await withPage(browser, { options: PHONE, shot: 'failure-participatory-eligible' }, async (page) => {
    await signIn(page, DEMO.staff);
    await page.goto(`${WEB_URL}/participatory-rounds/${roundId}`);
    log('the staff marks the submission eligible');
    const item = page.getByTestId('pb-submissions').locator('li').filter({ hasText: SMALL_PROJECT });
    await item.getByTestId('pb-mark-eligible').click();
    await item.getByTestId('pb-eligibility').filter({ hasText: '符合条件' }).waitFor();
  });

  await waitUntil(times.submissionsClose, 'the voting period to open');
  await withPage(browser, { options: PHONE, shot: 'failure-participatory-vote' }, async (page) => {
    await signIn(page, DEMO.resident);
    await page.goto(`${WEB_URL}/participatory-rounds/${roundId}`);
    log('the resident votes for the small project on the secret ballot');
    await page.getByTestId('pb-ballot').waitFor();
    await page.locator(`[data-title="${SMALL_PROJECT}"][data-testid^="pb-choose-"]`).check();
    await page.getByTestId('pb-vote').click();
    await waitOrError(page, page.getByTestId('pb-voted'), 'pb-error');
    assert((await page.getByTestId('pb-ballot').count()) === 0, 'a second vote is still offered');
    assert((await page.getByTestId('pb-approvals').count()) === 0, 'counts show before the count');
    await fitsPhone(page, 'the ballot');
    await page.screenshot({ path: `${SCREENSHOTS}participatory-voted-mobile.png`, fullPage: true });
  });
  const token = await login(DEMO.resident);
  const round = await api('GET', `/participatory-rounds/${roundId}`, { token });
  const burst = await Promise.all(
    Array.from({ length: 5 }, () =>
      api('POST', `/participatory-rounds/${roundId}/votes`, {
        token,
        body: { submissionIds: [round.submissions[0].id] },
      }).then(
        () => 'accepted',
        (err) => String(err.message),
      ),
    ),
  );
  assert(
    burst.every((r) => r.includes('vote.already_cast')),
    `repeated votes answered ${JSON.stringify(burst)}`,
  );

  await waitUntil(times.votingClose, 'the voting period to end');
  await withPage(browser, { options: PHONE, shot: 'failure-participatory-award' }, async (page) => {
    await signIn(page, DEMO.staff);
    await page.goto(`${WEB_URL}/participatory-rounds/${roundId}`);
    log('the staff counts the votes and turns the winner into a fund grant');
    await page.getByTestId('pb-count').click();
    await waitOrError(page, page.getByTestId('pb-winner'), 'pb-error');
    await page.getByTestId('pb-award').click();
    await waitOrError(page, page.getByTestId('pb-grant'), 'pb-error');
  });
  const awarded = await api('GET', `/participatory-rounds/${roundId}`);
  const grant = awarded.submissions[0].grant;
  assert(grant?.amountFen === 20_000 && grant.status === 'accepted', `the grant is ${JSON.stringify(grant)}`);
  log('street finance approves the grant as every grant');
  const approved = await api('POST', `/disbursements/${grant.id}/finance-approval`, {
    token: await login(DEMO.finance),
  });
  assert(approved.status === 'approved', `the grant is ${approved.status}`);

  await withPage(browser, { options: PHONE, shot: 'failure-participatory-public' }, async (page) => {
    log('a visitor sees the vote, the winner and the grant on the public page');
    await page.goto(`${WEB_URL}/participatory-rounds/${roundId}`);
    const item = page.getByTestId('pb-submissions').locator('li').filter({ hasText: SMALL_PROJECT });
    await item.getByTestId('pb-grant').waitFor();
    assert((await text(item.getByTestId('pb-approvals'))) === '1 票', 'the votes are not shown');
    assert((await item.getByTestId('pb-winner').count()) === 1, 'the winner is not marked');
    const shown = await text(item.getByTestId('pb-grant'));
    assert(shown.includes('¥200.00') && shown.includes('待拨付'), `the grant shows "${shown}"`);
    await fitsPhone(page, 'the public round page');
    await page.screenshot({ path: `${SCREENSHOTS}participatory-result-mobile.png`, fullPage: true });
  });
}

async function staffAsksOneGrid(browser) {
  const admin = await login(DEMO.admin);
  await api('POST', '/admin/regions', {
    token: admin,
    body: { name: GRID, level: 'grid', parentId: DEMO.community },
  });
  let id = '';
  await withPage(browser, { options: PHONE, shot: 'failure-participation-grid' }, async (page) => {
    await signIn(page, DEMO.staff);
    await openMenu(page, 'consultations');
    await page.getByTestId('open-form').waitFor();
    await page.getByTestId('open-title').fill(GRID_TITLE);
    await page.getByTestId('open-question').fill('一网格楼道灯改为声控灯吗？');
    await page.getByTestId('open-options').fill('改为声控灯\n保持现状');
    await pickDate(page, 'open-closes', new Date(Date.now() + 86_400_000), { time: true });
    log('the staff picks the grid with the keyboard');
    const region = page.locator('#c-region');
    await region.focus();
    await page.keyboard.press('ArrowDown'); // opens the list on the whole community
    const options = page.locator('nz-option-item');
    await options.first().waitFor();
    const labels = (await options.allTextContents()).map((l) => l.trim());
    const index = labels.indexOf(GRID);
    assert(index > 0, `the grid is not offered: ${JSON.stringify(labels)}`);
    const active = () =>
      page
        .locator('nz-option-item.ant-select-item-option-active')
        .evaluateAll((items) => items.map((item) => item.textContent.trim()));
    for (let i = 0; i <= labels.length && !(await active()).includes(GRID); i++) {
      await page.keyboard.press('ArrowDown');
      await sleep(200); // the list marks the active option on its next render
    }
    await page.keyboard.press('Enter');
    // The select shows the choice on its next render: wait for it rather than read it at once.
    const selection = page.getByTestId('open-region').locator('.ant-select-selection-item');
    const picked = await selection
      .filter({ hasText: GRID })
      .waitFor({ timeout: 5000 })
      .then(() => GRID)
      .catch(() => text(selection));
    assert(picked === GRID, `the region picked is "${picked}"`);
    await page.getByTestId('open-submit').click();
    await waitOrError(page, page.getByTestId('consultation'), 'open-error');
    await page.waitForURL(/\/consultations\/[0-9a-f-]{36}$/, { timeout: TIMEOUT });
    id = page.url().split('/').pop();
  });
  const token = await login(DEMO.resident);
  const consultation = await api('GET', `/consultations/${id}`, { token });
  assert(consultation.regionName === GRID, `the question is put to ${consultation.regionName}`);
  assert(!consultation.canVote, 'a resident of the community but of no grid may vote on a grid question');
}

await runJourney('participation', [
  ['community staff opens a consultation on a phone', staffOpens],
  ['the resident comments and votes once; repeated votes are refused', residentVotesOnce],
  ['after the period the staff closes it into a resolution with a need', staffCloses],
  ['the resident sees the result and the need traces back to it', residentSeesResult],
  ['the staff holds a council meeting with attendance and minutes', staffHoldsMeeting, { needs: null }],
  ['a participatory vote funds a small project', participatoryVoteFundsProject, { needs: null }],
  ['the staff puts a question to one grid, picked with the keyboard', staffAsksOneGrid, { needs: null }],
]);
