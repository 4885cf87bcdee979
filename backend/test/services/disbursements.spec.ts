import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { DEMO } from '../../src/database/seed/demo.js';
import { DEFAULT_DIRECTOR_THRESHOLD_FEN } from '../../src/modules/disbursements/disbursement-rules.js';
import { DisbursementsService } from '../../src/modules/disbursements/disbursements.service.js';
import { userWithRoles, verifiedOrganization } from '../support/fixtures.js';
import { ACCEPTANCE_RATING } from '../support/payments.js';
import {
  principal,
  balanceOf,
  contractWithProject,
  payoutEntries,
  startServiceSuite,
  stopServiceSuite,
  type ServiceSuite,
} from '../support/services.js';

/**
 * The disbursement state machine through DisbursementsService on real PostgreSQL: who may take each
 * step (role, scope, four eyes), the order of the steps, the threshold, concurrent approvals, and
 * what each step writes (status, signatures, ledger, milestone, audit).
 */
const street = DEMO.streets[0];
const far = DEMO.communities[4]; // a community of the other street
let suite: ServiceSuite | undefined;
let db: DataSource;
let app: INestApplicationContext;
let service: DisbursementsService;
let orgId: string;
const who: Record<string, AuthUser> = {};

const SMALL = 1_000_000; // ¥10,000: finance approves alone
const BIG = DEFAULT_DIRECTOR_THRESHOLD_FEN; // at the threshold: the director too

const milestoneOf = (amountFen: number) =>
  contractWithProject(app, db, who.orgAdmin, orgId, amountFen).then((c) => c.milestoneId);
const request = async (amountFen: number) =>
  service.request(who.orgAdmin, {
    milestoneId: await milestoneOf(amountFen),
    method: 'treasury',
    deliverables: '服务报告',
  });
const row = async (id: string) =>
  (
    await db.query(
      `SELECT status, payout_attempt AS attempt, requested_by, accepted_by, finance_approved_by, director_approved_by, voucher
         FROM disbursements WHERE id = $1`,
      [id],
    )
  )[0];
const auditActions = async (id: string) =>
  (await db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id])).map(
    (r: { action: string }) => r.action,
  );

beforeAll(async () => {
  suite = await startServiceSuite();
  ({ db, app } = suite);
  service = app.get(DisbursementsService);
  const org = await verifiedOrganization(db, '康宁社工服务中心');
  orgId = org.id;
  who.orgAdmin = await principal(db, org.adminEmail);
  who.staff = await principal(db, 'staff@demo.sanshe.cn');
  who.finance = await principal(db, 'finance@demo.sanshe.cn');
  who.director = await principal(db, 'director@demo.sanshe.cn');
  await userWithRoles(db, 'finance2@example.cn', [['street_finance', { regionId: street }]]);
  who.finance2 = await principal(db, 'finance2@example.cn');
  await userWithRoles(db, 'staff-far@example.cn', [['community_staff', { regionId: far }]]);
  who.farStaff = await principal(db, 'staff-far@example.cn');
  await userWithRoles(db, 'finance-far@example.cn', [['street_finance', { regionId: DEMO.streets[1] }]]);
  who.farFinance = await principal(db, 'finance-far@example.cn');
  // The organization's admin who is also community staff: may request, never accept their own request.
  await db.query(
    `INSERT INTO role_memberships (user_id, role, region_id) VALUES ($1, 'community_staff', $2)`,
    [who.orgAdmin.id, DEMO.communities[1]],
  );
  who.orgAdmin = await principal(db, org.adminEmail);
}, 120_000);

afterAll(async () => {
  await stopServiceSuite(suite);
});

describe('who may take each step', () => {
  it('refuses a request by anyone but the organization’s admin', async () => {
    const milestoneId = await milestoneOf(SMALL);
    await expect(
      service.request(who.staff, { milestoneId, method: 'treasury', deliverables: 'x' }),
    ).rejects.toMatchObject({ code: 'auth.out_of_scope' });
  });

  it('refuses the acceptance to staff of a community the contract does not serve, and to the requester', async () => {
    const d = await request(SMALL);
    await expect(service.accept(who.farStaff, d.id, ACCEPTANCE_RATING)).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
    await expect(service.accept(who.finance, d.id, ACCEPTANCE_RATING)).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
    // Community staff of a served community, but the one who requested it: four eyes.
    await expect(service.accept(who.orgAdmin, d.id, ACCEPTANCE_RATING)).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    expect((await row(d.id)).status).toBe('requested');
  });

  it('refuses the finance approval to finance of another street and to the director, before the acceptance to everyone', async () => {
    const d = await request(SMALL);
    await expect(service.financeApprove(who.finance, d.id)).rejects.toMatchObject({
      code: 'state.invalid_transition',
    });
    await service.accept(who.staff, d.id, ACCEPTANCE_RATING);
    await expect(service.financeApprove(who.farFinance, d.id)).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
    await expect(service.financeApprove(who.director, d.id)).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
    await expect(service.directorApprove(who.director, d.id)).rejects.toMatchObject({
      code: 'state.invalid_transition',
    });
    expect((await row(d.id)).status).toBe('accepted');
  });

  it('refuses a second live request for the same milestone', async () => {
    const milestoneId = await milestoneOf(SMALL);
    await service.request(who.orgAdmin, { milestoneId, method: 'treasury', deliverables: 'x' });
    await expect(
      service.request(who.orgAdmin, { milestoneId, method: 'treasury', deliverables: 'x' }),
    ).rejects.toMatchObject({ code: 'state.conflict' });
  });
});

