// End-to-end: service delivery, through the real UI against the running web app and API.
// Set-up goes through the API (it is not the point here): the demo street officer commissions the
// demo organization directly (a direct_commission tender), its admin bids with the demo worker on
// the team, the deadline job closes bidding, the demo evaluator scores, the officer awards, finance
// allocates the year's budget, the officer signs the contract and the org admin sets up the project
// with the worker as its lead. Then, in the browser: the worker logs a visit to the demo resident on
// a phone (375 × 740) — the timer, then the times by hand —, approves it as the lead, the resident
// confirms and rates it on a phone, and the project page's first milestone shows the approved hour
// and the confirmed beneficiary meeting its rule (KPIs × the cumulative share: 1 h and 1 person).
// The first milestone is then accepted and paid (through the API), and a visitor with no account
// opens the project's public page on a phone: its hours, payments and ratings; then downloads its
// OCDS record, which validates against the OCDS 1.1 schema (backend/test/fixtures/ocds), and the
// bulk download linked from the public projects, whose line for this process validates too and
// carries the payment (the stack rewrites it OCDS_BULK_DELAY_SECONDS after a release is published).
// Each run creates its own tender, contract and project, so it does not depend on earlier runs.
// Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000), CHROMIUM
// (default /usr/bin/chromium; installed with apt-get when missing).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Ajv04 from 'ajv-draft-04';
import addFormats04 from 'ajv-formats';
import {
  api,
  assert,
  attachFile,
  choose,
  directCommission,
  EICAR,
  fitsPhone,
  freeSlot,
  fromHome,
  isoDate,
  localInput,
  log,
  login,
  openMenu,
  pdfFile,
  PHONE,
  photoFile,
  pickDate,
  runJourney,
  SCREENSHOTS,
  sleep,
  text,
  waitOrError,
  WEB_URL,
  withPage,
} from './lib/journey.mjs';

// The demo data (backend/src/database/seed/demo.ts).
const DEMO = {
  organization: '00000000-0000-4000-8000-000000000501',
  street: '00000000-0000-4000-8000-000000000011',
  community: '00000000-0000-4000-8000-000000000101', // 春晖社区
  officer: 'officer@demo.sanshe.cn',
  finance: 'finance@demo.sanshe.cn',
  evaluator: 'evaluator@demo.sanshe.cn',
  orgAdmin: 'orgadmin@demo.sanshe.cn',
  worker: 'worker@demo.sanshe.cn',
  resident: 'resident@demo.sanshe.cn',
  staff: 'staff@demo.sanshe.cn',
};

const STAMP = String(Date.now());
const TITLE = `春晖社区居家探访服务 E2E${STAMP}`;
const LOCATION = `春晖社区3栋2单元 #${STAMP}`;
const PHOTO = `探访照片-${STAMP}.png`;
const COMMENT = '社工很耐心，帮忙量了血压（端到端测试）';
/** What the set-up creates, for the browser steps. */
const run = {
  projectId: '',
  tenderId: '',
  paidFen: 0,
  residentName: '',
  slot: { start: new Date(), end: new Date() },
};

