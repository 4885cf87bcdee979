import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import {
  ApiImportTemplate,
  ApiImportUpload,
  sendTemplate,
  uploadedTable,
} from '../../common/import/table-import.js';
import { GrantDto, GrantInputDto, RevokeGrantDto, StaffImportResultDto } from './dto/grants.dto.js';
import { GrantsService } from './grants.service.js';
import { STAFF_IMPORT_COLUMNS } from './staff-import.js';

/** Role grants of streets and communities (PRODUCT §1): platform admins, and street directors within their own street. */
@ApiTags('grants')
@Controller()
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Get('regions/:id/grants')
  @Auth('platform_admin', 'street_director')
  @ApiOkResponse({
    type: [GrantDto],
    description: 'The grants on the region and inside it, revoked and ended ones included',
  })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<GrantDto[]> {
    return this.grants.list(user, id);
  }

  @Post('regions/:id/grants')
  @Auth('platform_admin', 'street_director')
  @ApiCreatedResponse({ type: GrantDto })
  grant(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GrantInputDto,
  ): Promise<GrantDto> {
    return this.grants.grant(user, id, {
      ...dto,
      startsAt: dto.startsAt ? new Date(dto.startsAt) : undefined,
      endsAt: dto.endsAt ? new Date(dto.endsAt) : undefined,
    });
  }

  @Post('grants/:id/revoke')
  @Auth('platform_admin', 'street_director')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantDto })
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RevokeGrantDto,
  ): Promise<GrantDto> {
    return this.grants.revoke(user, id, dto.reason);
  }

  @Get('admin/imports/staff/template')
  @Auth('platform_admin')
  @ApiImportTemplate('staff')
  async template(@Res() reply: FastifyReply): Promise<void> {
    await sendTemplate(reply, STAFF_IMPORT_COLUMNS, 'staff-template.xlsx');
  }

  @Post('admin/imports/staff')
  @Auth('platform_admin')
  @ApiImportUpload('nothing was granted')
  @ApiCreatedResponse({ type: StaffImportResultDto })
  async import(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<StaffImportResultDto> {
    return this.grants.importStaff(user, await uploadedTable(request));
  }
}
