import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { JobQueue } from '../../jobs/job-queue.js';
import {
  PayoutOutcomes,
  PayoutProviders,
  type LockedDisbursement,
  type PayoutOrder,
} from '../disbursements/payout-provider.js';
import { stripeClearingAccount } from '../ledger/ledger.service.js';
import { PAYOUT_TRANSFER_RANK, type PayoutTransferStatus } from './payment.entity.js';
import { payoutIdempotencyKey, payoutJobId } from './payout-providers.js';
import {
  attemptOfTransfer,
  insertTransfer,
  lockTransfer,
  payoutsNotSubmitted,
  refuseTransfer,
  updateTransfer,
} from './payouts.sql.js';
import { payoutDestination } from './stripe-accounts.sql.js';

export type PayoutJobOutcome =
  | { outcome: 'submitted'; transferId: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'skipped'; reason: string };

/** What applying a provider snapshot did: moved the state forward, only filled in facts, nothing, or could not. */
export type TransferApplied = 'applied' | 'recorded' | 'stale' | 'unmatched' | 'conflict';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Provider payouts of approved disbursements (PRODUCT §6): one transfer per attempt, keyed by the
 * disbursement and the attempt, settled by the provider's events. Every transition of an attempt
 * only moves forward (pending → submitted → paid → reversed, or pending → refused), so the same
 * events in any order, any number of times, end in the same state and the same journal entries.
 */
