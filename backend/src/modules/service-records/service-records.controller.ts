import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { UuidParam } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/page.js';
import {
  CorrectionDto,
  DisputeDto,
  LogServiceDto,
  type MyServiceDto,
  MyServicePageDto,
  MyServicesQueryDto,
  RecordsQueryDto,
  RejectDto,
  ServiceRecordDto,
  ServiceRecordPageDto,
} from './dto/service-record.dto.js';
import { ServiceRecordsService } from './service-records.service.js';

/** Errors of every action on one record. */

@ApiTags('service-records')
@Controller()
export class ServiceRecordsController {
  constructor(private readonly records: ServiceRecordsService) {}

  @Post('projects/:projectId/records')
  @Operation({
    summary: 'Log a service',
    description:
      "A member of the project team logs a service (submitted, for the lead to approve): in a community the project serves, ended in the past, at most 24 hours, not overlapping the worker's other records, its beneficiaries verified residents of the community.",
    auth: ['social_worker'],
    created: { type: ServiceRecordDto, location: '/api/records/{id}' },
    scoped: true,
    errors: ['state.conflict'],
  })
  log(
    @CurrentUser() user: AuthUser,
    @UuidParam('projectId') projectId: string,
    @Body() dto: LogServiceDto,
  ): Promise<ServiceRecordDto> {
    return this.records.log(user, projectId, dto);
  }

  @Get('projects/:projectId/records')
  @Operation({
    summary: "Page through a project's service records",
    description:
      'Newest (or oldest) service first, optionally of one status or searched. The lead, the organization and the street office see every record; other team members see their own.',
    auth: 'any',
    ok: ServiceRecordPageDto,
    scoped: true,
  })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('projectId') projectId: string,
    @Query() query: RecordsQueryDto,
  ): Promise<Page<ServiceRecordDto>> {
    return this.records.list(user, projectId, query);
  }

  @Get('records/:id')
  @Operation({
    summary: 'Read a service record',
    description:
      "One record, for those who see the project's records (a team member who does not lead sees their own).",
    auth: 'any',
    ok: ServiceRecordDto,
    scoped: true,
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ServiceRecordDto> {
    return this.records.get(user, id);
  }

  @Post('records/:id/approve')
  @Operation({
    summary: 'Approve a service record',
    description:
      'The project lead approves a submitted record; an approved record is final (corrections replace it).',
    auth: ['social_worker'],
    ok: ServiceRecordDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  approve(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ServiceRecordDto> {
    return this.records.decide(user, id, true);
  }

  @Post('records/:id/reject')
  @Operation({
    summary: 'Reject a service record',
    description:
      'The project lead rejects a submitted record, with a reason; the worker logs it again if need be.',
    auth: ['social_worker'],
    ok: ServiceRecordDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  reject(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: RejectDto,
  ): Promise<ServiceRecordDto> {
    return this.records.decide(user, id, false, dto.reason);
  }

  @Post('records/:id/correction')
  @Operation({
    summary: 'Correct an approved service record',
    description:
      'The worker or the lead corrects an approved record: it is reversed and the corrected record, submitted again, takes its place, in one transaction, both audited.',
    auth: ['social_worker'],
    created: { type: ServiceRecordDto, location: '/api/records/{id}' },
    scoped: true,
    errors: ['state.invalid_transition', 'state.conflict'],
  })
  correct(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: CorrectionDto,
  ): Promise<ServiceRecordDto> {
    return this.records.correct(user, id, dto);
  }

  @Get('me/services')
  @Operation({
    summary: 'Page through the services I received',
    description:
      'The submitted and approved records that list the caller as a beneficiary, newest first, each with the rating the caller gave it; `q` searches them.',
    auth: ['resident'],
    ok: MyServicePageDto,
  })
  myServices(@CurrentUser() user: AuthUser, @Query() query: MyServicesQueryDto): Promise<Page<MyServiceDto>> {
    return this.records.myServices(user, query);
  }

  @Post('records/:id/confirm')
  @Operation({
    summary: 'Confirm a service I received',
    description:
      'A resident listed on a submitted or approved record confirms it; to anyone not listed the record does not exist.',
    auth: ['resident'],
    ok: ServiceRecordDto,
    errors: ['resource.not_found', 'state.invalid_transition'],
  })
  confirm(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ServiceRecordDto> {
    return this.records.respond(user, id, true);
  }

  @Post('records/:id/dispute')
  @Operation({
    summary: 'Dispute a service I am listed on',
    description:
      'A resident listed on a submitted or approved record disputes it, with a reason (for example: nobody came).',
    auth: ['resident'],
    ok: ServiceRecordDto,
    errors: ['resource.not_found', 'state.invalid_transition'],
  })
  dispute(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: DisputeDto,
  ): Promise<ServiceRecordDto> {
    return this.records.respond(user, id, false, dto.reason);
  }
}