async function setUpProject() {
  const [officer, orgAdmin, evaluator, finance, worker, resident] = await Promise.all(
    [DEMO.officer, DEMO.orgAdmin, DEMO.evaluator, DEMO.finance, DEMO.worker, DEMO.resident].map(login),
  );
  const residentMe = await api('GET', '/me', { token: resident });
  run.residentName = residentMe.displayName;
  const { items: members } = await api('GET', `/organizations/${DEMO.organization}/members?limit=100`, {
    token: orgAdmin,
  });
  const member = members.find((m) => m.invitedEmail === DEMO.worker && m.status === 'active');
  assert(member?.userId, `${DEMO.worker} is not an active member of the demo organization`);

  const { tender, project } = await directCommission(
    { officer, orgAdmin, evaluator, finance },
    DEMO,
    member,
    {
      title: TITLE,
      description: '为春晖社区高龄独居老人提供每周入户探访、健康监测服务（端到端测试）。',
      ceilingFen: 10_000_000,
      priceFen: 8_000_000,
      proposal: '每周入户探访两次，建立健康档案，持证社工负责，月度回访满意度。',
      milestonePlan: [
        { name: '首期', shareBp: 5000, dueInDays: 30 },
        { name: '终期', shareBp: 5000, dueInDays: 300 },
      ],
      points: 52,
      budgetReference: `E2E-DELIVERY-${STAMP}`,
    },
  );
  run.tenderId = tender.id;
  run.projectId = project.id;
  const first = project.milestones.find((m) => m.seq === 1);
  assert(
    first.minApprovedHours === 1 && first.minConfirmedBeneficiaries === 1,
    `the first milestone's rule is ${first.minApprovedHours} h and ${first.minConfirmedBeneficiaries} people, expected 1 and 1`,
  );
  run.slot = await freeSlot(worker, member.userId);
  log(
    `project ${project.id}; the visit will be logged for ${localInput(run.slot.start)}–${localInput(run.slot.end)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// The browser

/** Picks this run's project when the page offers several. */
async function pickProject(page) {
  if (await page.getByTestId('project-picker').count()) await choose(page, 'project-picker', TITLE);
}

/** The first milestone's card on the project page. */
async function firstMilestone(page) {
  const card = page.locator('[data-testid="milestone"][data-seq="1"]');
  await card.waitFor();
  return {
    card,
    hours: await text(card.getByTestId('milestone-hours')),
    beneficiaries: await text(card.getByTestId('milestone-beneficiaries')),
    satisfaction: await text(card.getByTestId('milestone-satisfaction')),
    ruleMet: await card.getAttribute('data-rule-met'),
  };
}

async function workerLogs(browser) {
  const actor = { email: DEMO.worker, options: PHONE, shot: 'failure-delivery-worker' };
  await withPage(browser, actor, async (page) => {
    log('the worker opens the service log on a phone');
    await openMenu(page, 'service-log');
    await pickProject(page);
    await waitOrError(
      page,
      page.getByTestId('service-log-project').filter({ hasText: TITLE }),
      'service-log-error',
    );

    log('the timer: start, then stop fills the times');
    await page.getByTestId('timer-start').click();
    await page.getByTestId('timer-stop').waitFor();
    await sleep(2200);
    const elapsed = await text(page.getByTestId('timer-elapsed'));
    assert(/^0:00:0[1-9]$/.test(elapsed), `the running timer shows ${elapsed}`);
    await page.getByTestId('timer-stop').click();
    await page.getByTestId('timer-start').waitFor();
    assert(
      (await page.getByTestId('record-started').locator('input').inputValue()) !== '' &&
        (await page.getByTestId('record-ended').locator('input').inputValue()) !== '',
      'stopping the timer should fill the start and end',
    );

    log(`a one-hour home visit to ${run.residentName}, the times entered by hand`);
    await choose(page, 'record-activity', '入户探访');
    const community = await text(page.getByTestId('record-community'));
    assert(
      community.includes('春晖社区'),
      `the tender's community should be preselected, shows "${community}"`,
    );
    await page.getByTestId('record-beneficiaries').click();
    await page.getByTestId('record-beneficiaries').locator('input').fill(run.residentName);
    await page.locator('nz-option-item').filter({ hasText: run.residentName }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('record-anonymous').fill('1');
    await pickDate(page, 'record-started', run.slot.start, { time: true });
    await pickDate(page, 'record-ended', run.slot.end, { time: true });
    await page.getByTestId('record-location').fill(LOCATION);
    await page.getByTestId('record-notes').fill('上门探访，测量血压，协助整理药品。');
    log('evidence: a photo of the visit is scanned clean; a PDF carrying EICAR is flagged and removed');
    await attachFile(page, photoFile(PHOTO));
    const infected = await attachFile(page, pdfFile('签到表.pdf', EICAR), 'infected');
    await infected.getByTestId('attachment-remove').click();
    await infected.waitFor({ state: 'detached' });
    await page.screenshot({ path: `${SCREENSHOTS}delivery-log-form-mobile.png`, fullPage: true });
    const logged = page.waitForResponse(
      (r) => r.url().endsWith(`/api/projects/${run.projectId}/records`) && r.request().method() === 'POST',
    );
    await page.getByTestId('record-submit').click();
    const record = await (await logged).json();
    assert(
      record.documentCount === 1 && record.photoCount === 1 && record.documents[0].fileName === PHOTO,
      `the record should carry the photo alone, has ${JSON.stringify(record.documents)}`,
    );

    // Today's list shows records that started today: a slot pushed before midnight by earlier runs does not.
    const today = isoDate(run.slot.start) === isoDate(new Date());
    if (today) {
      const item = page
        .locator('[data-testid="today-records"] li[data-status="submitted"]')
        .filter({ hasText: LOCATION });
      await waitOrError(page, item, 'record-error');
      assert((await text(item)).includes(run.residentName), "today's record should name the resident");
      await item.getByTestId('attachment-thumb').waitFor();
      assert((await text(item)).includes(PHOTO), "today's record should list its photo");
    } else {
      await waitOrError(page, page.locator('.ant-message-success'), 'record-error');
      log("(the free slot is before midnight: not in today's list)");
    }
    await fitsPhone(page, 'the service log');
    await page.screenshot({ path: `${SCREENSHOTS}delivery-logged-mobile.png`, fullPage: true });

    log('the project page before approval: nothing counts yet');
    await page.getByTestId('service-log-project-link').click();
    const before = await firstMilestone(page);
    assert(before.hours.includes('0 / 1'), `first milestone hours before approval: "${before.hours}"`);
    assert(
      before.beneficiaries.includes('0 / 1'),
      `beneficiaries before approval: "${before.beneficiaries}"`,
    );
    assert(before.ruleMet === 'false', 'the rule cannot be met yet');

    log('the worker, as the lead, approves the record');
    await fromHome(page, 'records_to_approve');
    await pickProject(page);
    const queued = page
      .locator('[data-testid="approval-list"][data-status="submitted"] li[data-record]')
      .filter({ hasText: LOCATION });
    await waitOrError(page, queued, 'approvals-error');
    await fitsPhone(page, 'the approval queue');
    await page.screenshot({ path: `${SCREENSHOTS}delivery-approvals-mobile.png`, fullPage: true });
    await queued.getByTestId('record-approve').click();
    await queued.waitFor({ state: 'detached' });

    await page.getByTestId('approvals-project-link').click();
    const approved = await firstMilestone(page);
    assert(approved.hours.includes('1 / 1'), `first milestone hours after approval: "${approved.hours}"`);
    assert(approved.beneficiaries.includes('0 / 1'), `not confirmed yet: "${approved.beneficiaries}"`);
    assert(approved.ruleMet === 'false', 'the rule needs the confirmed beneficiary too');
  });
}

