import { Body, Controller, Get, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import { PageQueryDto, type Page } from '../../common/pagination/page.js';
import {
  CreditDto,
  DocumentDto,
  EligibilityDto,
  GradeDto,
  IdentityChangeDecisionDto,
  IdentityChangeDto,
  IdentityChangePageDto,
  IdentityChangeReviewDto,
  IdentityChangeReviewPageDto,
  ObjectionDecisionDto,
  ObjectionDto,
  ObjectionViewDto,
  OrganizationDto,
  RegisterOrganizationDto,
  ReviewItemDto,
  ReviewItemPageDto,
  ReviewQueueQueryDto,
  StatusChangeDto,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import { OrganizationDocumentsService } from './organization-documents.service.js';
import { ApiFileUpload, uploadedFile, UPLOAD_MAX_BYTES } from '../../common/storage/uploaded-file.js';
import { IdentityChangesService } from './identity-changes.service.js';
import { OrganizationsService } from './organizations.service.js';
import { StandingService } from './standing.service.js';
import { VerificationService } from './verification.service.js';
import { UuidParam } from '../../common/http/params.js';

/** What can refuse a decision that may give an organization its verified identity (name, credit code). */
const IDENTITY_DECISION_ERRORS = [
  'state.invalid_transition',
  'organization.name_taken',
  'state.conflict',
] as const;

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly verification: VerificationService,
    private readonly identity: IdentityChangesService,
    private readonly standing: StandingService,
    private readonly documents: OrganizationDocumentsService,
  ) {}

  /** Any signed-in user may register an organization and becomes its admin. */
  @Post()
  @Operation({
    summary: 'Register an organization',
    description:
      'Any signed-in user registers an organization of a live street (with live communities and catalog categories); it starts pending and the registrant becomes its admin. A filed-only (备案) group has no credit code; every other has a valid unified social credit code, registered once.',
    auth: 'any',
    created: { type: OrganizationDto, location: '/api/organizations/{id}' },
    errors: ['state.conflict', 'reference.retired'],
  })
  register(@CurrentUser() user: AuthUser, @Body() dto: RegisterOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.register(user, dto);
  }

  @Get('mine')
  @Operation({
    summary: 'List the organizations I administer',
    description: 'Every organization the caller is an admin of, with its private file.',
    auth: ['org_admin'],
    ok: [OrganizationDto],
  })
  mine(@CurrentUser() user: AuthUser): Promise<OrganizationDto[]> {
    return this.organizations.mine(user);
  }

  @Get('review-queue')
  @Operation({
    summary: 'Page through the review queue',
    description:
      "Organizations of the streets in the street officer's scope (everywhere for a platform admin) in a status, whose name or credit code contains `q`, oldest registration first (`sort=newest`: newest first); `verified` also lists those with an objection waiting.",
    auth: ['street_officer', 'platform_admin'],
    ok: ReviewItemPageDto,
  })
  reviewQueue(
    @CurrentUser() user: AuthUser,
    @Query() query: ReviewQueueQueryDto,
  ): Promise<Page<ReviewItemDto>> {
    return this.verification.reviewQueue(user, query);
  }

  /** Identity changes of verified organizations waiting for the officer's street office. */
  @Get('identity-changes')
  @Operation({
    summary: 'List identity changes waiting for a decision',
    description:
      "Pending identity changes of verified or suspended organizations homed in the street officer's streets, oldest edit first, a page at a time, each beside the identity in force.",
    auth: ['street_officer', 'platform_admin'],
    ok: IdentityChangeReviewPageDto,
  })
  identityChanges(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<Page<IdentityChangeReviewDto>> {
    return this.identity.identityChangeQueue(user, query);
  }

  @Post('identity-changes/:changeId/decision')
  @Operation({
    summary: 'Approve or reject an identity change',
    description:
      'A street officer of the home street approves (the new name, legal representative, credit code and categories apply at once) or rejects with a reason. Only a pending change is decided; only a verified or suspended organization takes a new identity.',
    auth: ['street_officer'],
    ok: IdentityChangeDto,
    scoped: true,
    errors: IDENTITY_DECISION_ERRORS,
  })
  decideIdentityChange(
    @CurrentUser() user: AuthUser,
    @UuidParam('changeId') changeId: string,
    @Body() dto: IdentityChangeDecisionDto,
  ): Promise<IdentityChangeDto> {
    return this.identity.decideIdentityChange(user, changeId, dto);
  }

  @Get(':id')
  @Operation({
    summary: 'Read an organization',
    description:
      'The private file of an organization (documents, objections, identity changes) for its admins and the street office of its home street. Its `version` comes as the ETag.',
    auth: ['org_admin', 'street_officer', 'street_finance', 'street_director', 'platform_admin'],
    ok: OrganizationDto,
    etag: true,
    scoped: true,
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<OrganizationDto> {
    return this.organizations.get(user, id);
  }

  @Get(':id/identity-changes')
  @Operation({
    summary: "Page through an organization's identity changes",
    description:
      'Its identity changes (pending, approved, rejected with the reason), newest first, for its admins and the street office of its home street.',
    auth: ['org_admin', 'street_officer', 'street_finance', 'street_director', 'platform_admin'],
    ok: IdentityChangePageDto,
    scoped: true,
  })
  identityChangesOf(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<IdentityChangeDto>> {
    return this.identity.ofOrganization(user, id, query);
  }

  @Patch(':id')
  @Operation({
    summary: 'Edit an organization',
    description:
      "Its admin edits the organization. While pending every field applies at once; once verified, its identity (name, legal representative, credit code, categories) becomes the one open identity change for the street office and the other fields apply at once. Send `If-Match` with the ETag read: someone else's write since answers 412.",
    auth: ['org_admin'],
    ok: OrganizationDto,
    etag: true,
    ifMatch: true,
    scoped: true,
    errors: ['state.invalid_transition', 'reference.retired', 'organization.name_taken', 'state.conflict'],
  })
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateOrganizationDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<OrganizationDto> {
    return this.organizations.update(user, id, dto, expectedVersion);
  }

  @Post(':id/status')
  @Operation({
    summary: 'Verify, suspend, reinstate or deregister',
    description:
      'A street officer of the home street moves the organization through its states (pending → verified ⇄ suspended, any → deregistered), always with a reason; every move is audited. Verifying a name another verified organization of the district holds is refused.',
    auth: ['street_officer'],
    ok: OrganizationDto,
    etag: true,
    scoped: true,
    errors: IDENTITY_DECISION_ERRORS,
  })
  changeStatus(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: StatusChangeDto,
  ): Promise<OrganizationDto> {
    return this.verification.changeStatus(user, id, dto);
  }

  @Put(':id/grade')
  @Operation({
    summary: 'Set the grade',
    description:
      'A street officer of the home street records the evaluation grade (评估等级) and its expiry, or clears it, with a reason. Send `If-Match` with the ETag read.',
    auth: ['street_officer'],
    ok: OrganizationDto,
    etag: true,
    ifMatch: true,
    scoped: true,
  })
  setGrade(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: GradeDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<OrganizationDto> {
    return this.standing.setGrade(user, id, dto, expectedVersion);
  }

  @Put(':id/credit')
  @Operation({
    summary: 'Set the credit listing',
    description:
      'A street officer of the home street puts the organization on a credit list (abnormal activity, serious violation) or back to normal, from a date, with a reason. Send `If-Match` with the ETag read.',
    auth: ['street_officer'],
    ok: OrganizationDto,
    etag: true,
    ifMatch: true,
    scoped: true,
  })
  setCredit(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: CreditDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<OrganizationDto> {
    return this.standing.setCredit(user, id, dto, expectedVersion);
  }

  @Post(':id/objections')
  @Operation({
    summary: 'Object to the credit listing',
    description:
      'Its admin objects to the organization being on a credit list, with a reason; one objection waits at a time.',
    auth: ['org_admin'],
    created: { type: ObjectionViewDto, location: '/api/organizations/{organizationId}' },
    scoped: true,
    errors: ['state.invalid_transition', 'state.conflict'],
  })
  fileObjection(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ObjectionDto,
  ): Promise<ObjectionViewDto> {
    return this.standing.fileObjection(user, id, dto);
  }

  @Post('objections/:objectionId/decision')
  @Operation({
    summary: 'Uphold or dismiss an objection',
    description:
      'A street officer of the home street decides a waiting objection with a reason; upholding it puts the organization back to normal credit from today.',
    auth: ['street_officer'],
    ok: ObjectionViewDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  decideObjection(
    @CurrentUser() user: AuthUser,
    @UuidParam('objectionId') objectionId: string,
    @Body() dto: ObjectionDecisionDto,
  ): Promise<ObjectionViewDto> {
    return this.standing.decideObjection(user, objectionId, dto);
  }

  /** Whether the organization may bid or receive money now, and why not. */
  @Get(':id/eligibility')
  @Operation({
    summary: 'Check whether it may bid or be paid',
    description:
      'Verified, not on a credit list, not barred from bidding: whether the organization may bid or receive money now, with every reason why not. For its admins and the street office.',
    auth: ['org_admin', 'street_officer', 'street_finance', 'street_director', 'platform_admin'],
    ok: EligibilityDto,
    scoped: true,
  })
  eligibility(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<EligibilityDto> {
    return this.organizations.eligibilityFor(user, id);
  }

  @Post(':id/documents')
  @Operation({
    summary: 'Upload a document',
    description:
      'Its admin uploads a certificate or statute as multipart field `file`: a PDF, PNG or JPEG (recognised by its first bytes) of at most 10 MB, kept with its SHA-256.',
    auth: ['org_admin'],
    created: { type: DocumentDto, location: '/api/organizations/{organizationId}/documents/{id}' },
    scoped: true,
    errors: ['file.too_large', 'file.unsupported_type'],
  })
  @ApiFileUpload()
  async upload(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
  ): Promise<DocumentDto> {
    return this.documents.uploadDocument(user, id, await uploadedFile(request, UPLOAD_MAX_BYTES));
  }

  @Get(':id/documents/:documentId')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file as uploaded' })
  @Operation({
    summary: 'Download a document',
    description: "The uploaded file, for the organization's admins and the street office of its home street.",
    auth: ['org_admin', 'street_officer', 'street_finance', 'street_director', 'platform_admin'],
    scoped: true,
  })
  async download(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('documentId') documentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { document, data } = await this.documents.downloadDocument(user, id, documentId);
    await reply
      .header('content-type', document.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .send(data);
  }
}
