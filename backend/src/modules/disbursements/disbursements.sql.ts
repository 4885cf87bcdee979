import { likeEscape } from '../../common/pagination/cursor.js';
import { changedRows, selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import { DEFAULT_DIRECTOR_THRESHOLD_FEN } from './disbursement-rules.js';
import type { DisbursementKind, DisbursementStatus, PayoutMethod } from './disbursement.entity.js';
import type { DisbursementDto } from './dto/disbursement.dto.js';

/** Every statement of the disbursements module (the state machine's rows, milestones' payment state). */

/** A disbursement as the view reads it; its milestone's files are read beside it. */
export type DisbursementRow = Omit<DisbursementDto, 'deliverableFiles'>;

const VIEW = `SELECT d.id, d.kind, d.milestone_id AS "milestoneId", m.name AS "milestoneName", d.contract_id AS "contractId", c.title AS "contractTitle",
    d.organization_id AS "organizationId", o.name AS "organizationName", d.street_id AS "streetId", d.amount_fen AS "amountFen",
    d.currency, d.status, d.method, d.amount_fen >= coalesce(ss.director_threshold_fen, ${DEFAULT_DIRECTOR_THRESHOLD_FEN}) AS "needsDirector",
    d.deliverables, d.rejection_reason AS "rejectionReason", d.voucher, d.payout_attempt AS "payoutAttempt", d.provider_reference AS "providerReference",
    d.failure_reason AS "failureReason", d.created_at AS "createdAt", d.updated_at AS "updatedAt",
    d.project_id AS "projectId", pr.title AS "projectTitle", d.community_id AS "communityId", d.purpose,
    coalesce(m.min_deliverables, 0) AS "minDeliverables",
    (SELECT id FROM projects WHERE contract_id = d.contract_id) AS "contractProjectId",
    c.amount_fen - (SELECT coalesce(sum(x.amount_fen), 0) FROM disbursements x WHERE x.contract_id = d.contract_id AND x.kind = 'milestone'
                     AND x.status IN ('approved', 'paid'))::bigint AS "contractRemainingFen",
    (SELECT display_name FROM users WHERE id = d.requested_by) AS "requestedByName",
    (SELECT display_name FROM users WHERE id = d.accepted_by) AS "acceptedByName",
    (SELECT display_name FROM users WHERE id = d.finance_approved_by) AS "financeApprovedByName",
    (SELECT display_name FROM users WHERE id = d.director_approved_by) AS "directorApprovedByName"
  FROM disbursements d LEFT JOIN milestones m ON m.id = d.milestone_id JOIN contracts c ON c.id = d.contract_id
  LEFT JOIN projects pr ON pr.id = d.project_id
  JOIN organizations o ON o.id = d.organization_id LEFT JOIN street_settings ss ON ss.street_id = d.street_id`;

export const selectDisbursement = (db: Queryable, id: string) =>
  selectOne<DisbursementRow>(db, `${VIEW} WHERE d.id = $1`, [id]);

/** Where a page of disbursements starts: after (or before, newest first) this creation time and id. */
export interface After {
  at: string;
  id: string;
}

/** The view with the keyset of newest-first pages (`cursorAt`: created_at to the microsecond, UTC). */
const PAGED = VIEW.replace(
  'SELECT ',
  `SELECT to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt", `,
);
/** Newest-first pages: rows before the cursor's (creation time, id), its two values at `$n`, `$n+1`. */
const AFTER_AT = (n: number) =>
  `($${n}::timestamptz IS NULL OR (d.created_at, d.id) < ($${n}::timestamptz, $${n + 1}::uuid))`;
const AFTER = AFTER_AT(2);
/** The search (a LIKE pattern at `$n`, or null for none): what is paid for, or to whom. */
const SEARCH = (n: number) =>
  `($${n}::text IS NULL OR c.title ILIKE $${n} OR o.name ILIKE $${n} OR m.name ILIKE $${n} OR pr.title ILIKE $${n})`;
const searchPattern = (q: string | null) => (q ? `%${likeEscape(q)}%` : null);
export type PagedDisbursement = DisbursementRow & { cursorAt: string };
/** Oldest-first pages: rows after the cursor's (creation time, id), its two values at `$n`, `$n+1`. */
const afterOldest = (n: number) =>
  `($${n}::timestamptz IS NULL OR (d.created_at, d.id) > ($${n}::timestamptz, $${n + 1}::uuid))`;

/** Region path patterns (`<path>%`) of the caller's memberships, per role that signs a step. */
export interface SignerPaths {
  communityStaff: string[];
  streetFinance: string[];
  streetDirector: string[];
}

/** The signer (paths $1, $2, $3 as in SignerPaths) may take the next step of disbursement `d` of contract `c`. */
const AWAITING = `((d.status = 'requested' AND EXISTS (
               SELECT 1 FROM regions r WHERE r.path LIKE ANY($1::text[]) AND r.level = 'community'
                  AND (r.id IN (SELECT tc.community_id FROM tender_communities tc WHERE tc.tender_id = c.tender_id)
                       OR (c.tender_id IS NULL AND r.parent_id = c.street_id))))
         OR ((d.status IN ('accepted', 'failed') OR (d.status = 'approved' AND d.method = 'treasury')) AND EXISTS (SELECT 1 FROM regions s WHERE s.id = d.street_id AND s.path LIKE ANY($2::text[])))
         OR (d.status = 'finance_approved' AND EXISTS (SELECT 1 FROM regions s WHERE s.id = d.street_id AND s.path LIKE ANY($3::text[]))))`;

/** How many disbursements wait for the signer (the inbox's length). */
export const countAwaiting = async (db: Queryable, paths: SignerPaths) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM disbursements d JOIN contracts c ON c.id = d.contract_id WHERE ${AWAITING}`,
    [paths.communityStaff, paths.streetFinance, paths.streetDirector],
  ))!.count;

/**
 * What waits for a signer: acceptances for community staff; approvals, failed payouts to approve
 * again and treasury payments for finance; approvals for the director.
 */
export const disbursementsAwaiting = (
  db: Queryable,
  paths: SignerPaths,
  filter: { q: string | null; newestFirst: boolean },
  after: After | null,
  limit: number,
) =>
  selectRows<PagedDisbursement>(
    db,
    `${PAGED}
      WHERE ${filter.newestFirst ? AFTER_AT(4) : afterOldest(4)} AND ${AWAITING} AND ${SEARCH(7)}
      ORDER BY ${filter.newestFirst ? 'd.created_at DESC, d.id DESC' : 'd.created_at, d.id'} LIMIT $6`,
    [
      paths.communityStaff,
      paths.streetFinance,
      paths.streetDirector,
      after?.at ?? null,
      after?.id ?? null,
      limit,
      searchPattern(filter.q),
    ],
  );

/** A page of a contract's disbursements, oldest first. */
export const disbursementsOfContract = (
  db: Queryable,
  contractId: string,
  after: After | null,
  limit: number,
) =>
  selectRows<PagedDisbursement>(
    db,
    `${PAGED} WHERE d.contract_id = $1 AND ${afterOldest(2)} ORDER BY d.created_at, d.id LIMIT $4`,
    [contractId, after?.at ?? null, after?.id ?? null, limit],
  );

/** A page of an organization's disbursements, newest first (`limit` rows: ask one more than shown). */
export const disbursementsOfOrganization = (
  db: Queryable,
  organizationId: string,
  q: string | null,
  after: After | null,
  limit: number,
) =>
  selectRows<PagedDisbursement>(
    db,
    `${PAGED} WHERE d.organization_id = $1 AND ${AFTER} AND ${SEARCH(5)} ORDER BY d.created_at DESC, d.id DESC LIMIT $4`,
    [organizationId, after?.at ?? null, after?.id ?? null, limit, searchPattern(q)],
  );

/** A page of a community's disbursements of one kind (its fund's grants), newest first. */
export const disbursementsOfCommunity = (
  db: Queryable,
  communityId: string,
  kind: DisbursementKind,
  after: After | null,
  limit: number,
) =>
  selectRows<PagedDisbursement>(
    db,
    `${PAGED} WHERE d.community_id = $1 AND ${AFTER} AND d.kind = $5 ORDER BY d.created_at DESC, d.id DESC LIMIT $4`,
    [communityId, after?.at ?? null, after?.id ?? null, limit, kind],
  );

/** A disbursement as its steps and payouts see it, locked for the transaction. */
export interface LockedDisbursement {
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
  requested_by: string | null;
  accepted_by: string | null;
  finance_approved_by: string | null;
  director_approved_by: string | null;
  /** The street's director threshold (fen). */
  threshold: number;
  /** Clean deliverables its milestone's acceptance needs (0 for other kinds). */
  min_deliverables: number;
}

export const lockDisbursement = (db: Queryable, id: string) =>
  selectOne<LockedDisbursement>(
    db,
    `SELECT d.id, d.kind, d.community_id, d.status, d.method, d.payout_attempt, d.milestone_id, d.contract_id, d.organization_id,
            d.street_id, d.amount_fen, d.currency, d.requested_by, d.accepted_by, d.finance_approved_by, d.director_approved_by,
            coalesce((SELECT director_threshold_fen FROM street_settings WHERE street_id = d.street_id), ${DEFAULT_DIRECTOR_THRESHOLD_FEN}) AS threshold,
            coalesce((SELECT min_deliverables FROM milestones WHERE id = d.milestone_id), 0) AS min_deliverables
       FROM disbursements d WHERE d.id = $1 FOR UPDATE OF d`,
    [id],
  );

/** A new disbursement of any kind; undefined when a live one of the milestone and kind exists already. */
export interface NewDisbursement {
  kind: DisbursementKind;
  status: DisbursementStatus;
  milestoneId: string | null;
  projectId: string | null;
  communityId: string | null;
  contractId: string;
  organizationId: string;
  streetId: string;
  amountFen: number;
  currency: string;
  method: PayoutMethod;
  deliverables: string | null;
  purpose: string | null;
  requestedBy: string | null;
}

export const insertDisbursement = async (db: Queryable, d: NewDisbursement) =>
  (
    await selectOne<{ id: string }>(
      db,
      `INSERT INTO disbursements (kind, status, milestone_id, project_id, community_id, contract_id, organization_id, street_id,
                                  amount_fen, currency, method, deliverables, purpose, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12::text, ''), $13, $14) ON CONFLICT DO NOTHING RETURNING id`,
      [
        d.kind,
        d.status,
        d.milestoneId,
        d.projectId,
        d.communityId,
        d.contractId,
        d.organizationId,
        d.streetId,
        d.amountFen,
        d.currency,
        d.method,
        d.deliverables,
        d.purpose,
        d.requestedBy,
      ],
    )
  )?.id;

/** The live (not rejected) disbursement of a milestone and kind. */
export const liveDisbursementOf = async (db: Queryable, milestoneId: string, kind: DisbursementKind) =>
  (
    await selectOne<{ id: string }>(
      db,
      `SELECT id FROM disbursements WHERE milestone_id = $1 AND kind = $2 AND status <> 'rejected'`,
      [milestoneId, kind],
    )
  )?.id;

/** A signature moves the status; the signer goes in the step's column. */
export type SignerColumn = 'accepted_by' | 'finance_approved_by' | 'director_approved_by';

export const signDisbursement = (
  db: Queryable,
  id: string,
  status: DisbursementStatus,
  column: SignerColumn,
  userId: string,
) => db.query(`UPDATE disbursements SET status = $2, ${column} = $3 WHERE id = $1`, [id, status, userId]);

export const rejectDisbursement = (db: Queryable, id: string, status: DisbursementStatus, reason: string) =>
  db.query(`UPDATE disbursements SET status = $2, rejection_reason = $3 WHERE id = $1`, [id, status, reason]);

/** Each approval (the first, or one after a failed payout) starts a payout attempt of its own. */
export const startPayoutAttempt = (db: Queryable, id: string, attempt: number) =>
  db.query(
    `UPDATE disbursements SET payout_attempt = $2, failure_reason = NULL, provider_reference = NULL WHERE id = $1`,
    [id, attempt],
  );

/** Paid: the status, and the treasury's voucher when there is one. */
export const payDisbursement = (
  db: Queryable,
  id: string,
  status: DisbursementStatus,
  voucher: string | null,
) =>
  db.query(`UPDATE disbursements SET status = $2, voucher = coalesce($3, voucher) WHERE id = $1`, [
    id,
    status,
    voucher,
  ]);

/** A failed payout clears the approvals: finance approves again (a new attempt) or returns it. */
export const failDisbursement = (db: Queryable, id: string, status: DisbursementStatus, reason: string) =>
  db.query(
    `UPDATE disbursements SET status = $2, failure_reason = $3, finance_approved_by = NULL, director_approved_by = NULL WHERE id = $1`,
    [id, status, reason],
  );

/** The provider's reference of the current attempt (its transfer). */
export const setProviderReference = (db: Queryable, id: string, reference: string) =>
  db.query(`UPDATE disbursements SET provider_reference = $2 WHERE id = $1`, [id, reference]);

export const setMilestonePaid = (db: Queryable, milestoneId: string) =>
  db.query(`UPDATE milestones SET status = 'paid' WHERE id = $1`, [milestoneId]);

/** A payout that failed after the milestone counted as paid puts it back to planned. */
export const reopenPaidMilestone = (db: Queryable, milestoneId: string) =>
  changedRows(db, `UPDATE milestones SET status = 'planned' WHERE id = $1 AND status = 'paid' RETURNING id`, [
    milestoneId,
  ]);

/** The milestone an organization requests payment of, with its contract and project. */
export interface MilestoneToPay {
  id: string;
  amount_fen: number;
  contract_id: string;
  organization_id: string;
  street_id: string;
  currency: string;
  project_id: string | null;
  min_deliverables: number;
}

export const milestoneToPay = (db: Queryable, milestoneId: string) =>
  selectOne<MilestoneToPay>(
    db,
    `SELECT m.id, m.amount_fen, c.id AS contract_id, c.organization_id, c.street_id, c.currency, p.id AS project_id,
            m.min_deliverables
       FROM milestones m JOIN contracts c ON c.id = m.contract_id LEFT JOIN projects p ON p.contract_id = c.id WHERE m.id = $1`,
    [milestoneId],
  );

/** The contract parties of a milestone (who reads its deliverables). */
export const milestoneParties = (db: Queryable, milestoneId: string) =>
  selectOne<{ contract_id: string; organization_id: string; street_id: string }>(
    db,
    `SELECT c.id AS contract_id, c.organization_id, c.street_id FROM milestones m JOIN contracts c ON c.id = m.contract_id WHERE m.id = $1`,
    [milestoneId],
  );

export const contractParties = (db: Queryable, contractId: string) =>
  selectOne<{ organization_id: string; street_id: string }>(
    db,
    `SELECT organization_id, street_id FROM contracts WHERE id = $1`,
    [contractId],
  );

/** The communities a contract serves: its tender's, or every community of its street without a tender. */
export const communitiesServedBy = (db: Queryable, contractId: string) =>
  selectRows<{ id: string }>(
    db,
    `SELECT tc.community_id AS id FROM contracts c JOIN tender_communities tc ON tc.tender_id = c.tender_id WHERE c.id = $1
     UNION SELECT r.id FROM contracts c JOIN regions r ON r.parent_id = c.street_id WHERE c.id = $1 AND c.tender_id IS NULL`,
    [contractId],
  );

export interface AcceptanceRating {
  quality: number;
  timeliness: number;
  cooperation: number;
  comment: string;
}

export const acceptanceRatingOf = (db: Queryable, milestoneId: string) =>
  selectOne<AcceptanceRating & { ratedBy: string }>(
    db,
    `SELECT quality, timeliness, cooperation, comment, rated_by AS "ratedBy" FROM acceptance_ratings WHERE milestone_id = $1`,
    [milestoneId],
  );

/** One rating per milestone: accepting it again replaces the earlier one. */
export const saveAcceptanceRating = (
  db: Queryable,
  r: AcceptanceRating & { milestoneId: string; contractId: string; ratedBy: string },
) =>
  db.query(
    `INSERT INTO acceptance_ratings (milestone_id, organization_id, rated_by, quality, timeliness, cooperation, comment)
     SELECT $1, c.organization_id, $3, $4, $5, $6, $7 FROM contracts c WHERE c.id = $2
     ON CONFLICT (milestone_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, rated_by = EXCLUDED.rated_by,
       quality = EXCLUDED.quality, timeliness = EXCLUDED.timeliness, cooperation = EXCLUDED.cooperation,
       comment = EXCLUDED.comment, created_at = now()`,
    [r.milestoneId, r.contractId, r.ratedBy, r.quality, r.timeliness, r.cooperation, r.comment],
  );
