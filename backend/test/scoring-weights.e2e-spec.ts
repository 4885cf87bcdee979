import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let director: string;

const STREET = DEMO.streets[0];
const path = (streetId: string = STREET, tail = '') => `/api/streets/${streetId}/scoring-weights${tail}`;
const DEFAULTS = {
  weights: { delivery: 30, satisfaction: 25, compliance: 15, capacity: 15, reach: 15 },
  priorMean: 4,
  priorWeight: 10,
  acceptanceWeight: 30,
};
const PROPOSED = {
  weights: { delivery: 10, satisfaction: 0, compliance: 90, capacity: 0, reach: 0 },
  priorMean: 4,
  priorWeight: 10,
  acceptanceWeight: 30,
};

const audits = async (): Promise<{ actor: string; before: any; after: any }[]> =>
  db.query(
    `SELECT actor_id AS actor, before, after FROM audit_log
      WHERE action = 'scoring_weights.replaced' AND entity_id = $1 ORDER BY id`,
    [STREET],
  );

/** A snapshot as the scoring run writes it (the worked example of scoring-weights.spec.ts). */
async function snapshot(
  organizationId: string,
  periodEnd: string,
  version: string,
  extra: { score?: number; tier?: string; satisfaction?: number; inputs?: object } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO score_snapshots (organization_id, period_end, formula_version, score, tier, indicators, inputs)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      organizationId,
      periodEnd,
      version,
      extra.score ?? 72.75,
      extra.tier ?? 'B',
      {
        delivery: 80,
        satisfaction: extra.satisfaction ?? 75,
        compliance: 90,
        capacity: 60,
        reach: 50,
      },
      {
        ratings: 10,
        ratingTotal: 40,
        priorMean: 4,
        priorWeight: 10,
        weights: DEFAULTS.weights,
        ...extra.inputs,
      },
    ],
  );
}

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  director = await tokenFor(api, 'director@demo.sanshe.cn');
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('a street’s score weights', () => {
  it('are the platform defaults while the street has none of its own', async () => {
    const res = await api.request('GET', path(), { token: director });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      streetId: STREET,
      streetName: '阳光街道',
      defaults: true,
      appliesFrom: 'next_run',
      ...DEFAULTS,
      version: 0,
    });
    expect(res.headers.get('etag')).toBe('"0"');
  });

  it('are closed to anyone but that street’s director (and platform admins)', async () => {
    const calls = [
      ['GET', path(), undefined],
      ['PUT', path(), DEFAULTS],
      ['POST', path(STREET, '/preview'), DEFAULTS],
    ] as const;
    const otherDirector = await userWithRoles(db, 'director2@example.cn', [
      ['street_director', { regionId: DEMO.streets[1] }],
    ]);
    expect(otherDirector).toBeTruthy();
    const other = await tokenFor(api, 'director2@example.cn');
    const emails = ['officer@demo.sanshe.cn', 'finance@demo.sanshe.cn', 'orgadmin@demo.sanshe.cn'];
    const tokens = await Promise.all(emails.map((e) => tokenFor(api, e)));
    for (const [method, url, body] of calls) {
      expect((await api.request(method, url, { body })).status).toBe(401);
      for (const [i, email] of emails.entries()) {
        const res = await api.request(method, url, { token: tokens[i], body });
        expect([email, method, res.status, res.body.code]).toEqual([email, method, 403, 'auth.forbidden']);
      }
      const res = await api.request(method, url, { token: other, body });
      expect([method, res.status, res.body.code]).toEqual([method, 403, 'auth.out_of_scope']);
    }
    // The demo director directs 阳光街道 only.
    const theirs = await api.request('PUT', path(DEMO.streets[1]), { token: director, body: DEFAULTS });
    expect([theirs.status, theirs.body.code]).toEqual([403, 'auth.out_of_scope']);
    // Not a street: not found.
    expect((await api.request('GET', path(DEMO.communities[0]), { token: director })).status).toBe(404);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM scoring_weights`);
    expect(count).toBe(0);
  });

  it('refuses weights that do not sum to 100 or are out of range, with 400 and nothing written', async () => {
    const bad = [
      [{ ...DEFAULTS, weights: { ...DEFAULTS.weights, reach: 14 } }, /sum to 100; these sum to 99/],
      [{ ...DEFAULTS, weights: { ...DEFAULTS.weights, delivery: -5, reach: 50 } }, /delivery/],
      [{ ...DEFAULTS, weights: { ...DEFAULTS.weights, delivery: 29.5, reach: 15.5 } }, /delivery/],
      [{ ...DEFAULTS, priorMean: 5.5 }, /priorMean/],
      [{ ...DEFAULTS, priorMean: 0.5 }, /priorMean/],
      [{ ...DEFAULTS, priorMean: 3.125 }, /priorMean/],
      [{ ...DEFAULTS, priorWeight: 0 }, /priorWeight/],
      [{ ...DEFAULTS, acceptanceWeight: 101 }, /acceptanceWeight/],
      [{ weights: DEFAULTS.weights, priorMean: 4, priorWeight: 10 }, /acceptanceWeight/],
    ] as const;
    for (const [body, message] of bad) {
      for (const url of [path(), path(STREET, '/preview')]) {
        const res = await api.request(url === path() ? 'PUT' : 'POST', url, { token: director, body });
        expect([url, res.status, res.body.code]).toEqual([url, 400, 'validation.failed']);
        expect(JSON.stringify(res.body)).toMatch(message);
      }
    }
    expect((await api.request('GET', path(), { token: director })).body.defaults).toBe(true);
    expect(await audits()).toEqual([]);
  });

  it('previews each organization of the street under the proposed weights, beside its latest snapshot', async () => {
    const steady = await verifiedOrganization(db, '稳健社工');
    const rated = await verifiedOrganization(db, '好评社工');
    const elsewhere = await verifiedOrganization(db, '和平社工', { streetId: DEMO.streets[1] });
    // An older snapshot and the latest one: the latest counts.
    await snapshot(steady.id, '2020-01-31', 'v1', { score: 10, tier: 'D' });
    await snapshot(steady.id, '2020-02-29', 'v1');
    // A v2 snapshot with acceptance ratings: satisfaction 0.7 × 75 + 0.3 × 100 = 82.5.
    await snapshot(rated.id, '2020-02-29', 'v2', {
      score: 74.63,
      satisfaction: 82.5,
      inputs: {
        acceptanceSatisfaction: 100,
        acceptanceWeight: 30,
        acceptanceRatings: 2,
        residentSatisfaction: 75,
      },
    });
    await snapshot(elsewhere.id, '2020-02-29', 'v1');

    const same = await api.request('POST', path(STREET, '/preview'), { token: director, body: DEFAULTS });
    expect(same.status).toBe(200);
    const row = (body: any, id: string) => body.organizations.find((o: any) => o.organizationId === id);
    expect(row(same.body, steady.id)).toEqual({
      organizationId: steady.id,
      name: '稳健社工',
      current: { score: 72.75, tier: 'B', periodEnd: '2020-02-29', formulaVersion: 'v1' },
      proposed: { score: 72.75, tier: 'B' },
      change: 0,
    });
    expect(same.body.organizations.map((o: any) => o.name)).toEqual([
      '好评社工',
      '稳健社工',
      '阳光居家养老服务中心',
    ]);
    // The demo organization has no score yet.
    expect(same.body.organizations[2]).toMatchObject({ current: null, proposed: null, change: null });

    const res = await api.request('POST', path(STREET, '/preview'), {
      token: director,
      body: { ...PROPOSED, acceptanceWeight: 50 },
    });
    expect(res.status).toBe(200);
    // (10 × 80 + 90 × 90) ÷ 100 = 89: tier A.
    expect(row(res.body, steady.id)).toMatchObject({ proposed: { score: 89, tier: 'A' }, change: 16.25 });
    expect(row(res.body, rated.id)).toMatchObject({ proposed: { score: 89, tier: 'A' }, change: 14.37 });
    // Satisfaction weighs in: with a prior of 2 the resident part drops to 50, and 50 % acceptance lifts it to 75.
    const prior = await api.request('POST', path(STREET, '/preview'), {
      token: director,
      body: {
        ...DEFAULTS,
        weights: { delivery: 0, satisfaction: 100, compliance: 0, capacity: 0, reach: 0 },
        priorMean: 2,
        acceptanceWeight: 50,
      },
    });
    expect(row(prior.body, steady.id).proposed).toEqual({ score: 50, tier: 'D' });
    expect(row(prior.body, rated.id).proposed).toEqual({ score: 75, tier: 'B' });
    // A preview writes nothing.
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM scoring_weights`);
    expect(count).toBe(0);
  });

  it('are saved by the director with an audit entry, and apply from the next run', async () => {
    const put = await api.request('PUT', path(), { token: director, body: PROPOSED });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ ...PROPOSED, defaults: false, appliesFrom: 'next_run' });
    expect((await api.request('GET', path(), { token: director })).body).toMatchObject({
      ...PROPOSED,
      defaults: false,
    });
    const [row] = await db.query(`SELECT * FROM scoring_weights WHERE street_id = $1`, [STREET]);
    expect(row).toMatchObject({ delivery: 10, compliance: 90, prior_mean: '4.00', acceptance_weight: 30 });

    // A platform admin may change them too; each change is audited with what it replaced.
    const admin = await tokenFor(api, 'admin@demo.sanshe.cn');
    const next = { ...DEFAULTS, priorMean: 3.5, priorWeight: 20, acceptanceWeight: 40 };
    expect((await api.request('PUT', path(), { token: admin, body: next })).status).toBe(200);
    const [[directorId], [adminId]] = await Promise.all(
      ['director@demo.sanshe.cn', 'admin@demo.sanshe.cn'].map((e) =>
        db.query(`SELECT id FROM users WHERE email = $1`, [e]).then((r) => r.map((x: any) => x.id)),
      ),
    );
    expect(await audits()).toEqual([
      {
        actor: directorId,
        before: { ...DEFAULTS, defaults: true },
        after: { ...PROPOSED, defaults: false },
      },
      { actor: adminId, before: { ...PROPOSED, defaults: false }, after: { ...next, defaults: false } },
    ]);
    // Scores already computed keep the weights they were computed with.
    const [{ score }] = await db.query(
      `SELECT score::float8 AS score FROM score_snapshots s JOIN organizations o ON o.id = s.organization_id
        WHERE o.name = '稳健社工' AND s.period_end = '2020-02-29'`,
    );
    expect(score).toBe(72.75);
  });

  it('refuses a stale write (412): someone saved since the version the editor read', async () => {
    const read = await api.request('GET', path(), { token: director });
    const etag = read.headers.get('etag')!;
    expect(etag).toBe(`"${read.body.version}"`);
    expect(read.body.version).toBeGreaterThan(0);
    const stale = `"${read.body.version - 1}"`;
    const before = await audits();
    const refused = await api.request('PUT', path(), {
      token: director,
      body: PROPOSED,
      headers: { 'if-match': stale },
    });
    expect([refused.status, refused.body.code]).toEqual([412, 'precondition.failed']);
    expect(refused.body.details).toEqual({
      expectedVersion: read.body.version - 1,
      currentVersion: read.body.version,
    });
    expect((await api.request('GET', path(), { token: director })).body).toEqual(read.body);
    expect(await audits()).toEqual(before);
    // Not an ETag this API sends: 400, not a write.
    const junk = await api.request('PUT', path(), {
      token: director,
      body: PROPOSED,
      headers: { 'if-match': 'v1' },
    });
    expect([junk.status, junk.body.code]).toEqual([400, 'validation.failed']);
    // The version read: saved, one version up.
    const saved = await api.request('PUT', path(), {
      token: director,
      body: PROPOSED,
      headers: { 'if-match': etag },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(read.body.version + 1);
    expect(saved.headers.get('etag')).toBe(`"${read.body.version + 1}"`);
  });
});
