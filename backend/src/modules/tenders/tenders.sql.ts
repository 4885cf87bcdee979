import { cursorTime, newestFirst, oldestFirst } from '../../common/database/keyset.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import { changedRows, selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type {
  EnquiryDto,
  TenderDto,
  TenderInputDto,
  TenderListSort,
  TenderSummaryDto,
} from './dto/tender.dto.js';
import type { TenderStatus } from './tender.entity.js';

/** The columns a drafting officer writes, in one order shared by the INSERT and the UPDATE. */
const DRAFT_COLUMNS = [
  'title',
  'description',
  'category_code',
  'street_id',
  'budget_ceiling_fen',
  'method',
  'single_source_justification',
  'invited_organization_id',
  'kpis',
  'min_grade',
  'weights',
  'milestone_plan',
  'enquiry_deadline',
  'bid_deadline',
  'standstill_days',
] as const;

const draftValues = (dto: TenderInputDto): unknown[] => [
  dto.title,
  dto.description,
  dto.categoryCode,
  dto.streetId,
  dto.budgetCeilingFen,
  dto.method,
  dto.singleSourceJustification ?? null,
  dto.invitedOrganizationId ?? null,
  dto.kpis,
  dto.minGrade ?? null,
  dto.weights,
  JSON.stringify(dto.milestonePlan),
  dto.enquiryDeadline,
  dto.bidDeadline,
  dto.standstillDays,
];

/**
 * Writes a draft: a new one (`id` null, RETURNING the new id) or the content of an existing one.
 * One column list for both, so a field added to the form is written by both paths.
 */
export async function writeDraft(
  db: Queryable,
  target: { id: string } | { createdBy: string },
  dto: TenderInputDto,
): Promise<string> {
  const values = draftValues(dto);
  if ('id' in target) {
    const set = DRAFT_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ');
    await db.query(`UPDATE tenders SET ${set}, updated_at = now() WHERE id = $1`, [target.id, ...values]);
    return target.id;
  }
  const placeholders = [...DRAFT_COLUMNS, 'created_by'].map((_, i) => `$${i + 1}`).join(', ');
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO tenders (${DRAFT_COLUMNS.join(', ')}, created_by) VALUES (${placeholders}) RETURNING id`,
    [...values, target.createdBy],
  );
  return row!.id;
}

/** Replaces the communities a tender serves and the needs it answers; false when a need id is unknown. */
export async function replaceLinks(
  db: Queryable,
  tenderId: string,
  communityIds: string[],
  needIds: string[],
): Promise<boolean> {
  await db.query(`DELETE FROM tender_communities WHERE tender_id = $1`, [tenderId]);
  await db.query(`INSERT INTO tender_communities (tender_id, community_id) SELECT $1, unnest($2::uuid[])`, [
    tenderId,
    communityIds,
  ]);
  await db.query(`DELETE FROM tender_needs WHERE tender_id = $1`, [tenderId]);
  const known = await selectOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM needs WHERE id = ANY($1::uuid[])`,
    [needIds],
  );
  if (known!.n !== needIds.length) return false;
  await db.query(`INSERT INTO tender_needs (tender_id, need_id) SELECT $1, unnest($2::uuid[])`, [
    tenderId,
    needIds,
  ]);
  return true;
}

export const communityIdsOf = async (db: Queryable, tenderId: string): Promise<string[]> =>
  (
    await selectRows<{ community_id: string }>(
      db,
      `SELECT community_id FROM tender_communities WHERE tender_id = $1`,
      [tenderId],
    )
  ).map((r) => r.community_id);

export const needIdsOf = async (db: Queryable, tenderId: string): Promise<string[]> =>
  (
    await selectRows<{ need_id: string }>(db, `SELECT need_id FROM tender_needs WHERE tender_id = $1`, [
      tenderId,
    ])
  ).map((r) => r.need_id);

export const organizationExists = async (db: Queryable, id: string | null): Promise<boolean> =>
  (await selectOne<{ invited: boolean }>(
    db,
    `SELECT ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM organizations WHERE id = $1)) AS invited`,
    [id],
  ))!.invited;

/** Moves the tender to `status`; a `reason` (null clears it) is shown on the notice, undefined keeps it. */
export const setStatus = (db: Queryable, id: string, status: TenderStatus, reason?: string | null) =>
  reason === undefined
    ? db.query(`UPDATE tenders SET status = $2 WHERE id = $1`, [id, status])
    : db.query(`UPDATE tenders SET status = $2, status_reason = $3 WHERE id = $1`, [id, status, reason]);

