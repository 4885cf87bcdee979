import { cursorTime, newestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import type {
  PublicHoursMonthDto,
  PublicMilestoneDto,
  PublicNeedDto,
  PublicPaymentDto,
  PublicProjectSummaryDto,
  PublicReplyDto,
  PublicTenderDto,
} from './public-projects.dto.js';

/*
 * Everything here is read for anyone, signed in or not: only public facts of a project (what was
 * bought, from whom, for how much, what was delivered and paid), never a resident's name, contact,
 * address or who wrote a rating. Every column below is chosen one by one for that reason.
 */

/** The communities a project serves: those of its tender, or those its approved records were delivered in. */
const COMMUNITY_IDS = `(SELECT tc.community_id FROM tender_communities tc WHERE tc.tender_id = c.tender_id
        UNION SELECT r.community_id FROM service_records r WHERE r.project_id = p.id AND r.status = 'approved')`;

const SUMMARY_COLUMNS = `p.id, p.title, p.status, p.organization_id AS "organizationId", o.name AS "organizationName",
    c.street_id AS "streetId", s.name AS "streetName", c.amount_fen AS "amountFen", c.currency,
    to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn",
    (SELECT round(coalesce(sum(extract(epoch FROM r.ended_at - r.started_at)) / 3600, 0)::numeric, 2)::float8
       FROM service_records r WHERE r.project_id = p.id AND r.status = 'approved') AS "approvedHours",
    (SELECT coalesce(sum(d.amount_fen), 0)::bigint FROM disbursements d
      WHERE d.status = 'paid' AND (d.contract_id = c.id OR d.project_id = p.id)) AS "paidFen"`;

const SUMMARY_FROM = `FROM projects p JOIN contracts c ON c.id = p.contract_id
    JOIN organizations o ON o.id = p.organization_id JOIN regions s ON s.id = c.street_id`;

export interface PublicProjectFilter {
  communityId: string | null;
  streetId: string | null;
  /** A LIKE pattern, already escaped. */
  q: string | null;
}

/** A page of projects, newest first, after the position (created `k`, id) when given. */
export const projectSummaries = (
  db: Queryable,
  filter: PublicProjectFilter,
  page: { after: [string, string] | null; limit: number },
) =>
  selectRows<PublicProjectSummaryDto & { k: string }>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, ${cursorTime('p.created_at')} AS k
       ${SUMMARY_FROM}
      WHERE ($1::uuid IS NULL OR c.street_id = $1)
        AND ($2::uuid IS NULL OR $2 IN ${COMMUNITY_IDS})
        AND ($3::text IS NULL OR (p.title || ' ' || o.name) ILIKE $3)
        AND ${newestFirst('p.created_at', 'p.id', 4)}`,
    [filter.streetId, filter.communityId, filter.q, ...(page.after ?? [null, null]), page.limit],
  );

export interface PublicProjectRow extends PublicProjectSummaryDto {
  contractId: string;
  tenderId: string | null;
  signedAt: Date;
  communities: { id: string; name: string }[];
}

export const projectById = (db: Queryable, id: string) =>
  selectOne<PublicProjectRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, c.id AS "contractId", c.tender_id AS "tenderId", c.created_at AS "signedAt",
            coalesce((SELECT json_agg(json_build_object('id', cr.id, 'name', cr.name) ORDER BY cr.name)
                        FROM regions cr WHERE cr.id IN ${COMMUNITY_IDS}), '[]') AS communities
       ${SUMMARY_FROM} WHERE p.id = $1`,
    [id],
  );

/** The needs of residents the project's tender answers (their text and counts; never who posted them). */
export const needsOf = (db: Queryable, tenderId: string) =>
  selectRows<PublicNeedDto>(
    db,
    `SELECT n.id, n.title, n.category_code AS "categoryCode", cr.name AS "communityName", n.upvotes, n.status,
            n.created_at AS "postedAt"
       FROM tender_needs tn JOIN needs n ON n.id = tn.need_id JOIN regions cr ON cr.id = n.community_id
      WHERE tn.tender_id = $1 ORDER BY n.created_at`,
    [tenderId],
  );

/** The tender and its result: the winning bid's organization and price, how many bid (once the deadline passed). */
export const tenderOf = (db: Queryable, tenderId: string) =>
  selectOne<PublicTenderDto>(
    db,
    `SELECT t.id, t.title, t.method, t.status, t.budget_ceiling_fen AS "budgetFen", t.published_at AS "publishedAt",
            t.bid_deadline AS "bidDeadline",
            CASE WHEN t.status IN ('draft', 'published') THEN NULL
                 ELSE (SELECT count(*)::int FROM bids b WHERE b.tender_id = t.id AND b.status <> 'withdrawn') END AS "numberOfBids",
            CASE WHEN w.id IS NOT NULL THEN json_build_object('organizationId', w.organization_id, 'name', wo.name, 'priceFen', w.price_fen) END AS winner
       FROM tenders t LEFT JOIN bids w ON w.id = t.awarded_bid_id LEFT JOIN organizations wo ON wo.id = w.organization_id
      WHERE t.id = $1 AND t.status <> 'draft'`,
    [tenderId],
  );

