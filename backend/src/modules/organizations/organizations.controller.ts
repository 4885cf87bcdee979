import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import { DomainError } from '../../common/errors/domain-error.js';
import {
  CreditDto,
  DocumentDto,
  EligibilityDto,
  GradeDto,
  IdentityChangeDecisionDto,
  IdentityChangeDto,
  IdentityChangeReviewDto,
  ObjectionDecisionDto,
  ObjectionDto,
  ObjectionViewDto,
  OrganizationDto,
  RegisterOrganizationDto,
  ReviewItemDto,
  ReviewQueueQueryDto,
  StatusChangeDto,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import { DOCUMENT_MAX_BYTES, DocumentsService } from './documents.service.js';
import { IdentityChangesService } from './identity-changes.service.js';
import { OrganizationsService } from './organizations.service.js';
import { StandingService } from './standing.service.js';
import { VerificationService } from './verification.service.js';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly verification: VerificationService,
    private readonly identity: IdentityChangesService,
    private readonly standing: StandingService,
    private readonly documents: DocumentsService,
  ) {}

  /** Any signed-in user may register an organization and becomes its admin. */
  @Post()
  @Auth()
  @ApiCreatedResponse({ type: OrganizationDto })
  register(@CurrentUser() user: AuthUser, @Body() dto: RegisterOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.register(user, dto);
  }

  @Get('mine')
  @Auth('org_admin')
  @ApiOkResponse({ type: [OrganizationDto] })
  mine(@CurrentUser() user: AuthUser): Promise<OrganizationDto[]> {
    return this.organizations.mine(user);
  }

  @Get('review-queue')
  @Auth('street_officer', 'platform_admin')
  @ApiOkResponse({ type: [ReviewItemDto] })
  reviewQueue(@CurrentUser() user: AuthUser, @Query() query: ReviewQueueQueryDto): Promise<ReviewItemDto[]> {
    return this.verification.reviewQueue(user, query.status);
  }

  /** Identity changes of verified organizations waiting for the officer's street office. */
  @Get('identity-changes')
  @Auth('street_officer', 'platform_admin')
  @ApiOkResponse({ type: [IdentityChangeReviewDto] })
  identityChanges(@CurrentUser() user: AuthUser): Promise<IdentityChangeReviewDto[]> {
    return this.identity.identityChangeQueue(user);
  }

  @Post('identity-changes/:changeId/decision')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: IdentityChangeDto })
  decideIdentityChange(
    @CurrentUser() user: AuthUser,
    @Param('changeId', ParseUUIDPipe) changeId: string,
    @Body() dto: IdentityChangeDecisionDto,
  ): Promise<IdentityChangeDto> {
    return this.identity.decideIdentityChange(user, changeId, dto);
  }

  @Get(':id')
  @Auth('org_admin', 'street_officer', 'street_finance', 'street_director', 'platform_admin')
  @ApiOkResponse({ type: OrganizationDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OrganizationDto> {
    return this.organizations.get(user, id);
  }

  @Patch(':id')
  @Auth('org_admin')
  @ApiOkResponse({ type: OrganizationDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return this.organizations.update(user, id, dto);
  }

  @Post(':id/status')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganizationDto })
  changeStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: StatusChangeDto,
  ): Promise<OrganizationDto> {
    return this.verification.changeStatus(user, id, dto);
  }

  @Put(':id/grade')
  @Auth('street_officer')
  @ApiOkResponse({ type: OrganizationDto })
  setGrade(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GradeDto,
  ): Promise<OrganizationDto> {
    return this.standing.setGrade(user, id, dto);
  }

  @Put(':id/credit')
  @Auth('street_officer')
  @ApiOkResponse({ type: OrganizationDto })
  setCredit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreditDto,
  ): Promise<OrganizationDto> {
    return this.standing.setCredit(user, id, dto);
  }

  @Post(':id/objections')
  @Auth('org_admin')
  @ApiCreatedResponse({ type: ObjectionViewDto })
  fileObjection(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ObjectionDto,
  ): Promise<ObjectionViewDto> {
    return this.standing.fileObjection(user, id, dto);
  }

  @Post('objections/:objectionId/decision')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: ObjectionViewDto })
  decideObjection(
    @CurrentUser() user: AuthUser,
    @Param('objectionId', ParseUUIDPipe) objectionId: string,
    @Body() dto: ObjectionDecisionDto,
  ): Promise<ObjectionViewDto> {
    return this.standing.decideObjection(user, objectionId, dto);
  }

  /** Whether the organization may bid or receive money now, and why not. */
  @Get(':id/eligibility')
  @Auth('org_admin', 'street_officer', 'street_finance', 'street_director', 'platform_admin')
  @ApiOkResponse({ type: EligibilityDto })
  eligibility(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EligibilityDto> {
    return this.organizations.eligibilityFor(user, id);
  }

  @Post(':id/documents')
  @Auth('org_admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: DocumentDto })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<DocumentDto> {
    if (!request.isMultipart())
      throw new DomainError('validation.failed', 'Send the file as multipart/form-data', { field: 'file' });
    const part = await request.file({ limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1 } });
    if (!part) throw new DomainError('validation.failed', 'No file in the request', { field: 'file' });
    const data = await part.toBuffer().catch((err: { code?: string }) => {
      if (err.code === 'FST_REQ_FILE_TOO_LARGE')
        throw new DomainError(
          'file.too_large',
          `Files may be at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB`,
        );
      throw err;
    });
    return this.documents.uploadDocument(user, id, { filename: part.filename, data });
  }

  @Get(':id/documents/:documentId')
  @Auth('org_admin', 'street_officer', 'street_finance', 'street_director', 'platform_admin')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
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
