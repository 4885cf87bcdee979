import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorator.js';
import { ReadsFrom } from '../../common/auth/reads-from.js';
import type { ReadFrom } from '../../database/replica.js';
import { notFound } from '../../common/errors/domain-error.js';
import { DirectoryEntryDto, DirectoryPageDto, DirectoryQueryDto } from './directory.dto.js';
import { DirectoryRepository } from './directory.repository.js';

/** The public directory of verified organizations: no private field ever leaves through here. */
@ApiTags('directory')
@Controller('directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryRepository) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: DirectoryPageDto })
  search(@Query() query: DirectoryQueryDto, @ReadsFrom() from: ReadFrom): Promise<DirectoryPageDto> {
    return this.directory.search(query, from);
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: DirectoryEntryDto })
  async profile(
    @Param('id', ParseUUIDPipe) id: string,
    @ReadsFrom() from: ReadFrom,
  ): Promise<DirectoryEntryDto> {
    const entry = await this.directory.findPublic(id, from);
    if (!entry) throw notFound('Organization', id);
    return entry;
  }
}
