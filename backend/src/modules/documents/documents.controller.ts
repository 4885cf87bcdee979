import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { UuidParam } from '../../common/http/params.js';
import { ApiFileUpload, uploadedFile } from '../../common/storage/uploaded-file.js';
import { dispositionOf, PDF, UPLOADER_ROLES } from './document-rules.js';
import { DocumentFileDto, UploadDocumentQueryDto } from './dto/document.dto.js';
import { type DocumentContent, DocumentsService } from './documents.service.js';
import { THUMBNAIL_TYPE } from './file-content.js';

/** An ASCII stand-in for clients that ignore filename* (RFC 6266). */
const asciiFallback = (fileName: string) => fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');

async function send(reply: FastifyReply, file: DocumentContent, disposition: string): Promise<void> {
  if (file.size >= 0) void reply.header('content-length', file.size);
  await reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `${disposition}; filename="${asciiFallback(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.stream);
}

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Operation({
    summary: 'Upload a document',
    description:
      "Uploads the multipart field `file` for a purpose: evidence of a service record (social workers and org admins of `organizationId`), a milestone deliverable or a bid document (org admins of `organizationId`), a tender document (street officers of `streetId`). The type is decided from the bytes against the purpose's list (415 otherwise), the size against its limit (413). Photos are re-encoded: EXIF and GPS are removed unless `keepLocation=true`, and a thumbnail is made. The document starts in quarantine (`pending_scan`) and is offered once the virus scan calls it clean; poll GET /api/documents/{id}.",
    auth: UPLOADER_ROLES,
    created: { type: DocumentFileDto, location: '/api/documents/{id}' },
    scoped: true,
    errors: ['file.too_large', 'file.unsupported_type', 'file.unreadable'],
  })
  @ApiFileUpload()
  upload(
    @CurrentUser() user: AuthUser,
    @Query() query: UploadDocumentQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<DocumentFileDto> {
    return this.documents.upload(user, query, (maxBytes) => uploadedFile(request, maxBytes));
  }

  @Get(':id')
  @Operation({
    summary: 'Read a document’s details',
    description:
      "Its status (pending_scan, clean, infected with the signature found), type, size and hash. To the owner's members (the organization's roles, or the street's roles), platform admins and those who may read what it is attached to; to anyone else it does not exist (404).",
    auth: 'any',
    ok: DocumentFileDto,
    errors: ['resource.not_found'],
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<DocumentFileDto> {
    return this.documents.get(user, id);
  }

  @Get(':id/content')
  @Operation({
    summary: 'Download a document',
    description:
      'The bytes of a clean document, to those who may read it. PDFs and photos are sent inline (the browser previews them), office files as attachments. 409 while in quarantine, and for a bid’s file until the tender’s bid deadline (document.sealed: stored encrypted, nobody reads it before); 410 once the scanner found a threat (the bytes are deleted).',
    auth: 'any',
    ok: undefined,
    errors: ['resource.not_found', 'document.not_scanned', 'document.sealed', 'document.infected'],
  })
  @ApiProduces(PDF, 'image/jpeg', 'image/png', 'image/webp', 'application/octet-stream')
  async content(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.documents.content(user, id);
    await send(reply, file, dispositionOf(file.contentType));
  }

  @Get(':id/thumbnail')
  @Operation({
    summary: 'A photo’s thumbnail',
    description:
      'A WebP of at most 320 × 320 pixels of a clean photo, for lists; same readers as the document.',
    auth: 'any',
    ok: undefined,
    errors: ['resource.not_found', 'document.not_scanned', 'document.infected'],
  })
  @ApiProduces(THUMBNAIL_TYPE)
  async thumbnail(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await send(reply, await this.documents.thumbnail(user, id), 'inline');
  }
}
