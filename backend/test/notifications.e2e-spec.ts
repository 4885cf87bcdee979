import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { LedgerService } from '../src/modules/ledger/ledger.service.js';
import { DEADLINE_REMINDER_MS, Notifier } from '../src/modules/notifications/notifier.js';
import { PayoutsService } from '../src/modules/payments/payouts.service.js';
import { TendersService } from '../src/modules/tenders/tenders.service.js';
import { userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import { ACCEPTANCE_RATING } from './support/payments.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
const tok: Record<string, string> = {};
const uid: Record<string, string> = {};
type Org = { id: string; adminEmail: string; memberId: string; token: string };
const org: Record<string, Org> = {};

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();
const queue = (name: string) => api.app.get<Queue>(getQueueToken(name), { strict: false });

const addUser = (email: string, role: string, regionId: string) =>
  userWithRoles(db, email, [[role, { regionId }]]);

/** Who received the notice of one event (by its dedup key), as sorted e-mail addresses. */
async function recipients(key: string, type?: string): Promise<string[]> {
  const rows: { email: string }[] = await db.query(
    `SELECT u.email FROM notifications n JOIN users u ON u.id = n.recipient_id
      WHERE n.dedup_key = $1 AND ($2::text IS NULL OR n.type = $2) ORDER BY u.email`,
    [key, type ?? null],
  );
  return rows.map((r) => r.email);
}

const inbox = async (token: string, query = '') => {
  const res = await api.request('GET', `/api/me/notifications${query}`, { token });
  expect(res.status).toBe(200);
  return res.body as {
    items: { id: string; type: string; params: any; link: string; readAt: string | null }[];
    nextCursor: string | null;
  };
};
const unread = async (token: string) =>
  (await api.request('GET', '/api/me/notifications/unread-count', { token })).body.count as number;

function tenderBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '翠园社区日间照料服务项目',
    description: '为翠园社区老人提供日间照料、助餐与康复活动。',
    categoryCode: 'elderly.day_care',
    streetId: DEMO.streets[0],
    communityIds: [DEMO.communities[1]],
    budgetCeilingFen: 30_000_000,
    method: 'competitive_consultation',
    kpis: { serviceHours: 1000, beneficiaries: 50, minSatisfaction: 4 },
    weights: {
      price: 30,
      technical: 60,
      performance: 10,
      criteria: [{ key: 'plan', name: '服务方案', weight: 60 }],
    },
    milestonePlan: [
      { name: '首期', shareBp: 5000, dueInDays: 30 },
      { name: '终期', shareBp: 5000, dueInDays: 365 },
    ],
    enquiryDeadline: inDays(5),
    bidDeadline: inDays(10),
    standstillDays: 10,
    ...overrides,
  };
}

async function publishedTender(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await api.request('POST', '/api/tenders', {
    token: tok.officer,
    body: tenderBody(overrides),
  });
  expect(created.status).toBe(201);
  const published = await api.request('POST', `/api/tenders/${created.body.id}/publish`, {
    token: tok.officer,
  });
  expect(published.status).toBe(200);
  return created.body.id;
}

