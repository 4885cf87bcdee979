import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import { communityFundAccount } from '../ledger/ledger.service.js';
import type { DonationReceiptDto, FundDonationDto, FundProjectDto } from './dto/fund.dto.js';

/** Every statement of the community development fund: donations, receipts, totals and grants. */

export const communityOf = (db: Queryable, id: string) =>
  selectOne<{ name: string; parentId: string }>(
    db,
    `SELECT name, parent_id AS "parentId" FROM regions WHERE id = $1 AND level = 'community'`,
    [id],
  );

/** A Checkout session this API created for a donation: what its payment may credit. */
export interface AskedSession {
  communityId: string;
  amountFen: number;
  currency: string;
  donorUserId: string | null;
  donorName: string | null;
  donorEmail: string | null;
  message: string | null;
}

export const insertDonationCheckout = (db: Queryable, sessionId: string, s: AskedSession) =>
  db.query(
    `INSERT INTO donation_checkouts (checkout_session_id, community_id, amount_fen, currency, donor_user_id, donor_name, donor_email, message)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [sessionId, s.communityId, s.amountFen, s.currency, s.donorUserId, s.donorName, s.donorEmail, s.message],
  );

export const donationCheckout = (db: Queryable, sessionId: string) =>
  selectOne<AskedSession>(
    db,
    `SELECT community_id AS "communityId", amount_fen AS "amountFen", currency, donor_user_id AS "donorUserId",
            donor_name AS "donorName", donor_email AS "donorEmail", message
       FROM donation_checkouts WHERE checkout_session_id = $1`,
    [sessionId],
  );

/** The receipt of a paid session; its serial comes from the id sequence at payment (no gaps from abandoned sessions). */
export const insertReceipt = async (db: Queryable, sessionId: string, s: AskedSession) =>
  (await selectOne<{ receiptNo: string }>(
    db,
    `WITH s AS (SELECT nextval(pg_get_serial_sequence('fund_donations', 'id')) AS id)
     INSERT INTO fund_donations (id, receipt_no, community_id, checkout_session_id, amount_fen, currency, donor_name, donor_email,
                                 message, donor_user_id, paid_at)
     SELECT s.id, 'JZ' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(s.id::text, 6, '0'),
            $1, $2, $3, $4, $5, $6, $7, $8, now() FROM s
     RETURNING receipt_no AS "receiptNo"`,
    [s.communityId, sessionId, s.amountFen, s.currency, s.donorName, s.donorEmail, s.message, s.donorUserId],
  ))!.receiptNo;

const RECEIPT = `SELECT d.receipt_no AS "receiptNo", d.community_id AS "communityId", r.name AS "communityName",
    d.amount_fen AS "amountFen", d.currency, d.donor_name AS "donorName", d.donor_email AS "donorEmail",
    d.message, d.paid_at AS "paidAt"
  FROM fund_donations d JOIN regions r ON r.id = d.community_id`;

export const receiptOfSession = (db: Queryable, sessionId: string) =>
  selectOne<DonationReceiptDto>(db, `${RECEIPT} WHERE d.checkout_session_id = $1`, [sessionId]);

/** A page of a community's donations with their donors' details, newest first, after a (paid at, id). */
export const donationsOf = (
  db: Queryable,
  communityId: string,
  after: { at: string; id: number } | null,
  limit: number,
) =>
  selectRows<FundDonationDto & { cursorAt: string; id: number }>(
    db,
    `${RECEIPT.replace(
      'SELECT ',
      `SELECT d.checkout_session_id AS "checkoutSessionId", d.id,
              to_char(d.paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt", `,
    )}
      WHERE d.community_id = $1 AND ($2::timestamptz IS NULL OR (d.paid_at, d.id) < ($2::timestamptz, $3::bigint))
      ORDER BY d.paid_at DESC, d.id DESC LIMIT $4`,
    [communityId, after?.at ?? null, after?.id ?? null, limit],
  );

/** Donations and grants of a community's fund, in totals. */
export const fundTotals = async (db: Queryable, communityId: string) =>
  (await selectOne<{
    donationsFen: number;
    donationCount: number;
    grantsPaidFen: number;
    grantsPendingFen: number;
    grantCount: number;
  }>(
    db,
    `SELECT (SELECT coalesce(sum(amount_fen), 0)::bigint FROM fund_donations WHERE community_id = $1) AS "donationsFen",
            (SELECT count(*)::int FROM fund_donations WHERE community_id = $1) AS "donationCount",
            coalesce(sum(amount_fen) FILTER (WHERE status = 'paid'), 0)::bigint AS "grantsPaidFen",
            coalesce(sum(amount_fen) FILTER (WHERE status IN ('requested', 'accepted', 'finance_approved', 'approved', 'failed')), 0)::bigint AS "grantsPendingFen",
            count(*) FILTER (WHERE status <> 'rejected')::int AS "grantCount"
       FROM disbursements WHERE kind = 'fund_grant' AND community_id = $1`,
    [communityId],
  ))!;

/** A fund grant's money is reserved from its proposal until it is approved (then it leaves the fund) or rejected. */
const GRANT_RESERVING_STATUSES = `('requested', 'accepted', 'finance_approved', 'failed')`;

/** The fund's ledger balance and what live grant proposals reserve of it. */
export const fundBalance = async (db: Queryable, communityId: string) =>
  (await selectOne<{ balance: number; reserved: number }>(
    db,
    `SELECT coalesce((SELECT sum(p.amount_fen) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = $2), 0)::bigint AS balance,
            coalesce((SELECT sum(amount_fen) FROM disbursements
                       WHERE kind = 'fund_grant' AND community_id = $1 AND status IN ${GRANT_RESERVING_STATUSES}), 0)::bigint AS reserved`,
    [communityId, communityFundAccount(communityId).code],
  ))!;

/** A project serving the community: through its tender's communities, or its street without a tender. */
export const SERVES_COMMUNITY = `(EXISTS (SELECT 1 FROM tender_communities tc WHERE tc.tender_id = c.tender_id AND tc.community_id = r.id)
                           OR (c.tender_id IS NULL AND c.street_id = r.parent_id))`;

/**
 * The active projects a grant of this community's fund may go to: all of them, for a picker (only
 * live contracts of one street count, so the list stays short; it is not a history that grows).
 */
export const projectsServing = (db: Queryable, communityId: string) =>
  selectRows<FundProjectDto>(
    db,
    `SELECT p.id, p.title, p.organization_id AS "organizationId", o.name AS "organizationName"
       FROM projects p JOIN contracts c ON c.id = p.contract_id JOIN organizations o ON o.id = p.organization_id
       JOIN regions r ON r.id = $1
      WHERE p.status = 'active' AND ${SERVES_COMMUNITY}
      ORDER BY p.created_at DESC`,
    [communityId],
  );

/** A project a grant of this community's fund is proposed to, if it serves the community. */
export const projectServing = (db: Queryable, projectId: string, communityId: string) =>
  selectOne<{
    id: string;
    status: string;
    contract_id: string;
    organization_id: string;
    street_id: string;
    currency: string;
  }>(
    db,
    `SELECT p.id, p.status, p.contract_id, p.organization_id, c.street_id, c.currency
       FROM projects p JOIN contracts c ON c.id = p.contract_id JOIN regions r ON r.id = $2 AND r.level = 'community'
      WHERE p.id = $1 AND ${SERVES_COMMUNITY}`,
    [projectId, communityId],
  );
