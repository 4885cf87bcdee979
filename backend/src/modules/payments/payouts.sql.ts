import type Stripe from 'stripe';
import { changedRows, selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { DisbursementStatus, PayoutMethod } from '../disbursements/payout-provider.js';
import type { PayoutTransferStatus, ReconciliationMismatch } from './payment.entity.js';

/** Payout attempts (payout_transfers), provider events and reconciliation reports. */

export interface LockedTransfer {
  id: string;
  status: PayoutTransferStatus;
  idempotency_key: string;
  destination: string | null;
  amount_fen: number;
  currency: string;
  provider_transfer_id: string | null;
  amount_reversed_fen: number;
}

const TRANSFER_COLUMNS = `id, status, idempotency_key, destination, amount_fen, currency, provider_transfer_id, amount_reversed_fen`;

export const lockTransfer = (db: Queryable, disbursementId: string, attempt: number) =>
  selectOne<LockedTransfer>(
    db,
    `SELECT ${TRANSFER_COLUMNS} FROM payout_transfers WHERE disbursement_id = $1 AND attempt = $2 FOR UPDATE`,
    [disbursementId, attempt],
  );

/** The attempt's row, committed before the provider is called. */
export const insertTransfer = async (
  db: Queryable,
  t: {
    disbursementId: string;
    attempt: number;
    provider: PayoutMethod;
    idempotencyKey: string;
    destination: string | null;
    amountFen: number;
    currency: string;
  },
) =>
  (await selectOne<LockedTransfer>(
    db,
    `INSERT INTO payout_transfers (disbursement_id, attempt, provider, idempotency_key, destination, amount_fen, currency)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${TRANSFER_COLUMNS}`,
    [t.disbursementId, t.attempt, t.provider, t.idempotencyKey, t.destination, t.amountFen, t.currency],
  ))!;

/** The attempt a provider transfer was recorded for (when the transfer does not name it). */
export const attemptOfTransfer = (db: Queryable, providerTransferId: string) =>
  selectOne<{ disbursement_id: string; attempt: number }>(
    db,
    `SELECT disbursement_id, attempt FROM payout_transfers WHERE provider_transfer_id = $1`,
    [providerTransferId],
  );

export const updateTransfer = (
  db: Queryable,
  id: string,
  t: { providerTransferId: string; status: PayoutTransferStatus; amountReversedFen: number },
) =>
  db.query(
    `UPDATE payout_transfers SET provider_transfer_id = $2, status = $3, amount_reversed_fen = $4 WHERE id = $1`,
    [id, t.providerTransferId, t.status, t.amountReversedFen],
  );

/** A pending attempt refused (by the provider or its preconditions): nothing was moved. */
export const refuseTransfer = (db: Queryable, disbursementId: string, attempt: number, reason: string) =>
  db.query(
    `UPDATE payout_transfers SET status = 'refused', failure_reason = $3 WHERE disbursement_id = $1 AND attempt = $2 AND status = 'pending'`,
    [disbursementId, attempt, reason],
  );

/** Approved Stripe disbursements whose current attempt has not reached the provider. */
export const payoutsNotSubmitted = (db: Queryable) =>
  selectRows<{ id: string; attempt: number }>(
    db,
    `SELECT d.id, d.payout_attempt AS attempt FROM disbursements d
       LEFT JOIN payout_transfers t ON t.disbursement_id = d.id AND t.attempt = d.payout_attempt
      WHERE d.method = 'stripe' AND d.status = 'approved' AND (t.id IS NULL OR t.status = 'pending')`,
  );

/** An attempt as the reconciliation compares it with the provider's transfer. */
export interface OurTransfer {
  disbursement_id: string;
  attempt: number;
  status: PayoutTransferStatus;
  destination: string | null;
  amount_fen: number;
  currency: string;
  provider_transfer_id: string | null;
  stale: boolean;
  disbursement_status: DisbursementStatus;
  current_attempt: number;
}

const SELECT_OURS = `SELECT t.disbursement_id, t.attempt, t.status, t.destination, t.amount_fen, t.currency,
    t.provider_transfer_id, t.created_at < now() - interval '15 minutes' AS stale,
    d.status AS disbursement_status, d.payout_attempt AS current_attempt
  FROM payout_transfers t JOIN disbursements d ON d.id = t.disbursement_id`;

export const ourTransfer = (db: Queryable, disbursementId: string, attempt: number) =>
  selectOne<OurTransfer>(db, `${SELECT_OURS} WHERE t.disbursement_id = $1 AND t.attempt = $2`, [
    disbursementId,
    attempt,
  ]);

export const ourTransferByProviderId = (db: Queryable, providerTransferId: string) =>
  selectOne<OurTransfer>(db, `${SELECT_OURS} WHERE t.provider_transfer_id = $1`, [providerTransferId]);

export const ourTransfersSince = (db: Queryable, since: Date) =>
  selectRows<OurTransfer>(
    db,
    `${SELECT_OURS} WHERE t.provider = 'stripe' AND t.created_at >= $1 ORDER BY t.created_at`,
    [since],
  );

/** Which of these journal references are posted. */
export const postedReferences = async (db: Queryable, references: string[]) =>
  new Set(
    (
      await selectRows<{ reference: string }>(
        db,
        `SELECT reference FROM journal_entries WHERE reference = ANY($1)`,
        [references],
      )
    ).map((r) => r.reference),
  );

export const insertReconciliationReport = async (
  db: Queryable,
  r: {
    startedAt: Date;
    transfersChecked: number;
    payoutsChecked: number;
    healed: number;
    status: string;
    mismatches: ReconciliationMismatch[];
  },
) =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO reconciliation_reports (provider, started_at, finished_at, transfers_checked, payouts_checked, healed, status, mismatches)
     VALUES ('stripe', $1, now(), $2, $3, $4, $5, $6) RETURNING id`,
    [r.startedAt, r.transfersChecked, r.payoutsChecked, r.healed, r.status, JSON.stringify(r.mismatches)],
  ))!.id;

/** Stores an event once: false when it was received before (a redelivery). */
export const storeProviderEvent = async (db: Queryable, event: Stripe.Event) => {
  const object = event.data.object as { id?: string };
  const inserted = await selectRows(
    db,
    `INSERT INTO provider_events (id, provider, type, account, object_id, occurred_at, outcome, payload)
     VALUES ($1, 'stripe', $2, $3, $4, to_timestamp($5), 'received', $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [event.id, event.type, event.account ?? null, object.id ?? null, event.created, event],
  );
  return inserted.length > 0;
};

export const setProviderEventOutcome = (db: Queryable, eventId: string, outcome: string) =>
  changedRows(db, `UPDATE provider_events SET outcome = $2 WHERE id = $1 RETURNING id`, [eventId, outcome]);
