import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import type { Role } from '../src/common/auth/roles.js';
import { ExportBuilder } from '../src/modules/exports/export-builder.js';
import { ExportsService, MAX_UNFINISHED_EXPORTS } from '../src/modules/exports/exports.service.js';
import { verifiedOrganization } from './support/fixtures.js';
import { Api, idsOfEveryPage, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

const STORAGE_DIR = `/tmp/sanshe-test-exports-${process.pid}`;
const RECORDS = 1203;
const STREET = DEMO.streets[0];

let env: Env;
let db: DataSource;
let api: Api;
let builder: ExportBuilder;
const tokens: Record<string, string> = {};
let otherOrg: string;
let contract: string;
let project: string;

/** A user of the demo password holding the given memberships. */
async function userWith(
  email: string,
  memberships: [Role, { regionId?: string; organizationId?: string }][],
) {
  const [{ id }] = await db.query(
    `INSERT INTO users (email, display_name, password_hash) SELECT $1, $1, password_hash FROM users WHERE email = 'officer@demo.sanshe.cn' RETURNING id`,
    [email],
  );
  for (const [role, scope] of memberships)
    await db.query(
      `INSERT INTO role_memberships (user_id, role, region_id, organization_id) VALUES ($1, $2, $3, $4)`,
      [id, role, scope.regionId ?? null, scope.organizationId ?? null],
    );
  return id as string;
}

/** The file through the API, as bytes (Response.text() would swallow the BOM). */
async function download(id: string, token: string) {
  const res = await fetch(`${api.baseUrl.replace('[::1]', '127.0.0.1')}/api/exports/${id}/file`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const request = (token: string, body: Record<string, unknown>) =>
  api.request('POST', '/api/exports', { token, body });

/** Shanghai wall-clock text of an instant, computed independently of the code under test. */
const shanghai = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);

beforeAll(async () => {
  env = useTestEnv({ STORAGE_DIR });
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  builder = api.app.get(ExportBuilder);

  const [{ worker, officer }] = await db.query(
    `SELECT (SELECT id FROM users WHERE email = 'worker@demo.sanshe.cn') AS worker,
            (SELECT id FROM users WHERE email = 'officer@demo.sanshe.cn') AS officer`,
  );
  // The demo organization's contract with street 0, with many records (several cursor batches).
  [{ id: contract }] = await db.query(
    `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
     VALUES ($1, $2, '导出测试合同', 30000000, '2024-01-01', '2024-12-31', '{"serviceHours": 100, "beneficiaries": 5, "minSatisfaction": 4}', $3) RETURNING id`,
    [DEMO.organization, STREET, officer],
  );
  [{ id: project }] = await db.query(
    `INSERT INTO projects (contract_id, organization_id, title, lead_user_id) VALUES ($1, $2, '导出测试项目', $3) RETURNING id`,
    [contract, DEMO.organization, worker],
  );
  // One hour every two hours from 2024-01-01 00:00 Shanghai time (2023-12-31 16:00 UTC).
  await db.query(
    `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, anonymous_count, location, notes, status)
     SELECT $1, $2, 'home_visit', $3, timestamptz '2023-12-31 16:00Z' + make_interval(hours => 2 * n),
            timestamptz '2023-12-31 16:00Z' + make_interval(hours => 2 * n) + interval '90 minutes', n % 3,
            '春晖社区' || n || '栋', '第' || n || '次上门', 'approved'
       FROM generate_series(0, $4::int - 1) n`,
    [project, worker, DEMO.communities[0], RECORDS],
  );
  // Text that needs quoting, and text that would run as a formula in a spreadsheet.
  await db.query(
    `UPDATE service_records SET notes = '=HYPERLINK("http://evil.example","点我")', location = 'A栋, 3"单元"'
      WHERE project_id = $1 AND started_at = timestamptz '2023-12-31 16:00Z'`,
    [project],
  );
  await db.query(
    `UPDATE service_records SET notes = E'第一行\\n第二行', location = '@SUM(A1)'
      WHERE project_id = $1 AND started_at = timestamptz '2023-12-31 18:00Z'`,
    [project],
  );

  // Another organization of the other street, whose rows no street-0 or demo-organization export may show.
  otherOrg = (await verifiedOrganization(db, '和平社工服务社', { streetId: DEMO.streets[1] })).id;
  const [{ id: otherContract }] = await db.query(
    `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
     VALUES ($1, $2, '和平街道合同', 1000000, '2024-01-01', '2024-12-31', '{"serviceHours": 10, "beneficiaries": 1, "minSatisfaction": 4}', $3) RETURNING id`,
    [otherOrg, DEMO.streets[1], officer],
  );
  const [{ id: otherProject }] = await db.query(
    `INSERT INTO projects (contract_id, organization_id, title, lead_user_id) VALUES ($1, $2, '和平项目', $3) RETURNING id`,
    [otherContract, otherOrg, worker],
  );
  await db.query(
    `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, status)
     VALUES ($1, $2, 'casework', $3, timestamptz '2023-06-01 02:00Z', timestamptz '2023-06-01 03:00Z', 'approved')`,
    [otherProject, worker, DEMO.communities[3]],
  );

  // Disbursements of three milestones: amounts with fen, under a yuan, and large.
  const amounts = [1_234_567, 5, 100_000_000];
  for (const [i, amount] of amounts.entries()) {
    const [{ id: milestone }] = await db.query(
      `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, $2, $3, 3333, $4, '2024-06-30') RETURNING id`,
      [contract, i + 1, `第${i + 1}期`, amount],
    );
    await db.query(
      `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, requested_by, deliverables, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, '', timestamptz '2024-03-01 17:30Z' + make_interval(days => $7))`,
      [milestone, contract, DEMO.organization, STREET, amount, worker, i],
    );
  }
  const [{ id: otherMilestone }] = await db.query(
    `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, 1, '首期', 10000, 1000000, '2024-06-30') RETURNING id`,
    [otherContract],
  );
  await db.query(
    `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, requested_by) VALUES ($1, $2, $3, $4, 1000000, $5)`,
    [otherMilestone, otherContract, otherOrg, DEMO.streets[1], worker],
  );

  // Score snapshots of both organizations over two periods.
  for (const [org, period, score, tier] of [
    [DEMO.organization, '2024-05-31', '62.77', 'C'],
    [DEMO.organization, '2024-06-30', '71.50', 'B'],
    [otherOrg, '2024-06-30', '88.00', 'A'],
  ])
    await db.query(
      `INSERT INTO score_snapshots (organization_id, period_end, formula_version, score, tier, indicators, inputs)
       VALUES ($1, $2, 'v1', $3, $4, '{"delivery": 65, "satisfaction": 77.08, "compliance": 75, "capacity": 50, "reach": 35}', '{}')`,
      [org, period, score, tier],
    );

  await userWith('officer-far@example.cn', [['street_officer', { regionId: DEMO.streets[1] }]]);
  await userWith('limit@example.cn', [['street_officer', { regionId: STREET }]]);
  for (const email of [
    'officer@demo.sanshe.cn',
    'finance@demo.sanshe.cn',
    'director@demo.sanshe.cn',
    'orgadmin@demo.sanshe.cn',
    'staff@demo.sanshe.cn',
    'worker@demo.sanshe.cn',
    'officer-far@example.cn',
    'limit@example.cn',
  ])
    tokens[email.split('@')[0]] = await tokenFor(api, email);
});

afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
  await rm(STORAGE_DIR, { recursive: true, force: true });
});

