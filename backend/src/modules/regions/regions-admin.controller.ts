import { Body, Controller, Get, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import {
  ApiImportTemplate,
  ApiImportUpload,
  sendTemplate,
  uploadedTable,
} from '../../common/import/table-import.js';
import { REGION_IMPORT_COLUMNS } from './region-import.js';
import { CreateRegionDto, ImportResultDto, RegionDto, UpdateRegionDto } from './regions.dto.js';
import { RegionsService } from './regions.service.js';
import { UuidParam } from '../../common/http/params.js';

/** Platform admins keep the region tree (PRODUCT §1): create, rename, move, retire, import. */
@ApiTags('admin')
@Controller('admin')
export class RegionsAdminController {
  constructor(private readonly regions: RegionsService) {}

  @Post('regions')
  @Operation({
    summary: 'Create a region',
    description:
      'A platform admin adds a district, or a street, community or grid under a live region one level up; its name is unique among its live siblings.',
    auth: ['platform_admin'],
    created: { type: RegionDto, location: '/api/regions' },
    errors: ['reference.retired', 'region.name_taken'],
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRegionDto): Promise<RegionDto> {
    return this.regions.create(user, dto);
  }

  @Patch('regions/:id')
  @Operation({
    summary: 'Rename or move a region',
    description:
      'A platform admin renames a live region and/or moves it under another live region of the level above, with its whole subtree; a moved street takes its organizations to the new district. Send `If-Match` with the ETag read: a change by someone else since answers 412.',
    auth: ['platform_admin'],
    ok: RegionDto,
    etag: true,
    ifMatch: true,
    errors: [
      'resource.not_found',
      'state.conflict',
      'reference.retired',
      'region.name_taken',
      'organization.name_taken',
    ],
  })
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateRegionDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<RegionDto> {
    return this.regions.update(user, id, dto, expectedVersion);
  }

  @Post('regions/:id/retire')
  @Operation({
    summary: 'Retire a region',
    description:
      'A platform admin retires a live region without live children: nothing new is placed in it, what names it keeps resolving it. Nothing is deleted.',
    auth: ['platform_admin'],
    ok: RegionDto,
    errors: ['resource.not_found', 'state.conflict', 'retire.live_children'],
  })
  retire(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<RegionDto> {
    return this.regions.retire(user, id);
  }

  @Get('imports/regions/template')
  @ApiImportTemplate('region')
  @Operation({
    summary: 'Download the region import template',
    description: 'The XLSX template of the region import: one region a row, named by its names path.',
    auth: ['platform_admin'],
  })
  async template(@Res() reply: FastifyReply): Promise<void> {
    await sendTemplate(reply, REGION_IMPORT_COLUMNS, 'regions-template.xlsx');
  }

  @Post('imports/regions')
  @Operation({
    summary: 'Import regions',
    description:
      'Creates every region of the template (XLSX or CSV, multipart field `file`) in one transaction: any bad row and none is created (422 naming every row).',
    auth: ['platform_admin'],
    created: { type: ImportResultDto, location: '/api/regions' },
    errors: [
      'import.invalid_file',
      'import.rows_invalid',
      'file.too_large',
      'file.unsupported_type',
      'region.name_taken',
    ],
  })
  @ApiImportUpload('nothing was imported')
  async import(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<ImportResultDto> {
    return this.regions.import(user, await uploadedTable(request));
  }
}
