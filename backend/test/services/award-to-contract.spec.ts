import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { DEMO } from '../../src/database/seed/demo.js';
import { BidsService } from '../../src/modules/bids/bids.service.js';
import { ContractsService } from '../../src/modules/contracts/contracts.service.js';
import { ComplaintsService } from '../../src/modules/evaluation/complaints.service.js';
import { EvaluationService } from '../../src/modules/evaluation/evaluation.service.js';
import { PanelService } from '../../src/modules/evaluation/panel.service.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { TendersService } from '../../src/modules/tenders/tenders.service.js';
import { userWithRoles, verifiedOrganization } from '../support/fixtures.js';
import {
  bidInput,
  callerOf,
  codeOf,
  passDeadline,
  startServices,
  tenderInput,
} from '../support/procurement.js';

/** From the close of bidding to the contract: scoring, award, standstill, complaints, contract. */
let services: Awaited<ReturnType<typeof startServices>>;
let db: DataSource;
let evaluation: EvaluationService;
let complaints: ComplaintsService;
let contracts: ContractsService;
let officer: AuthUser;
let otherOfficer: AuthUser;
let evaluator: AuthUser;
let tenderId: string;
const orgs: { id: string; memberId: string; admin: AuthUser; bidId: string }[] = [];
const terms = { startsOn: new Date('2027-01-01'), endsOn: new Date('2027-12-31') };

const tenderState = async () =>
  (
    await db.query(`SELECT status, awarded_bid_id AS "awardedBidId" FROM tenders WHERE id = $1`, [tenderId])
  )[0] as { status: string; awardedBidId: string | null };
const endStandstill = () =>
  db.query(`UPDATE tenders SET standstill_ends_at = now() - interval '1 second' WHERE id = $1`, [tenderId]);
const scoreAll = async (plan: number) => {
  for (const org of orgs)
    await evaluation.score(evaluator, org.bidId, {
      criteria: [
        { key: 'plan', points: plan },
        { key: 'team', points: 15 },
      ],
    });
};

beforeAll(async () => {
  services = await startServices();
  db = services.db;
  const tenders = services.app.get(TendersService);
  const bids = services.app.get(BidsService);
  evaluation = services.app.get(EvaluationService);
  complaints = services.app.get(ComplaintsService);
  contracts = services.app.get(ContractsService);
  officer = await callerOf(db, 'officer@demo.sanshe.cn');
  evaluator = await callerOf(db, 'evaluator@demo.sanshe.cn');
  await userWithRoles(db, 'officer-heping@example.cn', [['street_officer', { regionId: DEMO.streets[1] }]]);
  otherOfficer = await callerOf(db, 'officer-heping@example.cn');

  tenderId = (await tenders.create(officer, tenderInput())).id;
  await tenders.publish(officer, tenderId);
  for (const [i, name] of ['甲社工事务所', '乙养老服务社'].entries()) {
    const org = await verifiedOrganization(db, name);
    const admin = await callerOf(db, org.adminEmail);
    const { bid } = await bids.submit(admin, tenderId, bidInput(org, [40_000_000, 45_000_000][i]));
    orgs.push({ ...org, admin, bidId: bid.id });
  }
  await passDeadline(db, tenderId);
  expect(await tenders.closeBidding(tenderId)).toBe('closed');
  await services.app.get(PanelService).draw(officer, tenderId, 1);
});
afterAll(() => services?.stop());

describe('award', () => {
  it('is refused before a contract or a complaint can exist, and before every score sheet is in', async () => {
    expect(await codeOf(contracts.createFromAward(officer, tenderId, terms))).toBe(
      'state.invalid_transition',
    );
    expect(
      await codeOf(
        complaints.complain(orgs[1].admin, tenderId, { organizationId: orgs[1].id, reason: '评分不公' }),
      ),
    ).toBe('tender.closed');
    // Nobody has declared yet, then one bid is still unscored.
    expect(await codeOf(evaluation.award(officer, tenderId))).toBe('state.invalid_transition');
    await services.app.get(PanelService).declareNoConflict(evaluator, tenderId);
    await evaluation.score(evaluator, orgs[0].bidId, {
      criteria: [
        { key: 'plan', points: 30 },
        { key: 'team', points: 15 },
      ],
    });
    expect(await codeOf(evaluation.award(officer, tenderId))).toBe('state.invalid_transition');
    expect(await codeOf(evaluation.results(undefined, tenderId))).toBe('auth.forbidden');
    expect((await tenderState()).status).toBe('evaluating');
  });

  it('goes to the best-ranked bid, in scope only, and starts the standstill', async () => {
    await scoreAll(30);
    expect(await codeOf(evaluation.award(otherOfficer, tenderId))).toBe('auth.out_of_scope');
    const results = await evaluation.award(officer, tenderId);
    // Same technical points: the lower price wins.
    expect(results.ranking.map((r) => [r.bidId, r.rank, r.priceFen])).toEqual([
      [orgs[0].bidId, 1, 40_000_000],
      [orgs[1].bidId, 2, 45_000_000],
    ]);
    expect(await tenderState()).toEqual({ status: 'standstill', awardedBidId: orgs[0].bidId });
    expect(results.standstillEndsAt).not.toBeNull();
    // Public now; awarding again, or scoring after the award, is refused.
    expect((await evaluation.results(undefined, tenderId)).awardedBidId).toBe(orgs[0].bidId);
    expect(await codeOf(evaluation.award(officer, tenderId))).toBe('state.invalid_transition');
    expect(await codeOf(scoreAll(40))).toBe('state.invalid_transition');
  });
});

