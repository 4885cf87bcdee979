import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { DEMO } from '../../src/database/seed/demo.js';
import { BidsService } from '../../src/modules/bids/bids.service.js';
import { TenderAmendmentsService } from '../../src/modules/tenders/tender-amendments.service.js';
import { TenderEnquiriesService } from '../../src/modules/tenders/tender-enquiries.service.js';
import { TendersService } from '../../src/modules/tenders/tenders.service.js';
import { userWithRoles, verifiedOrganization } from '../support/fixtures.js';
import {
  bidInput,
  callerOf,
  codeOf,
  inDays,
  passDeadline,
  startServices,
  tenderInput,
} from '../support/procurement.js';

/** The tender's life from draft to closed bidding, driven through its services on real PostgreSQL. */
let services: Awaited<ReturnType<typeof startServices>>;
let db: DataSource;
let tenders: TendersService;
let amendments: TenderAmendmentsService;
let enquiries: TenderEnquiriesService;
let bids: BidsService;
let officer: AuthUser;
let otherOfficer: AuthUser;
let resident: AuthUser;
const orgs: { id: string; memberId: string; admin: AuthUser }[] = [];

const statusOf = async (id: string) =>
  (await db.query(`SELECT status FROM tenders WHERE id = $1`, [id]))[0].status as string;
const auditActions = async (id: string) =>
  (await db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id])).map(
    (r: { action: string }) => r.action,
  );

beforeAll(async () => {
  services = await startServices();
  db = services.db;
  tenders = services.app.get(TendersService);
  amendments = services.app.get(TenderAmendmentsService);
  enquiries = services.app.get(TenderEnquiriesService);
  bids = services.app.get(BidsService);
  officer = await callerOf(db, 'officer@demo.sanshe.cn');
  resident = await callerOf(db, 'resident@demo.sanshe.cn');
  await userWithRoles(db, 'officer-heping@example.cn', [['street_officer', { regionId: DEMO.streets[1] }]]);
  otherOfficer = await callerOf(db, 'officer-heping@example.cn');
  for (const name of ['甲社工事务所', '乙养老服务社']) {
    const org = await verifiedOrganization(db, name);
    orgs.push({ ...org, admin: await callerOf(db, org.adminEmail) });
  }
});
afterAll(() => services?.stop());

