import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import type { Page } from '../../common/pagination/page.js';
import {
  ApiImportTemplate,
  ApiImportUpload,
  sendTemplate,
  uploadedTable,
} from '../../common/import/table-import.js';
import {
  GrantDto,
  GrantInputDto,
  GrantListQueryDto,
  GrantPageDto,
  RevokeGrantDto,
  StaffImportResultDto,
} from './dto/grants.dto.js';
import { GrantsService } from './grants.service.js';
import { STAFF_IMPORT_COLUMNS } from './staff-import.js';
import { UuidParam } from '../../common/http/params.js';

/** Role grants of streets and communities (PRODUCT §1): platform admins, and street directors within their own street. */
@ApiTags('grants')
@Controller()
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Get('regions/:id/grants')
  @Operation({
    summary: 'List the grants of a region',
    description:
      "The street and community role grants on the region and inside it, revoked and ended ones included (the history of who could do what), those whose holder's name or e-mail contains `q` when given, for a platform admin or the street director.",
    auth: ['platform_admin', 'street_director'],
    ok: GrantPageDto,
    scoped: true,
  })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: GrantListQueryDto,
  ): Promise<Page<GrantDto>> {
    return this.grants.list(user, id, query);
  }

  @Post('regions/:id/grants')
  @Operation({
    summary: 'Grant a role',
    description:
      'A platform admin grants any street or community role; a street director grants officers, finance, community staff and evaluators within its street, never to themselves. A new address gets an account and a mailed link to set its password; the role is in force once the address is verified. Finance and director of one street never overlap.',
    auth: ['platform_admin', 'street_director'],
    created: { type: GrantDto, location: '/api/regions/{regionId}/grants' },
    scoped: true,
    errors: ['reference.retired', 'state.conflict', 'grant.duties_conflict'],
  })
  grant(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: GrantInputDto,
  ): Promise<GrantDto> {
    return this.grants.grant(user, id, {
      ...dto,
      startsAt: dto.startsAt ? new Date(dto.startsAt) : undefined,
      endsAt: dto.endsAt ? new Date(dto.endsAt) : undefined,
    });
  }

  @Post('grants/:id/revoke')
  @Operation({
    summary: 'Revoke a grant',
    description:
      'Whoever may grant the role there revokes it with a reason; it stops at once and stays in the history.',
    auth: ['platform_admin', 'street_director'],
    ok: GrantDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  revoke(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: RevokeGrantDto,
  ): Promise<GrantDto> {
    return this.grants.revoke(user, id, dto.reason);
  }

  @Get('admin/imports/staff/template')
  @ApiImportTemplate('staff')
  @Operation({
    summary: 'Download the staff import template',
    description:
      'The XLSX template of the staff import: one grant a row (e-mail, name, role, region by names path, categories, period).',
    auth: ['platform_admin'],
  })
  async template(@Res() reply: FastifyReply): Promise<void> {
    await sendTemplate(reply, STAFF_IMPORT_COLUMNS, 'staff-template.xlsx');
  }

  @Post('admin/imports/staff')
  @Operation({
    summary: 'Import staff grants',
    description:
      'Grants every row of the staff template (XLSX or CSV, multipart field `file`) in one transaction: any bad row and nothing is granted (422 naming every row). New addresses are mailed after the commit.',
    auth: ['platform_admin'],
    created: { type: StaffImportResultDto, location: '/api/regions' },
    errors: ['import.invalid_file', 'import.rows_invalid', 'file.too_large', 'file.unsupported_type'],
  })
  @ApiImportUpload('nothing was granted')
  async import(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<StaffImportResultDto> {
    return this.grants.importStaff(user, await uploadedTable(request));
  }
}
