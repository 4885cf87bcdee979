// End-to-end: data exports (数据导出), through the real UI against the running web app, the API and the
// workers (the 'export.build' job). The demo street finance officer opens Exports from the menu,
// requests a CSV of her street's disbursements, watches its progress reach done and downloads it
// (through the API client with her token, saved by the browser): the file starts with the UTF-8 BOM and
// the Chinese header, and holds as many rows as the page and the API report. Then an XLSX of scores,
// built and downloaded. Then the demo org admin, on a phone (375 × 740), sees none of her exports (nor
// can he reach them through the API) and exports his organization's service records, which hold the
// demo visit. Exporting is read-only: the only rows this journey adds are its own export jobs, so it
// changes nothing the other journeys rely on and runs again and again. Prints `N passed, N failed` last.
//
// Env: WEB_URL (default http://127.0.0.1:4200), API_URL (default http://127.0.0.1:3000), CHROMIUM
// (default /usr/bin/chromium; installed with apt-get when missing).
import { readFileSync } from 'node:fs';
import {
  API_URL,
  api,
  assert,
  choose,
  fitsPhone,
  log,
  login,
  openMenu,
  PHONE as PHONE_CONTEXT,
  runJourney,
  SCREENSHOTS,
  sleep,
  text,
  waitOrError,
  withPage,
} from './lib/journey.mjs';

/** How long an export may take from request to done (the page polls every 1.5 s). */
const BUILD_TIMEOUT = 60_000;
const DESKTOP = { viewport: { width: 1280, height: 900 }, acceptDownloads: true };
const PHONE = { ...PHONE_CONTEXT, acceptDownloads: true };

// The demo data (backend/src/database/seed/demo.ts).
const DEMO = {
  organization: '00000000-0000-4000-8000-000000000501',
  organizationName: '阳光居家养老服务中心',
  street: '00000000-0000-4000-8000-000000000011',
  streetName: '阳光街道',
  /** Where the seeded, approved demo visit took place. */
  visitLocation: '春晖社区5栋1单元',
  finance: 'finance@demo.sanshe.cn',
  orgAdmin: 'orgadmin@demo.sanshe.cn',
};

const BOM = '\uFEFF';
// The zh-CN headers (backend/src/modules/exports/export-datasets.ts): Chinese, English in parentheses.
const DISBURSEMENT_HEADER = [
  '拨付编号 (Disbursement ID)',
  '合同 (Contract)',
  '里程碑 (Milestone)',
  '社会组织 (Organization)',
  '街道 (Street)',
  '金额（元） (Amount (yuan))',
  '币种 (Currency)',
  '状态 (Status)',
  '支付方式 (Payout method)',
  '凭证号 (Voucher)',
  '支付参考号 (Provider reference)',
  '退回原因 (Rejection reason)',
  '申请时间 (Requested at (Asia/Shanghai))',
  '更新时间 (Updated at (Asia/Shanghai))',
].join(',');
const SERVICE_RECORD_HEADER = [
  '记录编号 (Record ID)',
  '项目 (Project)',
  '社会组织 (Organization)',
  '社工 (Social worker)',
  '服务类型 (Activity type)',
  '社区 (Community)',
  '开始时间 (Start (Asia/Shanghai))',
  '结束时间 (End (Asia/Shanghai))',
  '时长（小时） (Hours)',
  '受益居民数 (Listed beneficiaries)',
  '匿名服务人数 (Anonymous count)',
  '地点 (Location)',
  '备注 (Notes)',
  '状态 (Status)',
  '审核意见 (Decision reason)',
  '提交时间 (Submitted at (Asia/Shanghai))',
].join(',');

/** What the finance officer's steps create, for the org admin's. */
const run = { financeExports: [] };

// ---------------------------------------------------------------------------------------------
// The API, to check what the page shows against it