describe('requesting an export: role and scope', () => {
  it.each([
    ['an org admin asking for a street', 'orgadmin', { streetId: STREET }],
    ['a street officer asking for an organization', 'officer', { organizationId: DEMO.organization }],
    ["another street's officer", 'officer-far', { streetId: STREET }],
    ["an org admin asking for another organization's", 'orgadmin', { organizationId: '' }],
  ])('refuses %s (403 auth.out_of_scope)', async (_, who, scope) => {
    const body = { dataset: 'service_records', format: 'csv', ...scope };
    if ('organizationId' in body && !body.organizationId) body.organizationId = otherOrg;
    const res = await request(tokens[who], body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.out_of_scope');
  });

  it.each([
    ['community staff', 'staff'],
    ['a social worker', 'worker'],
  ])('refuses %s, who holds no export role (403 auth.forbidden)', async (_, who) => {
    const res = await request(tokens[who], { dataset: 'service_records', format: 'csv', streetId: STREET });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.forbidden');
  });

  it('refuses an anonymous caller (401)', async () => {
    const res = await api.request('POST', '/api/exports', {
      body: { dataset: 'scores', format: 'csv', streetId: STREET },
    });
    expect(res.status).toBe(401);
  });

  it.each([
    ['an unknown dataset', { dataset: 'users', format: 'csv', streetId: STREET }],
    ['an unknown format', { dataset: 'scores', format: 'pdf', streetId: STREET }],
    ['no scope', { dataset: 'scores', format: 'csv' }],
    ['two scopes', { dataset: 'scores', format: 'csv', streetId: STREET, organizationId: DEMO.organization }],
    [
      'a range ending before it starts',
      { dataset: 'scores', format: 'csv', streetId: STREET, from: '2024-02-01', to: '2024-01-31' },
    ],
    ['an impossible date', { dataset: 'scores', format: 'csv', streetId: STREET, from: '2024-02-30' }],
    [
      'a date with a time',
      { dataset: 'scores', format: 'csv', streetId: STREET, from: '2024-02-01T00:00:00Z' },
    ],
    ['a community instead of a street', { dataset: 'scores', format: 'csv', streetId: DEMO.communities[0] }],
    ['an unknown field', { dataset: 'scores', format: 'csv', streetId: STREET, status: 'done' }],
  ])('refuses %s (400 validation.failed)', async (_, body) => {
    const res = await request(tokens.officer, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
  });

  it('queues an export for each street role of its street, and for the org admin of their organization', async () => {
    for (const [who, scope] of [
      ['officer', { streetId: STREET }],
      ['finance', { streetId: STREET }],
      ['director', { streetId: STREET }],
      ['orgadmin', { organizationId: DEMO.organization }],
    ] as const) {
      const res = await request(tokens[who], { dataset: 'disbursements', format: 'xlsx', ...scope });
      // Started, not done: 202 with the export's status at Location.
      expect(res.status).toBe(202);
      expect(res.headers.get('location')).toBe(`/api/exports/${res.body.id}`);
      expect(res.body).toMatchObject({ status: 'queued', progress: 0, rowCount: null, downloadable: false });
    }
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'export.requested' AND entity_type = 'export'`,
    );
    expect(n).toBe(4);
  });

  it(`refuses a ${MAX_UNFINISHED_EXPORTS + 1}th unfinished export of one person (409)`, async () => {
    for (let i = 0; i < MAX_UNFINISHED_EXPORTS; i++)
      expect(
        (await request(tokens.limit, { dataset: 'scores', format: 'csv', streetId: STREET })).status,
      ).toBe(202);
    const res = await request(tokens.limit, { dataset: 'scores', format: 'csv', streetId: STREET });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('state.conflict');
  });
});

describe('building and downloading an export', () => {
  it('streams a CSV of the street’s service records that matches the database, with progress', async () => {
    const res = await request(tokens.officer, {
      dataset: 'service_records',
      format: 'csv',
      streetId: STREET,
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(res.status).toBe(202);
    const id: string = res.body.id;

    // Not ready: 409, and nobody but the requester sees it at all.
    expect((await download(id, tokens.officer)).status).toBe(409);
    expect((await api.request('GET', `/api/exports/${id}`, { token: tokens.finance })).status).toBe(404);
    expect((await download(id, tokens.finance)).status).toBe(404);

    // Every progress value written, in order, by a trigger of this suite's own schema.
    await db.query(`CREATE TABLE progress_log (seq serial, export_id uuid, progress int)`);
    await db.query(
      `CREATE FUNCTION log_progress() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO progress_log (export_id, progress) VALUES (NEW.id, NEW.progress); RETURN NEW; END $$`,
    );
    await db.query(
      `CREATE TRIGGER log_progress AFTER UPDATE OF progress ON export_jobs FOR EACH ROW EXECUTE FUNCTION log_progress()`,
    );
    expect(await builder.build(id, { finalAttempt: true, batchSize: 100 })).toBe('built');
    const steps: number[] = (
      await db.query(`SELECT progress FROM progress_log WHERE export_id = $1 ORDER BY seq`, [id])
    ).map((r: { progress: number }) => r.progress);
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.filter((p) => p > 0 && p < 100).length).toBeGreaterThan(5);
    expect(steps.slice(1)).toEqual([...steps.slice(1)].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(100);

    const status = await api.request('GET', `/api/exports/${id}`, { token: tokens.officer });
    expect(status.body).toMatchObject({
      status: 'done',
      progress: 100,
      rowCount: RECORDS,
      downloadable: true,
    });

    const file = await download(id, tokens.officer);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = file.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename=".+\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(
      /^服务记录-阳光街道-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows = parseCsv(file.bytes.toString('utf8').slice(1));
    expect(rows[0].slice(0, 3)).toEqual([
      '记录编号 (Record ID)',
      '项目 (Project)',
      '社会组织 (Organization)',
    ]);
    expect(rows[0]).toContain('开始时间 (Start (Asia/Shanghai))');
    const body = rows.slice(1);
    const expected: {
      id: string;
      started_at: Date;
      notes: string;
      location: string;
      anonymous_count: number;
    }[] = await db.query(
      `SELECT sr.id, sr.started_at, sr.notes, sr.location, sr.anonymous_count
           FROM service_records sr JOIN projects p ON p.id = sr.project_id JOIN contracts k ON k.id = p.contract_id
          WHERE k.street_id = $1 AND sr.started_at >= timestamptz '2024-01-01 00:00+08' AND sr.started_at < timestamptz '2025-01-01 00:00+08'
          ORDER BY sr.started_at, sr.id`,
      [STREET],
    );
    expect(expected).toHaveLength(RECORDS);
    expect(body.map((r) => r[0])).toEqual(expected.map((r) => r.id));
    const col = (name: string) => rows[0].findIndex((h) => h.startsWith(name));
    expect(body.map((r) => r[col('开始时间')])).toEqual(expected.map((r) => shanghai(r.started_at)));
    expect(body.map((r) => r[col('匿名服务人数')])).toEqual(expected.map((r) => String(r.anonymous_count)));
    expect(body[0][col('开始时间')]).toBe('2024-01-01 00:00:00');
    expect(body[0][col('时长')]).toBe('1.50');
    expect(body[0][col('服务类型')]).toBe('入户探访');
    expect(body[0][col('状态')]).toBe('已通过');
    expect(body[0][col('社工')]).toBe('吴社工');
    // Formula-looking text gets an apostrophe; quotes, commas and line breaks survive the quoting.
    expect(body[0][col('备注')]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(body[0][col('地点')]).toBe('A栋, 3"单元"');
    expect(body[1][col('备注')]).toBe('第一行\n第二行');
    expect(body[1][col('地点')]).toBe(`'@SUM(A1)`);
    expect(body[2][col('备注')]).toBe(expected[2].notes);
    // Nothing of the other street.
    expect(body.some((r) => r[col('项目')] === '和平项目')).toBe(false);

    const [{ action }] = await db.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect(action).toBe('export.built');
    // A second delivery of the job finds the export done and leaves it alone.
    expect(await builder.build(id, { finalAttempt: false })).toBe('skipped');
  });

  it('builds an XLSX of disbursements that parses back: yuan with 2 decimals, Shanghai times', async () => {
    const res = await request(tokens.finance, { dataset: 'disbursements', format: 'xlsx', streetId: STREET });
    expect(res.status).toBe(202);
    await builder.build(res.body.id, { finalAttempt: true });

    const file = await download(res.body.id, tokens.finance);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(decodeURIComponent((file.headers.get('content-disposition') ?? '').split("UTF-8''")[1])).toMatch(
      /^拨付记录-阳光街道-.+\.xlsx$/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('拨付记录');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const amountCol = header.indexOf('金额（元） (Amount (yuan))') + 1;
    const createdCol = header.indexOf('申请时间 (Requested at (Asia/Shanghai))') + 1;
    expect(amountCol).toBeGreaterThan(0);
    expect(createdCol).toBeGreaterThan(0);

    const expected: { id: string; amount_fen: string; created_at: Date; street: string }[] = await db.query(
      `SELECT d.id, d.amount_fen, d.created_at FROM disbursements d WHERE d.street_id = $1 ORDER BY d.created_at, d.id`,
      [STREET],
    );
    expect(sheet.rowCount - 1).toBe(expected.length);
    expect(res.body.id).toBeDefined();
    for (const [i, row] of expected.entries()) {
      const cells = sheet.getRow(i + 2);
      expect(cells.getCell(1).value).toBe(row.id);
      expect(cells.getCell(amountCol).value).toBe(Number(row.amount_fen) / 100);
      expect(cells.getCell(amountCol).numFmt).toBe('#,##0.00');
      const shown = cells.getCell(createdCol).value as Date;
      expect(shown.toISOString().slice(0, 19).replace('T', ' ')).toBe(shanghai(row.created_at));
    }
    const amounts = expected.map((r) => Number(r.amount_fen) / 100);
    expect(amounts).toEqual(expect.arrayContaining([12345.67, 0.05, 1000000]));
    // 2024-03-01 17:30 UTC is already 2 March in Shanghai.
    const first = expected.findIndex((r) => Number(r.amount_fen) === 1_234_567);
    expect((sheet.getRow(first + 2).getCell(createdCol).value as Date).toISOString()).toBe(
      '2024-03-02T01:30:00.000Z',
    );
  });

  it("gives an org admin their organization's scores in English on request, within the range", async () => {
    const res = await request(tokens.orgadmin, {
      dataset: 'scores',
      format: 'csv',
      lang: 'en-US',
      organizationId: DEMO.organization,
      from: '2024-06-01',
    });
    expect(res.status).toBe(202);
    await builder.build(res.body.id, { finalAttempt: true });
    const file = await download(res.body.id, tokens.orgadmin);
    expect(file.status).toBe(200);
    const rows = parseCsv(file.bytes.toString('utf8').slice(1));
    expect(rows[0].slice(0, 6)).toEqual([
      'Organization',
      'Credit code',
      'Period end',
      'Formula version',
      'Score',
      'Tier',
    ]);
    expect(rows.slice(1).map((r) => r.slice(2, 6))).toEqual([['2024-06-30', 'v1', '71.50', 'B']]);
    expect(rows[1][6]).toBe('65.00');
  });

  it('puts a failed attempt back in the queue with its reason, and marks the last one failed', async () => {
    const res = await request(tokens.director, { dataset: 'scores', format: 'csv', streetId: STREET });
    const id: string = res.body.id;
    // A non-empty directory where the file should go: the storage cannot put the file there.
    await mkdir(join(STORAGE_DIR, 'exports', id, 'blocked'), { recursive: true });

    await expect(builder.build(id, { finalAttempt: false })).rejects.toThrow();
    const retry = await api.request('GET', `/api/exports/${id}`, { token: tokens.director });
    expect(retry.body).toMatchObject({ status: 'queued', progress: 0 });
    expect(retry.body.error).toEqual(expect.any(String));

    await expect(builder.build(id, { finalAttempt: true })).rejects.toThrow();
    const failed = await api.request('GET', `/api/exports/${id}`, { token: tokens.director });
    expect(failed.body).toMatchObject({ status: 'failed', downloadable: false });
    expect((await download(id, tokens.director)).status).toBe(409);
  });

  it('lists only my exports, newest first', async () => {
    const mine = await api.request('GET', '/api/exports', { token: tokens.officer });
    expect(mine.status).toBe(200);
    const [{ officer }] = await db.query(
      `SELECT id AS officer FROM users WHERE email = 'officer@demo.sanshe.cn'`,
    );
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM export_jobs WHERE requested_by = $1`, [
      officer,
    ]);
    expect(mine.body.items).toHaveLength(n);
    expect(mine.body.items[0].dataset).toBe('service_records');
    expect(mine.body.items[0].scopeName).toBe('阳光街道');
    const times = mine.body.items.map((e: { createdAt: string }) => e.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    // A page at a time: the second page starts after the first, and the last one says so.
    const first = await api.request('GET', '/api/exports?limit=1', { token: tokens.officer });
    expect(first.body.items.map((e: { id: string }) => e.id)).toEqual([mine.body.items[0].id]);
    const second = await api.request('GET', first.body.links.next, { token: tokens.officer });
    expect(second.body.items.map((e: { id: string }) => e.id)).toEqual([mine.body.items[1].id]);
    expect(
      (await api.request('GET', `/api/exports?limit=${n}`, { token: tokens.officer })).body.links.next,
    ).toBeNull();
  });

  it('searches my exports by file name or scope, and sorts them oldest first, a page at a time', async () => {
    const get = (query: string, token = tokens.officer) =>
      api.request('GET', `/api/exports?limit=100&${query}`, { token });
    const mine: { id: string; fileName: string; scopeName: string }[] = (await get('')).body.items;
    const ids = mine.map((e) => e.id);
    // Oldest first is newest first backwards, page after page.
    expect(await idsOfEveryPage(api, '/api/exports?sort=oldest&limit=1', tokens.officer)).toEqual(
      [...ids].reverse(),
    );
    const title = mine[0].fileName.split('-')[0];
    const found = await get(`q=${encodeURIComponent(title)}`);
    expect(found.status).toBe(200);
    const expected = mine.filter((e) => `${e.fileName} ${e.scopeName}`.includes(title)).map((e) => e.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(mine.length);
    expect(found.body.items.map((e: { id: string }) => e.id)).toEqual(expected);
    expect((await get(`q=${encodeURIComponent('阳光街道')}&sort=oldest`)).body.items).toHaveLength(
      mine.filter((e) => `${e.fileName} ${e.scopeName}`.includes('阳光街道')).length,
    );
    // Wildcards are text; another person's exports never match.
    expect((await get('q=%25')).body.items).toEqual([]);
    expect(
      (await get(`q=${encodeURIComponent(title)}`, tokens.director)).body.items.map(
        (e: { id: string }) => e.id,
      ),
    ).not.toContain(expected[0]);
    for (const bad of ['sort=largest', `q=${'长'.repeat(51)}`, 'limit=0']) {
      const res = await get(bad);
      expect([res.status, res.body.code]).toEqual([400, 'validation.failed']);
    }
    const resident = await tokenFor(api, 'resident@demo.sanshe.cn');
    expect((await get('q=x', resident)).status).toBe(403);
  });

  it('stops offering an expired file (410) and the cleanup deletes it', async () => {
    const res = await request(tokens.orgadmin, {
      dataset: 'disbursements',
      format: 'csv',
      organizationId: DEMO.organization,
    });
    const id: string = res.body.id;
    await builder.build(id, { finalAttempt: true });
    expect((await download(id, tokens.orgadmin)).status).toBe(200);

    await db.query(`UPDATE export_jobs SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const gone = await download(id, tokens.orgadmin);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.bytes.toString()).code).toBe('export.expired');

    expect(await api.app.get(ExportsService).removeExpired()).toBe(1);
    const [{ file_key }] = await db.query(`SELECT file_key FROM export_jobs WHERE id = $1`, [id]);
    expect(file_key).toBeNull();
    const after = await api.request('GET', `/api/exports/${id}`, { token: tokens.orgadmin });
    expect(after.body).toMatchObject({ status: 'done', downloadable: false });
  });

  it('refuses the requester once they no longer hold the scope', async () => {
    const email = 'leaver@example.cn';
    const userId = await userWith(email, [['street_finance', { regionId: STREET }]]);
    const token = await tokenFor(api, email);
    const res = await request(token, { dataset: 'scores', format: 'csv', streetId: STREET });
    await builder.build(res.body.id, { finalAttempt: true });
    expect((await download(res.body.id, token)).status).toBe(200);
    await db.query(`UPDATE role_memberships SET region_id = $2 WHERE user_id = $1`, [
      userId,
      DEMO.streets[1],
    ]);
    expect((await download(res.body.id, token)).status).toBe(403);
  });
});