@Injectable()
export class PayoutsService {
  private readonly logger = new Logger(PayoutsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly providers: PayoutProviders,
    private readonly outcomes: PayoutOutcomes,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * The `payout.transfer` job. The attempt's row (with its idempotency key) is committed before the
   * provider is called, and the provider's answer is recorded after: a crash in between leaves a
   * pending row that a retry (same key: the provider replays) or the reconciliation settles.
   */
  async transfer(disbursementId: string, attempt: number): Promise<PayoutJobOutcome> {
    const prepared = await this.dataSource.transaction(async (m) => {
      const d = await this.outcomes.lock(m, disbursementId);
      if (!d) return { skipped: 'no such disbursement' };
      if (d.status !== 'approved' || d.payout_attempt !== attempt) {
        return { skipped: `the disbursement is ${d.status} at attempt ${d.payout_attempt}` };
      }
      let row = await lockTransfer(m, disbursementId, attempt);
      if (row && row.status !== 'pending') return { skipped: `attempt ${attempt} is already ${row.status}` };
      if (!row) {
        const org = (await payoutDestination(m, d.organization_id))!;
        row = await insertTransfer(m, {
          disbursementId,
          attempt,
          provider: d.method,
          idempotencyKey: payoutIdempotencyKey(disbursementId, attempt),
          destination: org.stripe_account_id,
          amountFen: d.amount_fen,
          currency: d.currency,
        });
        await this.audit.recordChange(m, null, 'payout.started', ['disbursement', disbursementId], {
          after: { attempt, destination: org.stripe_account_id, amountFen: d.amount_fen, method: d.method },
        });
        // Refused here only while no provider call can have happened for this attempt.
        const reason = !org.stripe_account_id
          ? 'The organization has not connected a Stripe account yet: its admin must complete Stripe onboarding'
          : !org.stripe_payouts_enabled
            ? "Stripe has not enabled payouts on the organization's account yet: its admin must finish Stripe onboarding"
            : null;
        if (reason) {
          await this.refuse(m, d, attempt, reason);
          return { refused: reason };
        }
      }
      const order: PayoutOrder = {
        disbursementId,
        attempt,
        organizationId: d.organization_id,
        amountFen: row.amount_fen,
        currency: row.currency,
        destination: row.destination!,
        idempotencyKey: row.idempotency_key,
      };
      return { order, method: d.method };
    });
    if ('skipped' in prepared) return { outcome: 'skipped', reason: prepared.skipped! };
    if ('refused' in prepared) return { outcome: 'refused', reason: prepared.refused! };

    const result = await this.providers.of(prepared.method).transfer(prepared.order);

    return this.dataSource.transaction(async (m) => {
      if (result.outcome === 'refused') {
        const d = await this.outcomes.lock(m, disbursementId);
        const row = await lockTransfer(m, disbursementId, attempt);
        if (d && row?.status === 'pending') await this.refuse(m, d, attempt, result.reason);
        return { outcome: 'refused', reason: result.reason } as const;
      }
      await this.advance(m, disbursementId, attempt, result.transfer, 'submitted', 'worker');
      return { outcome: 'submitted', transferId: result.transfer.id } as const;
    });
  }

  /**
   * Applies the provider's current view of a transfer (a webhook, or the reconciliation): found by
   * its metadata (disbursement and attempt), so it may arrive before the worker recorded the id.
   */
  async applyTransfer(m: EntityManager, transfer: Stripe.Transfer, source: string): Promise<TransferApplied> {
    let disbursementId = transfer.metadata?.disbursement_id;
    let attempt = Number(transfer.metadata?.attempt);
    if (!disbursementId || !UUID.test(disbursementId) || !Number.isInteger(attempt)) {
      const known = await attemptOfTransfer(m, transfer.id);
      if (!known) return 'unmatched';
      ({ disbursement_id: disbursementId, attempt } = known);
    }
    const target: PayoutTransferStatus = transfer.amount_reversed >= transfer.amount ? 'reversed' : 'paid';
    return this.advance(m, disbursementId!, attempt, transfer, target, source);
  }

  /** Moves one attempt forward to `target` (never back) and settles its disbursement and the ledger. */
  private async advance(
    m: EntityManager,
    disbursementId: string,
    attempt: number,
    transfer: Stripe.Transfer,
    target: PayoutTransferStatus,
    source: string,
  ): Promise<TransferApplied> {
    // Lock order everywhere: disbursement, then its transfer row, then (audit) the chain.
    const d = await this.outcomes.lock(m, disbursementId);
    const row = d && (await lockTransfer(m, disbursementId, attempt));
    if (!d || !row) return 'unmatched';
    if ((row.provider_transfer_id && row.provider_transfer_id !== transfer.id) || row.status === 'refused') {
      this.logger.error(
        `transfer ${transfer.id} conflicts with attempt ${attempt} of disbursement ${disbursementId} (${row.status}, ${row.provider_transfer_id ?? 'no transfer'})`,
      );
      return 'conflict';
    }
    // A transfer settles an attempt only as it was sent: amount, currency and connected account.
    const destination =
      typeof transfer.destination === 'string' ? transfer.destination : transfer.destination?.id;
    if (
      transfer.amount !== row.amount_fen ||
      (transfer.currency ?? '').toUpperCase() !== row.currency.toUpperCase() ||
      (row.destination !== null && destination !== row.destination)
    ) {
      this.logger.error(
        `transfer ${transfer.id} does not match attempt ${attempt} of disbursement ${disbursementId}: ${transfer.amount} ${transfer.currency} to ${destination}, sent ${row.amount_fen} ${row.currency} to ${row.destination}`,
      );
      return 'conflict';
    }
    const reversedFen = Math.max(row.amount_reversed_fen, transfer.amount_reversed ?? 0);
    const firstSeen = row.provider_transfer_id === null;
    const forward = PAYOUT_TRANSFER_RANK[target] > PAYOUT_TRANSFER_RANK[row.status];
    if (!firstSeen && !forward && reversedFen === row.amount_reversed_fen) return 'stale';
    const status = forward ? target : row.status;
    await updateTransfer(m, row.id, {
      providerTransferId: transfer.id,
      status,
      amountReversedFen: reversedFen,
    });
    const current = d.payout_attempt === attempt;
    if (firstSeen && current) await this.outcomes.submitted(m, d, transfer.id);
    await this.audit.record(m, {
      actorId: null,
      action: `payout.${forward ? status : 'updated'}`,
      entityType: 'disbursement',
      entityId: d.id,
      before: { attempt, status: row.status, transferId: row.provider_transfer_id },
      after: { attempt, status, transferId: transfer.id, amountReversedFen: reversedFen, source },
    });
    if (forward && current) {
      const paidBy = `Stripe transfer ${transfer.id}`;
      if (status === 'paid' && d.status === 'approved') {
        await this.outcomes.paid(m, d, {
          step: 'provider_paid',
          clearing: stripeClearingAccount,
          paidBy,
          actorId: null,
          detail: { attempt: d.payout_attempt, transferId: transfer.id },
        });
      }
      if (status === 'reversed' && (d.status === 'approved' || d.status === 'paid')) {
        await this.outcomes.failed(m, d, {
          reason: `Stripe reversed transfer ${transfer.id}: the money came back`,
          reversal: {
            clearing: stripeClearingAccount,
            paidBy,
            reversedMemo: `Stripe transfer ${transfer.id} reversed`,
          },
        });
      }
    }
    return forward ? 'applied' : 'recorded';
  }

  /** The provider or the preconditions refused this attempt: no transfer exists; the money is committed again. */
  private async refuse(
    m: EntityManager,
    d: LockedDisbursement,
    attempt: number,
    reason: string,
  ): Promise<void> {
    this.logger.warn(`payout of disbursement ${d.id} attempt ${attempt} refused: ${reason}`);
    await refuseTransfer(m, d.id, attempt, reason);
    await this.audit.recordChange(m, null, 'payout.refused', ['disbursement', d.id], {
      after: { attempt, reason },
    });
    if (d.payout_attempt === attempt && d.status === 'approved') await this.outcomes.failed(m, d, { reason });
  }

  /**
   * Re-ensures the transfer job of every approved Stripe disbursement whose attempt has not reached
   * the provider yet (the workers call this when they start): a lost or exhausted job runs again.
   */
  async ensureQueued(): Promise<number> {
    const waiting = await payoutsNotSubmitted(this.dataSource);
    for (const w of waiting) {
      await this.jobs.ensure(
        'payout.transfer',
        { disbursementId: w.id, attempt: w.attempt },
        payoutJobId(w.id, w.attempt),
      );
    }
    return waiting.length;
  }
}
