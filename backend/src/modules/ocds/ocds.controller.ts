import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadsFrom } from '../../common/auth/reads-from.js';
import { Operation } from '../../common/http/operation.js';
import { nextLink, PageLinksDto, PageQueryDto } from '../../common/pagination/page.js';
import type { ReadFrom } from '../../database/replica.js';
import { OcdsBulkService } from './ocds-bulk.service.js';
import { OcdsService } from './ocds.service.js';

export class OcdsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @IsOptional()
  @IsUUID()
  tenderId?: string;
}

class OcdsPublisherDto {
  @ApiProperty({ example: 'Sanshe Linkage 三社联动' }) name!: string;
  @ApiPropertyOptional({ example: 'https://sanshe.example.cn' }) uri?: string;
}

class OcdsPackageHeadDto {
  @ApiProperty({ description: 'This package’s own URL' }) uri!: string;
  @ApiProperty({ example: '1.1' }) version!: string;
  @ApiProperty({ type: String, format: 'date-time' }) publishedDate!: string;
  @ApiProperty({ type: OcdsPublisherDto }) publisher!: OcdsPublisherDto;
  @ApiProperty({ example: 'https://creativecommons.org/licenses/by/4.0/' }) license!: string;
}

/** An OCDS 1.1 release package; each release follows the OCDS release schema. */
export class OcdsReleasePackageDto extends OcdsPackageHeadDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'Releases (https://standard.open-contracting.org/1.1/en/schema/release/), each published once and never changed',
  })
  releases!: object[];
}

/** A page of tenders' current releases, with the link to the next page. */
export class OcdsReleasePageDto extends OcdsReleasePackageDto {
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page' })
  nextCursor!: string | null;
  @ApiProperty({ type: PageLinksDto }) links!: PageLinksDto;
}

/** An OCDS 1.1 record package of one contracting process. */
export class OcdsRecordPackageDto extends OcdsPackageHeadDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'One record: ocid, releases (every release, in publication order), compiledRelease and versionedRelease (https://standard.open-contracting.org/1.1/en/schema/records_reference/)',
  })
  records!: object[];
}

@ApiTags('transparency')
@Controller('ocds')
export class OcdsController {
  constructor(
    private readonly ocds: OcdsService,
    private readonly bulk: OcdsBulkService,
  ) {}

  @Get('releases')
  @Operation({
    summary: 'Read the OCDS release package',
    description:
      'The latest tender, award, contract and implementation releases of every public tender (or the one asked for), a page of tenders at a time (links.next). Sealed bids appear only after the bid deadline. A release is published when the process changes and never altered; anonymous callers read a replica. Every release at once: the bulk download, /api/ocds/bulk/releases.jsonl.gz.',
    auth: 'public',
    ok: OcdsReleasePageDto,
  })
  async releases(
    @Query() query: OcdsQueryDto,
    @ReadsFrom() from: ReadFrom,
    @Req() request: FastifyRequest,
  ): Promise<OcdsReleasePageDto> {
    const page = await this.ocds.releasePackage(query, from);
    return { ...page, links: { next: nextLink(request.url, page.nextCursor) } };
  }

  @Get('records/:ocid')
  @Operation({
    summary: 'Read the OCDS record of a contracting process',
    description:
      'Every release of the process (ocid `ocds-sanshe-<tender id>`), in publication order, with the compiled release and the versioned release (the history of each field).',
    auth: 'public',
    ok: OcdsRecordPackageDto,
    errors: ['resource.not_found'],
  })
  record(@Param('ocid') ocid: string): Promise<OcdsRecordPackageDto> {
    return this.ocds.record(ocid);
  }

  @Get('records/:ocid/releases')
  @Operation({
    summary: 'List the OCDS releases of a contracting process',
    description: 'Every release of the process, in publication order, as a release package.',
    auth: 'public',
    ok: OcdsReleasePackageDto,
    errors: ['resource.not_found'],
  })
  processReleases(@Param('ocid') ocid: string): Promise<OcdsReleasePackageDto> {
    return this.ocds.processReleases(ocid);
  }

  @Get('bulk/releases.jsonl.gz')
  @Operation({
    summary: 'Download every OCDS release (bulk)',
    description:
      'Every release of every public contracting process as one gzip file of JSON Lines: each line is the release package of one process (all its releases, in publication order; https://jsonlines.org). The file itself is gzip (`Content-Type: application/gzip`, no `Content-Encoding`), so what is saved is the .jsonl.gz. Rewritten a few minutes after releases are published and nightly; `ETag` (the SHA-256 of the file) and `Last-Modified` tell when it changed, and `If-None-Match` / `If-Modified-Since` answer 304. Until it is first written: 503 `ocds.bulk_unavailable` with `Retry-After`.',
    auth: 'public',
    errors: ['ocds.bulk_unavailable'],
  })
  @ApiProduces('application/gzip')
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description: 'The gzip file of JSON Lines, one release package per line',
    headers: {
      ETag: { description: 'The SHA-256 of the file', schema: { type: 'string' } },
      'Last-Modified': { description: 'When the file was written', schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 304, description: 'Not modified since the ETag or date the client has' })
  async bulkReleases(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { file, stream } = await this.bulk.open();
    const etag = `"${file.sha256}"`;
    // HTTP dates have whole seconds: the file's own time, rounded down, is what a client sends back.
    const modified = new Date(file.generatedAt);
    void reply
      .header('etag', etag)
      .header('last-modified', modified.toUTCString())
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff');
    if (notModified(request, etag, modified)) {
      stream.destroy();
      await reply.status(304).send();
      return;
    }
    await reply
      .header('content-type', 'application/gzip')
      .header('content-length', file.bytes)
      .header('content-disposition', 'attachment; filename="ocds-releases.jsonl.gz"')
      .send(stream);
  }
}

/** RFC 9110 §13.1: If-None-Match decides when present; otherwise If-Modified-Since. */
function notModified(request: FastifyRequest, etag: string, modified: Date): boolean {
  const inm = request.headers['if-none-match'];
  if (inm !== undefined)
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === etag);
  const ims = request.headers['if-modified-since'];
  const since = ims ? Date.parse(ims) : NaN;
  return !Number.isNaN(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}
