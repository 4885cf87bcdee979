import { Body, Controller, Delete, Get, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import { UuidParam } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/page.js';
import {
  ActivitiesQueryDto,
  ActivityDto,
  ActivityPageDto,
  type OrganizedActivityDto,
  OrganizedActivityPageDto,
  CertificateCheckDto,
  CertificateDto,
  CertificatePageDto,
  CertificatesQueryDto,
  CertificateVerifyQueryDto,
  HoursDto,
  HoursPageDto,
  HoursQueryDto,
  ObjectionDto,
  ParticipantDto,
  PostActivityDto,
  PublishedHoursDto,
  PublishedHoursPageDto,
  RecordHoursDto,
  ResolutionDto,
  SignupDto,
  VolunteerDto,
  VolunteerProfileInputDto,
} from './dto/volunteers.dto.js';
import { VolunteerCertificatesService } from './volunteer-certificates.service.js';
import { VolunteerHoursService } from './volunteer-hours.service.js';
import { VolunteersService } from './volunteers.service.js';

const COMMUNITY_ROLES = ['resident', 'community_staff', 'street_officer', 'platform_admin'] as const;

@ApiTags('volunteers')
@Controller()
export class VolunteersController {
  constructor(
    private readonly volunteers: VolunteersService,
    private readonly hours: VolunteerHoursService,
    private readonly certificates: VolunteerCertificatesService,
  ) {}

  @Get('volunteers/me')
  @Operation({
    summary: 'Read my volunteer profile',
    description:
      'My skills, availability, whether my name may be published, and my certified and pending minutes.',
    auth: ['resident'],
    ok: VolunteerDto,
    etag: true,
    errors: ['resource.not_found'],
  })
  me(@CurrentUser() user: AuthUser): Promise<VolunteerDto> {
    return this.volunteers.me(user);
  }

  @Put('volunteers/me')
  @Operation({
    summary: 'Register as a volunteer or edit my profile',
    description:
      'A resident registers as a volunteer of their community (skills, availability, consent to publish their name), or edits the profile. Send `If-Match` with the version read when editing.',
    auth: ['resident'],
    ok: VolunteerDto,
    etag: true,
    ifMatch: true,
    scoped: true,
    errors: ['reference.retired', 'state.conflict'],
  })
  async saveProfile(
    @CurrentUser() user: AuthUser,
    @Body() dto: VolunteerProfileInputDto,
    @IfMatch() expected: number | undefined,
  ): Promise<VolunteerDto> {
    return (await this.volunteers.saveProfile(user, dto, expected)).volunteer;
  }

  @Post('volunteer-activities')
  @Operation({
    summary: 'Post a volunteer activity',
    description:
      "Community staff post an activity in their community; an organization's admin posts one in a project of the organization. The poster organizes it and records its hours.",
    auth: ['community_staff', 'org_admin'],
    created: { type: ActivityDto, location: '/api/volunteer-activities/{id}' },
    scoped: true,
    errors: ['reference.retired'],
  })
  postActivity(@CurrentUser() user: AuthUser, @Body() dto: PostActivityDto): Promise<ActivityDto> {
    return this.volunteers.postActivity(user, dto);
  }

  @Get('volunteer-activities/organized')
  @Operation({
    summary: 'Page through the volunteer activities I organize',
    description:
      "The activities the caller posted, and for an organization's admin every activity in the organization's projects; latest start first, ended ones included (their hours are recorded afterwards), each with its volunteers and their hours; optionally only those matching the search words.",
    auth: ['community_staff', 'org_admin'],
    ok: OrganizedActivityPageDto,
  })
  organized(
    @CurrentUser() user: AuthUser,
    @Query() query: ActivitiesQueryDto,
  ): Promise<Page<OrganizedActivityDto>> {
    return this.volunteers.organized(user, query);
  }

  @Get('volunteer-activities/:id')
  @Operation({
    summary: 'Read a volunteer activity',
    description: 'One activity, for its organizer and those who see its community.',
    auth: [...COMMUNITY_ROLES, 'org_admin'],
    ok: ActivityDto,
    scoped: true,
  })
  activity(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ActivityDto> {
    return this.volunteers.getActivity(user, id);
  }

  @Get('communities/:communityId/volunteer-activities')
  @Operation({
    summary: "Page through a community's volunteer activities",
    description:
      'The activities of the community that have not ended, soonest first, optionally only those whose title, place or description holds the search words.',
    auth: COMMUNITY_ROLES,
    ok: ActivityPageDto,
    scoped: true,
  })
  activities(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: ActivitiesQueryDto,
  ): Promise<Page<ActivityDto>> {
    return this.volunteers.activities(user, communityId, query);
  }

  @Post('volunteer-activities/:id/signups')
  @Operation({
    summary: 'Sign up for a volunteer activity',
    description:
      'A registered volunteer of the community takes a place, once; when every place is taken the answer is 409 activity.full (the database decides between concurrent sign-ups).',
    auth: ['resident'],
    created: { type: SignupDto, location: '/api/volunteer-activities/{activityId}' },
    scoped: true,
    errors: ['state.conflict', 'state.invalid_transition', 'activity.full'],
  })
  signUp(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<SignupDto> {
    return this.volunteers.signUp(user, id);
  }

  @Delete('volunteer-activities/:id/signups/:volunteerId')
  @Operation({
    summary: 'Withdraw my sign-up for a volunteer activity',
    description:
      'The volunteer withdraws their own sign-up before the activity starts and the place is free again. Once the activity has started or hours are recorded for the sign-up the answer is 409 state.invalid_transition; someone else’s sign-up is 403.',
    auth: ['resident'],
    noContent: true,
    scoped: true,
    errors: ['resource.not_found', 'state.invalid_transition'],
  })
  withdraw(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('volunteerId') volunteerId: string,
  ): Promise<void> {
    return this.volunteers.withdraw(user, id, volunteerId);
  }

  @Get('volunteer-activities/:id/participants')
  @Operation({
    summary: "List an activity's volunteers and their hours",
    description:
      "For the activity's organizer, its community's staff and the admins of the organization whose project it belongs to.",
    auth: ['community_staff', 'org_admin', 'platform_admin'],
    ok: [ParticipantDto],
    scoped: true,
  })
  participants(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ParticipantDto[]> {
    return this.volunteers.participants(user, id);
  }

  @Post('volunteer-activities/:id/hours')
  @Operation({
    summary: "Record a volunteer's hours",
    description:
      "The activity's organizer records and vouches for (谁记录谁证明) the minutes a signed-up volunteer served, once per volunteer. They are published to the community for 7 days for objections before they count.",
    auth: ['community_staff', 'org_admin'],
    created: { type: HoursDto, location: '/api/volunteers/me/hours' },
    scoped: true,
    errors: ['state.conflict'],
  })
  recordHours(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: RecordHoursDto,
  ): Promise<HoursDto> {
    return this.hours.record(user, id, dto);
  }

  @Get('volunteers/me/hours')
  @Operation({
    summary: 'Page through my volunteer hours',
    description:
      'My hours entries, newest first: pending (in their objection window), certified, objected or void.',
    auth: ['resident'],
    ok: HoursPageDto,
  })
  myHours(@CurrentUser() user: AuthUser, @Query() query: HoursQueryDto): Promise<Page<HoursDto>> {
    return this.hours.myHours(user, query);
  }

  @Get('communities/:communityId/volunteer-hours')
  @Operation({
    summary: "Page through a community's hours open to objections",
    description:
      "Hours recorded in the community's activities during their 7 days of publication (and objected ones), newest first. A volunteer's name shows only with their consent.",
    auth: ['resident', 'community_staff', 'platform_admin'],
    ok: PublishedHoursPageDto,
    scoped: true,
  })
  published(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: HoursQueryDto,
  ): Promise<Page<PublishedHoursDto>> {
    return this.hours.published(user, communityId, query);
  }

  @Post('volunteer-hours/:id/objection')
  @Operation({
    summary: 'Object to recorded hours',
    description:
      "A resident or the staff of the activity's community objects, with a reason, within 7 days of the recording; the entry does not count until the staff decide.",
    auth: ['resident', 'community_staff'],
    noContent: true,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  object(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ObjectionDto,
  ): Promise<void> {
    return this.hours.object(user, id, dto);
  }

  @Post('volunteer-hours/:id/resolution')
  @Operation({
    summary: 'Decide an objection to hours',
    description:
      'The community staff uphold an objection (the entry is void) or dismiss it (the entry counts once its 7 days are over), with a reason.',
    auth: ['community_staff'],
    noContent: true,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  resolve(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ResolutionDto,
  ): Promise<void> {
    return this.hours.resolve(user, id, dto);
  }

  @Post('volunteers/me/certificates')
  @Operation({
    summary: 'Issue a certificate of my hours',
    description:
      'A signed certificate of my certified hours to date (total, entries, period); its QR code leads to the public check.',
    auth: ['resident'],
    created: { type: CertificateDto, location: '/api/volunteer-certificates/{id}/pdf' },
    errors: ['resource.not_found', 'state.conflict'],
  })
  issue(@CurrentUser() user: AuthUser): Promise<CertificateDto> {
    return this.certificates.issue(user);
  }

  @Get('volunteers/me/certificates')
  @Operation({
    summary: 'Page through my certificates',
    description: 'My certificates, newest first.',
    auth: ['resident'],
    ok: CertificatePageDto,
  })
  myCertificates(
    @CurrentUser() user: AuthUser,
    @Query() query: CertificatesQueryDto,
  ): Promise<Page<CertificateDto>> {
    return this.certificates.mine(user, query);
  }

  @Get('volunteer-certificates/:id/pdf')
  @Operation({
    summary: 'Download a certificate',
    description: 'The PDF of one of my certificates, with the QR code of its public check.',
    auth: ['resident'],
    errors: ['resource.not_found'],
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The PDF' })
  async pdf(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.certificates.pdf(user, id);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  }

  @Get('volunteer-certificates/:id/verify')
  @Operation({
    summary: 'Check a volunteer certificate',
    description:
      'Public: whether the certificate exists and the signature is its own, and if so the hours and period it states and, only with the volunteer’s consent, their name. An unknown certificate and an altered one both answer valid: false.',
    auth: 'public',
    ok: CertificateCheckDto,
  })
  verify(
    @UuidParam('id') id: string,
    @Query() query: CertificateVerifyQueryDto,
  ): Promise<CertificateCheckDto> {
    return this.certificates.verify(id, query.sig);
  }
}