const bid = (o: Org, tenderId: string, priceFen: number) =>
  api.request('POST', `/api/tenders/${tenderId}/bids`, {
    token: o.token,
    body: {
      organizationId: o.id,
      priceFen,
      proposal: '每日开放日间照料中心，配备持证社工与护理员，提供助餐与康复活动。',
      team: [o.memberId],
      offeredKpis: { serviceHours: 1100, beneficiaries: 60, minSatisfaction: 4.5 },
    },
  });

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  await addUser('finance2@example.cn', 'street_finance', DEMO.streets[0]);
  await addUser('finance-far@example.cn', 'street_finance', DEMO.streets[1]);
  await addUser('staff-far@example.cn', 'community_staff', DEMO.communities[4]);
  for (const [key, email] of Object.entries({
    officer: 'officer@demo.sanshe.cn',
    orgAdmin: 'orgadmin@demo.sanshe.cn',
    staff: 'staff@demo.sanshe.cn',
    finance: 'finance@demo.sanshe.cn',
    finance2: 'finance2@example.cn',
    director: 'director@demo.sanshe.cn',
    resident: 'resident@demo.sanshe.cn',
    evaluator: 'evaluator@demo.sanshe.cn',
  })) {
    tok[key] = await tokenFor(api, email);
  }
  for (const r of await db.query(`SELECT email, id FROM users`)) uid[r.email] = r.id;
  // Day care serves the tender's category exactly, the elderly one through the parent category; the
  // youth one and the demo organization (home care, a sibling) do not; the pending one is not verified.
  for (const [key, name, categories] of [
    ['dayCare', '日照中心', ['elderly.day_care']],
    ['elderly', '为老服务社', ['elderly']],
    ['youth', '青少年服务社', ['youth']],
    ['pending', '待审机构', ['elderly.day_care']],
  ] as const) {
    const o = await verifiedOrganization(db, name, { categories: [...categories] });
    org[key] = { ...o, token: await tokenFor(api, o.adminEmail) };
  }
  await db.query(`UPDATE organizations SET status = 'pending' WHERE id = $1`, [org.pending.id]);
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('preferences', () => {
  it('start from the defaults and change per type, for the caller only', async () => {
    const defaults = await api.request('GET', '/api/me/notification-preferences', { token: org.youth.token });
    expect(defaults.status).toBe(200);
    expect(defaults.body.preferences).toHaveLength(7);
    expect(defaults.body.preferences).toContainEqual({ type: 'tender_published', inApp: true, email: true });
    expect(defaults.body.preferences).toContainEqual({ type: 'rating_received', inApp: true, email: false });

    // The elderly organization's admin wants tender notices in the inbox only.
    const set = await api.request('PUT', '/api/me/notification-preferences', {
      token: org.elderly.token,
      body: { preferences: [{ type: 'tender_published', inApp: true, email: false }] },
    });
    expect(set.status).toBe(200);
    expect(set.body.preferences).toContainEqual({ type: 'tender_published', inApp: true, email: false });
    expect(set.body.preferences).toContainEqual({ type: 'deadline_near', inApp: true, email: true });
    expect(
      (
        await api.request('PUT', '/api/me/notification-preferences', {
          token: org.elderly.token,
          body: { preferences: [{ type: 'everything', inApp: true, email: false }] },
        })
      ).status,
    ).toBe(400);
    const others = await api.request('GET', '/api/me/notification-preferences', { token: org.dayCare.token });
    expect(others.body.version).toBe(0);
    expect(others.headers.get('etag')).toBe('"0"');
    expect(others.body.preferences).toContainEqual({ type: 'tender_published', inApp: true, email: true });
    expect((await api.request('GET', '/api/me/notification-preferences')).status).toBe(401);
  });
});

