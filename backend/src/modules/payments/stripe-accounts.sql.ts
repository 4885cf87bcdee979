import { selectOne, type Queryable } from '../../common/database/queryable.js';
import type { StripeAccountDto } from './dto/payments.dto.js';

/** Organizations' connected Stripe accounts (the stripe_* columns of organizations). */

export const payoutDestination = (db: Queryable, organizationId: string) =>
  selectOne<{ stripe_account_id: string | null; stripe_payouts_enabled: boolean }>(
    db,
    `SELECT stripe_account_id, stripe_payouts_enabled FROM organizations WHERE id = $1`,
    [organizationId],
  );

export const organizationToConnect = (db: Queryable, organizationId: string) =>
  selectOne<{ id: string; status: string; stripe_account_id: string | null }>(
    db,
    `SELECT id, status, stripe_account_id FROM organizations WHERE id = $1`,
    [organizationId],
  );

/** The account id already stored, under the organization's row lock. */
export const lockConnectedAccount = async (db: Queryable, organizationId: string) =>
  (
    await selectOne<{ stripe_account_id: string | null }>(
      db,
      `SELECT stripe_account_id FROM organizations WHERE id = $1 FOR UPDATE`,
      [organizationId],
    )
  )?.stripe_account_id ?? null;

export const setConnectedAccount = (db: Queryable, organizationId: string, accountId: string) =>
  db.query(`UPDATE organizations SET stripe_account_id = $2 WHERE id = $1`, [organizationId, accountId]);

export const connectedAccountOf = (db: Queryable, organizationId: string) =>
  selectOne<StripeAccountDto>(
    db,
    `SELECT stripe_account_id AS "accountId", stripe_payouts_enabled AS "payoutsEnabled", stripe_details_submitted AS "detailsSubmitted"
       FROM organizations WHERE id = $1`,
    [organizationId],
  );

/** The organization of a connected account, locked, with the latest account event applied to it. */
export const lockAccountHolder = (db: Queryable, accountId: string) =>
  selectOne<{
    id: string;
    payoutsEnabled: boolean;
    detailsSubmitted: boolean;
    eventAt: number | null;
    eventId: string | null;
  }>(
    db,
    `SELECT id, stripe_payouts_enabled AS "payoutsEnabled", stripe_details_submitted AS "detailsSubmitted",
            extract(epoch FROM stripe_account_event_at)::float8 AS "eventAt", stripe_account_event_id AS "eventId"
       FROM organizations WHERE stripe_account_id = $1 FOR UPDATE`,
    [accountId],
  );

export const accountHolder = async (db: Queryable, accountId: string) =>
  (
    await selectOne<{ id: string }>(db, `SELECT id FROM organizations WHERE stripe_account_id = $1`, [
      accountId,
    ])
  )?.id;

export const applyAccountEvent = (
  db: Queryable,
  organizationId: string,
  a: { payoutsEnabled: boolean; detailsSubmitted: boolean; eventCreated: number; eventId: string },
) =>
  db.query(
    `UPDATE organizations SET stripe_payouts_enabled = $2, stripe_details_submitted = $3,
            stripe_account_event_at = to_timestamp($4), stripe_account_event_id = $5 WHERE id = $1`,
    [organizationId, a.payoutsEnabled, a.detailsSubmitted, a.eventCreated, a.eventId],
  );