/** Each milestone of the contract: what it pays, when it is due, where it stands and what was paid for it. */
export const milestonesOf = (db: Queryable, contractId: string) =>
  selectRows<PublicMilestoneDto>(
    db,
    `SELECT m.id, m.seq, m.name, to_char(m.due_on, 'YYYY-MM-DD') AS "dueOn", m.amount_fen AS "amountFen", m.status,
            (SELECT coalesce(sum(d.amount_fen), 0)::bigint FROM disbursements d WHERE d.milestone_id = m.id AND d.status = 'paid') AS "paidFen",
            (SELECT max(d.updated_at) FROM disbursements d WHERE d.milestone_id = m.id AND d.status = 'paid') AS "paidAt"
       FROM milestones m WHERE m.contract_id = $1 ORDER BY m.seq`,
    [contractId],
  );

/** What the ledger committed to the contract (the positive postings on its commitment account). */
export async function committedFen(db: Queryable, contractId: string): Promise<number> {
  const row = await selectOne<{ fen: number }>(
    db,
    `SELECT coalesce(sum(po.amount_fen) FILTER (WHERE po.amount_fen > 0), 0)::bigint AS fen
       FROM ledger_accounts a JOIN postings po ON po.account_id = a.id
      WHERE a.kind = 'commitment' AND a.contract_id = $1`,
    [contractId],
  );
  return row?.fen ?? 0;
}

/** Every payment made to the project: milestones of its contract, fund grants and bonuses, oldest first. */
export const paymentsOf = (db: Queryable, contractId: string, projectId: string) =>
  selectRows<PublicPaymentDto>(
    db,
    `SELECT d.id, d.kind, d.amount_fen AS "amountFen", d.currency, d.updated_at AS "paidAt", m.seq AS "milestoneSeq"
       FROM disbursements d LEFT JOIN milestones m ON m.id = d.milestone_id
      WHERE d.status = 'paid' AND (d.contract_id = $1 OR d.project_id = $2)
      ORDER BY d.updated_at, d.id`,
    [contractId, projectId],
  );

/** Approved hours by month (Asia/Shanghai) of the start of each record. */
export const hoursByMonth = (db: Queryable, projectId: string) =>
  selectRows<PublicHoursMonthDto>(
    db,
    `SELECT to_char(r.started_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
            round((sum(extract(epoch FROM r.ended_at - r.started_at)) / 3600)::numeric, 2)::float8 AS hours,
            count(*)::int AS records
       FROM service_records r WHERE r.project_id = $1 AND r.status = 'approved'
      GROUP BY 1 ORDER BY 1`,
    [projectId],
  );

/** Residents who confirmed a service (distinct) and the anonymous people counted on approved records. */
export async function beneficiaryCounts(db: Queryable, projectId: string) {
  const row = await selectOne<{ confirmed: number; anonymous: number }>(
    db,
    `SELECT (SELECT count(DISTINCT rb.resident_user_id)::int FROM record_beneficiaries rb JOIN service_records r ON r.id = rb.record_id
              WHERE r.project_id = $1 AND r.status = 'approved' AND rb.response = 'confirmed') AS confirmed,
            (SELECT coalesce(sum(r.anonymous_count), 0)::int FROM service_records r WHERE r.project_id = $1 AND r.status = 'approved') AS anonymous`,
    [projectId],
  );
  return row ?? { confirmed: 0, anonymous: 0 };
}

/** Residents' ratings of the project's records: each one's mean of its three scores, as whole stars. */
export const ratingStars = (db: Queryable, projectId: string) =>
  selectRows<{ stars: number; n: number; total: number }>(
    db,
    `SELECT round((ra.attitude + ra.professionalism + ra.effect) / 3.0)::int AS stars, count(*)::int AS n,
            sum((ra.attitude + ra.professionalism + ra.effect) / 3.0)::float8 AS total
       FROM ratings ra JOIN service_records r ON r.id = ra.record_id
      WHERE r.project_id = $1 GROUP BY 1 ORDER BY 1`,
    [projectId],
  );

/**
 * A page of the organization's replies to ratings, with the visible comment they answer (never its
 * author), newest first.
 */
export const repliesOf = (db: Queryable, projectId: string, page: TimeKeyset) =>
  selectRows<PublicReplyDto & { k: string }>(
    db,
    `SELECT ra.id, CASE WHEN ra.moderation = 'visible' THEN ra.comment END AS comment, ra.org_reply AS reply,
            round((ra.attitude + ra.professionalism + ra.effect) / 3.0, 2)::float8 AS score, ra.created_at AS "ratedAt",
            ${cursorTime('ra.created_at')} AS k
       FROM ratings ra JOIN service_records r ON r.id = ra.record_id
      WHERE r.project_id = $1 AND ra.org_reply IS NOT NULL AND ra.moderation <> 'hidden'
        AND ${newestFirst('ra.created_at', 'ra.id', 2)}`,
    [projectId, ...(page.after ?? [null, null]), page.limit],
  );
