import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import {
  DecisionDto,
  InviteMemberDto,
  MemberDto,
  QualificationDto,
  ResidentRequestDto,
  ResidentRequestViewDto,
} from './dto/people.dto.js';

const MEMBER_SELECT = `SELECT m.id, m.organization_id AS "organizationId", o.name AS "organizationName", m.user_id AS "userId",
    u.display_name AS "displayName", m.invited_email AS "invitedEmail", m.invited_phone AS "invitedPhone", m.status,
    m.qualification_level AS "qualificationLevel", m.certificate_no AS "certificateNo",
    m.qualification_verified_at IS NOT NULL AS "qualificationVerified", m.created_at AS "createdAt"
  FROM organization_members m JOIN organizations o ON o.id = m.organization_id LEFT JOIN users u ON u.id = m.user_id`;

const REQUEST_SELECT = `SELECT r.id, r.user_id AS "userId", u.display_name AS "displayName", u.email, r.community_id AS "communityId",
    c.name AS "communityName", r.note, r.status, r.decision_reason AS "decisionReason", r.created_at AS "createdAt"
  FROM resident_requests r JOIN users u ON u.id = r.user_id JOIN regions c ON c.id = r.community_id`;

/**
 * Whether invitation `m` is addressed to user `me`: only by the verified e-mail. Phone numbers
 * are never verified here (no SMS gateway), so they never match.
 */
const ADDRESSED_TO_ME = `(m.invited_email = me.email AND me.email_verified_at IS NOT NULL)`;

