import { cursorTime, newestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { IdentityChangeDto, IdentityChangeReviewDto, IdentityDto } from './dto/organization.dto.js';
import type { OfficerScope } from './organizations.sql.js';

const IDENTITY_CHANGE_SELECT = `SELECT c.id, c.organization_id AS "organizationId", c.status,
  json_build_object('name', c.name, 'legalRepresentative', c.legal_representative, 'creditCode', c.credit_code, 'categoryCodes', c.category_codes) AS proposed,
  c.decision_reason AS "decisionReason", c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.decided_at AS "decidedAt"`;

/** The organization's one open (pending) identity change, if any. */
export const selectOpenIdentityChange = (db: Queryable, organizationId: string) =>
  selectOne<IdentityChangeDto>(
    db,
    `${IDENTITY_CHANGE_SELECT} FROM organization_identity_changes c WHERE c.organization_id = $1 AND c.status = 'pending'`,
    [organizationId],
  );

/** The organization's identity changes, newest first, a page at a time (withdrawn ones left out). */
export const selectIdentityChangePage = (db: Queryable, organizationId: string, page: TimeKeyset) =>
  selectRows<IdentityChangeDto & { k: string }>(
    db,
    `${IDENTITY_CHANGE_SELECT}, ${cursorTime('c.created_at')} AS k FROM organization_identity_changes c
      WHERE c.organization_id = $1 AND c.status <> 'withdrawn' AND ${newestFirst('c.created_at', 'c.id', 2)}`,
    [organizationId, ...(page.after ?? [null, null]), page.limit],
  );

/** The organization's latest identity changes (withdrawn ones left out), for its file. */
export const selectIdentityChangesOf = (db: Queryable, organizationId: string) =>
  selectRows<IdentityChangeDto>(
    db,
    `${IDENTITY_CHANGE_SELECT} FROM organization_identity_changes c
      WHERE c.organization_id = $1 AND c.status <> 'withdrawn' ORDER BY c.updated_at DESC LIMIT 10`,
    [organizationId],
  );

export const selectIdentityChange = (db: Queryable, id: string, lock = false) =>
  selectOne<IdentityChangeDto>(
    db,
    `${IDENTITY_CHANGE_SELECT} FROM organization_identity_changes c WHERE c.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );

/** Which organization a change is of (read before locking the organization, then the change). */
export const selectIdentityChangeOrganization = async (db: Queryable, id: string) =>
  (
    await selectOne<{ organization_id: string }>(
      db,
      `SELECT organization_id FROM organization_identity_changes WHERE id = $1`,
      [id],
    )
  )?.organization_id;

/** A page of pending changes of verified or suspended organizations in the officer's streets, oldest edit first (after `page.after`). */
export const selectIdentityChangeQueue = (
  db: Queryable,
  scope: OfficerScope,
  page: { after: [string, string] | null; limit: number },
) =>
  selectRows<IdentityChangeReviewDto & { k: string }>(
    db,
    `${IDENTITY_CHANGE_SELECT}, ${cursorTime('c.updated_at')} AS k, s.name AS "homeStreetName",
            json_build_object('name', o.name, 'legalRepresentative', o.legal_representative, 'creditCode', o.credit_code,
              'categoryCodes', ARRAY(SELECT category_code FROM organization_categories WHERE organization_id = o.id ORDER BY 1)) AS current
       FROM organization_identity_changes c
       JOIN organizations o ON o.id = c.organization_id JOIN regions s ON s.id = o.home_street_id
      WHERE c.status = 'pending' AND o.status IN ('verified', 'suspended') AND ($1 OR s.path LIKE ANY ($2::text[]))
        AND ($3::timestamptz IS NULL OR (c.updated_at, c.id) > ($3::timestamptz, $4::uuid))
      ORDER BY c.updated_at, c.id
      LIMIT $5`,
    [scope.everywhere, scope.paths.map((p) => `${p}%`), ...(page.after ?? [null, null]), page.limit],
  );

export const insertIdentityChange = async (
  db: Queryable,
  organizationId: string,
  proposed: IdentityDto,
  requestedBy: string,
) =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO organization_identity_changes (organization_id, name, legal_representative, credit_code, category_codes, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      organizationId,
      proposed.name,
      proposed.legalRepresentative,
      proposed.creditCode,
      proposed.categoryCodes,
      requestedBy,
    ],
  ))!.id;

/** A new edit replaces the open change's proposal. */
export async function updateIdentityProposal(
  db: Queryable,
  id: string,
  proposed: IdentityDto,
  requestedBy: string,
): Promise<void> {
  await db.query(
    `UPDATE organization_identity_changes SET name = $2, legal_representative = $3, credit_code = $4, category_codes = $5, requested_by = $6, updated_at = now() WHERE id = $1`,
    [
      id,
      proposed.name,
      proposed.legalRepresentative,
      proposed.creditCode,
      proposed.categoryCodes,
      requestedBy,
    ],
  );
}

/** Closes an open change: withdrawn by its organization, approved or rejected by the street office. */
export async function closeIdentityChange(
  db: Queryable,
  id: string,
  close: { status: 'withdrawn' | 'approved' | 'rejected'; decidedBy: string; reason: string | null },
): Promise<void> {
  await db.query(
    `UPDATE organization_identity_changes SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now(), updated_at = now() WHERE id = $1`,
    [id, close.status, close.decidedBy, close.reason],
  );
}