describe('the path of a payment', () => {
  it('below the threshold: accepted, approved by finance alone, paid by voucher, with its ledger and audit', async () => {
    const d = await request(SMALL);
    expect(d).toMatchObject({ status: 'requested', amountFen: SMALL, needsDirector: false });
    expect((await service.accept(who.staff, d.id, ACCEPTANCE_RATING)).status).toBe('accepted');
    const approved = await service.financeApprove(who.finance, d.id);
    expect(approved).toMatchObject({ status: 'approved', payoutAttempt: 1 });
    expect(await balanceOf(db, `commitment:${d.contractId}`)).toBe(0);
    expect(await balanceOf(db, `payable:${orgId}`)).toBe(SMALL);

    // Nobody but street finance records the treasury payment.
    await expect(service.recordPayment(who.director, d.id, 'V-1')).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
    const paid = await service.recordPayment(who.finance, d.id, 'V-2026-001');
    expect(paid).toMatchObject({ status: 'paid', voucher: 'V-2026-001' });
    expect(await balanceOf(db, `clearing:treasury:${street}`)).toBe(SMALL);
    expect(await payoutEntries(db, d.id)).toEqual([`paid:${d.id}`, `payable:${d.id}`]);
    const [milestone] = await db.query(`SELECT status FROM milestones WHERE id = $1`, [d.milestoneId]);
    expect(milestone.status).toBe('paid');
    expect(await auditActions(d.id)).toEqual([
      'disbursement.requested',
      'disbursement.accept',
      'disbursement.finance_approve',
      'disbursement.paid',
    ]);
    // Paid is the end: no step, no rejection, no second payment.
    await expect(service.recordPayment(who.finance, d.id, 'V-again')).rejects.toMatchObject({
      code: 'state.invalid_transition',
    });
    await expect(service.reject(who.finance, d.id, '重复')).rejects.toMatchObject({
      code: 'state.invalid_transition',
    });
  });

  it('at the threshold: the director approves after finance, never the same person twice', async () => {
    const d = await request(BIG);
    expect(d.needsDirector).toBe(true);
    const owed = await balanceOf(db, `payable:${orgId}`);
    await service.accept(who.staff, d.id, ACCEPTANCE_RATING);
    expect((await service.financeApprove(who.finance, d.id)).status).toBe('finance_approved');
    expect(await balanceOf(db, `payable:${orgId}`)).toBe(owed); // nothing owed before the last approval
    await expect(service.financeApprove(who.finance2, d.id)).rejects.toMatchObject({
      code: 'state.invalid_transition',
    });
    expect((await service.directorApprove(who.director, d.id)).status).toBe('approved');
    expect(await row(d.id)).toMatchObject({
      requested_by: who.orgAdmin.id,
      accepted_by: who.staff.id,
      finance_approved_by: who.finance.id,
      director_approved_by: who.director.id,
    });
    expect(await balanceOf(db, `payable:${orgId}`)).toBe(owed + BIG);
    expect(await balanceOf(db, `commitment:${d.contractId}`)).toBe(0);
  });

  it('a rejection returns it to the organization with the reason; a new request may follow', async () => {
    const d = await request(SMALL);
    await service.accept(who.staff, d.id, ACCEPTANCE_RATING);
    // Only the signer of the step waiting may return it.
    await expect(service.reject(who.staff, d.id, '材料不全')).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
    const rejected = await service.reject(who.finance, d.id, '材料不全');
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: '材料不全' });
    await expect(service.financeApprove(who.finance, d.id)).rejects.toMatchObject({
      code: 'state.invalid_transition',
    });
    const again = await service.request(who.orgAdmin, {
      milestoneId: d.milestoneId!,
      method: 'treasury',
      deliverables: '补充材料',
    });
    expect(again.id).not.toBe(d.id);
    expect(await balanceOf(db, `commitment:${d.contractId}`)).toBe(SMALL); // nothing moved
  });

  it('concurrent approvals settle to exactly one, with one payable entry', async () => {
    const d = await request(SMALL);
    await service.accept(who.staff, d.id, ACCEPTANCE_RATING);
    const results = await Promise.allSettled([
      service.financeApprove(who.finance, d.id),
      service.financeApprove(who.finance2, d.id),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'state.invalid_transition' },
    });
    expect(await payoutEntries(db, d.id)).toEqual([`payable:${d.id}`]);
    expect((await row(d.id)).attempt).toBe(1);
  });
});
