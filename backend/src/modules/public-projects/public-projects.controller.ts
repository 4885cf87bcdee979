import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReadsFrom } from '../../common/auth/reads-from.js';
import { Operation } from '../../common/http/operation.js';
import { UuidParam } from '../../common/http/params.js';
import type { ReadFrom } from '../../database/replica.js';
import { type Page, PageQueryDto } from '../../common/pagination/page.js';
import {
  PublicProjectDto,
  PublicProjectPageDto,
  PublicProjectQueryDto,
  type PublicReplyDto,
  PublicReplyPageDto,
  type PublicProjectSummaryDto,
} from './public-projects.dto.js';
import { PublicProjectsService } from './public-projects.service.js';

@ApiTags('transparency')
@Controller('public/projects')
export class PublicProjectsController {
  constructor(private readonly projects: PublicProjectsService) {}

  @Get()
  @Operation({
    summary: 'List projects publicly',
    description:
      'Every project, newest first, with its contract amount, approved hours and money paid; filtered by street, community served, or words of its title or organization. Anonymous callers read a replica.',
    auth: 'public',
    ok: PublicProjectPageDto,
  })
  list(
    @Query() query: PublicProjectQueryDto,
    @ReadsFrom() from: ReadFrom,
  ): Promise<Page<PublicProjectSummaryDto>> {
    return this.projects.list(query, from);
  }

  @Get(':id')
  @Operation({
    summary: "Read a project's public record",
    description:
      "The project's story from need to money: the needs it answers, its tender and result, contract and milestones, money committed and paid, approved hours by month, confirmed beneficiaries (counts) and residents' ratings with the organization's replies. No resident's personal data.",
    auth: 'public',
    ok: PublicProjectDto,
    errors: ['resource.not_found'],
  })
  get(@UuidParam('id') id: string, @ReadsFrom() from: ReadFrom): Promise<PublicProjectDto> {
    return this.projects.get(id, from);
  }

  @Get(':id/replies')
  @Operation({
    summary: "Page through a project's replies to ratings",
    description:
      "The organization's replies to residents' ratings of the project, newest first, each with the comment it answers while that comment is visible (never its author).",
    auth: 'public',
    ok: PublicReplyPageDto,
    errors: ['resource.not_found'],
  })
  replies(
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
    @ReadsFrom() from: ReadFrom,
  ): Promise<Page<PublicReplyDto>> {
    return this.projects.replies(id, query, from);
  }
}