/** Published, with the seal its bids' files will be sealed for. */
export const markPublished = (db: Queryable, id: string, status: TenderStatus, sealId: string) =>
  db.query(`UPDATE tenders SET status = $2, published_at = now(), seal_id = $3 WHERE id = $1`, [
    id,
    status,
    sealId,
  ]);

/** The needs a cancelled tender answered go back to the community's accepted list. */
export const releaseNeeds = (db: Queryable, tenderId: string) =>
  db.query(
    `UPDATE needs SET status = 'accepted', tender_id = NULL WHERE tender_id = $1 AND status = 'addressed'`,
    [tenderId],
  );

export const submittedBidsAbove = async (db: Queryable, tenderId: string, ceilingFen: number) =>
  (await selectOne<{ over: number }>(
    db,
    `SELECT count(*)::int AS over FROM bids WHERE tender_id = $1 AND status = 'submitted' AND price_fen > $2`,
    [tenderId, ceilingFen],
  ))!.over;

export interface AmendedTerms {
  description: string | null;
  budgetCeilingFen: number | null;
  enquiryDeadline: Date;
  bidDeadline: Date;
}

/** Applies an amendment's terms (null keeps the current description or ceiling). */
export const amendTerms = (db: Queryable, id: string, t: AmendedTerms) =>
  db.query(
    `UPDATE tenders SET description = COALESCE($2, description), budget_ceiling_fen = COALESCE($3, budget_ceiling_fen),
            enquiry_deadline = $4, bid_deadline = $5, updated_at = now() WHERE id = $1`,
    [id, t.description, t.budgetCeilingFen, t.enquiryDeadline, t.bidDeadline],
  );

export const insertAmendment = async (
  db: Queryable,
  a: { tenderId: string; summary: string; changes: object; extendedTo: Date | null; createdBy: string },
): Promise<string> =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO tender_amendments (tender_id, summary, changes, deadline_extended_to, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [a.tenderId, a.summary, a.changes, a.extendedTo, a.createdBy],
  ))!.id;

/** Opens the submitted bids at the deadline; returns their ids. */
export const openSubmittedBids = async (db: Queryable, tenderId: string): Promise<string[]> =>
  (
    await changedRows<{ id: string }>(
      db,
      `UPDATE bids SET status = 'opened' WHERE tender_id = $1 AND status = 'submitted' RETURNING id`,
      [tenderId],
    )
  ).map((r) => r.id);

export const publishedDeadlines = (db: Queryable) =>
  selectRows<{ id: string; bid_deadline: Date }>(
    db,
    `SELECT id, bid_deadline FROM tenders WHERE status = 'published'`,
  );

/** Live bids: everything but the withdrawn ones (the only thing anyone learns of sealed bids). */
const BID_COUNT = `(SELECT count(*)::int FROM bids b WHERE b.tender_id = t.id AND b.status <> 'withdrawn') AS "bidCount"`;

export type TenderRow = Omit<TenderDto, 'amendments' | 'documents'>;

export const tenderRow = (db: Queryable, id: string) =>
  selectOne<TenderRow>(
    db,
    `SELECT t.id, t.title, t.description, t.category_code AS "categoryCode", t.street_id AS "streetId", s.name AS "streetName",
            ARRAY(SELECT community_id FROM tender_communities WHERE tender_id = t.id ORDER BY 1) AS "communityIds",
            t.budget_ceiling_fen AS "budgetCeilingFen", t.currency, t.method,
            t.single_source_justification AS "singleSourceJustification", t.invited_organization_id AS "invitedOrganizationId",
            t.kpis, t.min_grade AS "minGrade", t.weights, t.milestone_plan AS "milestonePlan",
            t.enquiry_deadline AS "enquiryDeadline", t.bid_deadline AS "bidDeadline", t.standstill_days AS "standstillDays",
            t.status, t.status_reason AS "statusReason",
            ARRAY(SELECT need_id FROM tender_needs WHERE tender_id = t.id ORDER BY 1) AS "needIds",
            t.published_at AS "publishedAt", ${BID_COUNT}, t.version
       FROM tenders t JOIN regions s ON s.id = t.street_id WHERE t.id = $1`,
    [id],
  );