/** Social workers joining organizations, and residents joining communities. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async invite(user: AuthUser, orgId: string, dto: InviteMemberDto): Promise<MemberDto> {
    this.access.requireOrganization(user, ['org_admin'], orgId);
    return this.dataSource.transaction(async (m) => {
      const [org]: { status: string }[] = await m.query(
        `SELECT status FROM organizations WHERE id = $1 FOR SHARE`,
        [orgId],
      );
      if (!org) throw notFound('Organization', orgId);
      if (org.status === 'deregistered')
        throw new DomainError('state.invalid_transition', 'A deregistered organization cannot invite');
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO organization_members (organization_id, invited_email, invited_phone, invited_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING id`,
        [orgId, dto.email, dto.phone ?? null, user.id],
      );
      if (!inserted.length)
        throw new DomainError(
          'state.conflict',
          'This person is already invited to or a member of the organization',
        );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'member.invited',
        entityType: 'organization_member',
        entityId: inserted[0].id,
        after: { orgId, ...dto },
      });
      return this.member(m, inserted[0].id);
    });
  }

  async members(user: AuthUser, orgId: string): Promise<MemberDto[]> {
    this.access.requireOrganization(user, ['org_admin'], orgId);
    return this.dataSource.query(
      `${MEMBER_SELECT} WHERE m.organization_id = $1 AND m.status IN ('invited', 'active') ORDER BY m.created_at`,
      [orgId],
    );
  }

  /**
   * Invitations addressed to the caller's verified e-mail, plus the organizations they belong to.
   * An unverified address shows none: whoever typed it at registration need not own it.
   */
  async myMemberships(user: AuthUser): Promise<MemberDto[]> {
    return this.dataSource.query(
      `${MEMBER_SELECT} JOIN users me ON me.id = $1
        WHERE (m.status = 'invited' AND ${ADDRESSED_TO_ME})
           OR (m.status = 'active' AND m.user_id = me.id)
        ORDER BY m.created_at`,
      [user.id],
    );
  }

  /** The invitee accepts: the membership becomes active and the social_worker role is granted for the organization. */
  async respond(user: AuthUser, memberId: string, accept: boolean): Promise<MemberDto> {
    return this.dataSource.transaction(async (m) => {
      const [row]: { organization_id: string; status: string; addressed_to_me: boolean }[] = await m.query(
        `SELECT m.organization_id, m.status, ${ADDRESSED_TO_ME} AS addressed_to_me
           FROM organization_members m JOIN users me ON me.id = $2 WHERE m.id = $1 FOR UPDATE OF m`,
        [memberId, user.id],
      );
      // An invitation addressed to someone else, or to an address the caller has not verified, is
      // reported as absent, not as forbidden.
      if (!row || !row.addressed_to_me) throw notFound('Invitation', memberId);
      if (row.status !== 'invited')
        throw new DomainError('state.invalid_transition', `The invitation was already ${row.status}`);
      if (accept) {
        await m.query(
          `UPDATE organization_members SET status = 'active', user_id = $2, joined_at = now() WHERE id = $1`,
          [memberId, user.id],
        );
        await m.query(
          `INSERT INTO role_memberships (user_id, role, organization_id) VALUES ($1, 'social_worker', $2) ON CONFLICT DO NOTHING`,
          [user.id, row.organization_id],
        );
      } else {
        await m.query(`UPDATE organization_members SET status = 'declined', user_id = $2 WHERE id = $1`, [
          memberId,
          user.id,
        ]);
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: accept ? 'member.joined' : 'member.declined',
        entityType: 'organization_member',
        entityId: memberId,
        before: { status: 'invited' },
        after: { status: accept ? 'active' : 'declined' },
      });
      return this.member(m, memberId);
    });
  }

  /** The worker (or the org admin) records a qualification; it needs the org admin's verification again. */
  async setQualification(
    user: AuthUser,
    orgId: string,
    memberId: string,
    dto: QualificationDto,
  ): Promise<MemberDto> {
    return this.dataSource.transaction(async (m) => {
      const member = await this.lockMember(m, orgId, memberId);
      if (member.user_id !== user.id) this.access.requireOrganization(user, ['org_admin'], orgId);
      if (member.status !== 'active')
        throw new DomainError('state.invalid_transition', 'Only active members hold qualifications');
      await m.query(
        `UPDATE organization_members SET qualification_level = $2, certificate_no = $3, qualification_verified_at = NULL WHERE id = $1`,
        [memberId, dto.level, dto.certificateNo],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'member.qualification_set',
        entityType: 'organization_member',
        entityId: memberId,
        after: { ...dto },
      });
      return this.member(m, memberId);
    });
  }

  async verifyQualification(user: AuthUser, orgId: string, memberId: string): Promise<MemberDto> {
    this.access.requireOrganization(user, ['org_admin'], orgId);
    return this.dataSource.transaction(async (m) => {
      const member = await this.lockMember(m, orgId, memberId);
      if (!member.qualification_level)
        throw new DomainError('state.invalid_transition', 'The member has not recorded a qualification');
      await m.query(`UPDATE organization_members SET qualification_verified_at = now() WHERE id = $1`, [
        memberId,
      ]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'member.qualification_verified',
        entityType: 'organization_member',
        entityId: memberId,
      });
      return this.member(m, memberId);
    });
  }

  async remove(user: AuthUser, orgId: string, memberId: string): Promise<void> {
    this.access.requireOrganization(user, ['org_admin'], orgId);
    await this.dataSource.transaction(async (m) => {
      const member = await this.lockMember(m, orgId, memberId);
      if (!['invited', 'active'].includes(member.status))
        throw new DomainError('state.invalid_transition', `The member is already ${member.status}`);
      await m.query(`UPDATE organization_members SET status = 'removed', left_at = now() WHERE id = $1`, [
        memberId,
      ]);
      if (member.user_id) {
        await m.query(
          `UPDATE role_grants SET revoked_at = greatest(now(), starts_at), revoked_by = $3, revoke_reason = 'removed from the organization'
            WHERE user_id = $1 AND role = 'social_worker' AND organization_id = $2 AND revoked_at IS NULL`,
          [member.user_id, orgId, user.id],
        );
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: 'member.removed',
        entityType: 'organization_member',
        entityId: memberId,
        before: { status: member.status },
        after: { status: 'removed' },
      });
    });
  }

  async requestResidency(
    user: AuthUser,
    communityId: string,
    dto: ResidentRequestDto,
  ): Promise<ResidentRequestViewDto> {
    return this.dataSource.transaction(async (m) => {
      const [community]: { level: string; retired: boolean }[] = await m.query(
        `SELECT level, retired_at IS NOT NULL AS retired FROM regions WHERE id = $1`,
        [communityId],
      );
      if (!community || community.level !== 'community') throw notFound('Community', communityId);
      if (community.retired)
        throw new DomainError('reference.retired', 'This community is retired: nobody joins it any more');
      const already: unknown[] = await m.query(
        `SELECT 1 FROM role_memberships WHERE user_id = $1 AND role = 'resident' AND region_id = $2`,
        [user.id, communityId],
      );
      if (already.length)
        throw new DomainError('state.conflict', 'You are already a verified resident of this community');
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO resident_requests (user_id, community_id, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
        [user.id, communityId, dto.note ?? ''],
      );
      if (!inserted.length)
        throw new DomainError(
          'state.conflict',
          'Your request for this community is already waiting for the staff',
        );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'resident.requested',
        entityType: 'resident_request',
        entityId: inserted[0].id,
        after: { communityId },
      });
      return this.request(m, inserted[0].id);
    });
  }

  myResidentRequests(user: AuthUser): Promise<ResidentRequestViewDto[]> {
    return this.dataSource.query(`${REQUEST_SELECT} WHERE r.user_id = $1 ORDER BY r.created_at DESC`, [
      user.id,
    ]);
  }

  async residentQueue(
    user: AuthUser,
    communityId: string,
    status: string,
  ): Promise<ResidentRequestViewDto[]> {
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return this.dataSource.query(
      `${REQUEST_SELECT} WHERE r.community_id = $1 AND r.status = $2 ORDER BY r.created_at LIMIT 500`,
      [communityId, status],
    );
  }

  /** Community staff verify (granting the resident role for the community) or refuse with a reason. */
  async decideResidency(
    user: AuthUser,
    requestId: string,
    dto: DecisionDto,
  ): Promise<ResidentRequestViewDto> {
    return this.dataSource.transaction(async (m) => {
      const [row]: { user_id: string; community_id: string; status: string }[] = await m.query(
        `SELECT user_id, community_id, status FROM resident_requests WHERE id = $1 FOR UPDATE`,
        [requestId],
      );
      if (!row) throw notFound('Resident request', requestId);
      await this.access.requireRegion(user, ['community_staff'], row.community_id);
      if (row.status !== 'pending')
        throw new DomainError('state.invalid_transition', `The request was already ${row.status}`);
      const status = dto.approve ? 'verified' : 'refused';
      await m.query(
        `UPDATE resident_requests SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1`,
        [requestId, status, user.id, dto.reason ?? null],
      );
      if (dto.approve) {
        await m.query(
          `INSERT INTO role_memberships (user_id, role, region_id) VALUES ($1, 'resident', $2) ON CONFLICT DO NOTHING`,
          [row.user_id, row.community_id],
        );
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: `resident.${status}`,
        entityType: 'resident_request',
        entityId: requestId,
        before: { status: 'pending' },
        after: { status, reason: dto.reason ?? null },
      });
      return this.request(m, requestId);
    });
  }

  private async lockMember(m: EntityManager, orgId: string, memberId: string) {
    const [member]: { user_id: string | null; status: string; qualification_level: string | null }[] =
      await m.query(
        `SELECT user_id, status, qualification_level FROM organization_members WHERE id = $1 AND organization_id = $2 FOR UPDATE`,
        [memberId, orgId],
      );
    if (!member) throw notFound('Member', memberId);
    return member;
  }

  private async member(m: EntityManager, id: string): Promise<MemberDto> {
    const [row] = await m.query(`${MEMBER_SELECT} WHERE m.id = $1`, [id]);
    return row;
  }

  private async request(m: EntityManager, id: string): Promise<ResidentRequestViewDto> {
    const [row] = await m.query(`${REQUEST_SELECT} WHERE r.id = $1`, [id]);
    return row;
  }
}
