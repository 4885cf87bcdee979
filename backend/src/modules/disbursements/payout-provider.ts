import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import type { AccountSpec } from '../ledger/ledger.service.js';
import type { DisbursementStatus, PayoutMethod } from './disbursement.entity.js';
import type { LockedDisbursement } from './disbursements.sql.js';

export type { DisbursementStatus, LockedDisbursement, PayoutMethod };

/**
 * The payout port of disbursements: how an approved disbursement is paid (`PayoutProviders`, implemented
 * by the payments module) and how the payment's outcome comes back (`PayoutOutcomes`, implemented here).
 * Disbursements know no provider; providers change a disbursement only through its outcomes.
 */

/** What a provider is asked to pay: one attempt of one disbursement. */
export interface PayoutOrder {
  disbursementId: string;
  attempt: number;
  organizationId: string;
  amountFen: number;
  currency: string;
  /** The organization's account at the provider. */
  destination: string;
  /** Derived from the disbursement and the attempt: a retried call never pays twice. */
  idempotencyKey: string;
}

export type TransferResult =
  | { outcome: 'submitted'; transfer: Stripe.Transfer }
  /** Definitive: nothing was moved and nothing will be for this attempt. */
  | { outcome: 'refused'; reason: string };

/**
 * A way of paying an approved disbursement (PRODUCT §6). Treasury is finance recording the bank
 * voucher by hand (DisbursementsService.recordPayment); Stripe transfers to the organization's
 * connected account from a background job, settled by webhooks.
 */
export interface PayoutProvider {
  readonly method: PayoutMethod;
  /** Whether this provider can pay at all in this deployment. */
  readonly available: boolean;
  /** Called after the approval committed: start the payout, or wait for a person. Never throws. */
  approved(disbursementId: string, attempt: number): Promise<void>;
  /** Moves the money. Throws on a transient failure: the caller retries with the same idempotency key. */
  transfer(order: PayoutOrder): Promise<TransferResult>;
  /** The provider's transfers created since a time, for reconciliation. */
  listTransfers(since: Date): AsyncIterable<Stripe.Transfer>;
}

/** The provider of each payout method (the injection token; the payments module provides it). */
export abstract class PayoutProviders {
  abstract of(method: PayoutMethod): PayoutProvider;
}

/** A payout that reached the organization: payable → the provider's clearing account. */
export interface PaidPayout {
  /** `record_payment` (a person recorded the voucher) or `provider_paid` (the provider settled it). */
  step: 'record_payment' | 'provider_paid';
  clearing: AccountSpec;
  /** How it was paid, for the journal memo: "voucher 2026-001", "Stripe transfer tr_…". */
  paidBy: string;
  actorId: string | null;
  /** The treasury's bank voucher. */
  voucher?: string;
  /** What the audit entry says beside the new status. */
  detail: Record<string, unknown>;
}

/** A payout attempt that failed: refused (nothing moved) or reversed (the money came back). */
export interface FailedPayout {
  reason: string;
  /** A reversal also records the payment it undoes, so the journal is the same in any event order. */
  reversal?: { clearing: AccountSpec; paidBy: string; reversedMemo: string };
}

/** How a payment's outcome reaches its disbursement (implemented by the disbursements module). */
export abstract class PayoutOutcomes {
  /** Locks the disbursement: the first lock of every transaction that settles a payout. */
  abstract lock(m: EntityManager, id: string): Promise<LockedDisbursement | undefined>;
  /** The provider took the current attempt: its reference (the transfer) goes on the disbursement. */
  abstract submitted(m: EntityManager, d: LockedDisbursement, providerReference: string): Promise<void>;
  abstract paid(m: EntityManager, d: LockedDisbursement, payout: PaidPayout): Promise<void>;
  abstract failed(m: EntityManager, d: LockedDisbursement, failure: FailedPayout): Promise<void>;
}

/**
 * The journal reference of a payout event of one attempt. The first attempt keeps the plain form
 * (`payable:<id>`, `paid:<id>`), so each event of each attempt posts exactly once.
 */
export function payoutReference(
  event: 'payable' | 'paid' | 'reversed' | 'failed',
  disbursementId: string,
  attempt: number,
): string {
  if ((event === 'payable' || event === 'paid') && attempt <= 1) return `${event}:${disbursementId}`;
  return `${event}:${disbursementId}:${attempt}`;
}
