import { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { onReplica } from '../src/database/replica.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { Organization } from '../src/modules/organizations/organization.entity.js';
import { validCreditCode } from './support/credit-codes.js';
import { Api, newUser, tokenFor } from './support/http.js';
import { StreamingPair } from './support/streaming-replica.js';
import { migratedDataSource, useTestEnv } from './support/test-env.js';

// A real streaming replica (docs/architecture.md, "Scaling out"): anonymous public reads come from it,
// everything else and every caller with a session from the primary. Replaying WAL is paused to tell
// the two apart: a read that does not see a committed change was served by the replica.

const DATABASE = 'sanshe_replica';
let pair: StreamingPair | undefined;
let env: Env;
let db: DataSource | undefined; // the test's own connection, to the primary only
let api: Api | undefined;
let officer: string;
let founder: string;
let orgId: string;

/** Runs `check` with the replica's replay paused, resuming (and catching up) whatever happens. */
async function whilePaused(check: () => Promise<void>): Promise<void> {
  await pair!.caughtUp();
  await pair!.pauseReplay();
  try {
    await check();
  } finally {
    await pair!.resumeReplay();
  }
  await pair!.caughtUp();
}

const anonymous = (path: string) => api!.request('GET', path);
const signedIn = (path: string, token: string) => api!.request('GET', path, { token });
const searchIds = async (res: Promise<{ body: { items: { id: string }[] } }>) =>
  (await res).body.items.map((o) => o.id);

beforeAll(async () => {
  pair = await StreamingPair.start({ primary: 55434, replica: 55433 });
  env = useTestEnv({
    DATABASE_URL: pair.url('primary', DATABASE),
    DATABASE_REPLICA_URLS: pair.url('replica', DATABASE),
    QUEUE_PREFIX: 'sanshe-replica',
  });
  db = await migratedDataSource({ ...env, DATABASE_REPLICA_URLS: '' });
  await seedDemo(db);
  await pair.caughtUp(); // the API connects to the replica's copy of the database at start
  api = await Api.start();
  officer = await tokenFor(api, 'officer@demo.sanshe.cn');
  founder = await newUser(api, 'founder@example.cn');
  const registered = await api.request('POST', '/api/organizations', {
    token: founder,
    body: {
      name: '镜像社区服务中心',
      filedOnly: false,
      creditCode: validCreditCode(),
      type: 'social_work_agency',
      description: '旧的简介',
      legalRepresentative: '李四',
      contactPhone: '057188112244',
      communityIds: [DEMO.communities[0]],
      homeStreetId: DEMO.streets[0],
      categoryCodes: ['elderly.home_care'],
    },
  });
  expect(registered.status).toBe(201);
  orgId = registered.body.id;
}, 50_000);

afterAll(async () => {
  await api?.close();
  await db?.destroy();
  await pair?.stop();
});

describe('read replica', () => {
  it('reads the primary by default, a replica only through onReplica, and only the primary without replicas', async () => {
    const app = api!.app.get(DataSource);
    const inRecovery = 'SELECT pg_is_in_recovery() AS r';
    expect(await app.query(inRecovery)).toEqual([{ r: false }]);
    // A query builder outside a transaction: TypeORM's own default would send it to a replica.
    const built = app.getRepository(Organization).createQueryBuilder('o').select('pg_is_in_recovery()', 'r');
    expect(await built.limit(1).getRawOne()).toEqual({ r: false });
    expect(await onReplica(app, (m) => m.query(inRecovery))).toEqual([{ r: true }]);
    expect(await onReplica(app, (m) => m.query(inRecovery), 'primary')).toEqual([{ r: false }]);
    // DATABASE_REPLICA_URLS empty: no replication at all, onReplica runs on the primary.
    expect(dataSourceOptions({ ...env, DATABASE_REPLICA_URLS: '' })).not.toHaveProperty('replication');
    expect(await onReplica(db!, (m) => m.query(inRecovery))).toEqual([{ r: false }]);
  });

  it('a newly verified organization: the write and signed-in reads see it at once, anonymous ones once replayed', async () => {
    const search = `/api/directory?q=${encodeURIComponent('镜像社区')}`;
    await whilePaused(async () => {
      const verified = await api!.request('POST', `/api/organizations/${orgId}/status`, {
        token: officer,
        body: { action: 'verify', reason: '材料齐全' },
      });
      expect(verified.status).toBe(200);
      expect(verified.body.status).toBe('verified');
      // Served by the paused replica: not verified there yet.
      expect(await searchIds(anonymous(search))).toEqual([]);
      expect((await anonymous(`/api/directory/${orgId}`)).status).toBe(404);
      // A caller with a session reads the primary: the officer's own change, at once.
      expect(await searchIds(signedIn(search, officer))).toEqual([orgId]);
      expect((await signedIn(`/api/directory/${orgId}`, founder)).status).toBe(200);
      // A signed-in browser whose access token is not attached still sends the session's cookie.
      const withCookie = api!.request('GET', search, { headers: { cookie: 'XSRF-TOKEN=abc' } });
      expect(await searchIds(withCookie)).toEqual([orgId]);
    });
    expect(await searchIds(anonymous(search))).toEqual([orgId]);
    expect((await anonymous(`/api/directory/${orgId}`)).status).toBe(200);
  });

  it("an org admin's own edit shows on its own pages at once, to anonymous visitors once replayed", async () => {
    const description = (res: { body: { description: string } }) => res.body.description;
    await whilePaused(async () => {
      const edited = await api!.request('PATCH', `/api/organizations/${orgId}`, {
        token: founder,
        body: { description: '新的简介' },
      });
      expect(edited.status).toBe(200);
      expect(description(await signedIn(`/api/organizations/${orgId}`, founder))).toBe('新的简介');
      expect(description(await signedIn(`/api/directory/${orgId}`, founder))).toBe('新的简介');
      expect(description(await anonymous(`/api/directory/${orgId}`))).toBe('旧的简介');
    });
    expect(description(await anonymous(`/api/directory/${orgId}`))).toBe('新的简介');
  });

  it('serves every routed public read (directory, tenders, OCDS, scores, leaderboard) from the replica', async () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const created = await api!.request('POST', '/api/tenders', {
      token: officer,
      body: {
        title: '镜像社区助餐服务',
        description: '为独居老人提供助餐服务。',
        categoryCode: 'elderly.home_care',
        streetId: DEMO.streets[0],
        communityIds: [DEMO.communities[0]],
        budgetCeilingFen: 10_000_000,
        method: 'competitive_consultation',
        kpis: { serviceHours: 100, beneficiaries: 10, minSatisfaction: 4 },
        weights: {
          price: 30,
          technical: 60,
          performance: 10,
          criteria: [{ key: 'plan', name: '方案', weight: 60 }],
        },
        milestonePlan: [{ name: '一次', shareBp: 10000, dueInDays: 30 }],
        enquiryDeadline: inDays(5),
        bidDeadline: inDays(10),
        standstillDays: 10,
      },
    });
    expect(created.status).toBe(201);
    const tenderId = created.body.id;
    expect((await api!.request('POST', `/api/tenders/${tenderId}/publish`, { token: officer })).status).toBe(
      200,
    );
    const street = DEMO.streets[0];
    // Each public read and where it shows the street's name.
    const reads: [string, (body: any) => string][] = [
      [`/api/directory/${DEMO.organization}`, (b) => b.homeStreetName],
      [`/api/directory?streetId=${street}`, (b) => b.items[0].homeStreetName],
      [`/api/tenders/${tenderId}`, (b) => b.streetName],
      [`/api/tenders?streetId=${street}`, (b) => b.items[0].streetName],
      [`/api/ocds/releases?tenderId=${tenderId}`, (b) => b.releases[0].buyer.name.replace('办事处', '')],
      [`/api/organizations/${DEMO.organization}/score`, (b) => b.homeStreetName],
      [`/api/streets/${street}/leaderboard`, (b) => b.streetName],
    ];
    const names = async (token?: string) => {
      const out: string[] = [];
      for (const [path, name] of reads) {
        const res = await api!.request('GET', path, { token });
        expect([path, res.status]).toEqual([path, 200]);
        out.push(name(res.body));
      }
      return out;
    };
    await pair!.caughtUp();
    expect(await names()).toEqual(reads.map(() => '阳光街道'));
    await whilePaused(async () => {
      await db!.query(`UPDATE regions SET name = '阳光新街道' WHERE id = $1`, [street]);
      expect(await names()).toEqual(reads.map(() => '阳光街道'));
      expect(await names(officer)).toEqual(reads.map(() => '阳光新街道'));
    });
    expect(await names()).toEqual(reads.map(() => '阳光新街道'));
  });

  // Last: it stops the replica.
  it('serves anonymous visitors from the primary when the replica stops answering', async () => {
    await pair!.stopReplica();
    const res = await anonymous(`/api/directory/${orgId}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(orgId);
  });
});
