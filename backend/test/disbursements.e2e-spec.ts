import Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import { DEV_WEBHOOK_SECRET, type Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { LedgerService } from '../src/modules/ledger/ledger.service.js';
import { userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { ACCEPTANCE_RATING, contractOf, testOrganization } from './support/payments.js';
import { Api, idsOfEveryPage, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
const t: Record<string, string> = {};
const ms: Record<string, string> = {};
let contractId: string;

const addUser = (email: string, memberships: Parameters<typeof userWithRoles>[2]) =>
  userWithRoles(db, email, memberships);

/** Approved, confirmed service that meets every milestone's acceptance rule. */
async function deliver(projectId: string, workerId: string, residentId: string) {
  const [{ id }] = await db.query(
    `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, status, created_at)
     VALUES ($1, $2, 'home_visit', $3, now() - interval '30 hours', now() - interval '10 hours', 'approved', now()) RETURNING id`,
    [projectId, workerId, DEMO.communities[0]],
  );
  await db.query(
    `INSERT INTO record_beneficiaries (record_id, resident_user_id, response) VALUES ($1, $2, 'confirmed')`,
    [id, residentId],
  );
}

const ledgerBalanced = async () =>
  (await db.query(`SELECT coalesce(sum(amount_fen), 0)::float8 AS total FROM postings`))[0].total === 0;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  const ids = Object.fromEntries(
    (await db.query(`SELECT email, id FROM users WHERE email LIKE '%@demo.sanshe.cn'`)).map(
      (r: { email: string; id: string }) => [r.email.split('@')[0], r.id],
    ),
  );
  // A second finance officer (four-eyes needs two people) and someone who is both org admin and community staff.
  await addUser('finance2@example.cn', [['street_finance', { regionId: DEMO.streets[0] }]]);
  await addUser('both@example.cn', [
    ['org_admin', { organizationId: DEMO.organization }],
    ['community_staff', { regionId: DEMO.communities[0] }],
  ]);
  await addUser('staff-far@example.cn', [['community_staff', { regionId: DEMO.communities[4] }]]);
  for (const [key, email] of Object.entries({
    orgAdmin: 'orgadmin@demo.sanshe.cn',
    staff: 'staff@demo.sanshe.cn',
    finance: 'finance@demo.sanshe.cn',
    finance2: 'finance2@example.cn',
    director: 'director@demo.sanshe.cn',
    both: 'both@example.cn',
    far: 'staff-far@example.cn',
  })) {
    t[key] = await tokenFor(api, email);
  }
  // A contract of 2,000,000 + 12,000,000 fen (the second milestone needs the director), committed against the 2026 budget.
  [{ id: contractId }] = await db.query(
    `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
     VALUES ($1, $2, '助老服务', 14000000, '2026-01-01', '2026-12-31', '{"serviceHours": 10, "beneficiaries": 1, "minSatisfaction": 4}', $3) RETURNING id`,
    [DEMO.organization, DEMO.streets[0], ids.orgadmin],
  );
  [{ id: ms.small }, { id: ms.large }] = await db.query(
    `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, 1, '首期', 1429, 2000000, current_date + 30), ($1, 2, '终期', 8571, 12000000, current_date + 60)
     RETURNING id`,
    [contractId],
  );
  await api.request('POST', `/api/streets/${DEMO.streets[0]}/budget/allocations`, {
    token: t.finance,
    body: { year: 2026, amountFen: 50_000_000, reference: 'B-1' },
  });
  await db.transaction((m) =>
    api.app.get(LedgerService).commitContract(m, ids.orgadmin, {
      id: contractId,
      streetId: DEMO.streets[0],
      year: 2026,
      amountFen: 14_000_000,
    }),
  );
  const project = await api.request('POST', `/api/contracts/${contractId}/project`, {
    token: t.orgAdmin,
    body: { leadUserId: ids.worker, memberUserIds: [] },
  });
  t.projectId = project.body.id;
  t.workerId = ids.worker;
  t.residentId = ids.resident;
});
afterAll(async () => {
  expect(await ledgerBalanced()).toBe(true);
  await api?.close();
  await dropSchema(db, env);
});

const request = (token: string, milestoneId: string) =>
  api.request('POST', '/api/disbursements', {
    token,
    body: { milestoneId, method: 'treasury', deliverables: '中期服务报告及服务对象签收表' },
  });

describe('disbursements', () => {
  let small: string;

  it('are requested by the organization once the acceptance rule is met, one live request per milestone', async () => {
    const early = await request(t.orgAdmin, ms.small);
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('acceptance rule');
    await deliver(t.projectId, t.workerId, t.residentId);
    const other = await verifiedOrganization(db, '他人机构');
    expect((await request(await tokenFor(api, other.adminEmail), ms.small)).status).toBe(403);
    const res = await request(t.orgAdmin, ms.small);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'requested', amountFen: 2_000_000, needsDirector: false });
    small = res.body.id;
    expect((await request(t.orgAdmin, ms.small)).status).toBe(409);
  });

  it('are accepted by staff of a served community, never by the requester', async () => {
    expect(
      (
        await api.request('POST', `/api/disbursements/${small}/accept`, {
          token: t.far,
          body: ACCEPTANCE_RATING,
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.request('POST', `/api/disbursements/${small}/finance-approval`, { token: t.finance }))
        .status,
    ).toBe(409);
    const own = await request(t.both, ms.large);
    expect(own.status).toBe(201);
    const selfAccept = await api.request('POST', `/api/disbursements/${own.body.id}/accept`, {
      token: t.both,
      body: ACCEPTANCE_RATING,
    });
    expect(selfAccept.status).toBe(403);
    expect(selfAccept.body.message).toContain('same person');
    expect(
      (
        await api.request('POST', `/api/disbursements/${small}/accept`, {
          token: t.staff,
          body: ACCEPTANCE_RATING,
        })
      ).body.status,
    ).toBe('accepted');
    const inbox = await api.request('GET', '/api/disbursements/inbox', { token: t.finance });
    expect(inbox.body.items.map((d: { id: string }) => d.id)).toContain(small);
  });

  it('settle 200 concurrent approvals to exactly one, with one ledger entry and no server error', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        api.request('POST', `/api/disbursements/${small}/finance-approval`, { token: t.finance }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(statuses.some((s) => s >= 500)).toBe(false);
    expect(results.find((r) => r.status === 200)!.body.status).toBe('approved'); // below the director's threshold
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE reference = $1`, [
      `payable:${small}`,
    ]);
    expect(n).toBe(1);
    expect(
      (await api.request('POST', `/api/disbursements/${small}/director-approval`, { token: t.director }))
        .status,
    ).toBe(409);
  });

  it('need the director at or above the threshold, and can be returned with a reason and requested again', async () => {
    const [{ id: large }] = await db.query(
      `SELECT id FROM disbursements WHERE milestone_id = $1 AND status = 'requested'`,
      [ms.large],
    );
    await api.request('POST', `/api/disbursements/${large}/accept`, {
      token: t.staff,
      body: ACCEPTANCE_RATING,
    });
    const returned = await api.request('POST', `/api/disbursements/${large}/rejection`, {
      token: t.finance,
      body: { reason: '缺少服务对象签收表' },
    });
    expect(returned.body).toMatchObject({ status: 'rejected', rejectionReason: '缺少服务对象签收表' });
    const again = await request(t.orgAdmin, ms.large);
    expect(again.status).toBe(201);
    expect(again.body.needsDirector).toBe(true);
    await api.request('POST', `/api/disbursements/${again.body.id}/accept`, {
      token: t.staff,
      body: ACCEPTANCE_RATING,
    });
    expect(
      (
        await api.request('POST', `/api/disbursements/${again.body.id}/finance-approval`, {
          token: t.finance,
        })
      ).body.status,
    ).toBe('finance_approved');
    expect(
      (
        await api.request('POST', `/api/disbursements/${again.body.id}/director-approval`, {
          token: t.finance2,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/disbursements/${again.body.id}/director-approval`, {
          token: t.director,
        })
      ).body.status,
    ).toBe('approved');
  });

  it('are paid by a treasury transfer recorded with its voucher, moving the ledger from payable to cleared', async () => {
    expect(
      (
        await api.request('POST', `/api/disbursements/${small}/payment`, {
          token: t.orgAdmin,
          body: { voucher: 'GK-2026-0001' },
        })
      ).status,
    ).toBe(403);
    const paid = await api.request('POST', `/api/disbursements/${small}/payment`, {
      token: t.finance2,
      body: { voucher: 'GK-2026-0001' },
    });
    expect(paid.body).toMatchObject({ status: 'paid', voucher: 'GK-2026-0001' });
    expect(
      (
        await api.request('POST', `/api/disbursements/${small}/payment`, {
          token: t.finance2,
          body: { voucher: 'GK-2026-0002' },
        })
      ).status,
    ).toBe(409);
    const balances = await db.query(
      `SELECT a.kind, sum(p.amount_fen)::float8 AS total FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
        WHERE a.organization_id = $1 OR a.code LIKE 'clearing:%' GROUP BY a.kind ORDER BY a.kind`,
      [DEMO.organization],
    );
    // 2,000,000 paid out; the 12,000,000 of the large milestone approved and still payable.
    expect(balances).toEqual([
      { kind: 'clearing', total: 2_000_000 },
      { kind: 'payable', total: 12_000_000 },
    ]);
    expect((await db.query(`SELECT status FROM milestones WHERE id = $1`, [ms.small]))[0].status).toBe(
      'paid',
    );
  });

  it("show in the street's budget: paid out of the contract's commitment, the rest still committed", async () => {
    const budget = await api.request('GET', `/api/streets/${DEMO.streets[0]}/budget?year=2026`, {
      token: t.director,
    });
    expect(budget.status).toBe(200);
    // allocated 50,000,000 = committed 12,000,000 (approved, not paid) + paid 2,000,000 + available 36,000,000
    expect(budget.body).toMatchObject({
      allocatedFen: 50_000_000,
      committedFen: 12_000_000,
      paidFen: 2_000_000,
      availableFen: 36_000_000,
      contracts: [
        {
          contractId,
          title: '助老服务',
          organizationName: '阳光居家养老服务中心',
          amountFen: 14_000_000,
          paidFen: 2_000_000,
          committedFen: 12_000_000,
        },
      ],
    });
    expect(budget.body.contracts).toHaveLength(1);
  });

  it("are listed for the organization's admins only, with who signed each step", async () => {
    const mine = await api.request('GET', `/api/organizations/${DEMO.organization}/disbursements`, {
      token: t.orgAdmin,
    });
    expect(mine.status).toBe(200);
    const paid = mine.body.items.find((d: { id: string }) => d.id === small);
    expect(paid).toMatchObject({
      status: 'paid',
      requestedByName: '周主任 (社会组织)',
      acceptedByName: '刘书记 (社区)',
      financeApprovedByName: expect.any(String),
      directorApprovedByName: null,
    });
    expect(mine.body.items.map((d: { status: string }) => d.status).sort()).toEqual([
      'approved',
      'paid',
      'rejected',
    ]);
    // A page at a time, newest first: following links.next visits each once.
    expect(
      await idsOfEveryPage(api, `/api/organizations/${DEMO.organization}/disbursements?limit=1`, t.orgAdmin),
    ).toEqual(mine.body.items.map((d: { id: string }) => d.id));
    // The contract's, oldest first, a page at a time: the same ones, each once.
    const ofContract = await idsOfEveryPage(
      api,
      `/api/contracts/${contractId}/disbursements?limit=1`,
      t.finance,
    );
    expect(ofContract).toHaveLength(3);
    expect(ofContract.slice().sort()).toEqual(mine.body.items.map((d: { id: string }) => d.id).sort());
    expect(ofContract).toEqual(
      [...mine.body.items]
        .sort((a: { createdAt: string }, b: { createdAt: string }) => a.createdAt.localeCompare(b.createdAt))
        .map((d: { id: string }) => d.id),
    );
    expect(
      (
        await api.request('GET', `/api/organizations/${DEMO.organization}/disbursements?cursor=junk`, {
          token: t.orgAdmin,
        })
      ).status,
    ).toBe(400);
    // One of them: for the organization's admins and the street's finance.
    expect((await api.request('GET', `/api/disbursements/${small}`, { token: t.orgAdmin })).body.id).toBe(
      small,
    );
    expect((await api.request('GET', `/api/disbursements/${small}`, { token: t.finance })).body.status).toBe(
      'paid',
    );
    const other = await verifiedOrganization(db, '别家机构');
    const otherToken = await tokenFor(api, other.adminEmail);
    expect(
      (
        await api.request('GET', `/api/organizations/${DEMO.organization}/disbursements`, {
          token: otherToken,
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.request('GET', `/api/organizations/${other.id}/disbursements`, { token: otherToken })).body
        .items,
    ).toEqual([]);
    expect((await api.request('GET', `/api/disbursements/${small}`, { token: otherToken })).status).toBe(403);
    expect(
      (
        await api.request('GET', `/api/organizations/${DEMO.organization}/disbursements`, {
          token: t.finance,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('GET', `/api/organizations/${DEMO.organization}/disbursements`, {
          token: undefined,
        })
      ).status,
    ).toBe(401);
  });

  it('are never approved by who requested them, nor by one person at two steps (four eyes)', async () => {
    // The organization's admin is also the street's finance officer; another person is finance of
    // the street and director of the whole district (the grants API gives street roles on streets
    // only, and the database keeps finance and director of one street apart: these are written
    // straight to the table to show the signers' rule holds on its own).
    const org = await testOrganization(db, api, '四眼原则机构');
    await db.query(
      `INSERT INTO role_memberships (user_id, role, region_id) VALUES ($1, 'street_finance', $2)`,
      [org.userId, DEMO.streets[0]],
    );
    await addUser('two.hats@example.cn', [
      ['street_finance', { regionId: DEMO.streets[0] }],
      ['street_director', { regionId: DEMO.district }],
    ]);
    const twoHats = await tokenFor(api, 'two.hats@example.cn');
    const { milestoneId } = await contractOf(db, api, org, 11_000_000);
    const requested = await request(org.token, milestoneId);
    expect(requested.body.needsDirector).toBe(true);
    const id = requested.body.id;
    await api.request('POST', `/api/disbursements/${id}/accept`, { token: t.staff, body: ACCEPTANCE_RATING });

    const own = await api.request('POST', `/api/disbursements/${id}/finance-approval`, { token: org.token });
    expect([own.status, own.body.code]).toEqual([403, 'auth.forbidden']);
    expect(own.body.message).toContain('same person cannot request and approve');
    const finance = await api.request('POST', `/api/disbursements/${id}/finance-approval`, {
      token: twoHats,
    });
    expect(finance.body.status).toBe('finance_approved');
    const twice = await api.request('POST', `/api/disbursements/${id}/director-approval`, { token: twoHats });
    expect([twice.status, twice.body.code]).toEqual([403, 'auth.forbidden']);
    expect(
      (await api.request('POST', `/api/disbursements/${id}/director-approval`, { token: t.director })).body
        .status,
    ).toBe('approved');
    expect(
      await db.query(
        `SELECT requested_by, finance_approved_by, director_approved_by FROM disbursements WHERE id = $1`,
        [id],
      ),
    ).toEqual([
      {
        requested_by: org.userId,
        finance_approved_by: await db
          .query(`SELECT id FROM users WHERE email = 'two.hats@example.cn'`)
          .then((r) => r[0].id),
        director_approved_by: expect.any(String),
      },
    ]);
  });

  it('wait in the inbox oldest first, a page at a time, each once', async () => {
    const org = await testOrganization(db, api, '收件箱分页机构');
    const requested: string[] = [];
    for (const amountFen of [100_000, 200_000, 300_000]) {
      const { milestoneId } = await contractOf(db, api, org, amountFen);
      requested.push((await request(org.token, milestoneId)).body.id);
    }
    const all = (
      await api.request('GET', '/api/disbursements/inbox?limit=100', { token: t.staff })
    ).body.items.map((d: { id: string }) => d.id);
    expect(all.slice(-3)).toEqual(requested);
    const paged = await idsOfEveryPage(api, '/api/disbursements/inbox?limit=2', t.staff);
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(paged.length);
  });
});

describe('the Stripe webhook where Stripe is not configured', () => {
  it('answers 503 to every event, even one signed with the published development secret, and credits nothing', async () => {
    const community = DEMO.communities[0];
    const payload = JSON.stringify({
      id: 'evt_forged_donation',
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: 'cs_test_forged_without_stripe',
          object: 'checkout.session',
          amount_total: 50_000_000,
          currency: 'cny',
          payment_status: 'paid',
          metadata: { purpose: 'community_fund', community_id: community },
        },
      },
    });
    const res = await api.request('POST', '/api/payments/stripe/webhook', {
      rawBody: payload,
      headers: {
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: DEV_WEBHOOK_SECRET }),
      },
    });
    expect([res.status, res.body.code]).toEqual([503, 'payments.unavailable']);
    expect(await db.query(`SELECT id FROM provider_events`)).toEqual([]);
    expect(await db.query(`SELECT id FROM fund_donations`)).toEqual([]);
    expect(await db.query(`SELECT id FROM ledger_accounts WHERE code = $1`, [`fund:${community}`])).toEqual(
      [],
    );
  });
});
