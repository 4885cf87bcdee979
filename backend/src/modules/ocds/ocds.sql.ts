import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { ProcurementMethod, TenderStatus } from '../tenders/tender.entity.js';

export interface OcdsTenderRow {
  id: string;
  title: string;
  description: string;
  status: TenderStatus;
  method: ProcurementMethod;
  currency: string;
  budget_fen: number;
  street_id: string;
  street_name: string;
  enquiry_deadline: Date;
  bid_deadline: Date;
  published_at: Date;
  updated_at: Date;
  /** When the winner was chosen (the standstill starts then), or null before. */
  decided_at: Date | null;
  awarded_bid_id: string | null;
  status_reason: string | null;
  category_code: string;
  category_name: string;
}

const TENDER_COLUMNS = `t.id, t.title, t.description, t.status, t.method, t.currency, t.budget_ceiling_fen AS budget_fen,
    t.street_id, s.name AS street_name, t.enquiry_deadline, t.bid_deadline, t.published_at, t.updated_at,
    t.standstill_ends_at - make_interval(days => t.standstill_days) AS decided_at, t.awarded_bid_id, t.status_reason,
    t.category_code, c.name_zh AS category_name`;

const TENDER_FROM = `FROM tenders t JOIN regions s ON s.id = t.street_id JOIN service_categories c ON c.code = t.category_code`;

/** A page of the tenders past their draft (or the one asked for), in publication order, after (published_at, id). */
export const publicTenders = (
  db: Queryable,
  tenderId: string | null,
  page: { after: [string, string] | null; limit: number },
) =>
  selectRows<OcdsTenderRow & { k: string }>(
    db,
    `SELECT ${TENDER_COLUMNS}, to_char(t.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS k
       ${TENDER_FROM}
      WHERE t.status <> 'draft' AND ($1::uuid IS NULL OR t.id = $1)
        AND ($2::timestamptz IS NULL OR (t.published_at, t.id) > ($2::timestamptz, $3::uuid))
      ORDER BY t.published_at, t.id LIMIT $4`,
    [tenderId, ...(page.after ?? [null, null]), page.limit],
  );

export const contractOf = (db: Queryable, tenderId: string) =>
  selectOne<{
    id: string;
    amount_fen: number;
    currency: string;
    starts_on: Date;
    ends_on: Date;
    created_at: Date;
  }>(
    db,
    `SELECT id, amount_fen, currency, starts_on, ends_on, created_at FROM contracts WHERE tender_id = $1`,
    [tenderId],
  );

/** Each milestone of a contract, met once accepted by the community or paid, with the date it was met. */
export const milestonesOf = (db: Queryable, contractId: string) =>
  selectRows<{
    id: string;
    seq: number;
    name: string;
    amount_fen: number;
    due_on: Date;
    met_at: Date | null;
  }>(
    db,
    `SELECT m.id, m.seq, m.name, m.amount_fen, m.due_on,
            coalesce(ar.created_at, (SELECT min(d.updated_at) FROM disbursements d WHERE d.milestone_id = m.id AND d.status = 'paid')) AS met_at
       FROM milestones m LEFT JOIN acceptance_ratings ar ON ar.milestone_id = m.id
      WHERE m.contract_id = $1 ORDER BY m.seq`,
    [contractId],
  );

/** The payments made under a contract, oldest first. */
export const paymentsOf = (db: Queryable, contractId: string) =>
  selectRows<{ id: string; amount_fen: number; currency: string; paid_at: Date; method: string }>(
    db,
    `SELECT d.id, d.amount_fen, d.currency, d.updated_at AS paid_at, d.method
       FROM disbursements d WHERE d.contract_id = $1 AND d.status = 'paid' ORDER BY d.updated_at, d.id`,
    [contractId],
  );

/** The unified social credit codes (统一社会信用代码) of organizations, by id. */
export const creditCodes = (db: Queryable, organizationIds: string[]) =>
  selectRows<{ id: string; credit_code: string | null }>(
    db,
    `SELECT id, credit_code FROM organizations WHERE id = ANY($1::uuid[])`,
    [organizationIds],
  );

export interface StoredRelease {
  id: string;
  stage: string;
  content_hash: string;
  release: Record<string, unknown>;
}

/** The latest stored release of each stage of a contracting process. */
export const latestReleases = (db: Queryable, ocid: string) =>
  selectRows<StoredRelease>(
    db,
    `SELECT DISTINCT ON (stage) id, stage, content_hash, release FROM ocds_releases WHERE ocid = $1 ORDER BY stage, seq DESC`,
    [ocid],
  );

/** Every stored release of a contracting process, in publication order. */
export const releasesOf = (db: Queryable, ocid: string) =>
  selectRows<StoredRelease>(
    db,
    `SELECT id, stage, content_hash, release FROM ocds_releases WHERE ocid = $1 ORDER BY seq`,
    [ocid],
  );

/** Publishes a release: its id is the ocid and its own sequence number, written into the release too. */
export const insertRelease = (
  db: Queryable,
  r: { ocid: string; stage: string; hash: string; date: string; release: object },
) =>
  selectOne<StoredRelease>(
    db,
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('ocds_releases', 'seq')) AS seq)
     INSERT INTO ocds_releases (seq, id, ocid, stage, content_hash, date, release)
     SELECT n.seq, $1 || '-' || n.seq, $1, $2, $3, $4, $5::jsonb || jsonb_build_object('id', $1 || '-' || n.seq) FROM n
     RETURNING id, stage, content_hash, release`,
    [r.ocid, r.stage, r.hash, r.date, JSON.stringify(r.release)],
  );

/** Serializes the publication of one contracting process's releases (until the transaction ends). */
export const lockProcess = (db: Queryable, ocid: string) =>
  selectRows(db, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ocds:${ocid}`]);

/** Serializes the rewrites of the bulk download (until the transaction ends): one writer at a time. */
export const lockBulkFile = (db: Queryable) =>
  selectRows(db, `SELECT pg_advisory_xact_lock(hashtextextended('ocds:bulk', 0))`, []);
