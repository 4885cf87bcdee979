import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { AccountKind } from './ledger.entity.js';

/** Every statement of the ledger: accounts, journal entries and their postings, budget summaries. */

/** A ledger account by its code, with what it belongs to (created on first use). */
export interface AccountSpec {
  code: string;
  kind: AccountKind;
  name: string;
  streetId?: string | null;
  organizationId?: string | null;
  contractId?: string | null;
  year?: number | null;
}

/** Creates the account on first use (a second call finds it). */
export const ensureAccount = (db: Queryable, spec: AccountSpec) =>
  db.query(
    `INSERT INTO ledger_accounts (code, kind, name, street_id, organization_id, contract_id, year) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (code) DO NOTHING`,
    [
      spec.code,
      spec.kind,
      spec.name,
      spec.streetId ?? null,
      spec.organizationId ?? null,
      spec.contractId ?? null,
      spec.year ?? null,
    ],
  );

export const accountId = async (db: Queryable, code: string, lock: boolean) =>
  (await selectOne<{ id: string }>(
    db,
    `SELECT id FROM ledger_accounts WHERE code = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [code],
  ))!.id;

export const accountBalance = async (db: Queryable, accountId: string) =>
  (await selectOne<{ total: number }>(
    db,
    `SELECT coalesce(sum(amount_fen), 0)::bigint AS total FROM postings WHERE account_id = $1`,
    [accountId],
  ))!.total;

/** The entry of a business event, once: undefined when the reference was posted before. */
export const insertJournalEntry = async (
  db: Queryable,
  reference: string,
  memo: string,
  actorId: string | null,
) =>
  (
    await selectOne<{ id: string }>(
      db,
      `INSERT INTO journal_entries (reference, memo, created_by) VALUES ($1, $2, $3) ON CONFLICT (reference) DO NOTHING RETURNING id`,
      [reference, memo, actorId],
    )
  )?.id;

export const insertPosting = (db: Queryable, entryId: string, accountId: string, amountFen: number) =>
  db.query(`INSERT INTO postings (entry_id, account_id, amount_fen) VALUES ($1, $2, $3)`, [
    entryId,
    accountId,
    amountFen,
  ]);

export const regionLevel = async (db: Queryable, regionId: string) =>
  (await selectOne<{ level: string }>(db, `SELECT level FROM regions WHERE id = $1`, [regionId]))?.level;

/** A street's budget for a year: what was allocated to it and what is left (uncommitted). */
export const budgetTotals = async (db: Queryable, streetId: string, year: number) =>
  (await selectOne<{ allocated: number; available: number }>(
    db,
    `SELECT -coalesce(sum(p.amount_fen) FILTER (WHERE a.kind = 'appropriation'), 0)::bigint AS allocated,
            coalesce(sum(p.amount_fen) FILTER (WHERE a.kind = 'budget'), 0)::bigint AS available
       FROM ledger_accounts a JOIN postings p ON p.account_id = a.id
      WHERE a.street_id = $1 AND a.year = $2`,
    [streetId, year],
  ))!;

/** The contracts committed against a budget account: the budget side of each commitment entry. */
export const budgetContracts = (db: Queryable, budgetCode: string) =>
  selectRows<{
    contractId: string;
    title: string;
    organizationName: string;
    amountFen: number;
    paidFen: number;
  }>(
    db,
    `SELECT c.id AS "contractId", c.title, o.name AS "organizationName", -p.amount_fen AS "amountFen",
            coalesce((SELECT sum(d.amount_fen) FROM disbursements d WHERE d.contract_id = c.id AND d.status = 'paid'), 0)::bigint AS "paidFen"
       FROM ledger_accounts b
       JOIN postings p ON p.account_id = b.id
       JOIN journal_entries e ON e.id = p.entry_id AND e.reference LIKE 'commitment:%'
       JOIN contracts c ON c.id::text = substr(e.reference, length('commitment:') + 1)
       JOIN organizations o ON o.id = c.organization_id
      WHERE b.code = $1
      ORDER BY c.created_at, c.id`,
    [budgetCode],
  );
