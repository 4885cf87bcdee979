// End-to-end: residents decide (docs/participation.md), through the real UI against the running web
// app and API, on a phone (375 × 740). The community staff opens a secret-ballot consultation for
// 春晖社区 that closes in a minute; the demo resident reads it, comments, and votes once (a burst of
// repeated votes through the API is refused by the database, 409 vote.already_cast); the counts stay
// hidden while it is open. Once the period is over the staff closes it into a resolution that puts a
// need on the needs list; the resident sees the result and the need, and the need names the
// consultation it came from. The staff also schedules a council meeting (议事会) and records its
// attendance and minutes. Last, a platform admin adds a grid (网格) to 春晖社区 and the staff puts a
// question to that grid alone, picking it with the keyboard; the resident, who lives in the
// community but in no known grid, may read it and not vote. Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000), CHROMIUM
// (default /usr/bin/chromium; installed with apt-get when missing).
import {
  PHONE,
  api,
  assert,
  choose,
  fitsPhone,
  localInput,
  log,
  login,
  openMenu,
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
  admin: 'admin@demo.sanshe.cn',
};

const STAMP = String(Date.now());
const TITLE = `南门空地怎么用 E2E${STAMP}`;
const NEED_TITLE = `南门空地改建停车位 E2E${STAMP}`;
const MEETING = `居民议事会 E2E${STAMP}`;
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
    await page.getByTestId('open-closes').fill(localInput(run.closesAt, { seconds: true }));
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
    await page
      .getByTestId('meeting-starts')
      .fill(localInput(new Date(Date.now() + 86_400_000), { seconds: true }));
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
    await page
      .getByTestId('open-closes')
      .fill(localInput(new Date(Date.now() + 86_400_000), { seconds: true }));
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
    const picked = await text(page.getByTestId('open-region').locator('.ant-select-selection-item'));
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
  ['the staff puts a question to one grid, picked with the keyboard', staffAsksOneGrid, { needs: null }],
]);
