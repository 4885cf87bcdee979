import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo, seedDemoContract } from '../src/database/seed/demo.js';
import { userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import { inDays, tenderInput } from './support/procurement.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

/** Search, sort and paging of the lists the web app's tender, approval and delivery pages show. */

let env: Env;
let db: DataSource;
let api: Api;
const t: Record<string, string> = {};

const q = (text: string) => `q=${encodeURIComponent(text)}`;
/** The path with more query parameters. */
const and = (path: string, ...params: string[]) =>
  `${path}${path.includes('?') ? '&' : '?'}${params.join('&')}`;

async function list<T = { id: string }>(path: string, token?: string) {
  const res = await api.request('GET', path, token ? { token } : {});
  expect(res.status).toBe(200);
  return res.body as { items: T[]; nextCursor: string | null };
}

/** Every item of the list, a row a page, following the cursor. */
async function walk<T extends { id: string }>(path: string, token?: string): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await list<T>(
      and(path, 'limit=1', ...(cursor ? [`cursor=${encodeURIComponent(cursor)}`] : [])),
      token,
    );
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

/** A refused query: 400 with the machine-readable code of a failed validation. */
async function refused(path: string, token?: string) {
  const res = await api.request('GET', path, token ? { token } : {});
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('validation.failed');
}

const tooLong = q('长'.repeat(51));

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  await seedDemoContract(db);
  api = await Api.start();
  await userWithRoles(db, 'officer-far@example.cn', [['street_officer', { regionId: DEMO.streets[1] }]]);
  await userWithRoles(db, 'staff-far@example.cn', [['community_staff', { regionId: DEMO.communities[4] }]]);
  const other = await verifiedOrganization(db, '远方社工服务社');
  for (const [key, email] of Object.entries({
    officer: 'officer@demo.sanshe.cn',
    officerFar: 'officer-far@example.cn',
    staff: 'staff@demo.sanshe.cn',
    staffFar: 'staff-far@example.cn',
    finance: 'finance@demo.sanshe.cn',
    orgAdmin: 'orgadmin@demo.sanshe.cn',
    otherAdmin: other.adminEmail,
    worker: 'worker@demo.sanshe.cn',
    resident: 'resident@demo.sanshe.cn',
  })) {
    t[key] = await tokenFor(api, email);
  }
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('tender list', () => {
  const titles = {
    meals: '翠园社区长者助餐服务项目',
    visits: '春晖社区高龄老人探访项目',
    draft: '明德社区助餐点改造（草稿）',
  };

  beforeAll(async () => {
    const create = async (title: string, bidDays: number) => {
      const res = await api.request('POST', '/api/tenders', {
        token: t.officer,
        body: tenderInput({ title, enquiryDeadline: inDays(bidDays - 2), bidDeadline: inDays(bidDays) }),
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    // Published in this order, the later one closing first.
    for (const [title, days] of [
      [titles.visits, 20],
      [titles.meals, 8],
    ] as const) {
      const id = await create(title, days);
      expect((await api.request('POST', `/api/tenders/${id}/publish`, { token: t.officer })).status).toBe(
        200,
      );
    }
    await create(titles.draft, 12);
  });

  const titlesOf = (page: { items: { title: string }[] }) => page.items.map((x) => x.title);

  it('searches titles; a draft is found only by the officers of its street', async () => {
    expect(titlesOf(await list(`/api/tenders?${q('助餐')}`))).toEqual([titles.meals]);
    expect(titlesOf(await list(`/api/tenders?${q('助餐')}`, t.officerFar))).toEqual([titles.meals]);
    expect(titlesOf(await list(`/api/tenders?${q('助餐')}`, t.officer))).toEqual([
      titles.draft,
      titles.meals,
    ]);
    // Wildcards are text: nothing is titled with a percent sign.
    expect(titlesOf(await list(`/api/tenders?${q('%')}`))).toEqual([]);
  });

  it('sorts by bid deadline, earliest first, and pages that order by cursor', async () => {
    const byDeadline = await walk<{ id: string; title: string; bidDeadline: string }>(
      `/api/tenders?sort=deadline&${q('项目')}`,
    );
    expect(byDeadline.map((x) => x.title)).toEqual([titles.meals, titles.visits]);
    const newest = await walk<{ id: string; title: string }>(`/api/tenders?sort=newest&${q('项目')}`);
    expect(newest.map((x) => x.title)).toEqual([titles.meals, titles.visits]);
    const withDraft = await walk<{ id: string; title: string }>(
      `/api/tenders?sort=deadline&${q('社区')}`,
      t.officer,
    );
    expect(withDraft.map((x) => x.title)).toEqual([titles.meals, titles.draft, titles.visits]);
  });

  it('refuses an unknown sort and a search longer than 50 characters', async () => {
    await refused('/api/tenders?sort=budget');
    await refused(`/api/tenders?${tooLong}`);
  });
});

describe('approvals inbox', () => {
  const contract = '阳光街道高龄老人居家探访服务（演示合同）';

  beforeAll(async () => {
    const [{ orgadmin }] = await db.query(
      `SELECT id AS orgadmin FROM users WHERE email = 'orgadmin@demo.sanshe.cn'`,
    );
    // Two requests of the demo contract waiting for acceptance, the first one older.
    for (const [i, age] of [
      [0, '2 hours'],
      [1, '1 hour'],
    ] as const) {
      await db.query(
        `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, requested_by, deliverables, created_at)
         SELECT m.id, m.contract_id, $2, $3, m.amount_fen, $4, '服务报告', now() - $5::interval FROM milestones m WHERE m.id = $1`,
        [DEMO.milestones[i], DEMO.organization, DEMO.streets[0], orgadmin, age],
      );
    }
  });

  type Payment = { id: string; milestoneName: string | null };
  const milestonesOf = (items: Payment[]) => items.map((d) => d.milestoneName);

  it('searches what waits by milestone, contract or organization, oldest or newest first', async () => {
    const inbox = '/api/disbursements/inbox';
    expect(milestonesOf(await walk<Payment>(inbox, t.staff))).toEqual(['首期', '中期']);
    expect(milestonesOf(await walk<Payment>(and(inbox, `sort=newest`), t.staff))).toEqual(['中期', '首期']);
    expect(milestonesOf((await list<Payment>(and(inbox, q('中期')), t.staff)).items)).toEqual(['中期']);
    expect(milestonesOf((await list<Payment>(and(inbox, q('演示合同')), t.staff)).items)).toEqual([
      '首期',
      '中期',
    ]);
    expect(milestonesOf((await list<Payment>(and(inbox, q('其他')), t.staff)).items)).toEqual([]);
    // Staff of another street's community find nothing of this street, search or not.
    expect((await list(and(inbox, q(contract)), t.staffFar)).items).toEqual([]);
  });

  it('is for signers only, and refuses an unknown sort or a long search', async () => {
    expect(
      (await api.request('GET', `/api/disbursements/inbox?${q('中期')}`, { token: t.resident })).status,
    ).toBe(403);
    await refused('/api/disbursements/inbox?sort=amount', t.staff);
    await refused(`/api/disbursements/inbox?${tooLong}`, t.staff);
  });

  it("searches the organization's own disbursements; another organization's admin may not", async () => {
    const path = `/api/organizations/${DEMO.organization}/disbursements`;
    expect(milestonesOf((await list<Payment>(and(path, q('首期')), t.orgAdmin)).items)).toEqual(['首期']);
    expect(milestonesOf((await list<Payment>(path, t.orgAdmin)).items)).toEqual(['中期', '首期']);
    const other = await api.request('GET', and(path, q('首期')), { token: t.otherAdmin });
    expect(other.status).toBe(403);
    await refused(and(path, tooLong), t.orgAdmin);
  });
});

describe("a project's service records", () => {
  let later: string;

  beforeAll(async () => {
    const [{ id }] = await db.query(
      `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, location, status)
       SELECT $1, lead_user_id, 'community_activity', $2, now() - interval '5 hours', now() - interval '4 hours', '翠园社区活动室', 'submitted'
         FROM projects WHERE id = $1 RETURNING id`,
      [DEMO.project, DEMO.communities[1]],
    );
    later = id;
  });

  const records = `/api/projects/${DEMO.project}/records`;
  const idsOf = (items: { id: string }[]) => items.map((r) => r.id);

  it("searches the place, the notes and the beneficiaries' names, newest or oldest first", async () => {
    expect(idsOf((await list(and(records, q('翠园')), t.worker)).items)).toEqual([later]);
    expect(idsOf((await list(and(records, q('张阿姨')), t.worker)).items)).toEqual([DEMO.serviceRecord]);
    expect(idsOf((await list(and(records, q('血压')), t.worker)).items)).toEqual([DEMO.serviceRecord]);
    expect(idsOf(await walk(records, t.worker))).toEqual([later, DEMO.serviceRecord]);
    expect(idsOf(await walk(and(records, `sort=oldest`), t.worker))).toEqual([DEMO.serviceRecord, later]);
    expect(idsOf(await walk(and(records, `sort=oldest&status=submitted`), t.worker))).toEqual([later]);
  });

  it("stays with the project's readers, and refuses an unknown sort or a long search", async () => {
    expect((await api.request('GET', and(records, q('翠园')), { token: t.otherAdmin })).status).toBe(403);
    expect((await api.request('GET', and(records, q('翠园')), { token: t.resident })).status).toBe(403);
    await refused(and(records, `sort=hours`), t.worker);
    await refused(and(records, tooLong), t.worker);
  });
});

describe("a resident's services", () => {
  let visit: string;

  beforeAll(async () => {
    const [{ id }] = await db.query(
      `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, location, notes, status)
       SELECT $1, lead_user_id, 'home_visit', $2, now() - interval '3 hours', now() - interval '2 hours', '春晖社区8栋', '陪同复诊', 'submitted'
         FROM projects WHERE id = $1 RETURNING id`,
      [DEMO.project, DEMO.communities[0]],
    );
    visit = id;
    await db.query(
      `INSERT INTO record_beneficiaries (record_id, resident_user_id) SELECT $1, id FROM users WHERE email = 'resident@demo.sanshe.cn'`,
      [visit],
    );
  });

  const mine = '/api/me/services';
  const idsOf = (items: { id: string }[]) => items.map((r) => r.id);

  it("searches the project's title, the place and the notes, newest first", async () => {
    expect(idsOf(await walk(mine, t.resident))).toEqual([visit, DEMO.serviceRecord]);
    expect(idsOf(await walk(and(mine, q('复诊')), t.resident))).toEqual([visit]);
    expect(idsOf(await walk(and(mine, q('5栋')), t.resident))).toEqual([DEMO.serviceRecord]);
    expect(idsOf(await walk(and(mine, q('居家探访')), t.resident))).toEqual([visit, DEMO.serviceRecord]);
    // A wildcard is text, not a pattern.
    expect(idsOf(await walk(and(mine, q('%')), t.resident))).toEqual([]);
  });

  it('is for residents, and refuses a long search', async () => {
    expect((await api.request('GET', and(mine, q('复诊')), { token: t.worker })).status).toBe(403);
    await refused(and(mine, tooLong), t.resident);
  });
});

describe("the caller's projects", () => {
  let earlier: string;

  beforeAll(async () => {
    // A finished project of the same organization, started before the demo's, the worker on its team.
    const [{ id }] = await db.query(
      `WITH c AS (
         INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
         SELECT organization_id, street_id, '助餐点运营服务（已结项）', 100000, starts_on, ends_on, kpis, created_by FROM contracts WHERE id = $1
         RETURNING id, organization_id, title)
       INSERT INTO projects (contract_id, organization_id, title, lead_user_id, status, created_at)
       SELECT c.id, c.organization_id, c.title, p.lead_user_id, 'completed', p.created_at - interval '1 year'
         FROM c, projects p WHERE p.id = $2 RETURNING id`,
      [DEMO.contract, DEMO.project],
    );
    earlier = id;
    await db.query(
      `INSERT INTO project_members (project_id, user_id) SELECT $1, id FROM users WHERE email = 'worker@demo.sanshe.cn'`,
      [earlier],
    );
  });

  const projects = '/api/projects';
  const idsOf = (items: { id: string }[]) => items.map((p) => p.id);

  it('searches titles and organizations, keeps one status, newest or oldest first', async () => {
    expect(idsOf(await walk(projects, t.worker))).toEqual([DEMO.project, earlier]);
    expect(idsOf(await walk(and(projects, 'sort=oldest'), t.worker))).toEqual([earlier, DEMO.project]);
    expect(idsOf(await walk(and(projects, q('助餐')), t.worker))).toEqual([earlier]);
    expect(idsOf(await walk(and(projects, q('居家养老服务中心')), t.worker))).toEqual([
      DEMO.project,
      earlier,
    ]);
    expect(idsOf(await walk(and(projects, 'status=active'), t.worker))).toEqual([DEMO.project]);
    // The organization's admin sees its projects without being on their teams.
    expect(idsOf(await walk(projects, t.orgAdmin))).toEqual([DEMO.project, earlier]);
  });

  it("shows no one else's projects, and refuses an unknown status or sort and a long search", async () => {
    expect(await walk(projects, t.otherAdmin)).toEqual([]);
    expect(await walk(projects, t.resident)).toEqual([]);
    expect((await api.request('GET', projects)).status).toBe(401);
    await refused(and(projects, 'status=paused'), t.worker);
    await refused(and(projects, 'sort=title'), t.worker);
    await refused(and(projects, tooLong), t.worker);
  });
});
