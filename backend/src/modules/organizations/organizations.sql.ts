import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import { cursorTime } from '../../common/database/keyset.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import type { DocumentDto, OrganizationDto, ReviewItemDto } from './dto/organization.dto.js';
import type { OrganizationStatus } from './organization.entity.js';

/** The fields of a new organization, as registered. */
export interface NewOrganization {
  name: string;
  creditCode: string | null;
  filedOnly: boolean;
  type: string;
  description: string;
  legalRepresentative: string;
  contactPhone: string;
  homeStreetId: string;
}

/** Where a street officer reviews: everywhere (platform admin) or below these region paths. */
export interface OfficerScope {
  everywhere: boolean;
  paths: string[];
}

/** Inserts a pending organization; undefined when its credit code is already registered. */
export async function insertOrganization(db: Queryable, o: NewOrganization): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO organizations (name, credit_code, filed_only, type, description, legal_representative, contact_phone, home_street_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (credit_code) DO NOTHING RETURNING id`,
    [
      o.name,
      o.creditCode,
      o.filedOnly,
      o.type,
      o.description,
      o.legalRepresentative,
      o.contactPhone,
      o.homeStreetId,
    ],
  );
  return row?.id;
}

/** Replaces the service categories and communities an organization names. */
export async function replaceOrganizationLinks(
  db: Queryable,
  organizationId: string,
  categories: string[],
  communities: string[],
): Promise<void> {
  await db.query(`DELETE FROM organization_categories WHERE organization_id = $1`, [organizationId]);
  await db.query(`DELETE FROM organization_communities WHERE organization_id = $1`, [organizationId]);
  await db.query(
    `INSERT INTO organization_categories (organization_id, category_code) SELECT $1, unnest($2::text[])`,
    [organizationId, categories],
  );
  await db.query(
    `INSERT INTO organization_communities (organization_id, community_id) SELECT $1, unnest($2::uuid[])`,
    [organizationId, communities],
  );
}

/** The organization's profile, without its documents, objections and identity changes. */
export const selectOrganizationProfile = (db: Queryable, id: string) =>
  selectOne<Omit<OrganizationDto, 'documents' | 'objections' | 'identityChanges'>>(
    db,
    `SELECT o.id, o.name, o.credit_code AS "creditCode", o.filed_only AS "filedOnly", o.type, o.description,
            o.legal_representative AS "legalRepresentative", o.contact_phone AS "contactPhone",
            o.home_street_id AS "homeStreetId", s.name AS "homeStreetName", o.status, o.grade,
            to_char(o.grade_expires_on, 'YYYY-MM-DD') AS "gradeExpiresOn",
            (o.grade IS NOT NULL AND o.grade_expires_on >= current_date) AS "gradeValid",
            o.credit_status AS "creditStatus", to_char(o.credit_since, 'YYYY-MM-DD') AS "creditSince", o.credit_reason AS "creditReason",
            ARRAY(SELECT category_code FROM organization_categories WHERE organization_id = o.id ORDER BY 1) AS "categoryCodes",
            ARRAY(SELECT community_id FROM organization_communities WHERE organization_id = o.id ORDER BY 1) AS "communityIds",
            o.version, o.created_at AS "createdAt"
       FROM organizations o JOIN regions s ON s.id = o.home_street_id WHERE o.id = $1`,
    [id],
  );

/** A review queue row with its keyset (registration time to the microsecond, id). */
export type ReviewQueueRow = ReviewItemDto & { cursorAt: string };

/**
 * The street officer's queue: organizations in a state (verified ones also with an open objection),
 * whose name or credit code contains `q` when given, by registration (oldest or newest first),
 * `limit` rows after the keyset `after` ([registered at, id]).
 */
export const selectReviewQueue = (
  db: Queryable,
  scope: OfficerScope,
  filter: { status: OrganizationStatus; q?: string; newestFirst: boolean },
  page: { after: unknown[] | null; limit: number },
) =>
  selectRows<ReviewQueueRow>(
    db,
    `SELECT o.id, o.name, o.credit_code AS "creditCode", o.filed_only AS "filedOnly", o.type, o.status, s.name AS "homeStreetName",
            (SELECT count(*)::int FROM organization_documents d WHERE d.organization_id = o.id) AS "documentCount",
            (SELECT count(*)::int FROM credit_objections c WHERE c.organization_id = o.id AND c.status = 'pending') AS "pendingObjections",
            o.created_at AS "createdAt", ${cursorTime('o.created_at')} AS "cursorAt"
       FROM organizations o JOIN regions s ON s.id = o.home_street_id
      WHERE ($1 OR s.path LIKE ANY ($2::text[]))
        AND (o.status = $3 OR ($3 = 'verified' AND EXISTS (SELECT 1 FROM credit_objections c WHERE c.organization_id = o.id AND c.status = 'pending')))
        AND ($7::text IS NULL OR o.name ILIKE $7 OR o.credit_code ILIKE $7)
        AND ($4::timestamptz IS NULL OR ${
          filter.newestFirst
            ? '(o.created_at, o.id) < ($4::timestamptz, $5::uuid)'
            : '(o.created_at, o.id) > ($4::timestamptz, $5::uuid)'
        })
      ORDER BY ${filter.newestFirst ? 'o.created_at DESC, o.id DESC' : 'o.created_at, o.id'}
      LIMIT $6`,
    [
      scope.everywhere,
      scope.paths.map((p) => `${p}%`),
      filter.status,
      page.after?.[0] ?? null,
      page.after?.[1] ?? null,
      page.limit,
      filter.q ? `%${likeEscape(filter.q)}%` : null,
    ],
  );

/** The organization's documents in upload order, or the one named. */
export const selectDocuments = (db: Queryable, organizationId: string, documentId?: string) =>
  selectRows<DocumentDto>(
    db,
    `SELECT id, organization_id AS "organizationId", file_name AS "fileName", content_type AS "contentType", size, sha256, created_at AS "createdAt"
       FROM organization_documents WHERE organization_id = $1 AND ($2::uuid IS NULL OR id = $2) ORDER BY created_at`,
    [organizationId, documentId ?? null],
  );

export async function insertDocument(
  db: Queryable,
  d: {
    id: string;
    organizationId: string;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    storageKey: string;
    uploadedBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO organization_documents (id, organization_id, file_name, content_type, size, sha256, storage_key, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [d.id, d.organizationId, d.fileName, d.contentType, d.size, d.sha256, d.storageKey, d.uploadedBy],
  );
}

/** Where the stored file of an organization's document is. */
export const selectDocumentStorageKey = async (db: Queryable, organizationId: string, documentId: string) =>
  (
    await selectOne<{ storage_key: string }>(
      db,
      `SELECT storage_key FROM organization_documents WHERE id = $1 AND organization_id = $2`,
      [documentId, organizationId],
    )
  )?.storage_key;

/** What the eligibility check reads of an organization. */
export interface EligibilityFacts {
  status: string;
  credit_status: string;
  grade_rank: number;
  categories: string[];
  bar: { until: string; explanation: string } | null;
}

export const selectEligibilityFacts = (db: Queryable, organizationId: string) =>
  selectOne<EligibilityFacts>(
    db,
    `SELECT o.status, o.credit_status,
            CASE WHEN o.grade IS NOT NULL AND o.grade_expires_on >= current_date THEN substr(o.grade, 1, 1)::int ELSE 0 END AS grade_rank,
            ARRAY(SELECT category_code FROM organization_categories WHERE organization_id = o.id) AS categories,
            (SELECT jsonb_build_object('until', to_char(d.effective_until, 'YYYY-MM-DD'), 'explanation', d.explanation)
               FROM incentive_decisions d
              WHERE d.organization_id = o.id AND d.action = 'bar' AND d.outcome = 'applied' AND d.effective_until >= current_date
              ORDER BY d.effective_until DESC LIMIT 1) AS bar
       FROM organizations o WHERE o.id = $1`,
    [organizationId],
  );

/** How many registrations and identity changes wait for review in the scope. */
export const countAwaitingReview = async (db: Queryable, scope: OfficerScope) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT (SELECT count(*) FROM organizations o JOIN regions s ON s.id = o.home_street_id
              WHERE o.status = 'pending' AND ($1 OR s.path LIKE ANY ($2::text[])))::int
          + (SELECT count(*) FROM organization_identity_changes c
               JOIN organizations o ON o.id = c.organization_id JOIN regions s ON s.id = o.home_street_id
              WHERE c.status = 'pending' AND o.status IN ('verified', 'suspended') AND ($1 OR s.path LIKE ANY ($2::text[])))::int AS count`,
    [scope.everywhere, scope.paths.map((p) => `${p}%`)],
  ))!.count;