describe('drafting', () => {
  it('refuses a draft on a street outside the officer’s scope, and writes nothing', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM tenders`))[0].n;
    expect(await codeOf(tenders.create(otherOfficer, tenderInput()))).toBe('auth.out_of_scope');
    expect(await codeOf(tenders.create(resident, tenderInput()))).toBe('auth.out_of_scope');
    expect((await db.query(`SELECT count(*)::int AS n FROM tenders`))[0].n).toBe(before);
  });

  it('writes the same columns on create and edit, and keeps the draft to its street office', async () => {
    const created = await tenders.create(officer, tenderInput());
    expect(created).toMatchObject({ status: 'draft', budgetCeilingFen: 48_000_000, bidCount: 0, version: 1 });
    expect(typeof created.budgetCeilingFen).toBe('number');

    const edited = await tenders.update(
      officer,
      created.id,
      tenderInput({
        title: '春晖社区助餐服务项目',
        budgetCeilingFen: 30_000_001,
        communityIds: [DEMO.communities[1]],
        minGrade: '3A',
        standstillDays: 5,
      }),
    );
    expect(edited).toMatchObject({
      title: '春晖社区助餐服务项目',
      budgetCeilingFen: 30_000_001,
      communityIds: [DEMO.communities[1]],
      minGrade: '3A',
      standstillDays: 5,
      status: 'draft',
      version: 2,
    });
    expect(await codeOf(tenders.update(otherOfficer, created.id, tenderInput()))).toBe('auth.out_of_scope');
    // Nobody else learns the draft exists.
    expect(await codeOf(tenders.get(otherOfficer, created.id))).toBe('resource.not_found');
    expect(await codeOf(tenders.get(undefined, created.id))).toBe('resource.not_found');
    expect((await tenders.list(undefined, { limit: 100 })).items.map((t) => t.id)).not.toContain(created.id);
    expect((await tenders.list(officer, { limit: 100 })).items.map((t) => t.id)).toContain(created.id);
    expect(await auditActions(created.id)).toEqual(['tender.created', 'tender.edited']);
  });

  it('refuses an edit prepared on an older version, keeping the newer one', async () => {
    const created = await tenders.create(officer, tenderInput());
    // Two officers of the street open version 1; the first saves, the second's save is stale.
    await tenders.update(officer, created.id, tenderInput({ title: '第一位科长的标题' }), 1);
    expect(
      await codeOf(tenders.update(officer, created.id, tenderInput({ title: '第二位科长的标题' }), 1)),
    ).toBe('precondition.failed');
    expect(await tenders.get(officer, created.id)).toMatchObject({ title: '第一位科长的标题', version: 2 });
    expect(
      (await tenders.update(officer, created.id, tenderInput({ title: '第二位科长的标题' }), 2)).version,
    ).toBe(3);
  });

  it('refuses unknown needs without keeping half the edit', async () => {
    const created = await tenders.create(officer, tenderInput());
    const unknownNeed = '00000000-0000-4000-8000-999999999999';
    expect(
      await codeOf(
        tenders.update(officer, created.id, tenderInput({ title: '改过的标题', needIds: [unknownNeed] })),
      ),
    ).toBe('validation.failed');
    expect((await tenders.get(officer, created.id)).title).toBe(created.title);
  });
});

describe('publishing', () => {
  it('refuses while a rule is broken, then publishes once, and never edits a published tender', async () => {
    const draft = await tenders.create(
      officer,
      tenderInput({ milestonePlan: [{ name: '唯一', shareBp: 9000, dueInDays: 30 }] }),
    );
    expect(await codeOf(tenders.publish(officer, draft.id))).toBe('validation.failed');
    expect(await statusOf(draft.id)).toBe('draft');
    expect(await codeOf(tenders.publish(otherOfficer, draft.id))).toBe('auth.out_of_scope');

    await tenders.update(officer, draft.id, tenderInput());
    const published = await tenders.publish(officer, draft.id);
    expect(published).toMatchObject({ status: 'published', version: 3 });
    expect(published.publishedAt).not.toBeNull();
    // The state machine: publishing twice and editing after publication are refused.
    expect(await codeOf(tenders.publish(officer, draft.id))).toBe('state.invalid_transition');
    expect(await codeOf(tenders.update(officer, draft.id, tenderInput({ title: '发布后改标题' })))).toBe(
      'state.invalid_transition',
    );
    expect((await tenders.get(undefined, draft.id)).title).toBe(draft.title);
  });
});

describe('amendments and enquiries', () => {
  it('amends only a published tender, pushing a near deadline out, and refuses a ceiling below live bids', async () => {
    const draft = await tenders.create(officer, tenderInput());
    expect(await codeOf(amendments.amend(officer, draft.id, { summary: '修改说明一下' }))).toBe(
      'state.invalid_transition',
    );
    await tenders.publish(officer, draft.id);
    const amended = await amendments.amend(officer, draft.id, {
      summary: '截止时间提前',
      bidDeadline: new Date(Date.now() + 3600 * 1000),
      enquiryDeadline: new Date(Date.now() + 1800 * 1000),
    });
    // AMENDMENT_MIN_DAYS of notice at least, whatever was asked.
    expect(new Date(amended.bidDeadline).getTime()).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
    expect(amended.amendments).toHaveLength(1);

    await bids.submit(orgs[0].admin, draft.id, bidInput(orgs[0], 40_000_000));
    expect(
      await codeOf(
        amendments.amend(officer, draft.id, { summary: '降低预算上限', budgetCeilingFen: 39_999_999 }),
      ),
    ).toBe('state.conflict');
    expect((await tenders.get(undefined, draft.id)).budgetCeilingFen).toBe(48_000_000);
  });

  it('takes questions until the enquiry deadline only, answered by the street office alone', async () => {
    const t = await tenders.create(officer, tenderInput());
    const ask = (org: (typeof orgs)[number]) =>
      enquiries.ask(org.admin, t.id, { organizationId: org.id, question: '服务对象名单由谁提供？' });
    // A draft is nothing to a bidder.
    expect(await codeOf(ask(orgs[0]))).toBe('resource.not_found');
    await tenders.publish(officer, t.id);
    // An organization asks only in its own name.
    expect(
      await codeOf(
        enquiries.ask(orgs[1].admin, t.id, { organizationId: orgs[0].id, question: '冒名提问可以吗？' }),
      ),
    ).toBe('auth.out_of_scope');
    const asked = await ask(orgs[0]);
    expect(await codeOf(enquiries.answer(otherOfficer, t.id, asked.id, { answer: '不归你答' }))).toBe(
      'auth.out_of_scope',
    );
    expect(await enquiries.enquiries(undefined, t.id)).toEqual([]);
    await enquiries.answer(officer, t.id, asked.id, { answer: '由社区提供' });
    expect((await enquiries.enquiries(undefined, t.id)).map((e) => e.answer)).toEqual(['由社区提供']);
    await passDeadline(db, t.id);
    expect(await codeOf(ask(orgs[1]))).toBe('tender.closed');
  });
});

describe('closing and cancelling', () => {
  it('closes only a published tender whose deadline has passed, by the method’s minimum of bids', async () => {
    const t = await tenders.create(officer, tenderInput());
    expect(await tenders.closeBidding(t.id)).toBe('not_open');
    await tenders.publish(officer, t.id);
    expect(await tenders.closeBidding(t.id)).toBe('not_due');
    await bids.submit(orgs[0].admin, t.id, bidInput(orgs[0], 40_000_000));
    await passDeadline(db, t.id);
    // Competitive consultation needs two valid bids; one makes it unsuccessful.
    expect(await tenders.closeBidding(t.id)).toBe('unsuccessful');
    expect(await tenders.get(undefined, t.id)).toMatchObject({
      status: 'unsuccessful',
      statusReason: '1 valid bid(s); competitive_consultation needs 2',
    });
    // Idempotent: the job running again changes nothing, and an unsuccessful tender is final.
    expect(await tenders.closeBidding(t.id)).toBe('not_open');
    expect(await codeOf(tenders.cancel(officer, t.id, '重新组织采购'))).toBe('state.invalid_transition');
  });

  it('opens the bids and moves to evaluation with enough bids; nothing can be withdrawn after', async () => {
    const t = await tenders.create(officer, tenderInput());
    await tenders.publish(officer, t.id);
    const submitted = [];
    for (const [i, org] of orgs.entries())
      submitted.push((await bids.submit(org.admin, t.id, bidInput(org, 40_000_000 + i))).bid);
    await passDeadline(db, t.id);
    expect(await tenders.closeBidding(t.id)).toBe('closed');
    expect(await statusOf(t.id)).toBe('evaluating');
    expect(
      (await db.query(`SELECT status FROM bids WHERE tender_id = $1`, [t.id])).map(
        (b: { status: string }) => b.status,
      ),
    ).toEqual(['opened', 'opened']);
    expect(await codeOf(bids.withdraw(orgs[0].admin, submitted[0].id))).toBe('tender.closed');
    expect(await codeOf(tenders.publish(officer, t.id))).toBe('state.invalid_transition');
  });

  it('cancels with a reason in scope only, returning its needs, and a cancelled tender stays cancelled', async () => {
    const [need] = await db.query(
      `INSERT INTO needs (community_id, category_code, title, text, posted_by, status)
       SELECT $1, 'elderly.home_care', '独居老人助餐', '楼里有三位独居老人吃饭困难。', id, 'accepted' FROM users WHERE email = 'resident@demo.sanshe.cn'
       RETURNING id`,
      [DEMO.communities[0]],
    );
    const t = await tenders.create(officer, tenderInput({ needIds: [need.id] }));
    await tenders.publish(officer, t.id);
    expect((await db.query(`SELECT status FROM needs WHERE id = $1`, [need.id]))[0].status).toBe('addressed');
    expect(await codeOf(tenders.cancel(otherOfficer, t.id, '越权撤销'))).toBe('auth.out_of_scope');
    const cancelled = await tenders.cancel(officer, t.id, '需求已由其他项目满足');
    expect(cancelled).toMatchObject({ status: 'cancelled', statusReason: '需求已由其他项目满足' });
    expect((await db.query(`SELECT status, tender_id FROM needs WHERE id = $1`, [need.id]))[0]).toEqual({
      status: 'accepted',
      tender_id: null,
    });
    for (const next of [
      () => tenders.cancel(officer, t.id, '再撤销一次'),
      () => tenders.publish(officer, t.id),
      () => amendments.amend(officer, t.id, { summary: '撤销后修改' }),
    ])
      expect(await codeOf(next())).toBe('state.invalid_transition');
    expect(await tenders.closeBidding(t.id, inDays(30))).toBe('not_open');
    expect(await auditActions(t.id)).toEqual(['tender.created', 'tender.published', 'tender.cancelled']);
  });
});
