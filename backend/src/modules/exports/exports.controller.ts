import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import type { Page } from '../../common/pagination/page.js';
import { ExportDto, ExportPageDto, ExportsQueryDto, RequestExportDto } from './dto/export.dto.js';
import { CONTENT_TYPES } from './sheet-writer.js';
import { EXPORT_ROLES, ExportsService } from './exports.service.js';
import { UuidParam } from '../../common/http/params.js';

/** An ASCII stand-in for clients that ignore filename* (RFC 6266). */
const asciiFallback = (fileName: string) => fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');

@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @Operation({
    summary: 'Start an export',
    description:
      "A CSV or XLSX of a street's (street roles) or an organization's (its admin) service records, disbursements or scores, optionally for a date range. The file is built in the background: poll the Location for its progress; it is downloadable by the requester for 7 days. At most 5 exports per person wait at once (state.conflict).",
    auth: EXPORT_ROLES,
    accepted: { type: ExportDto, location: '/api/exports/{id}' },
    scoped: true,
    errors: ['state.conflict'],
  })
  request(@CurrentUser() user: AuthUser, @Body() dto: RequestExportDto): Promise<ExportDto> {
    return this.exports.request(user, dto);
  }

  @Get()
  @Operation({
    summary: 'My exports',
    description:
      'The exports I requested, newest (or oldest) first, a page at a time, optionally only those whose file name or scope holds the search words.',
    auth: EXPORT_ROLES,
    ok: ExportPageDto,
  })
  mine(@CurrentUser() user: AuthUser, @Query() query: ExportsQueryDto): Promise<Page<ExportDto>> {
    return this.exports.mine(user, query);
  }

  @Get(':id')
  @Operation({
    summary: 'An export and its progress',
    description:
      "One of my exports: its status, progress (0–100) and whether its file can be downloaded. Someone else's export is not found.",
    auth: EXPORT_ROLES,
    ok: ExportDto,
    errors: ['resource.not_found'],
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ExportDto> {
    return this.exports.get(user, id);
  }

  @Get(':id/file')
  @Operation({
    summary: 'Download an export',
    description:
      'The file of one of my exports, while I still hold its scope: state.conflict until it is built, export.expired once its 7 days are over.',
    auth: EXPORT_ROLES,
    scoped: true,
    errors: ['state.conflict', 'export.expired'],
  })
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file' })
  async download(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.exports.download(user, id);
    if (file.size !== null) void reply.header('content-length', file.size);
    await reply
      .header('content-type', file.contentType)
      .header(
        'content-disposition',
        `attachment; filename="${asciiFallback(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      )
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.stream);
  }
}
