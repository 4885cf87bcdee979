import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import { ACCEPTANCE_RATING, contractOf, testOrganization, type TestOrg } from './support/payments.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// 验收评价: community staff rate a milestone's delivery when they accept it (PRODUCT §5); the rating
// is written with the acceptance, one per milestone, and shown with the project's milestones.

let env: Env;
let db: DataSource;
let api: Api;
let org: TestOrg;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const accept = (token: string, id: string, body: unknown = ACCEPTANCE_RATING) =>
  api.request('POST', `/api/disbursements/${id}/accept`, { token, body });
const requestPayment = async (milestoneId: string): Promise<string> => {
  const res = await api.request('POST', '/api/disbursements', {
    token: org.token,
    body: { milestoneId, method: 'treasury', deliverables: '服务报告及服务对象签收表' },
  });
  expect(res.status).toBe(201);
  return res.body.id;
};
const ratingsOf = (milestoneId: string) =>
  db.query(
    `SELECT organization_id, rated_by, quality, timeliness, cooperation, comment FROM acceptance_ratings WHERE milestone_id = $1`,
    [milestoneId],
  );
const statusOf = async (id: string) =>
  (await db.query(`SELECT status FROM disbursements WHERE id = $1`, [id]))[0].status;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  org = await testOrganization(db, api, '验收评价机构');
  ids.staff = (await db.query(`SELECT id FROM users WHERE email = 'staff@demo.sanshe.cn'`))[0].id;
  ids.staff2 = await userWithRoles(db, 'staff2@example.cn', [
    ['community_staff', { regionId: DEMO.communities[1] }],
  ]);
  await userWithRoles(db, 'staff-far@example.cn', [['community_staff', { regionId: DEMO.communities[4] }]]);
  await userWithRoles(db, 'finance-far@example.cn', [['street_finance', { regionId: DEMO.streets[1] }]]);
  for (const [key, email] of Object.entries({
    staff: 'staff@demo.sanshe.cn',
    staff2: 'staff2@example.cn',
    far: 'staff-far@example.cn',
    financeFar: 'finance-far@example.cn',
    finance: 'finance@demo.sanshe.cn',
    director: 'director@demo.sanshe.cn',
  })) {
    t[key] = await tokenFor(api, email);
  }
  const allocated = await api.request('POST', `/api/streets/${DEMO.streets[0]}/budget/allocations`, {
    token: t.finance,
    body: { year: 2026, amountFen: 10_000_000, reference: 'B-1' },
  });
  expect(allocated.status).toBe(201);
  const other = await verifiedOrganization(db, '别家机构');
  t.otherOrg = await tokenFor(api, other.adminEmail);
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('accepting a milestone with a rating', () => {
  let milestoneId: string;
  let projectId: string;
  let disbursement: string;

  beforeAll(async () => {
    const contract = await contractOf(db, api, org, 1_000_000);
    milestoneId = contract.milestoneId;
    [{ id: projectId }] = await db.query(`SELECT id FROM projects WHERE contract_id = $1`, [
      contract.contractId,
    ]);
    disbursement = await requestPayment(milestoneId);
  });

  it('refuses a missing or malformed rating with a 400 and the common error body, writing nothing', async () => {
    const none = await api.request('POST', `/api/disbursements/${disbursement}/accept`, { token: t.staff });
    expect([none.status, none.body.code]).toEqual([400, 'validation.failed']);
    const bad: unknown[] = [
      {},
      { quality: 4, timeliness: 5 },
      { ...ACCEPTANCE_RATING, quality: 0 },
      { ...ACCEPTANCE_RATING, timeliness: 6 },
      { ...ACCEPTANCE_RATING, cooperation: 3.5 },
      { ...ACCEPTANCE_RATING, quality: '4' },
      { ...ACCEPTANCE_RATING, comment: 'x'.repeat(1001) },
      { ...ACCEPTANCE_RATING, ratedBy: ids.staff2 },
    ];
    for (const body of bad) {
      const res = await accept(t.staff, disbursement, body);
      expect([res.status, res.body.code]).toEqual([400, 'validation.failed']);
      expect(typeof res.body.message).toBe('string');
    }
    const missing = await accept(t.staff, disbursement, { quality: 4 });
    expect(JSON.stringify(missing.body.details)).toMatch(/timeliness/);
    expect(JSON.stringify(missing.body.details)).toMatch(/cooperation/);
    expect(await ratingsOf(milestoneId)).toEqual([]);
    expect(await statusOf(disbursement)).toBe('requested');
  });

  it('is refused to other roles and to staff of a community the contract does not serve', async () => {
    const requester = await accept(org.token, disbursement);
    expect([requester.status, requester.body.code]).toEqual([403, 'auth.forbidden']);
    expect((await accept(t.finance, disbursement)).status).toBe(403);
    const far = await accept(t.far, disbursement);
    expect([far.status, far.body.code]).toEqual([403, 'auth.out_of_scope']);
    expect(await ratingsOf(milestoneId)).toEqual([]);
    expect(await statusOf(disbursement)).toBe('requested');
  });

  it('writes no rating when the acceptance fails inside its transaction', async () => {
    // The acceptance's audit entry is written after the rating: refusing it must undo the rating too.
    await db.query(`CREATE FUNCTION refuse_acceptance() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'disbursement.accept' THEN RAISE EXCEPTION 'acceptance refused by the test'; END IF; RETURN NEW; END $$`);
    await db.query(
      `CREATE TRIGGER refuse_acceptance BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_acceptance()`,
    );
    try {
      expect((await accept(t.staff, disbursement)).status).toBe(500);
    } finally {
      await db.query(`DROP TRIGGER refuse_acceptance ON audit_log`);
      await db.query(`DROP FUNCTION refuse_acceptance()`);
    }
    expect(await ratingsOf(milestoneId)).toEqual([]);
    expect(await statusOf(disbursement)).toBe('requested');
  });

  it('stores the rating with the acceptance, audited, and asks for the score to be recomputed', async () => {
    const res = await accept(t.staff, disbursement);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('accepted');
    expect(await ratingsOf(milestoneId)).toEqual([
      {
        organization_id: org.id,
        rated_by: ids.staff,
        quality: 4,
        timeliness: 5,
        cooperation: 4,
        comment: ACCEPTANCE_RATING.comment,
      },
    ]);
    const [entry] = await db.query(
      `SELECT actor_id, after FROM audit_log WHERE action = 'disbursement.accept' AND entity_id = $1`,
      [disbursement],
    );
    expect(entry).toEqual({
      actor_id: ids.staff,
      after: { status: 'accepted', rating: ACCEPTANCE_RATING },
    });
    const queue = api.app.get<Queue>(getQueueToken('scoring'), { strict: false });
    const jobs = await queue.getJobs(['delayed', 'waiting']);
    expect(jobs.filter((j) => j.data.organizationId === org.id)).toHaveLength(1);
  });

  it('is one per milestone: a second acceptance of the same request is refused, a new one replaces it', async () => {
    const again = await accept(t.staff2, disbursement, { quality: 1, timeliness: 1, cooperation: 1 });
    expect([again.status, again.body.code]).toEqual([409, 'state.invalid_transition']);
    expect((await ratingsOf(milestoneId))[0]).toMatchObject({ rated_by: ids.staff, quality: 4 });

    // Finance returns the payment; the organization requests it again; another colleague accepts it.
    const returned = await api.request('POST', `/api/disbursements/${disbursement}/rejection`, {
      token: t.finance,
      body: { reason: '缺少服务对象签收表' },
    });
    expect(returned.body.status).toBe('rejected');
    const renewed = await requestPayment(milestoneId);
    const rerated = { quality: 2, timeliness: 3, cooperation: 5 };
    // Two tries at once: the disbursement's row lock lets one accept, the other is refused.
    const both = await Promise.all([accept(t.staff2, renewed, rerated), accept(t.staff2, renewed, rerated)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await ratingsOf(milestoneId)).toEqual([
      { organization_id: org.id, rated_by: ids.staff2, ...rerated, comment: '' },
    ]);
    const [entry] = await db.query(
      `SELECT before, after FROM audit_log WHERE action = 'disbursement.accept' AND entity_id = $1`,
      [renewed],
    );
    expect(entry.before).toEqual({
      status: 'requested',
      rating: { ...ACCEPTANCE_RATING, ratedBy: ids.staff },
    });
    expect(entry.after.rating).toEqual({ ...rerated, comment: '' });
  });

  it('shows on the project to those who may see it, and to no one else', async () => {
    const expected = {
      quality: 2,
      timeliness: 3,
      cooperation: 5,
      comment: '',
      ratedByName: 'staff2@example.cn',
      createdAt: expect.any(String),
    };
    for (const token of [org.token, t.finance, t.director]) {
      const project = await api.request('GET', `/api/projects/${projectId}`, { token });
      expect(project.status).toBe(200);
      expect(project.body.milestones).toEqual([
        expect.objectContaining({ milestoneId, acceptanceRating: expected }),
      ]);
      expect(Number.isNaN(Date.parse(project.body.milestones[0].acceptanceRating.createdAt))).toBe(false);
      const progress = await api.request('GET', `/api/projects/${projectId}/progress`, { token });
      expect(progress.body[0].acceptanceRating).toEqual(expected);
    }
    // Another organization's admin, another street's finance, community staff (not a project's
    // viewers, even the one who rated) and anonymous callers never read it.
    for (const token of [t.otherOrg, t.financeFar, t.staff2]) {
      for (const path of [`/api/projects/${projectId}`, `/api/projects/${projectId}/progress`]) {
        const res = await api.request('GET', path, { token });
        expect(res.status).toBe(403);
        expect(res.body.milestones).toBeUndefined();
        expect(JSON.stringify(res.body)).not.toContain('acceptanceRating');
      }
    }
    expect((await api.request('GET', `/api/projects/${projectId}`, {})).status).toBe(401);
  });

  it('is null on the project until the milestone is accepted', async () => {
    const contract = await contractOf(db, api, org, 500_000);
    const [{ id }] = await db.query(`SELECT id FROM projects WHERE contract_id = $1`, [contract.contractId]);
    await requestPayment(contract.milestoneId);
    const project = await api.request('GET', `/api/projects/${id}`, { token: org.token });
    expect(project.body.milestones[0].acceptanceRating).toBeNull();
  });
});
