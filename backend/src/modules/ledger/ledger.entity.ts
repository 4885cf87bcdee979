import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { fenColumn } from '../../common/money/money.js';
import { inList } from '../../database/in-list.js';

export const ACCOUNT_KINDS = [
  'appropriation',
  'budget',
  'commitment',
  'payable',
  'clearing',
  'fund',
  'incentive_pool',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * A ledger account (PRODUCT §6). Balances are never stored: they are the sum of the postings.
 * The account row is also what a writer locks to settle an invariant on its balance.
 */
@Entity('ledger_accounts')
@Check('ledger_accounts_kind', inList('kind', ACCOUNT_KINDS))
export class LedgerAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stable key, e.g. "budget:<streetId>:2026" or "commitment:<contractId>". */
  @Index('ledger_accounts_code_unique', { unique: true })
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  kind!: AccountKind;

  @Column({ type: 'text' })
  name!: string;

  @Index('ledger_accounts_street_idx')
  @Column({ name: 'street_id', type: 'uuid', nullable: true })
  streetId!: string | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId!: string | null;

  @Column({ type: 'int', nullable: true })
  year!: number | null;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A journal entry; `reference` makes posting it idempotent (one entry per business event). */
@Entity('journal_entries')
export class JournalEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('journal_entries_reference_unique', { unique: true })
  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  memo!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * One side of an entry, in fen: positive debits, negative credits. A deferred constraint trigger
 * (in the migration) refuses to commit any entry whose postings do not sum to zero per currency.
 */
@Entity('postings')
@Check('postings_nonzero', 'amount_fen <> 0')
@Index('postings_account_idx', ['accountId'])
@Index('postings_entry_idx', ['entryId'])
export class Posting {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: number;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @ManyToOne(() => JournalEntry)
  @JoinColumn({ name: 'entry_id' })
  entry?: Relation<JournalEntry>;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => LedgerAccount)
  @JoinColumn({ name: 'account_id' })
  account?: Relation<LedgerAccount>;

  @Column(fenColumn('amount_fen'))
  amountFen!: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency!: string;
}
