import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { LedgerService, payableAccount, type AccountSpec } from '../ledger/ledger.service.js';
import { Notifier } from '../notifications/notifier.js';
import { DISBURSEMENT_KINDS, disbursementStep } from './disbursement-rules.js';
import type { DisbursementStatus } from './disbursement.entity.js';
import {
  failDisbursement,
  lockDisbursement,
  payDisbursement,
  reopenPaidMilestone,
  setMilestonePaid,
  setProviderReference,
  startPayoutAttempt,
  type LockedDisbursement,
} from './disbursements.sql.js';
import {
  payoutReference,
  type FailedPayout,
  type PaidPayout,
  type PayoutOutcomes,
} from './payout-provider.js';

/**
 * The money side of a disbursement: what its approval owes the organization, and the outcome of its
 * payout, whoever paid it (finance with a voucher, or a provider): the disbursement's
 * status, its milestone's and the journal. Runs inside the caller's transaction, on a disbursement the
 * caller locked (`lock`), so the ledger is the same whatever the order of the provider's events.
 */
@Injectable()
export class PayoutSettlementService implements PayoutOutcomes {
  constructor(
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
  ) {}

  lock(m: EntityManager, id: string): Promise<LockedDisbursement | undefined> {
    return lockDisbursement(m, id);
  }

  /**
   * Approved money is owed: the source (the contract's commitment, the community's fund or the
   * incentive pool) becomes a payable to the organization. Each approval (the first, or one after a
   * failed payout) starts a payout attempt of its own; returns its number.
   */
  async owe(m: EntityManager, d: LockedDisbursement, actorId: string): Promise<number> {
    const attempt = d.payout_attempt + 1;
    await startPayoutAttempt(m, d.id, attempt);
    const kind = DISBURSEMENT_KINDS[d.kind];
    const source = await this.ledger.account(m, kind.source(d), d.kind !== 'milestone');
    if (d.kind !== 'milestone') {
      const balance = await this.ledger.balance(m, source);
      if (balance < d.amount_fen)
        throw new DomainError(
          'fund.insufficient',
          `The ${kind.source(d).name.toLowerCase()} holds ${balance} fen; this payment needs ${d.amount_fen}`,
          { availableFen: balance, neededFen: d.amount_fen },
        );
    }
    const payable = await this.ledger.account(m, payableAccount(d.organization_id));
    await this.ledger.post(m, {
      reference: payoutReference('payable', d.id, attempt),
      memo:
        attempt > 1
          ? `${kind.label} approved for payment again (attempt ${attempt})`
          : `${kind.label} approved for payment`,
      actorId,
      lines: [
        { account: source, amountFen: -d.amount_fen },
        { account: payable, amountFen: d.amount_fen },
      ],
    });
    return attempt;
  }

  async submitted(m: EntityManager, d: LockedDisbursement, providerReference: string): Promise<void> {
    await setProviderReference(m, d.id, providerReference);
  }

  /** The money reached the organization: payable → clearing; the disbursement (and its milestone) paid. */
  async paid(m: EntityManager, d: LockedDisbursement, payout: PaidPayout): Promise<void> {
    const next = disbursementStep(d.status, payout.step, d.kind);
    await this.postPaid(m, d, payout.clearing, payout.paidBy, payout.actorId);
    await payDisbursement(m, d.id, next, payout.voucher ?? null);
    if (d.kind === 'milestone') await setMilestonePaid(m, d.milestone_id);
    await this.settled(m, d, payout.actorId, 'disbursement.paid', next, payout.detail);
  }

  /**
   * The attempt failed: the money goes back where it came from (the contract's commitment, the
   * community's fund or the incentive pool), the approvals are cleared and the disbursement waits for
   * street finance to approve it again (a new attempt) or return it.
   */
  async failed(m: EntityManager, d: LockedDisbursement, failure: FailedPayout): Promise<void> {
    const next = disbursementStep(d.status, 'provider_failed');
    const source = await this.ledger.account(m, DISBURSEMENT_KINDS[d.kind].source(d));
    const reversal = failure.reversal;
    if (reversal) {
      await this.postPaid(m, d, reversal.clearing, reversal.paidBy, null);
      const clearing = await this.ledger.account(m, reversal.clearing);
      await this.ledger.post(m, {
        reference: payoutReference('reversed', d.id, d.payout_attempt),
        memo: reversal.reversedMemo,
        actorId: null,
        lines: [
          { account: clearing, amountFen: -d.amount_fen },
          { account: source, amountFen: d.amount_fen },
        ],
      });
    } else {
      const payable = await this.ledger.account(m, payableAccount(d.organization_id));
      await this.ledger.post(m, {
        reference: payoutReference('failed', d.id, d.payout_attempt),
        memo: `Payout refused: ${failure.reason}`.slice(0, 500),
        actorId: null,
        lines: [
          { account: payable, amountFen: -d.amount_fen },
          { account: source, amountFen: d.amount_fen },
        ],
      });
    }
    await failDisbursement(m, d.id, next, failure.reason);
    if (d.kind === 'milestone') await reopenPaidMilestone(m, d.milestone_id);
    await this.settled(m, d, null, 'disbursement.payout_failed', next, {
      attempt: d.payout_attempt,
      reason: failure.reason,
    });
  }

  /** payable → clearing: the payout of this attempt reached the organization. Posts once per attempt. */
  private async postPaid(
    m: EntityManager,
    d: LockedDisbursement,
    clearingSpec: AccountSpec,
    paidBy: string,
    actorId: string | null,
  ): Promise<void> {
    const payable = await this.ledger.account(m, payableAccount(d.organization_id));
    const clearing = await this.ledger.account(m, clearingSpec);
    await this.ledger.post(m, {
      reference: payoutReference('paid', d.id, d.payout_attempt),
      memo: `${DISBURSEMENT_KINDS[d.kind].label}, ${paidBy}`,
      actorId,
      lines: [
        { account: payable, amountFen: -d.amount_fen },
        { account: clearing, amountFen: d.amount_fen },
      ],
    });
  }

  private async settled(
    m: EntityManager,
    d: LockedDisbursement,
    actorId: string | null,
    action: string,
    next: DisbursementStatus,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(m, {
      actorId,
      action,
      entityType: 'disbursement',
      entityId: d.id,
      before: { status: d.status },
      after: { status: next, ...detail },
    });
    await this.notifier.disbursementChanged(m, d.id);
  }
}