async function residentConfirmsAndRates(browser) {
  const actor = { email: DEMO.resident, options: PHONE, shot: 'failure-delivery-resident' };
  await withPage(browser, actor, async (page) => {
    log('the resident confirms the visit on a phone');
    await fromHome(page, 'services_to_rate');
    const service = page.locator(`[data-testid="my-services"] li[data-project="${TITLE}"]`);
    await waitOrError(page, service, 'my-services-error');
    assert((await text(service)).includes(LOCATION), 'the service should show where it took place');
    await service.getByTestId('service-confirm').click();
    await service.locator('[data-testid="service-response"][data-response="confirmed"]').waitFor();

    log('and rates it: 5, 4, 5 stars and a comment');
    await service.getByTestId('service-rate').click();
    for (const [score, stars] of [
      ['attitude', 5],
      ['professionalism', 4],
      ['effect', 5],
    ]) {
      await service
        .getByTestId(`rate-${score}`)
        .locator('li.ant-rate-star')
        .nth(stars - 1)
        .click();
    }
    await service.getByTestId('rate-comment').fill(COMMENT);
    await fitsPhone(page, 'my services');
    await page.screenshot({ path: `${SCREENSHOTS}delivery-rate-mobile.png`, fullPage: true });
    await service.getByTestId('rate-submit').click();
    const given = service.getByTestId('my-rating');
    await waitOrError(page, given, 'rate-error');
    assert((await text(given)).includes(COMMENT), 'my rating should show my comment');
    assert((await service.getByTestId('rating-edit').count()) === 1, 'a fresh rating can be changed');
    await page.screenshot({ path: `${SCREENSHOTS}delivery-rated-mobile.png`, fullPage: true });
  });

  log('on another device (nothing stored there) the service shows the rating given, and no second one');
  const desktop = { ...actor, options: { viewport: { width: 1280, height: 900 } } };
  await withPage(browser, desktop, async (page) => {
    await openMenu(page, 'my-services');
    const service = page.locator(`[data-testid="my-services"] li[data-project="${TITLE}"]`);
    await waitOrError(page, service, 'my-services-error');
    assert((await text(service.getByTestId('my-rating'))).includes(COMMENT), 'my rating, on any device');
    assert(
      (await service.getByTestId('service-rate').count()) === 0,
      'a rated service offers no second rating',
    );
  });
}

