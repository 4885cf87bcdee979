import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError } from '../../common/errors/domain-error.js';
import {
  accountBalance,
  accountId,
  budgetContracts,
  budgetTotals,
  ensureAccount,
  insertJournalEntry,
  insertPosting,
  regionLevel,
  type AccountSpec,
} from './ledger.sql.js';

export type { AccountSpec };

export const budgetAccount = (streetId: string, year: number): AccountSpec => ({
  code: `budget:${streetId}:${year}`,
  kind: 'budget',
  name: `${year} purchase-of-service budget`,
  streetId,
  year,
});
const appropriationAccount = (streetId: string, year: number): AccountSpec => ({
  code: `appropriation:${streetId}:${year}`,
  kind: 'appropriation',
  name: `${year} appropriation`,
  streetId,
  year,
});
export const commitmentAccount = (contractId: string, streetId: string): AccountSpec => ({
  code: `commitment:${contractId}`,
  kind: 'commitment',
  name: 'Contract commitment',
  contractId,
  streetId,
});

export const payableAccount = (organizationId: string): AccountSpec => ({
  code: `payable:${organizationId}`,
  kind: 'payable',
  name: 'Payable to organization',
  organizationId,
});

/** Money on its way through Stripe: transfers out to connected accounts (+), donations in (−). */
export const stripeClearingAccount: AccountSpec = {
  code: 'clearing:stripe',
  kind: 'clearing',
  name: 'Stripe clearing',
};

/** A street's treasury transfers: what finance paid by bank, recorded with the voucher. */
export const treasuryClearingAccount = (streetId: string): AccountSpec => ({
  code: `clearing:treasury:${streetId}`,
  kind: 'clearing',
  name: 'Treasury transfers',
  streetId,
});

/** 社区发展基金: a community's development fund, credited by donations. */
export const communityFundAccount = (communityId: string): AccountSpec => ({
  code: `fund:${communityId}`,
  kind: 'fund',
  name: 'Community development fund',
});

/**
 * A street's incentive pool (PRODUCT §7): performance bonuses (disbursements of kind
 * 'incentive_bonus') are paid from it; whoever funds it posts to this account.
 */
export const incentivePoolAccount = (streetId: string): AccountSpec => ({
  code: `incentive_pool:${streetId}`,
  kind: 'incentive_pool',
  name: 'Incentive pool',
  streetId,
});

/** One contract committed against a street's budget for a year: its amount, paid and outstanding. */
export interface BudgetContractLine {
  contractId: string;
  title: string;
  organizationName: string;
  amountFen: number;
  paidFen: number;
  committedFen: number;
}

/**
 * A street's budget for a year, as one partition: allocated = committed + paid + available.
 * Committed is what contracts hold and has not been paid yet (approved payouts still on their way
 * included); paid is what reached the organizations.
 */
export interface BudgetSummary {
  streetId: string;
  year: number;
  allocatedFen: number;
  committedFen: number;
  paidFen: number;
  availableFen: number;
  contracts: BudgetContractLine[];
}

/**
 * The double-entry ledger (PRODUCT §6). Entries are posted through here only; the database refuses
 * unbalanced ones. Invariants on a balance are settled by locking the account row first.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** The account with this code, created on first use; locked FOR UPDATE when `lock` is set. */
  async account(m: EntityManager, spec: AccountSpec, lock = false): Promise<string> {
    await ensureAccount(m, spec);
    return accountId(m, spec.code, lock);
  }

  balance(m: EntityManager, accountId: string): Promise<number> {
    return accountBalance(m, accountId);
  }

  /**
   * Posts one entry. The reference names the business event: posting the same event twice returns
   * false and writes nothing (idempotent).
   */
  async post(
    m: EntityManager,
    entry: {
      reference: string;
      memo: string;
      actorId: string | null;
      lines: { account: string; amountFen: number }[];
    },
  ): Promise<boolean> {
    const entryId = await insertJournalEntry(m, entry.reference, entry.memo, entry.actorId);
    if (!entryId) return false;
    for (const line of entry.lines) await insertPosting(m, entryId, line.account, line.amountFen);
    await this.audit.recordChange(m, entry.actorId, 'ledger.posted', ['journal_entry', entryId], {
      after: entry,
    });
    return true;
  }

  /** Street finance adds to a year's budget, from the street's appropriation. */
  async allocate(
    user: AuthUser,
    streetId: string,
    year: number,
    amountFen: number,
    reference: string,
  ): Promise<BudgetSummary> {
    await this.access.requireRegion(user, ['street_finance'], streetId);
    if ((await regionLevel(this.dataSource, streetId)) !== 'street')
      throw new DomainError('validation.failed', 'Budgets belong to streets', { field: 'streetId' });
    await this.dataSource.transaction((m) =>
      this.postAllocation(m, user.id, { streetId, year, amountFen, reference }),
    );
    return this.summary(streetId, year);
  }

  /** The allocation entry itself, inside the caller's transaction (also the demo seed's). */
  async postAllocation(
    m: EntityManager,
    actorId: string | null,
    a: { streetId: string; year: number; amountFen: number; reference: string },
  ): Promise<void> {
    const budget = await this.account(m, budgetAccount(a.streetId, a.year), true);
    const appropriation = await this.account(m, appropriationAccount(a.streetId, a.year));
    await this.post(m, {
      reference: `allocation:${a.streetId}:${a.year}:${a.reference}`,
      memo: `${a.year} budget allocation`,
      actorId,
      lines: [
        { account: budget, amountFen: a.amountFen },
        { account: appropriation, amountFen: -a.amountFen },
      ],
    });
  }

  /**
   * Commits a contract's amount against its street's budget for the year, inside the caller's
   * transaction. The budget account is locked first, so concurrent commitments cannot overspend it.
   */
  async commitContract(
    m: EntityManager,
    actorId: string,
    contract: { id: string; streetId: string; year: number; amountFen: number },
  ): Promise<void> {
    const budget = await this.account(m, budgetAccount(contract.streetId, contract.year), true);
    const available = await this.balance(m, budget);
    if (available < contract.amountFen) {
      throw new DomainError(
        'budget.insufficient',
        `The ${contract.year} budget has ${available} fen available; the contract needs ${contract.amountFen}`,
        {
          availableFen: available,
          neededFen: contract.amountFen,
        },
      );
    }
    const commitment = await this.account(m, commitmentAccount(contract.id, contract.streetId));
    await this.post(m, {
      reference: `commitment:${contract.id}`,
      memo: 'Contract commitment',
      actorId,
      lines: [
        { account: budget, amountFen: -contract.amountFen },
        { account: commitment, amountFen: contract.amountFen },
      ],
    });
  }

  async summary(streetId: string, year: number): Promise<BudgetSummary> {
    const row = await budgetTotals(this.dataSource, streetId, year);
    const contracts: BudgetContractLine[] = (
      await budgetContracts(this.dataSource, budgetAccount(streetId, year).code)
    ).map((c) => ({ ...c, committedFen: c.amountFen - c.paidFen }));
    const paidFen = contracts.reduce((sum, c) => sum + c.paidFen, 0);
    return {
      streetId,
      year,
      allocatedFen: row.allocated,
      committedFen: row.allocated - row.available - paidFen,
      paidFen,
      availableFen: row.available,
      contracts,
    };
  }

  async budgetFor(user: AuthUser, streetId: string, year: number): Promise<BudgetSummary> {
    await this.access.requireRegion(user, ['street_finance', 'street_director', 'street_officer'], streetId);
    return this.summary(streetId, year);
  }
}
