import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import {
  payoutReference,
  PayoutProviders,
  type DisbursementStatus,
} from '../disbursements/payout-provider.js';
import type { PayoutTransferStatus, ReconciliationMismatch } from './payment.entity.js';
import { PayoutsService } from './payouts.service.js';
import {
  insertReconciliationReport,
  ourTransfer,
  ourTransferByProviderId,
  ourTransfersSince,
  postedReferences,
  type OurTransfer,
} from './payouts.sql.js';

export interface ReconciliationResult {
  id: string;
  status: 'clean' | 'healed' | 'mismatches';
  transfersChecked: number;
  payoutsChecked: number;
  healed: number;
  mismatches: ReconciliationMismatch[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which journal entries an attempt in each state must have (and no others of its payout). */
const EXPECTED_ENTRIES: Record<PayoutTransferStatus, ('paid' | 'reversed' | 'failed')[]> = {
  pending: [],
  submitted: [],
  paid: ['paid'],
  reversed: ['paid', 'reversed'],
  refused: ['failed'],
};

/**
 * The daily reconciliation (PRODUCT §6): the provider's transfers against our payout attempts, the
 * disbursements and the ledger. Every mismatch is logged and kept in a report; one case is healed,
 * the only one that is safe without a person: a transfer exists at the provider for an attempt we
 * still hold as pending (our commit after the provider call was lost). It is recorded from the
 * provider's own object, without calling the provider again, so nothing is ever paid twice.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly payouts: PayoutsService,
    private readonly providers: PayoutProviders,
  ) {}

  async run(options: { windowDays?: number } = {}): Promise<ReconciliationResult | null> {
    if (!this.providers.of('stripe').available) {
      this.logger.log('Stripe is not configured here: nothing to reconcile');
      return null;
    }
    const startedAt = new Date();
    const since = new Date(startedAt.getTime() - (options.windowDays ?? 35) * 86_400_000);
    const mismatches: ReconciliationMismatch[] = [];
    const report = (m: ReconciliationMismatch) => {
      mismatches.push(m);
      if (m.healed) this.logger.log(`healed ${m.kind}: ${m.detail}`);
      else this.logger.warn(`${m.kind}: ${m.detail}`);
    };
    const atProvider = new Set<string>();
    let transfersChecked = 0;
    let healed = 0;

    for await (const t of this.providers.of('stripe').listTransfers(since)) {
      const disbursementId = t.metadata?.disbursement_id;
      if (!disbursementId) continue; // not a disbursement payout
      transfersChecked++;
      atProvider.add(t.id);
      const ours = await this.ours(t, disbursementId);
      const ids = { disbursementId, transferId: t.id };
      if (!ours) {
        report({
          kind: 'unknown_transfer',
          ...ids,
          detail: `Stripe transfer ${t.id} (${t.amount} ${t.currency}) names attempt ${t.metadata?.attempt} of disbursement ${disbursementId}, which never started here`,
        });
        continue;
      }
      if (!ours.provider_transfer_id) {
        if (ours.status !== 'pending') {
          report({
            kind: 'transfer_for_refused_attempt',
            ...ids,
            detail: `Stripe holds transfer ${t.id} for attempt ${ours.attempt}, which we recorded as ${ours.status}: check with Stripe before paying again`,
          });
          continue;
        }
        const outcome = await this.dataSource.transaction((m) =>
          this.payouts.applyTransfer(m, t, 'reconciliation'),
        );
        healed++;
        report({
          kind: 'lost_commit',
          ...ids,
          healed: true,
          detail: `Stripe transfer ${t.id} for attempt ${ours.attempt} was not recorded here (the commit after the provider call was lost): recorded from Stripe (${outcome}), no second transfer`,
        });
        continue;
      }
      if (ours.provider_transfer_id !== t.id) {
        report({
          kind: 'duplicate_transfer',
          ...ids,
          detail: `attempt ${ours.attempt} has transfer ${ours.provider_transfer_id} here, and Stripe also holds ${t.id} for it: a second payment, to be reversed by a person`,
        });
        continue;
      }
      this.compare(t, ours, report);
    }

    const ours = await ourTransfersSince(this.dataSource, since);
    const references = ours.flatMap((o) =>
      (['paid', 'reversed', 'failed'] as const).map((e) => payoutReference(e, o.disbursement_id, o.attempt)),
    );
    const posted = await postedReferences(this.dataSource, references);
    for (const o of ours) {
      const ids = { disbursementId: o.disbursement_id, transferId: o.provider_transfer_id ?? undefined };
      if (o.provider_transfer_id && !atProvider.has(o.provider_transfer_id)) {
        report({
          kind: 'missing_at_provider',
          ...ids,
          detail: `transfer ${o.provider_transfer_id} of attempt ${o.attempt} is recorded here but Stripe does not list it`,
        });
      }
      if (o.status === 'pending' && o.stale) {
        report({
          kind: 'stuck_pending',
          ...ids,
          detail: `attempt ${o.attempt} has not reached Stripe for over 15 minutes: check the payments queue (the workers re-ensure the job when they start)`,
        });
      }
      const expected = EXPECTED_ENTRIES[o.status];
      const actual = (['paid', 'reversed', 'failed'] as const).filter((e) =>
        posted.has(payoutReference(e, o.disbursement_id, o.attempt)),
      );
      if (expected.join() !== actual.join()) {
        report({
          kind: 'ledger_mismatch',
          ...ids,
          detail: `attempt ${o.attempt} is ${o.status}: the ledger should hold [${expected.join(', ')}] and holds [${actual.join(', ')}]`,
        });
      }
      if (o.current_attempt === o.attempt) {
        const wanted: Record<PayoutTransferStatus, DisbursementStatus[]> = {
          pending: ['approved'],
          submitted: ['approved'],
          paid: ['paid'],
          reversed: ['failed', 'rejected'],
          refused: ['failed', 'rejected'],
        };
        if (!wanted[o.status].includes(o.disbursement_status)) {
          report({
            kind: 'disbursement_mismatch',
            ...ids,
            detail: `attempt ${o.attempt} is ${o.status} but the disbursement is ${o.disbursement_status}`,
          });
        }
      }
    }

    const status = !mismatches.length ? 'clean' : mismatches.every((x) => x.healed) ? 'healed' : 'mismatches';
    const id = await this.dataSource.transaction(async (m) => {
      const reportId = await insertReconciliationReport(m, {
        startedAt,
        transfersChecked,
        payoutsChecked: ours.length,
        healed,
        status,
        mismatches,
      });
      await this.audit.recordChange(m, null, 'payments.reconciled', ['reconciliation_report', reportId], {
        after: {
          status,
          transfersChecked,
          payoutsChecked: ours.length,
          healed,
          mismatches: mismatches.length,
        },
      });
      return reportId;
    });
    this.logger.log(
      `reconciliation ${status}: ${transfersChecked} transfer(s) at Stripe, ${ours.length} attempt(s) here, ${healed} healed, ${mismatches.length} reported`,
    );
    return { id, status, transfersChecked, payoutsChecked: ours.length, healed, mismatches };
  }

  private async ours(t: Stripe.Transfer, disbursementId: string): Promise<OurTransfer | undefined> {
    const attempt = Number(t.metadata?.attempt);
    if (UUID.test(disbursementId) && Number.isInteger(attempt)) {
      const row = await ourTransfer(this.dataSource, disbursementId, attempt);
      if (row) return row;
    }
    return ourTransferByProviderId(this.dataSource, t.id);
  }

  private compare(t: Stripe.Transfer, ours: OurTransfer, report: (m: ReconciliationMismatch) => void): void {
    const ids = { disbursementId: ours.disbursement_id, transferId: t.id };
    if (t.amount !== ours.amount_fen || t.currency.toUpperCase() !== ours.currency) {
      report({
        kind: 'amount_mismatch',
        ...ids,
        detail: `Stripe transferred ${t.amount} ${t.currency}, we expected ${ours.amount_fen} ${ours.currency}`,
      });
    }
    const destination = typeof t.destination === 'string' ? t.destination : t.destination?.id;
    if (ours.destination && destination !== ours.destination) {
      report({
        kind: 'destination_mismatch',
        ...ids,
        detail: `Stripe paid ${destination}, we expected ${ours.destination}`,
      });
    }
    const providerState: PayoutTransferStatus = t.amount_reversed >= t.amount ? 'reversed' : 'paid';
    if (ours.status !== providerState) {
      report({
        kind: 'status_mismatch',
        ...ids,
        detail: `Stripe says ${providerState}, we hold ${ours.status}: an event was lost or is late (resend it from the Stripe dashboard)`,
      });
    }
    if (t.amount_reversed > 0 && t.amount_reversed < t.amount) {
      report({
        kind: 'partial_reversal',
        ...ids,
        detail: `${t.amount_reversed} of ${t.amount} was reversed: the ledger records whole payouts only, a person must settle the rest`,
      });
    }
  }
}
