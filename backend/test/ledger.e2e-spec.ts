import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { LedgerService } from '../src/modules/ledger/ledger.service.js';
import { Api, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let finance: string;
const street = DEMO.streets[0];

const ledgerTotals = async () =>
  db.query(`SELECT currency, sum(amount_fen)::float8 AS total FROM postings GROUP BY currency`);

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  finance = await tokenFor(api, 'finance@demo.sanshe.cn');
});
afterAll(async () => {
  // After every test the whole ledger still sums to zero.
  expect((await ledgerTotals()).every((r: { total: number }) => r.total === 0)).toBe(true);
  await api?.close();
  await dropSchema(db, env);
});

describe('budgets', () => {
  it('are allocated by street finance only, idempotently by reference', async () => {
    const body = { year: 2026, amountFen: 1_000_000, reference: 'CZ-2026-01' };
    expect(
      (
        await api.request('POST', `/api/streets/${street}/budget/allocations`, {
          token: await tokenFor(api, 'officer@demo.sanshe.cn'),
          body,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/streets/${DEMO.streets[1]}/budget/allocations`, {
          token: finance,
          body,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/streets/${street}/budget/allocations`, {
          token: finance,
          body: { ...body, amountFen: 10.5 },
        })
      ).status,
    ).toBe(400);
    const first = await api.request('POST', `/api/streets/${street}/budget/allocations`, {
      token: finance,
      body,
    });
    expect(first.body).toMatchObject({ allocatedFen: 1_000_000, availableFen: 1_000_000 });
    const again = await api.request('POST', `/api/streets/${street}/budget/allocations`, {
      token: finance,
      body,
    });
    expect(again.body.allocatedFen).toBe(1_000_000);
  });

  it('are never overspent by concurrent commitments', async () => {
    const contracts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const [{ id }] = await db.query(
        `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
         VALUES ($1, $2, $3, 300000, '2026-01-01', '2026-12-31', '{}', $1) RETURNING id`,
        [DEMO.organization, street, `并发合同${i}`],
      );
      contracts.push(id);
    }
    const ledger = api.app.get(LedgerService);
    const outcomes = await Promise.allSettled(
      contracts.map((id) =>
        db.transaction((m) =>
          ledger.commitContract(m, DEMO.organization, {
            id,
            streetId: street,
            year: 2026,
            amountFen: 300_000,
          }),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(7);
    expect(refused.every((o) => o.reason.code === 'budget.insufficient')).toBe(true);
    expect(await ledger.summary(street, 2026)).toMatchObject({
      allocatedFen: 1_000_000,
      committedFen: 900_000,
      availableFen: 100_000,
    });
    // Committing an already committed contract again (a retried request) posts nothing new.
    await api.request('POST', `/api/streets/${street}/budget/allocations`, {
      token: finance,
      body: { year: 2026, amountFen: 1_000_000, reference: 'CZ-2026-02' },
    });
    const [{ reference }] = await db.query(
      `SELECT reference FROM journal_entries WHERE reference LIKE 'commitment:%' LIMIT 1`,
    );
    const committed = reference.slice('commitment:'.length);
    await db.transaction((m) =>
      ledger.commitContract(m, DEMO.organization, {
        id: committed,
        streetId: street,
        year: 2026,
        amountFen: 300_000,
      }),
    );
    expect(await ledger.summary(street, 2026)).toMatchObject({
      allocatedFen: 2_000_000,
      committedFen: 900_000,
      availableFen: 1_100_000,
    });
  });
});

describe('the double-entry ledger', () => {
  it('refuses at commit an entry whose postings do not sum to zero', async () => {
    const [{ id: account }] = await db.query(`SELECT id FROM ledger_accounts WHERE kind = 'budget' LIMIT 1`);
    await expect(
      db.transaction(async (m) => {
        const [{ id }] = await m.query(
          `INSERT INTO journal_entries (reference, memo) VALUES ('broken', 'one-sided') RETURNING id`,
        );
        await m.query(`INSERT INTO postings (entry_id, account_id, amount_fen) VALUES ($1, $2, 500)`, [
          id,
          account,
        ]);
      }),
    ).rejects.toThrow(/does not balance/);
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE reference = 'broken'`))[0].n,
    ).toBe(0);
  });

  it('never rewrites a posting', async () => {
    await expect(db.query(`UPDATE postings SET amount_fen = amount_fen * 2`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM postings`)).rejects.toThrow(/append-only/);
  });
});
