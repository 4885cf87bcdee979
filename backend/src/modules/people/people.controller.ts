import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import {
  DecisionDto,
  InviteMemberDto,
  MemberDto,
  QualificationDto,
  ResidentQueueQueryDto,
  ResidentRequestDto,
  ResidentRequestViewDto,
} from './dto/people.dto.js';
import { PeopleService } from './people.service.js';

@ApiTags('people')
@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post('organizations/:orgId/members')
  @Auth('org_admin')
  @ApiCreatedResponse({ type: MemberDto })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() dto: InviteMemberDto,
  ): Promise<MemberDto> {
    return this.people.invite(user, orgId, dto);
  }

  @Get('organizations/:orgId/members')
  @Auth('org_admin')
  @ApiOkResponse({ type: [MemberDto] })
  members(@CurrentUser() user: AuthUser, @Param('orgId', ParseUUIDPipe) orgId: string): Promise<MemberDto[]> {
    return this.people.members(user, orgId);
  }

  @Put('organizations/:orgId/members/:memberId/qualification')
  @Auth()
  @ApiOkResponse({ type: MemberDto })
  setQualification(
    @CurrentUser() user: AuthUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Body() dto: QualificationDto,
  ): Promise<MemberDto> {
    return this.people.setQualification(user, orgId, memberId, dto);
  }

  @Post('organizations/:orgId/members/:memberId/qualification/verify')
  @Auth('org_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: MemberDto })
  verifyQualification(
    @CurrentUser() user: AuthUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
  ): Promise<MemberDto> {
    return this.people.verifyQualification(user, orgId, memberId);
  }

  @Delete('organizations/:orgId/members/:memberId')
  @Auth('org_admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentUser() user: AuthUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
  ): Promise<void> {
    return this.people.remove(user, orgId, memberId);
  }

  /** Invitations addressed to me and the organizations I work for. */
  @Get('me/memberships')
  @Auth()
  @ApiOkResponse({ type: [MemberDto] })
  myMemberships(@CurrentUser() user: AuthUser): Promise<MemberDto[]> {
    return this.people.myMemberships(user);
  }

  @Post('invitations/:memberId/accept')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: MemberDto })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('memberId', ParseUUIDPipe) memberId: string,
  ): Promise<MemberDto> {
    return this.people.respond(user, memberId, true);
  }

  @Post('invitations/:memberId/decline')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: MemberDto })
  decline(
    @CurrentUser() user: AuthUser,
    @Param('memberId', ParseUUIDPipe) memberId: string,
  ): Promise<MemberDto> {
    return this.people.respond(user, memberId, false);
  }

  @Post('communities/:communityId/resident-requests')
  @Auth()
  @ApiCreatedResponse({ type: ResidentRequestViewDto })
  requestResidency(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
    @Body() dto: ResidentRequestDto,
  ): Promise<ResidentRequestViewDto> {
    return this.people.requestResidency(user, communityId, dto);
  }

  @Get('me/resident-requests')
  @Auth()
  @ApiOkResponse({ type: [ResidentRequestViewDto] })
  myResidentRequests(@CurrentUser() user: AuthUser): Promise<ResidentRequestViewDto[]> {
    return this.people.myResidentRequests(user);
  }

  @Get('communities/:communityId/resident-requests')
  @Auth('community_staff', 'platform_admin')
  @ApiOkResponse({ type: [ResidentRequestViewDto] })
  residentQueue(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
    @Query() query: ResidentQueueQueryDto,
  ): Promise<ResidentRequestViewDto[]> {
    return this.people.residentQueue(user, communityId, query.status);
  }

  @Post('resident-requests/:requestId/decision')
  @Auth('community_staff', 'platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ResidentRequestViewDto })
  decideResidency(
    @CurrentUser() user: AuthUser,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: DecisionDto,
  ): Promise<ResidentRequestViewDto> {
    return this.people.decideResidency(user, requestId, dto);
  }
}
