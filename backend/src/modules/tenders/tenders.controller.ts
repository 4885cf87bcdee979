import { Body, Controller, Get, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { OptionalUser } from '../../common/auth/optional-user.js';
import { readsFrom } from '../../common/auth/reads-from.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import type { Page } from '../../common/pagination/page.js';
import {
  AttachDocumentsDto,
  AmendmentDto,
  AnswerDto,
  EnquiryDto,
  EnquiryInputDto,
  ReasonDto,
  TenderDto,
  TenderInputDto,
  TenderListQueryDto,
  TenderSummaryDto,
  TenderSummaryPageDto,
} from './dto/tender.dto.js';
import { TenderAmendmentsService } from './tender-amendments.service.js';
import { TenderDocumentsService } from './tender-documents.service.js';
import { TenderEnquiriesService } from './tender-enquiries.service.js';
import { TendersService } from './tenders.service.js';
import { UuidParam } from '../../common/http/params.js';

/** What a tender's reference checks can refuse: an unknown or retired region, category or invited organization. */
const REFERENCES = ['resource.not_found', 'reference.retired'] as const;

@ApiTags('tenders')
@Controller('tenders')
export class TendersController {
  constructor(
    private readonly tenders: TendersService,
    private readonly amendments: TenderAmendmentsService,
    private readonly tenderEnquiries: TenderEnquiriesService,
    private readonly optionalUser: OptionalUser,
    private readonly tenderDocuments: TenderDocumentsService,
  ) {}

  @Get()
  @Operation({
    summary: 'List tenders',
    description:
      'Public notices, newest first (or the earliest bid deadline first), filtered by status, street or category (a category includes its sub-categories) and searched by title. A street officer also sees the drafts of the streets in scope. Anonymous visitors read a replica.',
    auth: 'public',
    ok: TenderSummaryPageDto,
  })
  async list(
    @Req() request: FastifyRequest,
    @Query() query: TenderListQueryDto,
  ): Promise<Page<TenderSummaryDto>> {
    return this.tenders.list(await this.optionalUser.of(request), query, readsFrom(request));
  }

  @Get(':id')
  @Operation({
    summary: 'Read a tender',
    description:
      'The public notice with its amendments and the number of live bids (never their content). A draft exists only for its street office: to anyone else it is 404. The version is sent as ETag.',
    auth: 'public',
    ok: TenderDto,
    etag: true,
    errors: ['resource.not_found'],
  })
  async get(@Req() request: FastifyRequest, @UuidParam('id') id: string): Promise<TenderDto> {
    return this.tenders.get(await this.optionalUser.of(request), id, readsFrom(request));
  }

  @Post()
  @Operation({
    summary: 'Draft a tender',
    description:
      'A street officer drafts a tender of a street in scope: terms, weights, milestone plan, deadlines, and the accepted needs it answers. Rules are checked at publication, not here.',
    auth: ['street_officer'],
    created: { type: TenderDto, location: '/api/tenders/{id}' },
    etag: true,
    errors: ['auth.out_of_scope', ...REFERENCES],
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: TenderInputDto): Promise<TenderDto> {
    return this.tenders.create(user, dto);
  }

  @Put(':id')
  @Operation({
    summary: 'Edit a draft tender',
    description:
      'Replaces the whole draft (a published tender changes by amendment only). Send the ETag you read in If-Match: when another officer saved the draft since, the edit is refused with 412 instead of overwriting theirs.',
    auth: ['street_officer'],
    ok: TenderDto,
    etag: true,
    ifMatch: true,
    errors: ['auth.out_of_scope', 'state.invalid_transition', ...REFERENCES],
  })
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: TenderInputDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<TenderDto> {
    return this.tenders.update(user, id, dto, expectedVersion);
  }

  @Post(':id/publish')
  @Operation({
    summary: 'Publish a tender',
    description:
      'Checks every publication rule (weights, milestone shares, deadlines, method, invited organization’s eligibility) and names each broken one; then publishes, marks the linked needs addressed, tells subscribers and schedules the close of bidding.',
    auth: ['street_officer'],
    ok: TenderDto,
    etag: true,
    errors: ['auth.out_of_scope', 'state.invalid_transition', 'organization.ineligible', ...REFERENCES],
  })
  publish(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<TenderDto> {
    return this.tenders.publish(user, id);
  }

  @Post(':id/documents')
  @Operation({
    summary: 'Attach tender documents',
    description:
      'A street officer of the tender’s street attaches clean documents uploaded for tender_document (POST /api/documents?purpose=tender_document&streetId=…) to a draft or published tender. Readable by the street office while a draft, by anyone signed in once published.',
    auth: ['street_officer'],
    ok: TenderDto,
    scoped: true,
    errors: [
      'state.invalid_transition',
      'document.wrong_purpose',
      'document.not_scanned',
      'document.infected',
    ],
  })
  attachDocuments(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: AttachDocumentsDto,
  ): Promise<TenderDto> {
    return this.tenderDocuments.attach(user, id, dto.documentIds);
  }

  @Post(':id/amendments')
  @Operation({
    summary: 'Amend a published tender',
    description:
      'Publishes a change of description, ceiling or deadlines with its summary. A bid deadline nearer than the minimum notice is pushed out; a ceiling below a live bid is refused. Every bidder is told.',
    auth: ['street_officer'],
    created: { type: TenderDto, location: '/api/tenders/{id}' },
    etag: true,
    scoped: true,
    errors: ['state.invalid_transition', 'state.conflict'],
  })
  amend(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: AmendmentDto,
  ): Promise<TenderDto> {
    return this.amendments.amend(user, id, dto);
  }

  @Post(':id/cancel')
  @Operation({
    summary: 'Cancel a tender',
    description:
      'Cancels a tender before its contract, with the reason shown on the notice; the needs it answered go back to the accepted list.',
    auth: ['street_officer'],
    ok: TenderDto,
    etag: true,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  cancel(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ReasonDto,
  ): Promise<TenderDto> {
    return this.tenders.cancel(user, id, dto.reason);
  }

  @Get(':id/enquiries')
  @Operation({
    summary: 'Read the enquiries of a tender',
    description:
      'The answered questions for everyone, the unanswered ones too for the street office; never who asked.',
    auth: 'public',
    ok: [EnquiryDto],
    errors: ['resource.not_found'],
  })
  async enquiries(@Req() request: FastifyRequest, @UuidParam('id') id: string): Promise<EnquiryDto[]> {
    return this.tenderEnquiries.enquiries(await this.optionalUser.of(request), id);
  }

  @Post(':id/enquiries')
  @Operation({
    summary: 'Ask a question about a tender',
    description:
      'An organization’s admin asks, in its name, until the enquiry deadline of a published tender. The answer is published to everyone without naming who asked.',
    auth: ['org_admin'],
    created: { type: EnquiryDto, location: '/api/tenders/{tenderId}/enquiries' },
    scoped: true,
    errors: ['tender.closed'],
  })
  ask(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: EnquiryInputDto,
  ): Promise<EnquiryDto> {
    return this.tenderEnquiries.ask(user, id, dto);
  }

  @Post(':id/enquiries/:enquiryId/answer')
  @Operation({
    summary: 'Answer an enquiry',
    description: 'The street office answers (or corrects its answer); the answer is public at once.',
    auth: ['street_officer'],
    ok: EnquiryDto,
    scoped: true,
  })
  answer(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('enquiryId') enquiryId: string,
    @Body() dto: AnswerDto,
  ): Promise<EnquiryDto> {
    return this.tenderEnquiries.answer(user, id, enquiryId, dto);
  }
}
