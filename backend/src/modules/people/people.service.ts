import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import { insertOwnMembership } from '../identity/role-memberships.sql.js';
import {
  DecisionDto,
  InviteMemberDto,
  MemberDto,
  type MemberListQueryDto,
  QualificationDto,
  ResidentQueueQueryDto,
  ResidentRequestDto,
  ResidentRequestViewDto,
} from './dto/people.dto.js';
import * as sql from './people.sql.js';

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
      const status = await sql.selectOrganizationStatusForShare(m, orgId);
      if (!status) throw notFound('Organization', orgId);
      if (status === 'deregistered')
        throw new DomainError('state.invalid_transition', 'A deregistered organization cannot invite');
      const memberId = await sql.insertInvitation(m, {
        organizationId: orgId,
        email: dto.email,
        phone: dto.phone ?? null,
        invitedBy: user.id,
      });
      if (!memberId)
        throw new DomainError(
          'state.conflict',
          'This person is already invited to or a member of the organization',
        );
      await this.audit.recordChange(m, user.id, 'member.invited', ['organization_member', memberId], {
        after: { orgId, ...dto },
      });
      return (await sql.selectMember(m, memberId))!;
    });
  }

  async members(user: AuthUser, orgId: string, query: MemberListQueryDto): Promise<Page<MemberDto>> {
    this.access.requireOrganization(user, ['org_admin'], orgId);
    return timeKeyedPage(query, (keyset) =>
      sql.selectMembersOf(this.dataSource, orgId, { ...keyset, q: query.q }),
    );
  }

  /**
   * Invitations addressed to the caller's verified e-mail, plus the organizations they belong to.
   * An unverified address shows none: whoever typed it at registration need not own it.
   */
  async myMemberships(user: AuthUser, query: PageQueryDto): Promise<Page<MemberDto>> {
    return timeKeyedPage(query, (keyset) => sql.selectMembershipsOfUser(this.dataSource, user.id, keyset));
  }

  /** The invitee accepts: the membership becomes active and the social_worker role is granted for the organization. */
  async respond(user: AuthUser, memberId: string, accept: boolean): Promise<MemberDto> {
    return this.dataSource.transaction(async (m) => {
      const row = await sql.lockInvitation(m, memberId, user.id);
      // An invitation addressed to someone else, or to an address the caller has not verified, is
      // reported as absent, not as forbidden.
      if (!row || !row.addressed_to_me) throw notFound('Invitation', memberId);
      if (row.status !== 'invited')
        throw new DomainError('state.invalid_transition', `The invitation was already ${row.status}`);
      if (accept) {
        await sql.joinOrganization(m, memberId, user.id);
        await insertOwnMembership(m, user.id, 'social_worker', { organizationId: row.organization_id });
      } else {
        await sql.declineInvitation(m, memberId, user.id);
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: accept ? 'member.joined' : 'member.declined',
        entityType: 'organization_member',
        entityId: memberId,
        before: { status: 'invited' },
        after: { status: accept ? 'active' : 'declined' },
      });
      return (await sql.selectMember(m, memberId))!;
    });
  }

  /** The worker (or the org admin) records a qualification; it needs the org admin's verification again. */
  async setQualification(
    user: AuthUser,
    orgId: string,
    memberId: string,
    dto: QualificationDto,
    expectedVersion?: number,
  ): Promise<MemberDto> {
    return this.dataSource.transaction(async (m) => {
      const member = await this.lockMember(m, orgId, memberId);
      if (member.user_id !== user.id) this.access.requireOrganization(user, ['org_admin'], orgId);
      requireVersion(expectedVersion, member.version);
      if (member.status !== 'active')
        throw new DomainError('state.invalid_transition', 'Only active members hold qualifications');
      await sql.setQualification(m, memberId, dto.level, dto.certificateNo);
      await this.audit.recordChange(
        m,
        user.id,
        'member.qualification_set',
        ['organization_member', memberId],
        {
          after: { ...dto },
        },
      );
      return (await sql.selectMember(m, memberId))!;
    });
  }

  async verifyQualification(user: AuthUser, orgId: string, memberId: string): Promise<MemberDto> {
    this.access.requireOrganization(user, ['org_admin'], orgId);
    return this.dataSource.transaction(async (m) => {
      const member = await this.lockMember(m, orgId, memberId);
      if (!member.qualification_level)
        throw new DomainError('state.invalid_transition', 'The member has not recorded a qualification');
      await sql.verifyQualification(m, memberId);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'member.qualification_verified',
        entityType: 'organization_member',
        entityId: memberId,
      });
      return (await sql.selectMember(m, memberId))!;
    });
  }

  async remove(user: AuthUser, orgId: string, memberId: string): Promise<void> {
    this.access.requireOrganization(user, ['org_admin'], orgId);
    await this.dataSource.transaction(async (m) => {
      const member = await this.lockMember(m, orgId, memberId);
      if (!['invited', 'active'].includes(member.status))
        throw new DomainError('state.invalid_transition', `The member is already ${member.status}`);
      await sql.removeMember(m, memberId);
      if (member.user_id) await sql.revokeSocialWorkerGrant(m, member.user_id, orgId, user.id);
      await this.audit.recordStatusChange(
        m,
        user.id,
        'member.removed',
        ['organization_member', memberId],
        member.status,
        { status: 'removed' },
      );
    });
  }

  async requestResidency(
    user: AuthUser,
    communityId: string,
    dto: ResidentRequestDto,
  ): Promise<ResidentRequestViewDto> {
    return this.dataSource.transaction(async (m) => {
      const community = await sql.selectCommunity(m, communityId);
      if (!community || community.level !== 'community') throw notFound('Community', communityId);
      if (community.retired)
        throw new DomainError('reference.retired', 'This community is retired: nobody joins it any more');
      if (await sql.isResidentOf(m, user.id, communityId))
        throw new DomainError('state.conflict', 'You are already a verified resident of this community');
      const requestId = await sql.insertResidentRequest(m, user.id, communityId, dto.note ?? '');
      if (!requestId)
        throw new DomainError(
          'state.conflict',
          'Your request for this community is already waiting for the staff',
        );
      await this.audit.recordChange(m, user.id, 'resident.requested', ['resident_request', requestId], {
        after: { communityId },
      });
      return (await sql.selectResidentRequest(m, requestId))!;
    });
  }

  /** The caller's resident requests, newest first, a page at a time. */
  async myResidentRequests(user: AuthUser, query: PageQueryDto): Promise<Page<ResidentRequestViewDto>> {
    return timeKeyedPage(query, (keyset) => sql.selectResidentRequestsOf(this.dataSource, user.id, keyset));
  }

  /** The community staff's queue of resident requests in a status, oldest first, a page at a time. */
  async residentQueue(
    user: AuthUser,
    communityId: string,
    query: ResidentQueueQueryDto,
  ): Promise<Page<ResidentRequestViewDto>> {
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return timeKeyedPage(query, (keyset) =>
      sql.selectResidentQueue(this.dataSource, communityId, query, keyset),
    );
  }

  /** Community staff verify (granting the resident role for the community) or refuse with a reason. */
  async decideResidency(
    user: AuthUser,
    requestId: string,
    dto: DecisionDto,
  ): Promise<ResidentRequestViewDto> {
    return this.dataSource.transaction(async (m) => {
      const row = await sql.lockResidentRequest(m, requestId);
      if (!row) throw notFound('Resident request', requestId);
      await this.access.requireRegion(user, ['community_staff'], row.community_id, m);
      if (row.status !== 'pending')
        throw new DomainError('state.invalid_transition', `The request was already ${row.status}`);
      const status = dto.approve ? 'verified' : 'refused';
      await sql.decideResidentRequest(m, requestId, {
        status,
        decidedBy: user.id,
        reason: dto.reason ?? null,
      });
      if (dto.approve) await insertOwnMembership(m, row.user_id, 'resident', { regionId: row.community_id });
      await this.audit.record(m, {
        actorId: user.id,
        action: `resident.${status}`,
        entityType: 'resident_request',
        entityId: requestId,
        before: { status: 'pending' },
        after: { status, reason: dto.reason ?? null },
      });
      return (await sql.selectResidentRequest(m, requestId))!;
    });
  }

  private async lockMember(m: EntityManager, orgId: string, memberId: string) {
    const member = await sql.lockMember(m, orgId, memberId);
    if (!member) throw notFound('Member', memberId);
    return member;
  }
}