describe('tender published, deadline near, result', () => {
  let tenderId: string;

  it('tells the admins of verified organizations serving the category, nobody else', async () => {
    tenderId = await publishedTender();
    expect(await recipients(`tender_published:${tenderId}`)).toEqual(
      [org.dayCare.adminEmail, org.elderly.adminEmail].sort(),
    );
    const items = (await inbox(org.dayCare.token)).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: 'tender_published',
      params: { tenderId, title: '翠园社区日间照料服务项目' },
      link: `/tenders/${tenderId}`,
      readAt: null,
    });
    expect(await unread(org.dayCare.token)).toBe(1);
    expect(await unread(org.youth.token)).toBe(0);
    expect(await unread(tok.orgAdmin)).toBe(0);
  });

  it('queues one e-mail job per notice the recipient wants by e-mail, keyed by the notice', async () => {
    const rows: { id: string; email: string; email_status: string }[] = await db.query(
      `SELECT n.id, u.email, n.email_status FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE n.dedup_key = $1`,
      [`tender_published:${tenderId}`],
    );
    const byEmail = Object.fromEntries(rows.map((r) => [r.email, r]));
    // The elderly admin turned tender e-mails off: no job; the day care admin gets one.
    expect(byEmail[org.elderly.adminEmail].email_status).toBe('none');
    expect(byEmail[org.dayCare.adminEmail].email_status).toBe('pending');
    const mail = queue('mail');
    const job = await mail.getJob(`notification-email-${byEmail[org.dayCare.adminEmail].id}`);
    expect(job?.name).toBe('notification.email');
    expect(job?.data).toEqual({ notificationId: byEmail[org.dayCare.adminEmail].id });
    expect(job?.opts.attempts).toBeGreaterThan(1);
    expect(job?.opts.backoff).toMatchObject({ type: 'exponential' });
    expect(await mail.getJob(`notification-email-${byEmail[org.elderly.adminEmail].id}`)).toBeUndefined();
  });

  it('schedules the reminder 24 h before the deadline; an amendment schedules a new one and the old one does nothing', async () => {
    const [{ deadline }] = await db.query(`SELECT bid_deadline AS deadline FROM tenders WHERE id = $1`, [
      tenderId,
    ]);
    const tenders = queue('tenders');
    const first = await tenders.getJob(`tender-deadline-near-${tenderId}-${deadline.getTime()}`);
    expect(first?.name).toBe('notification.deadline_near');
    expect(first!.opts.delay).toBeGreaterThan(
      deadline.getTime() - DEADLINE_REMINDER_MS - Date.now() - 60_000,
    );
    expect(first!.opts.delay).toBeLessThanOrEqual(
      deadline.getTime() - DEADLINE_REMINDER_MS - Date.now() + 1000,
    );

    // Day care bids, the elderly organization only asks a question, youth does neither.
    expect((await bid(org.dayCare, tenderId, 25_000_000)).status).toBe(201);
    const asked = await api.request('POST', `/api/tenders/${tenderId}/enquiries`, {
      token: org.elderly.token,
      body: { organizationId: org.elderly.id, question: '是否需要提供场地？' },
    });
    expect(asked.status).toBe(201);

    const later = new Date(deadline.getTime() + 2 * 24 * 3600 * 1000);
    const amended = await api.request('POST', `/api/tenders/${tenderId}/amendments`, {
      token: tok.officer,
      body: { summary: '延长投标截止时间', bidDeadline: later.toISOString() },
    });
    expect(amended.status).toBe(201);
    expect(await tenders.getJob(`tender-deadline-near-${tenderId}-${later.getTime()}`)).toBeDefined();

    const notifier = api.app.get(Notifier);
    expect(await notifier.deadlineNear(tenderId, deadline.toISOString())).toBe(0);
    expect(await notifier.deadlineNear(tenderId, later.toISOString())).toBe(2);
    expect(await recipients(`deadline_near:${tenderId}:${later.getTime()}`)).toEqual(
      [org.dayCare.adminEmail, org.elderly.adminEmail].sort(),
    );
    // A repeated job (at-least-once delivery) notifies nobody twice.
    expect(await notifier.deadlineNear(tenderId, later.toISOString())).toBe(0);
  });

  it('tells every bidder the result, the winner that it won; non-bidders hear nothing', async () => {
    expect((await bid(org.elderly, tenderId, 28_000_000)).status).toBe(201);
    await db.query(
      `UPDATE tenders SET enquiry_deadline = now() - interval '2 seconds', bid_deadline = now() - interval '1 second' WHERE id = $1`,
      [tenderId],
    );
    expect(await api.app.get(TendersService).closeBidding(tenderId)).toBe('closed');
    expect(
      (
        await api.request('POST', `/api/tenders/${tenderId}/panel/draw`, {
          token: tok.officer,
          body: { size: 1 },
        })
      ).body.members.map((m: { userId: string }) => m.userId),
    ).toEqual([uid['evaluator@demo.sanshe.cn']]);
    await api.request('POST', `/api/tenders/${tenderId}/panel/declaration`, { token: tok.evaluator });
    const bids: { id: string; organization_id: string }[] = await db.query(
      `SELECT id, organization_id FROM bids WHERE tender_id = $1`,
      [tenderId],
    );
    for (const b of bids) {
      const points = b.organization_id === org.dayCare.id ? 55 : 40;
      const scored = await api.request('POST', `/api/bids/${b.id}/scores`, {
        token: tok.evaluator,
        body: { criteria: [{ key: 'plan', points }] },
      });
      expect(scored.status).toBe(200);
    }
    const awarded = await api.request('POST', `/api/tenders/${tenderId}/award`, { token: tok.officer });
    expect(awarded.status).toBe(200);

    expect(await recipients(`tender_result:${tenderId}`)).toEqual(
      [org.dayCare.adminEmail, org.elderly.adminEmail].sort(),
    );
    const won = (await inbox(org.dayCare.token)).items.find((n) => n.type === 'tender_result');
    expect(won?.params).toMatchObject({ awarded: true, title: '翠园社区日间照料服务项目' });
    const lost = (await inbox(org.elderly.token)).items.find((n) => n.type === 'tender_result');
    expect(lost?.params).toMatchObject({ awarded: false, organizationName: '日照中心' });
    expect((await inbox(org.youth.token)).items).toEqual([]);
  });

  it('an invitation tender tells only the invited organization', async () => {
    const invited = await publishedTender({
      title: '单一来源日间照料',
      method: 'single_source',
      singleSourceJustification: '唯一具备该社区日间照料中心运营资质的机构',
      invitedOrganizationId: org.elderly.id,
      budgetCeilingFen: 1_000_000,
    });
    expect(await recipients(`tender_published:${invited}`)).toEqual([org.elderly.adminEmail]);
  });
});

