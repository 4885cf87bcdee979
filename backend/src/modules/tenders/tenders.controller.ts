import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser, Public } from '../../common/auth/auth.decorator.js';
import { OptionalUser } from '../../common/auth/optional-user.js';
import { readsFrom } from '../../common/auth/reads-from.js';
import {
  AmendmentDto,
  AnswerDto,
  EnquiryDto,
  EnquiryInputDto,
  ReasonDto,
  TenderDto,
  TenderInputDto,
  TenderListQueryDto,
  TenderSummaryDto,
} from './dto/tender.dto.js';
import { TenderAmendmentsService } from './tender-amendments.service.js';
import { TenderEnquiriesService } from './tender-enquiries.service.js';
import { TendersService } from './tenders.service.js';

@ApiTags('tenders')
@Controller('tenders')
export class TendersController {
  constructor(
    private readonly tenders: TendersService,
    private readonly amendments: TenderAmendmentsService,
    private readonly tenderEnquiries: TenderEnquiriesService,
    private readonly optionalUser: OptionalUser,
  ) {}

  /** Public notices; a street officer also sees the drafts of the streets in scope. */
  @Get()
  @Public()
  @ApiOkResponse({ type: [TenderSummaryDto] })
  async list(
    @Req() request: FastifyRequest,
    @Query() query: TenderListQueryDto,
  ): Promise<TenderSummaryDto[]> {
    return this.tenders.list(await this.optionalUser.of(request), query, readsFrom(request));
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: TenderDto })
  async get(@Req() request: FastifyRequest, @Param('id', ParseUUIDPipe) id: string): Promise<TenderDto> {
    return this.tenders.get(await this.optionalUser.of(request), id, readsFrom(request));
  }

  @Post()
  @Auth('street_officer')
  @ApiCreatedResponse({ type: TenderDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: TenderInputDto): Promise<TenderDto> {
    return this.tenders.create(user, dto);
  }

  @Put(':id')
  @Auth('street_officer')
  @ApiOkResponse({ type: TenderDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TenderInputDto,
  ): Promise<TenderDto> {
    return this.tenders.update(user, id, dto);
  }

  @Post(':id/publish')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderDto })
  publish(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<TenderDto> {
    return this.tenders.publish(user, id);
  }

  @Post(':id/amendments')
  @Auth('street_officer')
  @ApiCreatedResponse({ type: TenderDto })
  amend(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AmendmentDto,
  ): Promise<TenderDto> {
    return this.amendments.amend(user, id, dto);
  }

  @Post(':id/cancel')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderDto })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<TenderDto> {
    return this.tenders.cancel(user, id, dto.reason);
  }

  @Get(':id/enquiries')
  @Public()
  @ApiOkResponse({ type: [EnquiryDto] })
  async enquiries(
    @Req() request: FastifyRequest,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EnquiryDto[]> {
    return this.tenderEnquiries.enquiries(await this.optionalUser.of(request), id);
  }

  @Post(':id/enquiries')
  @Auth('org_admin')
  @ApiCreatedResponse({ type: EnquiryDto })
  ask(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EnquiryInputDto,
  ): Promise<EnquiryDto> {
    return this.tenderEnquiries.ask(user, id, dto);
  }

  @Post(':id/enquiries/:enquiryId/answer')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: EnquiryDto })
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('enquiryId', ParseUUIDPipe) enquiryId: string,
    @Body() dto: AnswerDto,
  ): Promise<EnquiryDto> {
    return this.tenderEnquiries.answer(user, id, enquiryId, dto);
  }
}
