import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { BidsService, receiptDocument, receiptHash } from '../../src/modules/bids/bids.service.js';
import { TendersService } from '../../src/modules/tenders/tenders.service.js';
import { verifiedOrganization } from '../support/fixtures.js';
import {
  bidInput,
  callerOf,
  codeOf,
  passDeadline,
  startServices,
  tenderInput,
} from '../support/procurement.js';

/** Sealed bids: submission, withdrawal and who may read them, through BidsService on real PostgreSQL. */
let services: Awaited<ReturnType<typeof startServices>>;
let db: DataSource;
let tenders: TendersService;
let bids: BidsService;
let officer: AuthUser;
const orgs: { id: string; memberId: string; admin: AuthUser }[] = [];

async function openTender(overrides = {}): Promise<string> {
  const t = await tenders.create(officer, tenderInput(overrides));
  await tenders.publish(officer, t.id);
  return t.id;
}

beforeAll(async () => {
  services = await startServices();
  db = services.db;
  tenders = services.app.get(TendersService);
  bids = services.app.get(BidsService);
  officer = await callerOf(db, 'officer@demo.sanshe.cn');
  for (const [name, categories] of [
    ['甲社工事务所', ['elderly.home_care']],
    ['乙养老服务社', ['elderly.home_care']],
    ['丙青少年服务中心', ['youth']],
  ] as const) {
    const org = await verifiedOrganization(db, name, { categories: [...categories] });
    orgs.push({ ...org, admin: await callerOf(db, org.adminEmail) });
  }
});
afterAll(() => services?.stop());

describe('submitting', () => {
  it('seals the bid with a receipt of exactly what was stored, price in integer fen', async () => {
    const tenderId = await openTender();
    const { bid, receipt } = await bids.submit(orgs[0].admin, tenderId, bidInput(orgs[0], 40_000_001));
    expect(bid).toMatchObject({ status: 'submitted', priceFen: 40_000_001, receiptHash: receipt.hash });
    expect(typeof bid.priceFen).toBe('number');
    expect(receipt.hash).toBe(receiptHash(receipt.document));
    expect(JSON.parse(receipt.document)).toMatchObject({ priceFen: 40_000_001, currency: 'CNY' });
    expect(await bids.verifyReceipt(orgs[0].admin, bid.id, receipt.hash)).toEqual({
      valid: true,
      storedHash: receipt.hash,
    });
    await db.query(`UPDATE bids SET price_fen = price_fen - 1 WHERE id = $1`, [bid.id]);
    expect((await bids.verifyReceipt(orgs[0].admin, bid.id, receipt.hash)).valid).toBe(false);
    expect(
      receiptDocument({
        ...JSON.parse(receipt.document),
        submittedAt: new Date(JSON.parse(receipt.document).submittedAt),
      }),
    ).toBe(receipt.document);
  });

  it('refuses another organization’s name, the ineligible, prices over the ceiling and outside teams', async () => {
    const tenderId = await openTender();
    const tries: [() => Promise<unknown>, string][] = [
      [() => bids.submit(orgs[1].admin, tenderId, bidInput(orgs[0], 1000)), 'auth.out_of_scope'],
      [() => bids.submit(orgs[2].admin, tenderId, bidInput(orgs[2], 1000)), 'organization.ineligible'],
      [() => bids.submit(orgs[0].admin, tenderId, bidInput(orgs[0], 48_000_001)), 'validation.failed'],
      [
        () => bids.submit(orgs[0].admin, tenderId, { ...bidInput(orgs[0], 1000), team: [orgs[1].memberId] }),
        'validation.failed',
      ],
    ];
    for (const [attempt, code] of tries) expect(await codeOf(attempt())).toBe(code);
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM bids WHERE tender_id = $1`, [tenderId]))[0].n,
    ).toBe(0);
  });

  it('keeps one live bid per organization; a withdrawn one makes room for the next', async () => {
    const tenderId = await openTender();
    const first = await bids.submit(orgs[0].admin, tenderId, bidInput(orgs[0], 40_000_000));
    expect(await codeOf(bids.submit(orgs[0].admin, tenderId, bidInput(orgs[0], 39_000_000)))).toBe(
      'state.conflict',
    );
    // Only its own organization's admin may withdraw it; to anyone else it does not exist.
    expect(await codeOf(bids.withdraw(orgs[1].admin, first.bid.id))).toBe('resource.not_found');
    const withdrawn = await bids.withdraw(orgs[0].admin, first.bid.id);
    expect(withdrawn).toMatchObject({ status: 'withdrawn' });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(await codeOf(bids.withdraw(orgs[0].admin, first.bid.id))).toBe('state.invalid_transition');
    const second = await bids.submit(orgs[0].admin, tenderId, bidInput(orgs[0], 39_000_000));
    expect((await bids.mine(orgs[0].admin, tenderId)).map((b) => [b.id, b.status])).toEqual([
      [first.bid.id, 'withdrawn'],
      [second.bid.id, 'submitted'],
    ]);
    expect(await bids.mine(orgs[1].admin, tenderId)).toEqual([]);
  });

  it('takes nothing on a draft, after the deadline or once the tender is cancelled', async () => {
    const draft = await tenders.create(officer, tenderInput());
    expect(await codeOf(bids.submit(orgs[0].admin, draft.id, bidInput(orgs[0], 1000)))).toBe(
      'resource.not_found',
    );
    const late = await openTender();
    const early = await bids.submit(orgs[1].admin, late, bidInput(orgs[1], 1000));
    await passDeadline(db, late);
    expect(await codeOf(bids.submit(orgs[0].admin, late, bidInput(orgs[0], 1000)))).toBe('tender.closed');
    expect(await codeOf(bids.withdraw(orgs[1].admin, early.bid.id))).toBe('tender.closed');
    const cancelled = await openTender();
    await tenders.cancel(officer, cancelled, '预算调整');
    expect(await codeOf(bids.submit(orgs[0].admin, cancelled, bidInput(orgs[0], 1000)))).toBe(
      'tender.closed',
    );
  });
});

describe('reading a sealed bid', () => {
  it('shows it to its organization always and to the street office only once bidding has closed', async () => {
    const tenderId = await openTender();
    const [a] = await Promise.all([
      bids.submit(orgs[0].admin, tenderId, bidInput(orgs[0], 40_000_000)),
      bids.submit(orgs[1].admin, tenderId, bidInput(orgs[1], 41_000_000)),
    ]);
    expect((await bids.get(orgs[0].admin, a.bid.id)).priceFen).toBe(40_000_000);
    for (const reader of [officer, orgs[1].admin])
      expect(await codeOf(bids.get(reader, a.bid.id))).toBe('resource.not_found');
    await passDeadline(db, tenderId);
    expect(await tenders.closeBidding(tenderId)).toBe('closed');
    expect(await bids.get(officer, a.bid.id)).toMatchObject({ status: 'opened', priceFen: 40_000_000 });
    expect(await codeOf(bids.get(orgs[1].admin, a.bid.id))).toBe('resource.not_found');
  });
});
