import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import {
  CorrectionDto,
  DisputeDto,
  LogServiceDto,
  RecordsQueryDto,
  RejectDto,
  ServiceRecordDto,
} from './dto/service-record.dto.js';
import { ServiceRecordsService } from './service-records.service.js';

@ApiTags('service-records')
@Controller()
export class ServiceRecordsController {
  constructor(private readonly records: ServiceRecordsService) {}

  @Post('projects/:projectId/records')
  @Auth('social_worker')
  @ApiCreatedResponse({ type: ServiceRecordDto })
  log(
    @CurrentUser() user: AuthUser,
    @Param('projectId', ParseUUIDPipe) projectId: string,
    @Body() dto: LogServiceDto,
  ): Promise<ServiceRecordDto> {
    return this.records.log(user, projectId, dto);
  }

  @Get('projects/:projectId/records')
  @Auth()
  @ApiOkResponse({ type: [ServiceRecordDto] })
  list(
    @CurrentUser() user: AuthUser,
    @Param('projectId', ParseUUIDPipe) projectId: string,
    @Query() query: RecordsQueryDto,
  ): Promise<ServiceRecordDto[]> {
    return this.records.list(user, projectId, query.status);
  }

  @Post('records/:id/approve')
  @Auth('social_worker')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceRecordDto })
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ServiceRecordDto> {
    return this.records.decide(user, id, true);
  }

  @Post('records/:id/reject')
  @Auth('social_worker')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceRecordDto })
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectDto,
  ): Promise<ServiceRecordDto> {
    return this.records.decide(user, id, false, dto.reason);
  }

  @Post('records/:id/correction')
  @Auth('social_worker')
  @ApiCreatedResponse({ type: ServiceRecordDto, description: 'The new record; the original is reversed' })
  correct(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CorrectionDto,
  ): Promise<ServiceRecordDto> {
    return this.records.correct(user, id, dto);
  }

  @Get('me/services')
  @Auth('resident')
  @ApiOkResponse({ type: [ServiceRecordDto] })
  myServices(@CurrentUser() user: AuthUser): Promise<ServiceRecordDto[]> {
    return this.records.myServices(user);
  }

  @Post('records/:id/confirm')
  @Auth('resident')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceRecordDto })
  confirm(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ServiceRecordDto> {
    return this.records.respond(user, id, true);
  }

  @Post('records/:id/dispute')
  @Auth('resident')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceRecordDto })
  dispute(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DisputeDto,
  ): Promise<ServiceRecordDto> {
    return this.records.respond(user, id, false, dto.reason);
  }
}