describe('standstill and complaints', () => {
  it('refuses the contract while the standstill runs', async () => {
    expect(await codeOf(contracts.createFromAward(officer, tenderId, terms))).toBe(
      'state.invalid_transition',
    );
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM contracts WHERE tender_id = $1`, [tenderId]))[0].n,
    ).toBe(0);
  });

  it('takes complaints from bidders only; an upheld one undoes the award', async () => {
    const stranger = await verifiedOrganization(db, '丁互助中心');
    const strangerAdmin = await callerOf(db, stranger.adminEmail);
    expect(
      await codeOf(
        complaints.complain(strangerAdmin, tenderId, { organizationId: stranger.id, reason: '不公平' }),
      ),
    ).toBe('auth.forbidden');
    const lodged = await complaints.complain(orgs[1].admin, tenderId, {
      organizationId: orgs[1].id,
      reason: '技术评分未说明理由',
    });
    expect(lodged.status).toBe('pending');
    expect(await codeOf(complaints.decide(otherOfficer, lodged.id, { uphold: true, reason: '越权' }))).toBe(
      'auth.out_of_scope',
    );
    // A bidder sees its own complaint, the office all of them, another bidder none.
    expect((await complaints.complaints(orgs[1].admin, tenderId)).map((c) => c.id)).toEqual([lodged.id]);
    expect(await complaints.complaints(orgs[0].admin, tenderId)).toEqual([]);

    const upheld = await complaints.decide(officer, lodged.id, { uphold: true, reason: '需重新评审' });
    expect(upheld).toMatchObject({ status: 'upheld', decisionReason: '需重新评审' });
    expect(await tenderState()).toEqual({ status: 'evaluating', awardedBidId: null });
    expect(
      (await db.query(`SELECT DISTINCT status FROM bids WHERE tender_id = $1`, [tenderId])).map(
        (b: { status: string }) => b.status,
      ),
    ).toEqual(['qualified']);
    expect(await codeOf(complaints.decide(officer, lodged.id, { uphold: false, reason: '改判' }))).toBe(
      'state.invalid_transition',
    );
  });

  it('re-awards after re-evaluation, and a pending complaint holds the contract back', async () => {
    await evaluation.award(officer, tenderId);
    const pending = await complaints.complain(orgs[1].admin, tenderId, {
      organizationId: orgs[1].id,
      reason: '价格分计算有误',
    });
    await endStandstill();
    expect(await codeOf(contracts.createFromAward(officer, tenderId, terms))).toBe(
      'state.invalid_transition',
    );
    await complaints.decide(officer, pending.id, { uphold: false, reason: '计算无误' });
    expect((await tenderState()).status).toBe('standstill');
  });
});

describe('contract', () => {
  it('needs the street’s budget for its year, and writes nothing without it', async () => {
    expect(await codeOf(contracts.createFromAward(officer, tenderId, terms))).toBe('budget.insufficient');
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM contracts WHERE tender_id = $1`, [tenderId]))[0].n,
    ).toBe(0);
    expect((await tenderState()).status).toBe('standstill');
  });

  it('refuses terms that end before they start, and an officer out of scope', async () => {
    const finance = await callerOf(db, 'finance@demo.sanshe.cn');
    await services.app
      .get(LedgerService)
      .allocate(finance, DEMO.streets[0], 2027, 100_000_000, 'BUDGET-2027');
    expect(
      await codeOf(
        contracts.createFromAward(officer, tenderId, { startsOn: terms.endsOn, endsOn: terms.startsOn }),
      ),
    ).toBe('validation.failed');
    expect(await codeOf(contracts.createFromAward(otherOfficer, tenderId, terms))).toBe('auth.out_of_scope');
  });

  it('turns the award into a contract with milestones exact to the fen, once', async () => {
    const contract = await contracts.createFromAward(officer, tenderId, terms);
    expect(contract).toMatchObject({
      tenderId,
      organizationId: orgs[0].id,
      amountFen: 40_000_000,
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
    });
    expect(contract.milestones.map((m) => [m.seq, m.amountFen, m.dueOn])).toEqual([
      [1, 20_000_000, '2027-01-31'],
      [2, 20_000_000, '2028-01-01'],
    ]);
    expect(typeof contract.milestones[0].amountFen).toBe('number');
    expect(await tenderState()).toEqual({ status: 'contracted', awardedBidId: orgs[0].bidId });
    expect(await contracts.ofTender(tenderId)).toEqual(contract);
    expect(await codeOf(contracts.createFromAward(officer, tenderId, terms))).toBe(
      'state.invalid_transition',
    );
    expect(
      await codeOf(
        complaints.complain(orgs[1].admin, tenderId, { organizationId: orgs[1].id, reason: '迟到的投诉' }),
      ),
    ).toBe('tender.closed');
  });
});