/** The HTTP status of a request, for the ones expected to be refused. */
async function statusOf(path, token) {
  const res = await fetch(`${API_URL}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

// ---------------------------------------------------------------------------------------------
// Files

/** RFC 4180: rows of fields; quoted fields may hold commas, quotes and line breaks. */
function parseCsv(content) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quoted) {
      if (c === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && content[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  assert(!quoted, 'the CSV ends inside a quoted field');
  assert(field === '' && row.length === 0, 'the CSV does not end with CRLF');
  return rows;
}

/** Clicks the export's download button and waits for the browser's download: the file's name and bytes. */
async function download(page, item) {
  const saved = page.waitForEvent('download');
  await item.getByTestId('export-download').click();
  const file = await saved;
  const path = await file.path();
  const failure = await file.failure();
  assert(!failure && path, `the download failed: ${failure}`);
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/**
 * Checks a downloaded CSV against the export: the BOM and the header first, then as many data rows as
 * the page says ("共 N 行") and the API says (rowCount). Returns the data rows as objects by header.
 */
function checkCsv(bytes, header, { shown, job }) {
  assert(
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
    `the CSV should start with the UTF-8 BOM, starts with ${bytes.subarray(0, 3).toString('hex')}`,
  );
  const content = bytes.toString('utf8');
  const firstLine = content.slice(0, content.indexOf('\r\n'));
  assert(firstLine === BOM + header, `the first line is "${firstLine}", expected "${header}" after the BOM`);
  const [head, ...rows] = parseCsv(content.slice(BOM.length));
  assert(
    rows.length === shown && rows.length === job.rowCount,
    `the CSV holds ${rows.length} rows; the page shows ${shown}, the API says ${job.rowCount}`,
  );
  for (const [i, r] of rows.entries())
    assert(r.length === head.length, `row ${i + 1} has ${r.length} fields, the header ${head.length}`);
  assert(bytes.length === job.fileSize, `${bytes.length} bytes downloaded, the API says ${job.fileSize}`);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

// ---------------------------------------------------------------------------------------------
// The browser

/** Waits for the exports page (form and list) to be ready. */
async function exportsPage(page) {
  await page.getByTestId('export-form').waitFor();
  // The list is rendered once the card stops loading (it may be empty, so not "visible").
  await page.getByTestId('exports-list').waitFor({ state: 'attached' });
  const error = page.getByTestId('exports-error');
  if (await error.count()) throw new Error(`exports-error: ${await text(error)}`);
}

/**
 * Fills the form and submits it; returns the export as the API created it and its item in the list,
 * which shows it waiting with a progress bar before the polling brings it to done.
 */
async function requestExport(page, { dataset, format }) {
  await choose(page, 'export-dataset', dataset);
  await choose(page, 'export-format', format);
  const created = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/exports',
  );
  await page.getByTestId('export-submit').click();
  const response = await created;
  const job = await response.json();
  assert(response.ok(), `POST /api/exports answered ${response.status()}: ${JSON.stringify(job)}`);
  const item = page.locator(`[data-testid="exports-list"] li[data-export="${job.id}"]`);
  await waitOrError(page, item, 'export-form-error');
  return { job, item };
}

/** Follows the item's progress until done (failing fast on failed); returns the row count it shows. */
async function waitForDone(item, what) {
  const status = await item.getAttribute('data-status');
  assert(
    status === 'queued' || status === 'running',
    `a fresh ${what} export should be waiting, shows ${status}`,
  );
  assert((await item.getByTestId('export-progress').count()) === 1, 'a waiting export shows its progress');
  const deadline = Date.now() + BUILD_TIMEOUT;
  let seen = status;
  for (;;) {
    const now = await item.getAttribute('data-status');
    if (now !== seen) {
      log(`  ${what}: ${now}`);
      seen = now;
    }
    if (now === 'done') break;
    if (now === 'failed') throw new Error(`the ${what} export failed: ${await text(item)}`);
    assert(Date.now() < deadline, `the ${what} export was still ${now} after ${BUILD_TIMEOUT / 1000} s`);
    await sleep(250);
  }
  assert(
    (await item.getByTestId('export-progress').count()) === 0,
    'a finished export shows no progress bar',
  );
  const rows = /共 (\d+) 行/.exec(await text(item));
  assert(rows, `a finished export should show its row count: "${await text(item)}"`);
  return Number(rows[1]);
}

async function financeExportsDisbursements(browser) {
  const token = await login(DEMO.finance);
  const actor = { email: DEMO.finance, options: DESKTOP, shot: 'failure-exports-finance-csv' };
  await withPage(browser, actor, async (page) => {
    log('the finance officer opens Exports from the menu');
    await openMenu(page, 'exports');
    await page.waitForURL(/\/exports$/);
    await exportsPage(page);
    const scope = await text(page.getByTestId('export-scope'));
    assert(scope.includes(DEMO.streetName), `the scope should be her street, shows "${scope}"`);

    log("she requests a CSV of her street's disbursements");
    const { job, item } = await requestExport(page, { dataset: '拨付记录', format: 'CSV' });
    run.financeExports.push(job.id);
    assert(
      job.streetId === DEMO.street && job.dataset === 'disbursements' && job.format === 'csv',
      `the request went out as ${job.dataset}/${job.format} of ${job.streetId}`,
    );
    assert((await text(item)).includes(DEMO.streetName), 'the export should name the street');
    const shown = await waitForDone(item, 'disbursements CSV');
    await page.screenshot({ path: `${SCREENSHOTS}exports-done.png`, fullPage: true });

    log(`done with ${shown} rows: she downloads it`);
    const done = await api('GET', `/exports/${job.id}`, { token });
    assert(done.status === 'done' && done.downloadable, `the API says ${done.status}`);
    const file = await download(page, item);
    assert(file.name === done.fileName, `the file is saved as "${file.name}", expected "${done.fileName}"`);
    assert(
      /^拨付记录-阳光街道-\d{4}-\d{2}-\d{2}\.csv$/.test(file.name),
      `the file name "${file.name}" should say what, whose and when`,
    );
    const rows = checkCsv(file.bytes, DISBURSEMENT_HEADER, { shown, job: done });
    for (const r of rows)
      assert(
        r['街道 (Street)'] === DEMO.streetName,
        `a disbursement of another street: ${r['拨付编号 (Disbursement ID)']}`,
      );
    log(`the file: BOM, the Chinese header and ${rows.length} rows, as the page and the API say`);
  });
}

async function financeExportsScores(browser) {
  const token = await login(DEMO.finance);
  const actor = { email: DEMO.finance, options: DESKTOP, shot: 'failure-exports-finance-xlsx' };
  await withPage(browser, actor, async (page) => {
    log('the finance officer requests an XLSX of scores');
    await openMenu(page, 'exports');
    await exportsPage(page);
    const earlier = page.locator(`[data-testid="exports-list"] li[data-export="${run.financeExports[0]}"]`);
    assert(
      (await earlier.getAttribute('data-status')) === 'done',
      'her earlier CSV should be listed as done',
    );
    const { job, item } = await requestExport(page, { dataset: '绩效评分', format: 'XLSX' });
    run.financeExports.push(job.id);
    const shown = await waitForDone(item, 'scores XLSX');
    const done = await api('GET', `/exports/${job.id}`, { token });
    assert(done.rowCount === shown, `the page shows ${shown} rows, the API says ${done.rowCount}`);
    assert(shown > 0, 'the demo organization holds a contract of the street and has seeded scores');

    log(`done with ${shown} rows: she downloads the workbook`);
    const file = await download(page, item);
    assert(file.name === done.fileName, `the file is saved as "${file.name}", expected "${done.fileName}"`);
    assert(file.name.endsWith('.xlsx'), `the workbook is saved as "${file.name}"`);
    assert(
      file.bytes.subarray(0, 4).toString('hex') === '504b0304',
      'an XLSX is a zip: the file should start with PK',
    );
    assert(
      file.bytes.length === done.fileSize,
      `${file.bytes.length} bytes downloaded, the API says ${done.fileSize}`,
    );
    await page.screenshot({ path: `${SCREENSHOTS}exports-finance.png`, fullPage: true });
  });
}

async function orgAdminOnAPhone(browser) {
  const token = await login(DEMO.orgAdmin);
  const actor = { email: DEMO.orgAdmin, options: PHONE, shot: 'failure-exports-org' };
  await withPage(browser, actor, async (page) => {
    log("the org admin, on a phone, cannot reach the finance officer's exports");
    for (const id of run.financeExports) {
      assert((await statusOf(`/exports/${id}`, token)) === 404, `GET /exports/${id} should be 404`);
      assert((await statusOf(`/exports/${id}/file`, token)) === 404, `GET /exports/${id}/file should be 404`);
    }
    const listed = await api('GET', '/exports?limit=100', { token });
    assert(
      listed.items.every((e) => e.organizationId === DEMO.organization && e.streetId === null),
      "the org admin's list should hold only his organization's exports",
    );

    await openMenu(page, 'exports');
    await exportsPage(page);
    const items = page.locator('[data-testid="exports-list"] li[data-export]');
    for (const id of run.financeExports)
      assert(
        (await page.locator(`[data-testid="exports-list"] li[data-export="${id}"]`).count()) === 0,
        `the finance officer's export ${id} is listed to the org admin`,
      );
    const before = await items.count();
    if (before === 0) await page.getByTestId('exports-empty').waitFor();
    for (let i = 0; i < before; i++) {
      const shown = await text(items.nth(i));
      assert(
        shown.includes(DEMO.organizationName) && !shown.includes(DEMO.streetName),
        `the org admin's list shows "${shown}"`,
      );
    }
    const scope = await text(page.getByTestId('export-scope'));
    assert(scope.includes(DEMO.organizationName), `the scope should be his organization, shows "${scope}"`);
    await fitsPhone(page, 'the exports page');

    log("he exports his organization's service records as CSV");
    const { job, item } = await requestExport(page, { dataset: '服务记录', format: 'CSV' });
    assert(
      job.organizationId === DEMO.organization && job.dataset === 'service_records',
      `the request went out as ${job.dataset} of ${job.organizationId ?? job.streetId}`,
    );
    const shown = await waitForDone(item, 'service records CSV');
    await fitsPhone(page, 'the exports page with a finished export');
    await page.screenshot({ path: `${SCREENSHOTS}exports-org-mobile.png`, fullPage: true });

    const done = await api('GET', `/exports/${job.id}`, { token });
    const file = await download(page, item);
    assert(file.name === done.fileName, `the file is saved as "${file.name}", expected "${done.fileName}"`);
    const rows = checkCsv(file.bytes, SERVICE_RECORD_HEADER, { shown, job: done });
    assert(rows.length > 0, 'the demo organization has at least the seeded visit');
    for (const r of rows)
      assert(
        r['社会组织 (Organization)'] === DEMO.organizationName,
        `a record of another organization: ${r['记录编号 (Record ID)']}`,
      );
    const visit = rows.find((r) => r['地点 (Location)'] === DEMO.visitLocation);
    assert(visit, `the seeded visit at ${DEMO.visitLocation} should be in the file`);
    assert(
      visit['服务类型 (Activity type)'] === '入户探访' && visit['状态 (Status)'] === '已通过',
      `the visit reads as ${visit['服务类型 (Activity type)']} / ${visit['状态 (Status)']}`,
    );
    log(`the file: ${rows.length} records of his organization, the demo visit among them`);
  });
}

// Each step needs the one before: after a failure the rest are counted as failed, not run.
await runJourney('exports', [
  ["finance exports her street's disbursements as CSV and downloads it", financeExportsDisbursements],
  ['finance exports scores as XLSX', financeExportsScores],
  ['the org admin, on a phone, sees none of hers and exports his service records', orgAdminOnAPhone],
]);