async function progressMoves(browser) {
  const actor = {
    email: DEMO.orgAdmin,
    options: { viewport: { width: 1280, height: 900 } },
    shot: 'failure-delivery-project',
  };
  await withPage(browser, actor, async (page) => {
    log("the org admin opens the project: the first milestone's rule is met");
    await openMenu(page, 'projects');
    await page
      .locator(`[data-testid="project-list"] li[data-project="${TITLE}"]`)
      .getByTestId('project-link')
      .click();
    await waitOrError(page, page.getByTestId('project-title').filter({ hasText: TITLE }), 'project-error');
    const after = await firstMilestone(page);
    assert(after.hours.includes('1 / 1'), `first milestone hours: "${after.hours}"`);
    assert(
      after.beneficiaries.includes('1 / 1'),
      `first milestone confirmed beneficiaries: "${after.beneficiaries}"`,
    );
    assert(after.satisfaction.includes('4.67 / 5'), `satisfaction (5 + 4 + 5) / 3: "${after.satisfaction}"`);
    assert(
      after.ruleMet === 'true',
      'the first milestone rule should be met: 1 h approved, 1 resident confirmed',
    );
    const team = await text(page.getByTestId('project-team'));
    assert(team.includes('负责人'), `the team should show its lead: "${team}"`);
    await page.screenshot({ path: `${SCREENSHOTS}delivery-project.png`, fullPage: true });
  });
}

/** The first milestone accepted by the community, approved by finance and paid by the treasury. */
async function firstMilestonePaid() {
  const [orgAdmin, staff, finance] = await Promise.all([DEMO.orgAdmin, DEMO.staff, DEMO.finance].map(login));
  const project = await api('GET', `/projects/${run.projectId}`, { token: orgAdmin });
  const first = project.milestones.find((m) => m.seq === 1);
  const requested = await api('POST', '/disbursements', {
    token: orgAdmin,
    body: {
      milestoneId: first.milestoneId,
      method: 'treasury',
      deliverables: '首期服务台账与回访记录（端到端测试）',
    },
  });
  await api('POST', `/disbursements/${requested.id}/accept`, {
    token: staff,
    body: { quality: 5, timeliness: 4, cooperation: 5, comment: '按期完成（端到端测试）' },
  });
  await api('POST', `/disbursements/${requested.id}/finance-approval`, { token: finance });
  const paid = await api('POST', `/disbursements/${requested.id}/payment`, {
    token: finance,
    body: { voucher: `GK${STAMP}` },
  });
  assert(paid.status === 'paid', `the payment is ${paid.status}`);
  run.paidFen = paid.amountFen;
  log(`paid ¥${paid.amountFen / 100} for the first milestone`);
}

/** Validators of OCDS 1.1.5 releases and release packages, from the schema the backend's tests keep. */
function ocdsValidators() {
  const load = (name) =>
    JSON.parse(readFileSync(new URL(`../../backend/test/fixtures/ocds/${name}`, import.meta.url), 'utf8'));
  const ajv = new Ajv04.default({ allErrors: true, strict: false });
  addFormats04.default(ajv);
  const schema = load('release-schema.json');
  ajv.addSchema(schema);
  return {
    release: ajv.getSchema(schema.id),
    releasePackage: ajv.compile(load('release-package-schema.json')),
  };
}

