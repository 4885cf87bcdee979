import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { deliveryProject, visit } from './support/delivery.js';
import { userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { Api, idsOfEveryPage, newUser, tokenFor } from './support/http.js';
import { bidInput, tenderInput } from './support/procurement.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
const token: Record<string, string> = {};
let recordId: string;

/** The caller's waiting work as { kind: count }. */
async function waiting(who: string): Promise<Record<string, number>> {
  const res = await api.request('GET', '/api/me/waiting-work', { token: token[who] });
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.map((i: { kind: string; count: number }) => [i.kind, i.count]));
}

/** How many items the list the work is done from shows, every page read. */
const listed = async (who: string, first: string) => (await idsOfEveryPage(api, first, token[who])).length;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  for (const who of [
    'officer',
    'finance',
    'director',
    'evaluator',
    'staff',
    'resident',
    'orgadmin',
    'worker',
  ])
    token[who] = await tokenFor(api, `${who}@demo.sanshe.cn`);
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('GET /api/me/waiting-work', () => {
  beforeAll(async () => {
    // Work for several queues: a need to triage; a record for the lead to approve, listing the
    // resident, who has it to rate.
    const need = await api.request('POST', '/api/needs', {
      token: token.resident,
      body: {
        communityId: DEMO.communities[0],
        categoryCode: 'elderly.home_care',
        title: '楼道灯坏了',
        text: '3栋楼道的灯坏了一周',
      },
    });
    expect(need.status).toBe(201);
    const cast = await deliveryProject(db, api.app);
    token.colleague = await tokenFor(api, 'colleague@example.cn');
    const logged = await api.request('POST', `/api/projects/${cast.projectId}/records`, {
      token: token.colleague,
      body: visit([cast.resident.id]),
    });
    expect(logged.status).toBe(201);
    recordId = logged.body.id;
  });

  it('answers each role with the kinds it acts on, each count that of the list the work is done from', async () => {
    const c0 = DEMO.communities[0];
    expect(Object.keys(await waiting('staff'))).toEqual([
      'approvals',
      'resident_requests',
      'needs_to_triage',
      'submissions_to_check',
      'ratings_to_moderate',
    ]);
    const staff = await waiting('staff');
    expect(staff.approvals).toBe(await listed('staff', '/api/disbursements/inbox?limit=50'));
    expect(staff.resident_requests).toBe(
      await listed('staff', `/api/communities/${c0}/resident-requests?status=pending&limit=50`),
    );
    expect(staff.needs_to_triage).toBe(
      await listed('staff', `/api/communities/${c0}/needs?status=open&limit=50`),
    );
    expect(staff.ratings_to_moderate).toBe(
      await listed('staff', `/api/communities/${c0}/rating-reports?limit=50`),
    );

    for (const who of ['finance', 'director']) {
      expect(Object.keys(await waiting(who))).toEqual(['approvals']);
      expect((await waiting(who)).approvals).toBe(await listed(who, '/api/disbursements/inbox?limit=50'));
    }
    expect(Object.keys(await waiting('officer'))).toEqual(['organizations_to_verify']);
    expect((await waiting('officer')).organizations_to_verify).toBe(
      (await listed('officer', '/api/organizations/review-queue?status=pending&limit=50')) +
        (await listed('officer', '/api/organizations/identity-changes?limit=50')),
    );
    expect(staff.needs_to_triage).toBe(1);
    expect(await waiting('worker')).toEqual({ records_to_approve: 1 }); // the lead
    expect(await waiting('colleague')).toEqual({ records_to_approve: 0 }); // on the team, not its lead
    expect(await waiting('resident')).toEqual({ services_to_rate: 1 });
    expect(Object.keys(await waiting('evaluator'))).toEqual(['tenders_to_score']);
    const panels = await api.request('GET', '/api/me/panels?limit=100', { token: token.evaluator });
    expect((await waiting('evaluator')).tenders_to_score).toBe(
      panels.body.items.filter((t: { owed: boolean }) => t.owed).length,
    );
    expect(Object.keys(await waiting('orgadmin'))).toEqual(['bids_due']);
    expect((await waiting('orgadmin')).bids_due).toBe(await listed('orgadmin', '/api/bids/due?limit=50'));
  });

  it('counts the tenders an org admin may still bid on, and drops one once the organization bids', async () => {
    const before = (await waiting('orgadmin')).bids_due;
    const tender = await api.request('POST', '/api/tenders', { token: token.officer, body: tenderInput() });
    expect(tender.status).toBe(201);
    const published = await api.request('POST', `/api/tenders/${tender.body.id}/publish`, {
      token: token.officer,
    });
    expect(published.status).toBe(200);
    expect((await waiting('orgadmin')).bids_due).toBe(before + 1);

    const [{ id: memberId }] = await db.query(
      `SELECT m.id FROM organization_members m JOIN users u ON u.id = m.user_id WHERE u.email = 'worker@demo.sanshe.cn'`,
    );
    const bid = await api.request('POST', `/api/tenders/${tender.body.id}/bids`, {
      token: token.orgadmin,
      body: bidInput({ id: DEMO.organization, memberId }, 40_000_000),
    });
    expect(bid.status).toBe(201);
    expect((await waiting('orgadmin')).bids_due).toBe(before);
    // Bidding is the admin's: the organization's social worker has none of it.
    expect((await waiting('worker')).bids_due).toBeUndefined();
  });

  it('drops what was done: the approved record leaves the lead’s count', async () => {
    const approved = await api.request('POST', `/api/records/${recordId}/approve`, { token: token.worker });
    expect(approved.status).toBe(200);
    expect(await waiting('worker')).toEqual({ records_to_approve: 0 });
    expect(await waiting('resident')).toEqual({ services_to_rate: 1 }); // approved, still to rate
  });

  it('counts what arrives, in the caller’s scope only: staff of another community see none of it', async () => {
    await userWithRoles(db, 'staff-c1@example.cn', [['community_staff', { regionId: DEMO.communities[1] }]]);
    token.otherStaff = await tokenFor(api, 'staff-c1@example.cn');
    const before = { here: await waiting('staff'), there: await waiting('otherStaff') };
    const applicant = await newUser(api, 'waiting.neighbour@example.cn');
    const asked = await api.request('POST', `/api/communities/${DEMO.communities[0]}/resident-requests`, {
      token: applicant,
      body: { note: '5栋301' },
    });
    expect(asked.status).toBe(201);
    expect((await waiting('staff')).resident_requests).toBe(before.here.resident_requests + 1);
    expect((await waiting('otherStaff')).resident_requests).toBe(before.there.resident_requests);
  });

  it('answers a signed-in user without roles with nothing, and refuses the anonymous', async () => {
    token.nobody = await newUser(api, 'no.roles@example.cn');
    expect(await waiting('nobody')).toEqual({});
    const anonymous = await api.request('GET', '/api/me/waiting-work');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('auth.unauthenticated');
  });
});

