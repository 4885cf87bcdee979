import { Body, Controller, Delete, Get, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import { PageQueryDto, type Page } from '../../common/pagination/page.js';
import {
  DecisionDto,
  InviteMemberDto,
  MemberDto,
  MemberListQueryDto,
  MemberPageDto,
  QualificationDto,
  ResidentQueueQueryDto,
  ResidentRequestDto,
  ResidentRequestViewDto,
  ResidentRequestViewPageDto,
} from './dto/people.dto.js';
import { PeopleService } from './people.service.js';
import { UuidParam } from '../../common/http/params.js';

@ApiTags('people')
@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post('organizations/:orgId/members')
  @Operation({
    summary: 'Invite a member',
    description:
      'The org admin invites a social worker by e-mail; only the account that verified that address can accept. One live invitation or membership per address.',
    auth: ['org_admin'],
    created: { type: MemberDto, location: '/api/organizations/{organizationId}/members' },
    scoped: true,
    errors: ['state.invalid_transition', 'state.conflict'],
  })
  invite(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @Body() dto: InviteMemberDto,
  ): Promise<MemberDto> {
    return this.people.invite(user, orgId, dto);
  }

  @Get('organizations/:orgId/members')
  @Operation({
    summary: 'Page through the members',
    description:
      "The organization's invited and active members, in invitation order, those whose name, invited e-mail or phone contains `q` when given, for its admins.",
    auth: ['org_admin'],
    ok: MemberPageDto,
    errors: ['auth.out_of_scope'],
  })
  members(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @Query() query: MemberListQueryDto,
  ): Promise<Page<MemberDto>> {
    return this.people.members(user, orgId, query);
  }

  @Put('organizations/:orgId/members/:memberId/qualification')
  @Operation({
    summary: 'Record a qualification',
    description:
      "The member (or the org admin) records a social work qualification and its certificate number; it needs the org admin's verification again. Send `If-Match` with the ETag read: a change by someone else since answers 412.",
    auth: 'any',
    ok: MemberDto,
    etag: true,
    ifMatch: true,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  setQualification(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @UuidParam('memberId') memberId: string,
    @Body() dto: QualificationDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<MemberDto> {
    return this.people.setQualification(user, orgId, memberId, dto, expectedVersion);
  }

  @Post('organizations/:orgId/members/:memberId/qualification/verify')
  @Operation({
    summary: 'Verify a qualification',
    description: "The org admin confirms the member's recorded qualification.",
    auth: ['org_admin'],
    ok: MemberDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  verifyQualification(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @UuidParam('memberId') memberId: string,
  ): Promise<MemberDto> {
    return this.people.verifyQualification(user, orgId, memberId);
  }

  @Delete('organizations/:orgId/members/:memberId')
  @Operation({
    summary: 'Remove a member',
    description:
      'The org admin withdraws an invitation or removes a member; a member loses the social worker role of the organization at once. The membership stays in the history.',
    auth: ['org_admin'],
    noContent: true,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  remove(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @UuidParam('memberId') memberId: string,
  ): Promise<void> {
    return this.people.remove(user, orgId, memberId);
  }

  /** Invitations addressed to me and the organizations I work for. */
  @Get('me/memberships')
  @Operation({
    summary: 'List my invitations and memberships',
    description:
      "Invitations addressed to the caller's verified e-mail, and the organizations the caller works for. Oldest first, a page at a time; an unverified address shows none.",
    auth: 'any',
    ok: MemberPageDto,
  })
  myMemberships(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<MemberDto>> {
    return this.people.myMemberships(user, query);
  }

  @Post('invitations/:memberId/accept')
  @Operation({
    summary: 'Accept an invitation',
    description:
      'The invitee (by verified e-mail) joins the organization and takes the social worker role for it. An invitation addressed to someone else is not found.',
    auth: 'any',
    ok: MemberDto,
    errors: ['resource.not_found', 'state.invalid_transition'],
  })
  accept(@CurrentUser() user: AuthUser, @UuidParam('memberId') memberId: string): Promise<MemberDto> {
    return this.people.respond(user, memberId, true);
  }

  @Post('invitations/:memberId/decline')
  @Operation({
    summary: 'Decline an invitation',
    description:
      'The invitee (by verified e-mail) declines; an invitation addressed to someone else is not found.',
    auth: 'any',
    ok: MemberDto,
    errors: ['resource.not_found', 'state.invalid_transition'],
  })
  decline(@CurrentUser() user: AuthUser, @UuidParam('memberId') memberId: string): Promise<MemberDto> {
    return this.people.respond(user, memberId, false);
  }

  @Post('communities/:communityId/resident-requests')
  @Operation({
    summary: 'Ask to be a resident of a community',
    description:
      "A signed-in user asks the community's staff to verify them as a resident of a live community; one pending request per community.",
    auth: 'any',
    created: { type: ResidentRequestViewDto, location: '/api/me/resident-requests' },
    errors: ['resource.not_found', 'reference.retired', 'state.conflict'],
  })
  requestResidency(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Body() dto: ResidentRequestDto,
  ): Promise<ResidentRequestViewDto> {
    return this.people.requestResidency(user, communityId, dto);
  }

  @Get('me/resident-requests')
  @Operation({
    summary: 'List my resident requests',
    description:
      "The caller's requests to be verified as a resident, newest first, a page at a time, with their decisions.",
    auth: 'any',
    ok: ResidentRequestViewPageDto,
  })
  myResidentRequests(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<Page<ResidentRequestViewDto>> {
    return this.people.myResidentRequests(user, query);
  }

  @Get('communities/:communityId/resident-requests')
  @Operation({
    summary: "List a community's resident requests",
    description:
      "The community staff's queue of resident requests in a status, oldest first, those whose name or e-mail contains `q` when given, a page at a time.",
    auth: ['community_staff', 'platform_admin'],
    ok: ResidentRequestViewPageDto,
    scoped: true,
  })
  residentQueue(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: ResidentQueueQueryDto,
  ): Promise<Page<ResidentRequestViewDto>> {
    return this.people.residentQueue(user, communityId, query);
  }

  @Post('resident-requests/:requestId/decision')
  @Operation({
    summary: 'Verify or refuse a resident',
    description:
      'Community staff verify a pending request (the user becomes a resident of the community) or refuse it with a reason.',
    auth: ['community_staff', 'platform_admin'],
    ok: ResidentRequestViewDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  decideResidency(
    @CurrentUser() user: AuthUser,
    @UuidParam('requestId') requestId: string,
    @Body() dto: DecisionDto,
  ): Promise<ResidentRequestViewDto> {
    return this.people.decideResidency(user, requestId, dto);
  }
}