async function visitorSeesTheRecord(browser) {
  const actor = { options: PHONE, shot: 'failure-delivery-public' };
  await withPage(browser, actor, async (page) => {
    log('a visitor with no account opens the public projects on a phone');
    await page.goto(WEB_URL);
    await openMenu(page, 'public-projects');
    await page.getByTestId('public-projects-search').fill(`E2E${STAMP}`);
    // The unfiltered first page may already show the card: click it only once the search is in
    // the URL (the list is then made anew for it), not while it is replaced under the pointer.
    await page.waitForURL((url) => url.searchParams.get('q') === `E2E${STAMP}`);
    const card = page.getByTestId(`public-project-${run.projectId}`);
    await waitOrError(page, card, 'public-projects-error');
    await card.click();
    await waitOrError(
      page,
      page.getByTestId('public-project-title').filter({ hasText: TITLE }),
      'public-project-missing',
    );

    const hours = await text(page.getByTestId('public-project-hours'));
    assert(hours.includes('1 小时 · 1 次服务'), `approved hours by month: "${hours}"`);
    const beneficiaries = await text(page.getByTestId('public-project-beneficiaries'));
    assert(beneficiaries.includes('1 位居民确认受益'), `confirmed beneficiaries: "${beneficiaries}"`);
    const paid = await text(page.getByTestId('public-project-paid'));
    const yuan = (run.paidFen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 });
    assert(paid === `¥${yuan}`, `paid "${paid}", expected ¥${yuan}`);
    const average = await text(page.getByTestId('public-project-rating-average'));
    assert(average === '平均 4.67 分（1 条评价）', `ratings: "${average}"`);
    const all = await text(page.getByTestId('public-project'));
    assert(!all.includes(run.residentName) && !all.includes(LOCATION), "no resident's name or address");
    await fitsPhone(page, 'the public project page');
    await page.screenshot({ path: `${SCREENSHOTS}public-project-mobile.png`, fullPage: true });

    log('and downloads its OCDS record, which validates');
    const href = await page.getByTestId('public-project-ocds').getAttribute('href');
    const res = await page.request.get(`${WEB_URL}${href}`);
    assert(res.ok(), `GET ${href} answered ${res.status()}`);
    const pkg = await res.json();
    const [record] = pkg.records;
    assert(record.ocid === `ocds-sanshe-${run.tenderId}`, `the record is ${record.ocid}`);
    const validate = ocdsValidators().release;
    for (const release of [...record.releases, record.compiledRelease]) {
      assert(
        validate(release),
        `release ${release.id} is not valid OCDS: ${JSON.stringify(validate.errors)}`,
      );
    }
    const transactions = record.compiledRelease.contracts[0].implementation?.transactions ?? [];
    assert(
      transactions.some((t) => t.value.amount * 100 === run.paidFen),
      'the payment should be an implementation transaction',
    );

    log('and the bulk download of every process, linked from the public projects');
    await openMenu(page, 'public-projects');
    const bulkHref = await page.getByTestId('public-projects-ocds-bulk').getAttribute('href');
    // Reading the record published the payment's release; the rewrite it asked for follows shortly.
    const { releasePackage } = ocdsValidators();
    const until = Date.now() + 60_000;
    let line;
    while (!line) {
      const bulk = await page.request.get(`${WEB_URL}${bulkHref}`);
      if (bulk.ok()) {
        assert(bulk.headers()['content-type'] === 'application/gzip', 'the bulk file is gzip');
        const packages = gunzipSync(await bulk.body())
          .toString('utf8')
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l));
        for (const p of packages)
          assert(
            releasePackage(p),
            `a bulk line is not valid OCDS: ${JSON.stringify(releasePackage.errors)}`,
          );
        line = packages.find((p) =>
          p.releases.some(
            (r) =>
              r.ocid === record.ocid &&
              r.contracts?.[0]?.implementation?.transactions?.some(
                (t) => t.value.amount * 100 === run.paidFen,
              ),
          ),
        );
      } else assert(bulk.status() === 503, `GET ${bulkHref} answered ${bulk.status()}`);
      if (!line) {
        assert(Date.now() < until, 'the bulk download should carry the payment within a minute');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    assert(
      line.releases.map((r) => r.id).join() === record.releases.map((r) => r.id).join(),
      'the bulk line should hold every release of the record',
    );
  });
}

// Each step needs the one before: after a failure the rest are counted as failed, not run.
await runJourney('delivery', [
  ['set up a contract and its project through the API', () => setUpProject()],
  ['worker logs a visit on a phone and approves it as the lead', workerLogs],
  ['resident confirms and rates it', residentConfirmsAndRates],
  ["the first milestone's progress moves", progressMoves],
  ['the first milestone is accepted and paid through the API', () => firstMilestonePaid()],
  ['a visitor sees the public record and downloads its OCDS record', visitorSeesTheRecord],
]);
