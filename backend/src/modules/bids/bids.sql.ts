import { cursorTime, newestFirst, oldestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { TenderSummaryDto } from '../tenders/dto/tender.dto.js';
import { TENDER_SUMMARY_COLUMNS } from '../tenders/tenders.sql.js';
import type { BidDto, MyBidDto } from './dto/bid.dto.js';
import type { BidStatus } from './bid.entity.js';

/** A bid's files (id, name, type, size, hash), ordered by hash as the receipt lists them. */
const BID_FILES = `coalesce((SELECT json_agg(json_build_object('id', d.id, 'fileName', d.file_name, 'contentType', d.content_type,
      'size', d.size, 'sha256', d.sha256) ORDER BY d.sha256, d.id)
    FROM document_links l JOIN documents d ON d.id = l.document_id WHERE l.subject_type = 'bid' AND l.subject_id = b.id), '[]')`;

const BID_SELECT = `SELECT b.id, b.tender_id AS "tenderId", b.organization_id AS "organizationId", o.name AS "organizationName", b.status,
    b.price_fen AS "priceFen", b.proposal, b.team, b.offered_kpis AS "offeredKpis", b.receipt_hash AS "receiptHash",
    b.submitted_at AS "submittedAt", b.withdrawn_at AS "withdrawnAt", ${BID_FILES} AS documents
  FROM bids b JOIN organizations o ON o.id = b.organization_id`;

export const bidView = (db: Queryable, id: string) =>
  selectOne<BidDto>(db, `${BID_SELECT} WHERE b.id = $1`, [id]);

/** A tender's bids in submission order, of these organizations and/or in these statuses (null: any). */
export const bidsOfTender = (
  db: Queryable,
  tenderId: string,
  f: { organizationIds?: string[]; statuses?: readonly string[] },
) =>
  selectRows<BidDto>(
    db,
    `${BID_SELECT} WHERE b.tender_id = $1 AND ($2::uuid[] IS NULL OR b.organization_id = ANY($2::uuid[]))
        AND ($3::text[] IS NULL OR b.status = ANY($3::text[])) ORDER BY b.submitted_at`,
    [tenderId, f.organizationIds ?? null, f.statuses ?? null],
  );

export interface Bidder {
  id: string;
  organization_id: string;
  name: string;
  price_fen: number;
  status: BidStatus;
  submitted_at: Date;
}

/** Every bid of the tender that was not withdrawn, with its organization's name, in submission order. */
export const biddersOf = (db: Queryable, tenderId: string) =>
  selectRows<Bidder>(
    db,
    `SELECT b.id, b.organization_id, o.name, b.price_fen, b.status, b.submitted_at
       FROM bids b JOIN organizations o ON o.id = b.organization_id
      WHERE b.tender_id = $1 AND b.status <> 'withdrawn' ORDER BY b.submitted_at`,
    [tenderId],
  );

/** The database's clock now (not the transaction's start): it alone decides lateness. */
export const clockNow = async (db: Queryable): Promise<Date> =>
  (await selectOne<{ now: Date }>(db, `SELECT clock_timestamp() AS now`))!.now;

export const activeMembersAmong = async (db: Queryable, organizationId: string, memberIds: string[]) =>
  (await selectOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM organization_members WHERE id = ANY($1::uuid[]) AND organization_id = $2 AND status = 'active'`,
    [memberIds, organizationId],
  ))!.n;

export interface NewBid {
  tenderId: string;
  organizationId: string;
  priceFen: number;
  proposal: string;
  team: string[];
  offeredKpis: object;
  receiptHash: string;
  submittedBy: string;
  submittedAt: Date;
}

/**
 * Inserts the bid; undefined when the organization already has a live bid on the tender (the
 * partial unique index keeps one, whatever the concurrency).
 */
export const insertBid = async (db: Queryable, b: NewBid): Promise<string | undefined> =>
  (
    await selectOne<{ id: string }>(
      db,
      `INSERT INTO bids (tender_id, organization_id, price_fen, proposal, team, offered_kpis, receipt_hash, submitted_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
      [
        b.tenderId,
        b.organizationId,
        b.priceFen,
        b.proposal,
        b.team,
        b.offeredKpis,
        b.receiptHash,
        b.submittedBy,
        b.submittedAt,
      ],
    )
  )?.id;

export const lockBid = (db: Queryable, id: string) =>
  selectOne<{ organization_id: string; tender_id: string; status: BidStatus }>(
    db,
    `SELECT organization_id, tender_id, status FROM bids WHERE id = $1 FOR UPDATE`,
    [id],
  );

export const markWithdrawn = (db: Queryable, id: string, at: Date) =>
  db.query(`UPDATE bids SET status = 'withdrawn', withdrawn_at = $2 WHERE id = $1`, [id, at]);

/** What a receipt was computed from, as stored now. */
export const receiptSource = (db: Queryable, bidId: string) =>
  selectOne<{
    tender_id: string;
    organization_id: string;
    price_fen: number;
    currency: string;
    proposal: string;
    team: string[];
    offered_kpis: object;
    submitted_at: Date;
    receipt_hash: string;
    files: { fileName: string; sha256: string }[];
  }>(
    db,
    `SELECT b.tender_id, b.organization_id, b.price_fen, t.currency, b.proposal, b.team, b.offered_kpis,
            b.submitted_at, b.receipt_hash, ${BID_FILES} AS files
       FROM bids b JOIN tenders t ON t.id = b.tender_id WHERE b.id = $1`,
    [bidId],
  );

/** The name and hash of documents about to be attached to a bid, ordered by hash as its receipt lists them. */
export const fileHashes = (db: Queryable, documentIds: string[]) =>
  selectRows<{ fileName: string; sha256: string }>(
    db,
    `SELECT file_name AS "fileName", sha256 FROM documents WHERE id = ANY($1::uuid[]) ORDER BY sha256, id`,
    [documentIds],
  );

/** Open for bids now, and not yet bid on (no live bid) by one of these organizations that is verified. */
const BID_DUE = `t.status = 'published' AND t.bid_deadline > now()
        AND EXISTS (SELECT 1 FROM organizations o
                     WHERE o.id = ANY($1::uuid[]) AND o.status = 'verified'
                       AND NOT EXISTS (SELECT 1 FROM bids b
                                        WHERE b.tender_id = t.id AND b.organization_id = o.id AND b.status <> 'withdrawn'))`;

/** The tenders due a bid from one of these organizations, the earliest deadline first, a page of them. */
export const tendersDueABid = (db: Queryable, organizationIds: string[], page: TimeKeyset) =>
  selectRows<TenderSummaryDto & { k: string }>(
    db,
    `SELECT ${TENDER_SUMMARY_COLUMNS}, ${cursorTime('t.bid_deadline')} AS k
       FROM tenders t JOIN regions s ON s.id = t.street_id
      WHERE ${BID_DUE} AND ${oldestFirst('t.bid_deadline', 't.id', 2)}`,
    [organizationIds, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit],
  );

/** These organizations' bids (withdrawn ones included), the latest first, a page of them; `tender` is its id. */
export const bidsOfOrganizations = (db: Queryable, organizationIds: string[], page: TimeKeyset) =>
  selectRows<Omit<MyBidDto, 'tender'> & { tender: string; k: string }>(
    db,
    `SELECT b.id, b.tender_id AS tender, b.organization_id AS "organizationId", o.name AS "organizationName", b.status,
            b.price_fen AS "priceFen", b.submitted_at AS "submittedAt", b.withdrawn_at AS "withdrawnAt",
            ${cursorTime('b.submitted_at')} AS k
       FROM bids b JOIN organizations o ON o.id = b.organization_id
      WHERE b.organization_id = ANY($1::uuid[]) AND ${newestFirst('b.submitted_at', 'b.id', 2)}`,
    [organizationIds, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit],
  );

/** The summaries of these tenders, by id. */
export const tenderSummariesOf = async (db: Queryable, ids: string[]) =>
  new Map(
    (
      await selectRows<TenderSummaryDto>(
        db,
        `SELECT ${TENDER_SUMMARY_COLUMNS} FROM tenders t JOIN regions s ON s.id = t.street_id WHERE t.id = ANY($1::uuid[])`,
        [ids],
      )
    ).map((t) => [t.id, t]),
  );

/** How many published tenders still taking bids one of these verified organizations has no live bid on. */
export const countBidsDue = async (db: Queryable, organizationIds: string[]) =>
  (await selectOne<{ count: number }>(db, `SELECT count(*)::int AS count FROM tenders t WHERE ${BID_DUE}`, [
    organizationIds,
  ]))!.count;
