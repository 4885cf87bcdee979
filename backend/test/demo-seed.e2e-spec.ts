import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, DEMO_DIRECTOR_THRESHOLD_FEN, seedDemo, seedDemoContract } from '../src/database/seed/demo.js';
import { Api, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
const year = new Date().getFullYear();

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe("the money flow's demo data", () => {
  it('is written once: a second seed changes nothing', async () => {
    expect(await seedDemoContract(db)).toContain('demo contract ready');
    const count = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM journal_entries)::int AS entries, (SELECT count(*) FROM milestones)::int AS milestones,
                  (SELECT count(*) FROM service_records)::int AS records`,
        )
      )[0];
    const before = await count();
    expect(before).toEqual({ entries: 2, milestones: 3, records: 1 });
    expect(await seedDemoContract(db)).toBe('demo contract already there');
    expect(await count()).toEqual(before);
    const [{ total }] = await db.query(`SELECT coalesce(sum(amount_fen), 0)::float8 AS total FROM postings`);
    expect(total).toBe(0);
  });

  it("commits the contract against this year's budget of 阳光街道", async () => {
    const budget = await api.request('GET', `/api/streets/${DEMO.streets[0]}/budget?year=${year}`, {
      token: await tokenFor(api, 'finance@demo.sanshe.cn'),
    });
    expect(budget.body).toMatchObject({
      allocatedFen: 100_000_000,
      committedFen: 24_000_000,
      paidFen: 0,
      availableFen: 76_000_000,
      contracts: [{ contractId: DEMO.contract, amountFen: 24_000_000, paidFen: 0, committedFen: 24_000_000 }],
    });
  });

  it('lets the organization request the first milestone at once, which needs the director too', async () => {
    const orgAdmin = await tokenFor(api, 'orgadmin@demo.sanshe.cn');
    const project = await api.request('GET', `/api/projects/${DEMO.project}`, { token: orgAdmin });
    expect(project.body.milestones.map((m: { ruleMet: boolean }) => m.ruleMet)).toEqual([true, false, false]);
    const second = await api.request('POST', '/api/disbursements', {
      token: orgAdmin,
      body: { milestoneId: DEMO.milestones[1], method: 'treasury', deliverables: '中期服务报告' },
    });
    expect(second.status).toBe(409);
    const first = await api.request('POST', '/api/disbursements', {
      token: orgAdmin,
      body: { milestoneId: DEMO.milestones[0], method: 'treasury', deliverables: '首期服务报告及签收表' },
    });
    expect(first.status).toBe(201);
    expect(first.body.amountFen).toBeGreaterThanOrEqual(DEMO_DIRECTOR_THRESHOLD_FEN);
    expect(first.body).toMatchObject({ amountFen: 7_200_000, needsDirector: true, status: 'requested' });
    // The demo community staff (春晖社区, in the contract's street) find it in their inbox.
    const inbox = await api.request('GET', '/api/disbursements/inbox', {
      token: await tokenFor(api, 'staff@demo.sanshe.cn'),
    });
    expect(inbox.body.items.map((d: { id: string }) => d.id)).toEqual([first.body.id]);
  });
});
