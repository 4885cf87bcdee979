import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Operation } from '../../common/http/operation.js';
import { ReadsFrom } from '../../common/auth/reads-from.js';
import type { ReadFrom } from '../../database/replica.js';
import { notFound } from '../../common/errors/domain-error.js';
import type { Page } from '../../common/pagination/page.js';
import { DirectoryEntryDto, DirectoryPageDto, DirectoryQueryDto } from './directory.dto.js';
import { DirectoryRepository } from './directory.repository.js';
import { UuidParam } from '../../common/http/params.js';

/** The public directory of verified organizations: no private field ever leaves through here. */
@ApiTags('directory')
@Controller('directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryRepository) {}

  @Get()
  @Operation({
    summary: 'Search the public directory',
    description:
      'Verified organizations by words of their name or description, type, category, community, street, tier and minimum valid grade, in keyset pages (cursor and limit) by name, score or grade. Only public fields.',
    auth: 'public',
    ok: DirectoryPageDto,
  })
  search(@Query() query: DirectoryQueryDto, @ReadsFrom() from: ReadFrom): Promise<Page<DirectoryEntryDto>> {
    return this.directory.search(query, from);
  }

  @Get(':id')
  @Operation({
    summary: "Read an organization's public profile",
    description: 'The public profile of a verified organization; any other is not found.',
    auth: 'public',
    ok: DirectoryEntryDto,
    errors: ['resource.not_found'],
  })
  async profile(@UuidParam('id') id: string, @ReadsFrom() from: ReadFrom): Promise<DirectoryEntryDto> {
    const entry = await this.directory.findPublic(id, from);
    if (!entry) throw notFound('Organization', id);
    return entry;
  }
}