describe('GET /api/bids/due and /api/bids/mine: an org admin’s bidding, a page at a time', () => {
  /** A published tender of the demo street. */
  async function openTender(title: string): Promise<string> {
    const tender = await api.request('POST', '/api/tenders', {
      token: token.officer,
      body: tenderInput({ title }),
    });
    expect(tender.status).toBe(201);
    const published = await api.request('POST', `/api/tenders/${tender.body.id}/publish`, {
      token: token.officer,
    });
    expect(published.status).toBe(200);
    return tender.body.id;
  }
  const due = (who: string) => idsOfEveryPage(api, '/api/bids/due?limit=2', token[who]);
  const mine = async (who: string) =>
    (await api.request('GET', '/api/bids/mine?limit=50', { token: token[who] })).body.items;

  it('lists the tenders due a bid (as many as the home page counts); a bid moves one to my bids, a withdrawal back', async () => {
    const tenderId = await openTender('助餐服务（待投标）');
    const before = await due('orgadmin');
    expect(before).toContain(tenderId);
    expect(before).toHaveLength((await waiting('orgadmin')).bids_due);

    const [{ id: memberId }] = await db.query(
      `SELECT m.id FROM organization_members m JOIN users u ON u.id = m.user_id WHERE u.email = 'worker@demo.sanshe.cn'`,
    );
    const bid = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: token.orgadmin,
      body: bidInput({ id: DEMO.organization, memberId }, 30_000_000),
    });
    expect(bid.status).toBe(201);
    expect(await due('orgadmin')).not.toContain(tenderId);
    const [latest] = await mine('orgadmin');
    expect(latest).toMatchObject({
      id: bid.body.id,
      organizationId: DEMO.organization,
      status: 'submitted',
      priceFen: 30_000_000,
      withdrawnAt: null,
      tender: { id: tenderId, title: '助餐服务（待投标）', status: 'published', bidCount: 1 },
    });
    // A list of where bids stand: their content stays on the bid's own page.
    expect(latest.proposal).toBeUndefined();

    const withdrawn = await api.request('POST', `/api/bids/${bid.body.id}/withdraw`, {
      token: token.orgadmin,
    });
    expect(withdrawn.status).toBe(200);
    expect(await due('orgadmin')).toContain(tenderId);
    expect((await mine('orgadmin'))[0]).toMatchObject({ id: bid.body.id, status: 'withdrawn' });
  });

  it('pages my bids the latest first, every bid once', async () => {
    const all = await mine('orgadmin');
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(await idsOfEveryPage(api, '/api/bids/mine?limit=1', token.orgadmin)).toEqual(
      all.map((b: { id: string }) => b.id),
    );
    const times = all.map((b: { submittedAt: string }) => b.submittedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('shows an admin the bids of their own organizations only; other roles are refused', async () => {
    const other = await verifiedOrganization(db, '西湖社工服务中心');
    token.otherAdmin = await tokenFor(api, other.adminEmail);
    const tenderId = await openTender('助浴服务');
    const bid = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: token.otherAdmin,
      body: bidInput(other, 25_000_000),
    });
    expect(bid.status).toBe(201);

    expect((await mine('otherAdmin')).map((b: { id: string }) => b.id)).toEqual([bid.body.id]);
    expect((await mine('orgadmin')).map((b: { id: string }) => b.id)).not.toContain(bid.body.id);
    // Bid on by the other organization only: still due from the demo organization.
    expect(await due('orgadmin')).toContain(tenderId);
    expect(await due('otherAdmin')).not.toContain(tenderId);

    for (const path of ['/api/bids/mine', '/api/bids/due']) {
      for (const who of ['resident', 'worker', 'officer']) {
        const refused = await api.request('GET', path, { token: token[who] });
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('auth.forbidden');
      }
      expect((await api.request('GET', path)).status).toBe(401);
    }
  });
});