describe('the inbox', () => {
  it('pages newest first, filters unread, marks one or all read', async () => {
    const token = org.dayCare.token;
    const all = await inbox(token);
    expect(all.items.map((n) => n.type)).toEqual(['tender_result', 'deadline_near', 'tender_published']);
    const first = await inbox(token, '?limit=2');
    expect(first.items.map((n) => n.id)).toEqual(all.items.slice(0, 2).map((n) => n.id));
    expect((first as any).links.next).toBe(`/api/me/notifications?limit=2&cursor=${first.nextCursor}`);
    const second = await inbox(token, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.id)).toEqual([all.items[2].id]);
    expect(second.nextCursor).toBeNull();

    expect(await unread(token)).toBe(3);
    const read = await api.request('POST', `/api/me/notifications/${all.items[1].id}/read`, { token });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect(await unread(token)).toBe(2);
    expect((await inbox(token, '?unread=true')).items.map((n) => n.id)).toEqual([
      all.items[0].id,
      all.items[2].id,
    ]);

    const readAll = await api.request('POST', '/api/me/notifications/read-all', { token });
    expect(readAll.body).toEqual({ updated: 2 });
    expect(await unread(token)).toBe(0);
    expect((await inbox(token, '?unread=true')).items).toEqual([]);
  });

  it("never shows or touches another user's notices", async () => {
    const [mine] = (await inbox(org.elderly.token)).items;
    const before = await unread(org.elderly.token);
    const foreign = await api.request('POST', `/api/me/notifications/${mine.id}/read`, {
      token: org.youth.token,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('resource.not_found');
    await api.request('POST', '/api/me/notifications/read-all', { token: org.youth.token });
    expect(await unread(org.elderly.token)).toBe(before);
    expect((await api.request('GET', '/api/me/notifications')).status).toBe(401);
    expect(
      (await api.request('POST', '/api/me/notifications/not-a-uuid/read', { token: org.youth.token })).status,
    ).toBe(400);
  });

  it('keeps a type out of the inbox when the user turned it off there', async () => {
    await api.request('PUT', '/api/me/notification-preferences', {
      token: org.youth.token,
      body: { preferences: [{ type: 'tender_published', inApp: false, email: false }] },
    });
    const tenderId = await publishedTender({ title: '青少年与老人代际活动', categoryCode: 'youth' });
    expect(await recipients(`tender_published:${tenderId}`)).toEqual([]);
    expect(await unread(org.youth.token)).toBe(0);
  });
});

describe('preferences changed in two places', () => {
  it('refuse the write made against settings someone changed since (412), and keep the newer ones', async () => {
    const { token } = org.dayCare;
    const shown = await api.request('GET', '/api/me/notification-preferences', { token });
    const etag = shown.headers.get('etag')!;
    expect(etag).toBe(`"${shown.body.version}"`);
    // The first tab saves: the version moves on.
    const first = await api.request('PUT', '/api/me/notification-preferences', {
      token,
      headers: { 'if-match': etag },
      body: { preferences: [{ type: 'deadline_near', inApp: true, email: false }] },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(shown.body.version + 1);
    expect(first.headers.get('etag')).toBe(`"${first.body.version}"`);
    // The second tab still shows the old version.
    const stale = await api.request('PUT', '/api/me/notification-preferences', {
      token,
      headers: { 'if-match': etag },
      body: { preferences: [{ type: 'deadline_near', inApp: false, email: true }] },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body.code).toBe('precondition.failed');
    const now = await api.request('GET', '/api/me/notification-preferences', { token });
    expect(now.body.preferences).toContainEqual({ type: 'deadline_near', inApp: true, email: false });
    expect(now.body.version).toBe(first.body.version);
    const garbled = await api.request('PUT', '/api/me/notification-preferences', {
      token,
      headers: { 'if-match': 'yesterday' },
      body: { preferences: [] },
    });
    expect(garbled.status).toBe(400);
  });
});

describe('disbursements and ratings', () => {
  const ms: Record<string, string> = {};
  let recordId: string;
  let projectId: string;

  beforeAll(async () => {
    const [{ id: contractId }] = await db.query(
      `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
       VALUES ($1, $2, '助老服务', 14000000, '2026-01-01', '2026-12-31', '{"serviceHours": 10, "beneficiaries": 1, "minSatisfaction": 4}', $3) RETURNING id`,
      [DEMO.organization, DEMO.streets[0], uid['orgadmin@demo.sanshe.cn']],
    );
    [{ id: ms.small }, { id: ms.large }] = await db.query(
      `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, 1, '首期', 1429, 2000000, current_date + 30), ($1, 2, '终期', 8571, 12000000, current_date + 60)
       RETURNING id`,
      [contractId],
    );
    await api.request('POST', `/api/streets/${DEMO.streets[0]}/budget/allocations`, {
      token: tok.finance,
      body: { year: 2026, amountFen: 50_000_000, reference: 'B-1' },
    });
    await db.transaction((m) =>
      api.app.get(LedgerService).commitContract(m, uid['orgadmin@demo.sanshe.cn'], {
        id: contractId,
        streetId: DEMO.streets[0],
        year: 2026,
        amountFen: 14_000_000,
      }),
    );
    const project = await api.request('POST', `/api/contracts/${contractId}/project`, {
      token: tok.orgAdmin,
      body: { leadUserId: uid['worker@demo.sanshe.cn'], memberUserIds: [] },
    });
    expect(project.status).toBe(201);
    projectId = project.body.id;
    [{ id: recordId }] = await db.query(
      `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, status, created_at)
       VALUES ($1, $2, 'home_visit', $3, now() - interval '30 hours', now() - interval '10 hours', 'approved', now()) RETURNING id`,
      [projectId, uid['worker@demo.sanshe.cn'], DEMO.communities[0]],
    );
    await db.query(
      `INSERT INTO record_beneficiaries (record_id, resident_user_id, response) VALUES ($1, $2, 'confirmed')`,
      [recordId, uid['resident@demo.sanshe.cn']],
    );
  });

  const post = (token: string, path: string, body?: unknown) => api.request('POST', path, { token, body });
  const request = (milestoneId: string) =>
    post(tok.orgAdmin, '/api/disbursements', {
      milestoneId,
      method: 'treasury',
      deliverables: '服务报告及签收表',
    });
  const waiting = (id: string, status: string, attempt = 0) =>
    recipients(`approval_waiting:${id}:${status}:${attempt}`, 'approval_waiting');

  it('tell whoever signs the next step, never the one who signed, then the organization when paid', async () => {
    const req = await request(ms.small);
    expect(req.status).toBe(201);
    const id = req.body.id;
    // Staff of a community the contract serves; not staff of another street.
    expect(await waiting(id, 'requested')).toEqual(['staff@demo.sanshe.cn']);
    expect((await inbox(tok.staff)).items[0]).toMatchObject({
      type: 'approval_waiting',
      params: { disbursementId: id, step: 'requested', milestoneName: '首期', amountFen: 2_000_000 },
      link: '/approvals',
    });

    expect((await post(tok.staff, `/api/disbursements/${id}/accept`, ACCEPTANCE_RATING)).status).toBe(200);
    expect(await waiting(id, 'accepted')).toEqual(['finance2@example.cn', 'finance@demo.sanshe.cn']);

    // Below the director's threshold finance's approval is the last: finance then records the treasury payment.
    expect((await post(tok.finance, `/api/disbursements/${id}/finance-approval`)).status).toBe(200);
    expect(await waiting(id, 'approved')).toEqual(['finance2@example.cn', 'finance@demo.sanshe.cn']);
    expect(await recipients(`approval_waiting:${id}:finance_approved:0`)).toEqual([]);

    const paid = await post(tok.finance2, `/api/disbursements/${id}/payment`, { voucher: 'GK-2026-0001' });
    expect(paid.status).toBe(200);
    expect(await recipients(`payout_paid:${id}:1`)).toEqual(['orgadmin@demo.sanshe.cn']);
    const notice = (await inbox(tok.orgAdmin)).items.find((n) => n.type === 'payout_paid');
    expect(notice).toMatchObject({ params: { amountFen: 2_000_000 }, link: `/projects/${projectId}` });
  });

  it('reach the director at the threshold, and tell the organization and finance when a payout fails', async () => {
    const id = (await request(ms.large)).body.id;
    await post(tok.staff, `/api/disbursements/${id}/accept`, ACCEPTANCE_RATING);
    await post(tok.finance, `/api/disbursements/${id}/finance-approval`);
    expect(await waiting(id, 'finance_approved')).toEqual(['director@demo.sanshe.cn']);
    expect((await post(tok.director, `/api/disbursements/${id}/director-approval`)).status).toBe(200);

    // The payout provider refuses (no Stripe account connected): the attempt fails.
    await db.query(`UPDATE disbursements SET method = 'stripe' WHERE id = $1`, [id]);
    expect((await api.app.get(PayoutsService).transfer(id, 1)).outcome).toBe('refused');
    expect(await recipients(`payout_failed:${id}:1`)).toEqual(['orgadmin@demo.sanshe.cn']);
    const failed = (await inbox(tok.orgAdmin)).items.find((n) => n.type === 'payout_failed');
    expect(failed?.params.reason).toContain('Stripe');
    // Finance approves again (the earlier finance signature was cleared with the failure).
    expect(await waiting(id, 'failed', 1)).toEqual(['finance2@example.cn', 'finance@demo.sanshe.cn']);
  });

  it("tell the admins of the rated record's organization of a new rating (inbox only by default)", async () => {
    const rated = await post(tok.resident, `/api/records/${recordId}/ratings`, {
      attitude: 5,
      professionalism: 4,
      effect: 5,
    });
    expect(rated.status).toBe(201);
    expect(await recipients(`rating_received:${rated.body.id}`)).toEqual(['orgadmin@demo.sanshe.cn']);
    const [row] = await db.query(`SELECT email_status, params FROM notifications WHERE dedup_key = $1`, [
      `rating_received:${rated.body.id}`,
    ]);
    expect(row).toMatchObject({ email_status: 'none', params: { stars: 5 } });
  });
});
