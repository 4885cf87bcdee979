import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
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
import { REGION_IMPORT_COLUMNS } from './region-import.js';
import { CreateRegionDto, ImportResultDto, RegionDto, UpdateRegionDto } from './regions.dto.js';
import { RegionsService } from './regions.service.js';

/** Platform admins keep the region tree (PRODUCT §1): create, rename, move, retire, import. */
@ApiTags('admin')
@Controller('admin')
export class RegionsAdminController {
  constructor(private readonly regions: RegionsService) {}

  @Post('regions')
  @Auth('platform_admin')
  @ApiCreatedResponse({ type: RegionDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRegionDto): Promise<RegionDto> {
    return this.regions.create(user, dto);
  }

  @Patch('regions/:id')
  @Auth('platform_admin')
  @ApiOkResponse({ type: RegionDto, description: 'Renamed and/or moved (with its whole subtree)' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRegionDto,
  ): Promise<RegionDto> {
    return this.regions.update(user, id, dto);
  }

  @Post('regions/:id/retire')
  @Auth('platform_admin')
  @ApiCreatedResponse({ type: RegionDto, description: 'Refused (409) while it has live children' })
  retire(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RegionDto> {
    return this.regions.retire(user, id);
  }

  @Get('imports/regions/template')
  @Auth('platform_admin')
  @ApiImportTemplate('region')
  async template(@Res() reply: FastifyReply): Promise<void> {
    await sendTemplate(reply, REGION_IMPORT_COLUMNS, 'regions-template.xlsx');
  }

  @Post('imports/regions')
  @Auth('platform_admin')
  @ApiImportUpload('nothing was imported')
  @ApiCreatedResponse({ type: ImportResultDto })
  async import(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<ImportResultDto> {
    return this.regions.import(user, await uploadedTable(request));
  }
}