export const amendmentsOf = (db: Queryable, tenderId: string) =>
  selectRows<TenderDto['amendments'][number]>(
    db,
    `SELECT id, summary, deadline_extended_to AS "deadlineExtendedTo", created_at AS "createdAt"
       FROM tender_amendments WHERE tender_id = $1 ORDER BY created_at`,
    [tenderId],
  );

export interface TenderFilter {
  /** Statuses everyone sees. */
  publicStatuses: string[];
  /** Region path patterns (`path%`) whose tenders, drafts included, the caller sees. */
  officerPaths: string[];
  status: string | null;
  streetId: string | null;
  /** A category code: the category and its descendants. */
  category: string | null;
  /** Part of the title. */
  q: string | null;
  /** Newest notices first, or the earliest bid deadline first. */
  sort: TenderListSort;
}

/** A tender's summary (TenderSummaryDto) from `tenders t JOIN regions s ON s.id = t.street_id`. */
export const TENDER_SUMMARY_COLUMNS = `t.id, t.title, t.category_code AS "categoryCode", s.name AS "streetName",
            t.budget_ceiling_fen AS "budgetCeilingFen", t.method, t.status, t.bid_deadline AS "bidDeadline", ${BID_COUNT}`;

/** A summary with the sort key of the list (its creation time or bid deadline, to the microsecond, as ISO text). */
export type TenderSummaryRow = TenderSummaryDto & { k: string };

/**
 * In the filter's order, `limit` of them (the caller asks one more to learn whether there is a next
 * page), after the row whose (k, id) is `after` when given.
 */
export const tenderSummaries = (
  db: Queryable,
  f: TenderFilter,
  page: { after: [string, string] | null; limit: number },
) =>
  selectRows<TenderSummaryRow>(
    db,
    `SELECT ${TENDER_SUMMARY_COLUMNS},
            ${cursorTime(f.sort === 'deadline' ? 't.bid_deadline' : 't.created_at')} AS k
       FROM tenders t JOIN regions s ON s.id = t.street_id
      WHERE (t.status = ANY($1::text[]) OR s.path LIKE ANY($2::text[]))
        AND ($3::text IS NULL OR t.status = $3) AND ($4::uuid IS NULL OR t.street_id = $4)
        AND ($5::text IS NULL OR t.category_code = $5 OR t.category_code LIKE $5 || '.%')
        AND ($9::text IS NULL OR t.title ILIKE $9)
        AND ${f.sort === 'deadline' ? oldestFirst('t.bid_deadline', 't.id', 6) : newestFirst('t.created_at', 't.id', 6)}`,
    [
      f.publicStatuses,
      f.officerPaths,
      f.status,
      f.streetId,
      f.category,
      page.after?.[0] ?? null,
      page.after?.[1] ?? null,
      page.limit,
      f.q ? `%${likeEscape(f.q)}%` : null,
    ],
  );

const ENQUIRY_COLUMNS = `id, tender_id AS "tenderId", question, answer, answered_at AS "answeredAt", created_at AS "createdAt"`;

export const insertEnquiry = async (
  db: Queryable,
  tenderId: string,
  organizationId: string,
  question: string,
) =>
  (await selectOne<EnquiryDto>(
    db,
    `INSERT INTO tender_enquiries (tender_id, asked_by_organization_id, question) VALUES ($1, $2, $3)
     RETURNING ${ENQUIRY_COLUMNS}`,
    [tenderId, organizationId, question],
  ))!;

/** Answers (or re-answers) an enquiry of the tender; undefined when the tender has no such enquiry. */
export const answerEnquiry = async (db: Queryable, tenderId: string, enquiryId: string, answer: string) =>
  (
    await changedRows<EnquiryDto>(
      db,
      `UPDATE tender_enquiries SET answer = $3, answered_at = now() WHERE id = $1 AND tender_id = $2
       RETURNING ${ENQUIRY_COLUMNS}`,
      [enquiryId, tenderId, answer],
    )
  )[0] as EnquiryDto | undefined;

/** The answered enquiries, and the unanswered too when `all`; never who asked. */
export const enquiriesOf = (db: Queryable, tenderId: string, all: boolean) =>
  selectRows<EnquiryDto>(
    db,
    `SELECT ${ENQUIRY_COLUMNS} FROM tender_enquiries WHERE tender_id = $1 AND ($2 OR answer IS NOT NULL) ORDER BY created_at`,
    [tenderId, all],
  );
