import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { JobQueue } from '../../jobs/job-queue.js';
import {
  DISBURSEMENT_KINDS,
  disbursementStep,
  payoutReference,
} from '../disbursements/disbursement-rules.js';
import type {
  DisbursementKind,
  DisbursementStatus,
  PayoutMethod,
} from '../disbursements/disbursement.entity.js';
import { LedgerService, payableAccount, stripeClearingAccount } from '../ledger/ledger.service.js';
import { Notifier } from '../notifications/notifier.js';
import { PAYOUT_TRANSFER_RANK, type PayoutTransferStatus } from './payment.entity.js';
import { payoutIdempotencyKey, payoutJobId, PayoutProviders, type PayoutOrder } from './payout-provider.js';

interface LockedDisbursement {
  id: string;
  kind: DisbursementKind;
  community_id: string | null;
  status: DisbursementStatus;
  method: PayoutMethod;
  payout_attempt: number;
  milestone_id: string;
  contract_id: string;
  organization_id: string;
  street_id: string;
  amount_fen: number;
  currency: string;
}

interface LockedTransfer {
  id: string;
  status: PayoutTransferStatus;
  idempotency_key: string;
  destination: string | null;
  amount_fen: number;
  currency: string;
  provider_transfer_id: string | null;
  amount_reversed_fen: number;
}

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
    private readonly ledger: LedgerService,
    private readonly providers: PayoutProviders,
    private readonly jobs: JobQueue,
    private readonly notifier: Notifier,
  ) {}

  /**
   * The `payout.transfer` job. The attempt's row (with its idempotency key) is committed before the
   * provider is called, and the provider's answer is recorded after: a crash in between leaves a
   * pending row that a retry (same key: the provider replays) or the reconciliation settles.
   */
  async transfer(disbursementId: string, attempt: number): Promise<PayoutJobOutcome> {
    const prepared = await this.dataSource.transaction(async (m) => {
      const d = await this.lockDisbursement(m, disbursementId);
      if (!d) return { skipped: 'no such disbursement' };
      if (d.status !== 'approved' || d.payout_attempt !== attempt) {
        return { skipped: `the disbursement is ${d.status} at attempt ${d.payout_attempt}` };
      }
      let row = await this.lockTransfer(m, disbursementId, attempt);
      if (row && row.status !== 'pending') return { skipped: `attempt ${attempt} is already ${row.status}` };
      if (!row) {
        const [org] = await m.query(
          `SELECT stripe_account_id, stripe_payouts_enabled FROM organizations WHERE id = $1`,
          [d.organization_id],
        );
        [row] = await m.query(
          `INSERT INTO payout_transfers (disbursement_id, attempt, provider, idempotency_key, destination, amount_fen, currency)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           RETURNING id, status, idempotency_key, destination, amount_fen::float8 AS amount_fen, currency, provider_transfer_id, amount_reversed_fen::float8 AS amount_reversed_fen`,
          [
            disbursementId,
            attempt,
            d.method,
            payoutIdempotencyKey(disbursementId, attempt),
            org.stripe_account_id,
            d.amount_fen,
            d.currency,
          ],
        );
        await this.audit.record(m, {
          actorId: null,
          action: 'payout.started',
          entityType: 'disbursement',
          entityId: disbursementId,
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
        amountFen: row!.amount_fen,
        currency: row!.currency,
        destination: row!.destination!,
        idempotencyKey: row!.idempotency_key,
      };
      return { order, method: d.method };
    });
    if ('skipped' in prepared) return { outcome: 'skipped', reason: prepared.skipped! };
    if ('refused' in prepared) return { outcome: 'refused', reason: prepared.refused! };

    const result = await this.providers.of(prepared.method).transfer(prepared.order);

    return this.dataSource.transaction(async (m) => {
      if (result.outcome === 'refused') {
        const d = await this.lockDisbursement(m, disbursementId);
        const row = await this.lockTransfer(m, disbursementId, attempt);
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
      const [known] = await m.query(
        `SELECT disbursement_id, attempt FROM payout_transfers WHERE provider_transfer_id = $1`,
        [transfer.id],
      );
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
    const d = await this.lockDisbursement(m, disbursementId);
    const row = d && (await this.lockTransfer(m, disbursementId, attempt));
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
    await m.query(
      `UPDATE payout_transfers SET provider_transfer_id = $2, status = $3, amount_reversed_fen = $4 WHERE id = $1`,
      [row.id, transfer.id, status, reversedFen],
    );
    const current = d.payout_attempt === attempt;
    if (firstSeen && current) {
      await m.query(`UPDATE disbursements SET provider_reference = $2 WHERE id = $1`, [d.id, transfer.id]);
    }
    await this.audit.record(m, {
      actorId: null,
      action: `payout.${forward ? status : 'updated'}`,
      entityType: 'disbursement',
      entityId: d.id,
      before: { attempt, status: row.status, transferId: row.provider_transfer_id },
      after: { attempt, status, transferId: transfer.id, amountReversedFen: reversedFen, source },
    });
    if (forward && current) {
      if (status === 'paid' && d.status === 'approved') await this.markPaid(m, d, transfer.id);
      if (status === 'reversed' && (d.status === 'approved' || d.status === 'paid')) {
        await this.failDisbursement(
          m,
          d,
          'reversed',
          `Stripe reversed transfer ${transfer.id}: the money came back`,
        );
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
    await m.query(
      `UPDATE payout_transfers SET status = 'refused', failure_reason = $3 WHERE disbursement_id = $1 AND attempt = $2 AND status = 'pending'`,
      [d.id, attempt, reason],
    );
    await this.audit.record(m, {
      actorId: null,
      action: 'payout.refused',
      entityType: 'disbursement',
      entityId: d.id,
      after: { attempt, reason },
    });
    if (d.payout_attempt === attempt && d.status === 'approved')
      await this.failDisbursement(m, d, 'refused', reason);
  }

  private async markPaid(m: EntityManager, d: LockedDisbursement, transferId: string): Promise<void> {
    const next = disbursementStep(d.status, 'provider_paid');
    await this.postPaid(m, d, transferId);
    await m.query(`UPDATE disbursements SET status = $2 WHERE id = $1`, [d.id, next]);
    if (d.kind === 'milestone')
      await m.query(`UPDATE milestones SET status = 'paid' WHERE id = $1`, [d.milestone_id]);
    await this.audit.record(m, {
      actorId: null,
      action: 'disbursement.paid',
      entityType: 'disbursement',
      entityId: d.id,
      before: { status: d.status },
      after: { status: next, attempt: d.payout_attempt, transferId },
    });
    await this.notifier.disbursementChanged(m, d.id);
  }

  /** payable → Stripe clearing: the transfer reached the organization's account. Posts once per attempt. */
  private async postPaid(m: EntityManager, d: LockedDisbursement, transferId: string): Promise<void> {
    const payable = await this.ledger.account(m, payableAccount(d.organization_id));
    const clearing = await this.ledger.account(m, stripeClearingAccount);
    await this.ledger.post(m, {
      reference: payoutReference('paid', d.id, d.payout_attempt),
      memo: `${DISBURSEMENT_KINDS[d.kind].label}, Stripe transfer ${transferId}`,
      actorId: null,
      lines: [
        { account: payable, amountFen: -d.amount_fen },
        { account: clearing, amountFen: d.amount_fen },
      ],
    });
  }

  /**
   * The attempt failed: the money goes back to the contract's commitment, the approvals are cleared
   * and the disbursement waits for street finance to approve it again (a new attempt) or return it.
   * A reversal also records the payment it undoes, so the journal is the same in any event order.
   */
  private async failDisbursement(
    m: EntityManager,
    d: LockedDisbursement,
    how: 'refused' | 'reversed',
    reason: string,
  ): Promise<void> {
    const next = disbursementStep(d.status, 'provider_failed');
    // The money goes back where it came from: the commitment, the community fund or the incentive pool.
    const commitment = await this.ledger.account(m, DISBURSEMENT_KINDS[d.kind].source(d));
    if (how === 'reversed') {
      const [{ transfer }] = await m.query(
        `SELECT provider_transfer_id AS transfer FROM payout_transfers WHERE disbursement_id = $1 AND attempt = $2`,
        [d.id, d.payout_attempt],
      );
      await this.postPaid(m, d, transfer);
      const clearing = await this.ledger.account(m, stripeClearingAccount);
      await this.ledger.post(m, {
        reference: payoutReference('reversed', d.id, d.payout_attempt),
        memo: `Stripe transfer ${transfer} reversed`,
        actorId: null,
        lines: [
          { account: clearing, amountFen: -d.amount_fen },
          { account: commitment, amountFen: d.amount_fen },
        ],
      });
    } else {
      const payable = await this.ledger.account(m, payableAccount(d.organization_id));
      await this.ledger.post(m, {
        reference: payoutReference('failed', d.id, d.payout_attempt),
        memo: `Payout refused: ${reason}`.slice(0, 500),
        actorId: null,
        lines: [
          { account: payable, amountFen: -d.amount_fen },
          { account: commitment, amountFen: d.amount_fen },
        ],
      });
    }
    await m.query(
      `UPDATE disbursements SET status = $2, failure_reason = $3, finance_approved_by = NULL, director_approved_by = NULL WHERE id = $1`,
      [d.id, next, reason],
    );
    if (d.kind === 'milestone')
      await m.query(`UPDATE milestones SET status = 'planned' WHERE id = $1 AND status = 'paid'`, [
        d.milestone_id,
      ]);
    await this.audit.record(m, {
      actorId: null,
      action: 'disbursement.payout_failed',
      entityType: 'disbursement',
      entityId: d.id,
      before: { status: d.status },
      after: { status: next, attempt: d.payout_attempt, reason },
    });
    await this.notifier.disbursementChanged(m, d.id);
  }

  /**
   * Re-ensures the transfer job of every approved Stripe disbursement whose attempt has not reached
   * the provider yet (the workers call this when they start): a lost or exhausted job runs again.
   */
  async ensureQueued(): Promise<number> {
    const waiting: { id: string; attempt: number }[] = await this.dataSource.query(
      `SELECT d.id, d.payout_attempt AS attempt FROM disbursements d
         LEFT JOIN payout_transfers t ON t.disbursement_id = d.id AND t.attempt = d.payout_attempt
        WHERE d.method = 'stripe' AND d.status = 'approved' AND (t.id IS NULL OR t.status = 'pending')`,
    );
    for (const w of waiting) {
      await this.jobs.ensure(
        'payout.transfer',
        { disbursementId: w.id, attempt: w.attempt },
        payoutJobId(w.id, w.attempt),
      );
    }
    return waiting.length;
  }

  private async lockDisbursement(m: EntityManager, id: string): Promise<LockedDisbursement | undefined> {
    const [d] = await m.query(
      `SELECT id, kind, community_id, status, method, payout_attempt, milestone_id, contract_id, organization_id, street_id,
              amount_fen::float8 AS amount_fen, currency
         FROM disbursements WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return d;
  }

  private async lockTransfer(
    m: EntityManager,
    disbursementId: string,
    attempt: number,
  ): Promise<LockedTransfer | undefined> {
    const [row] = await m.query(
      `SELECT id, status, idempotency_key, destination, amount_fen::float8 AS amount_fen, currency, provider_transfer_id,
              amount_reversed_fen::float8 AS amount_reversed_fen
         FROM payout_transfers WHERE disbursement_id = $1 AND attempt = $2 FOR UPDATE`,
      [disbursementId, attempt],
    );
    return row;
  }
}
