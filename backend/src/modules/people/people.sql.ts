import { changedRows, selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import { cursorTime, newestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import type { MemberDto, ResidentRequestViewDto } from './dto/people.dto.js';

const MEMBER_SELECT = `SELECT m.id, m.organization_id AS "organizationId", o.name AS "organizationName", m.user_id AS "userId",
    u.display_name AS "displayName", m.invited_email AS "invitedEmail", m.invited_phone AS "invitedPhone", m.status,
    m.qualification_level AS "qualificationLevel", m.certificate_no AS "certificateNo",
    m.qualification_verified_at IS NOT NULL AS "qualificationVerified", m.version, m.created_at AS "createdAt"
  FROM organization_members m JOIN organizations o ON o.id = m.organization_id LEFT JOIN users u ON u.id = m.user_id`;

const REQUEST_SELECT = `SELECT r.id, r.user_id AS "userId", u.display_name AS "displayName", u.email, r.community_id AS "communityId",
    c.name AS "communityName", r.note, r.status, r.decision_reason AS "decisionReason", r.created_at AS "createdAt"
  FROM resident_requests r JOIN users u ON u.id = r.user_id JOIN regions c ON c.id = r.community_id`;
/** The requests with their keyset time `k` (created_at to the microsecond). */
const KEYED_REQUEST_SELECT = REQUEST_SELECT.replace(' FROM ', `, ${cursorTime('r.created_at')} AS k FROM `);

import type { TimeKeyset as KeysetPage } from '../../common/database/keyset.js';

/**
 * Whether invitation `m` is addressed to user `me`: only by the verified e-mail. Phone numbers
 * are never verified here (no SMS gateway), so they never match.
 */
const ADDRESSED_TO_ME = `(m.invited_email = me.email AND me.email_verified_at IS NOT NULL)`;

/** A member row locked for a change. */
export interface LockedMember {
  user_id: string | null;
  status: string;
  qualification_level: string | null;
  version: number;
}

/** The organization's status, its row shared-locked against a concurrent status change. */
export const selectOrganizationStatusForShare = async (db: Queryable, organizationId: string) =>
  (
    await selectOne<{ status: string }>(db, `SELECT status FROM organizations WHERE id = $1 FOR SHARE`, [
      organizationId,
    ])
  )?.status;

/** A new invitation; undefined when the address is already invited to or a member of the organization. */
export const insertInvitation = async (
  db: Queryable,
  invitation: { organizationId: string; email: string; phone: string | null; invitedBy: string },
) =>
  (
    await selectOne<{ id: string }>(
      db,
      `INSERT INTO organization_members (organization_id, invited_email, invited_phone, invited_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING id`,
      [invitation.organizationId, invitation.email, invitation.phone, invitation.invitedBy],
    )
  )?.id;

export const selectMember = (db: Queryable, id: string) =>
  selectOne<MemberDto>(db, `${MEMBER_SELECT} WHERE m.id = $1`, [id]);

/** The organization's invited and active members, in invitation order, `limit` after the keyset `after`. */
export const selectMembersOf = (db: Queryable, organizationId: string, page: TimeKeyset & { q?: string }) =>
  selectRows<MemberDto & { k: string }>(
    db,
    `${MEMBER_SELECT.replace(' FROM ', `, ${cursorTime('m.created_at')} AS k FROM `)}
      WHERE m.organization_id = $1 AND m.status IN ('invited', 'active')
        AND ($5::text IS NULL OR u.display_name ILIKE $5 OR m.invited_email ILIKE $5 OR m.invited_phone ILIKE $5)
        AND ($2::timestamptz IS NULL OR (m.created_at, m.id) > ($2::timestamptz, $3::uuid))
      ORDER BY m.created_at, m.id
      LIMIT $4`,
    [
      organizationId,
      page.after?.[0] ?? null,
      page.after?.[1] ?? null,
      page.limit,
      page.q ? `%${likeEscape(page.q)}%` : null,
    ],
  );

/** Invitations addressed to the user's verified e-mail, and the memberships the user holds. */
export const selectMembershipsOfUser = (db: Queryable, userId: string, page: KeysetPage) =>
  selectRows<MemberDto & { k: string }>(
    db,
    `${MEMBER_SELECT.replace(' FROM ', `, ${cursorTime('m.created_at')} AS k FROM `)} JOIN users me ON me.id = $1
      WHERE ((m.status = 'invited' AND ${ADDRESSED_TO_ME}) OR (m.status = 'active' AND m.user_id = me.id))
        AND ($2::timestamptz IS NULL OR (m.created_at, m.id) > ($2::timestamptz, $3::uuid))
      ORDER BY m.created_at, m.id
      LIMIT $4`,
    [userId, ...(page.after ?? [null, null]), page.limit],
  );

/** An invitation locked for the invitee's answer, with whether it is addressed to that user. */
export const lockInvitation = (db: Queryable, memberId: string, userId: string) =>
  selectOne<{ organization_id: string; status: string; addressed_to_me: boolean }>(
    db,
    `SELECT m.organization_id, m.status, ${ADDRESSED_TO_ME} AS addressed_to_me
       FROM organization_members m JOIN users me ON me.id = $2 WHERE m.id = $1 FOR UPDATE OF m`,
    [memberId, userId],
  );

/** The invitee accepts: the membership is active from now. */
export async function joinOrganization(db: Queryable, memberId: string, userId: string) {
  await db.query(
    `UPDATE organization_members SET status = 'active', user_id = $2, joined_at = now(), version = version + 1 WHERE id = $1`,
    [memberId, userId],
  );
}

export async function declineInvitation(db: Queryable, memberId: string, userId: string) {
  await db.query(
    `UPDATE organization_members SET status = 'declined', user_id = $2, version = version + 1 WHERE id = $1`,
    [memberId, userId],
  );
}

export const lockMember = (db: Queryable, organizationId: string, memberId: string) =>
  selectOne<LockedMember>(
    db,
    `SELECT user_id, status, qualification_level, version FROM organization_members WHERE id = $1 AND organization_id = $2 FOR UPDATE`,
    [memberId, organizationId],
  );

/** A qualification recorded anew, unverified until the org admin verifies it. */
export async function setQualification(
  db: Queryable,
  memberId: string,
  level: string,
  certificateNo: string,
) {
  await db.query(
    `UPDATE organization_members SET qualification_level = $2, certificate_no = $3, qualification_verified_at = NULL, version = version + 1
      WHERE id = $1`,
    [memberId, level, certificateNo],
  );
}

export async function verifyQualification(db: Queryable, memberId: string) {
  await db.query(
    `UPDATE organization_members SET qualification_verified_at = now(), version = version + 1 WHERE id = $1`,
    [memberId],
  );
}

export async function removeMember(db: Queryable, memberId: string) {
  await db.query(
    `UPDATE organization_members SET status = 'removed', left_at = now(), version = version + 1 WHERE id = $1`,
    [memberId],
  );
}

/** Revokes the social worker grant of someone removed from the organization. */
export async function revokeSocialWorkerGrant(
  db: Queryable,
  userId: string,
  organizationId: string,
  by: string,
) {
  await changedRows(
    db,
    `UPDATE role_grants SET revoked_at = greatest(now(), starts_at), revoked_by = $3, revoke_reason = 'removed from the organization'
      WHERE user_id = $1 AND role = 'social_worker' AND organization_id = $2 AND revoked_at IS NULL`,
    [userId, organizationId, by],
  );
}

export const selectCommunity = (db: Queryable, id: string) =>
  selectOne<{ level: string; retired: boolean }>(
    db,
    `SELECT level, retired_at IS NOT NULL AS retired FROM regions WHERE id = $1`,
    [id],
  );

export const isResidentOf = async (db: Queryable, userId: string, communityId: string) =>
  (
    await selectRows(
      db,
      `SELECT 1 FROM role_memberships WHERE user_id = $1 AND role = 'resident' AND region_id = $2`,
      [userId, communityId],
    )
  ).length > 0;

/** A new resident request; undefined when one is already pending for the community. */
export const insertResidentRequest = async (
  db: Queryable,
  userId: string,
  communityId: string,
  note: string,
) =>
  (
    await selectOne<{ id: string }>(
      db,
      `INSERT INTO resident_requests (user_id, community_id, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
      [userId, communityId, note],
    )
  )?.id;

export const selectResidentRequest = (db: Queryable, id: string) =>
  selectOne<ResidentRequestViewDto>(db, `${REQUEST_SELECT} WHERE r.id = $1`, [id]);

/** A page of the user's resident requests, newest first. */
export const selectResidentRequestsOf = (db: Queryable, userId: string, page: KeysetPage) =>
  selectRows<ResidentRequestViewDto & { k: string }>(
    db,
    `${KEYED_REQUEST_SELECT} WHERE r.user_id = $1
        AND ${newestFirst('r.created_at', 'r.id', 2)}`,
    [userId, ...(page.after ?? [null, null]), page.limit],
  );

/** A page of a community's resident requests in a status, oldest first, with `q` in the name or e-mail when given. */
export const selectResidentQueue = (
  db: Queryable,
  communityId: string,
  filter: { status: string; q?: string },
  page: KeysetPage,
) =>
  selectRows<ResidentRequestViewDto & { k: string }>(
    db,
    `${KEYED_REQUEST_SELECT} WHERE r.community_id = $1 AND r.status = $2
        AND ($6::text IS NULL OR u.display_name ILIKE $6 OR u.email ILIKE $6)
        AND ($3::timestamptz IS NULL OR (r.created_at, r.id) > ($3::timestamptz, $4::uuid))
      ORDER BY r.created_at, r.id LIMIT $5`,
    [
      communityId,
      filter.status,
      ...(page.after ?? [null, null]),
      page.limit,
      filter.q ? `%${likeEscape(filter.q)}%` : null,
    ],
  );

export const lockResidentRequest = (db: Queryable, id: string) =>
  selectOne<{ user_id: string; community_id: string; status: string }>(
    db,
    `SELECT user_id, community_id, status FROM resident_requests WHERE id = $1 FOR UPDATE`,
    [id],
  );

export async function decideResidentRequest(
  db: Queryable,
  id: string,
  decision: { status: 'verified' | 'refused'; decidedBy: string; reason: string | null },
) {
  await db.query(
    `UPDATE resident_requests SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1`,
    [id, decision.status, decision.decidedBy, decision.reason],
  );
}

/** How many resident requests wait for a decision in these communities. */
export const countPendingResidents = async (db: Queryable, communityIds: string[]) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM resident_requests WHERE community_id = ANY($1::uuid[]) AND status = 'pending'`,
    [communityIds],
  ))!.count;

/** How many invitations to join an organization wait for the user's answer. */
export const countInvitations = async (db: Queryable, userId: string) =>
  (await selectOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM organization_members m JOIN users me ON me.id = $1
      WHERE m.status = 'invited' AND ${ADDRESSED_TO_ME}`,
    [userId],
  ))!.count;
