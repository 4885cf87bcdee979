import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import { ExportDto, RequestExportDto } from './dto/export.dto.js';
import { CONTENT_TYPES } from './sheet-writer.js';
import { EXPORT_ROLES, ExportsService } from './exports.service.js';

/** An ASCII stand-in for clients that ignore filename* (RFC 6266). */
const asciiFallback = (fileName: string) => fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');

@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @Auth(...EXPORT_ROLES)
  @ApiCreatedResponse({ type: ExportDto, description: 'Queued; poll GET /exports/:id for progress' })
  request(@CurrentUser() user: AuthUser, @Body() dto: RequestExportDto): Promise<ExportDto> {
    return this.exports.request(user, dto);
  }

  @Get()
  @Auth(...EXPORT_ROLES)
  @ApiOkResponse({ type: [ExportDto], description: 'My exports, newest first (at most 50)' })
  mine(@CurrentUser() user: AuthUser): Promise<ExportDto[]> {
    return this.exports.mine(user);
  }

  @Get(':id')
  @Auth(...EXPORT_ROLES)
  @ApiOkResponse({ type: ExportDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ExportDto> {
    return this.exports.get(user, id);
  }

  @Get(':id/file')
  @Auth(...EXPORT_ROLES)
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description: '409 until done, 410 once expired',
  })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
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
