import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import type { Page } from '../../common/pagination/page.js';
import {
  CreateProjectDto,
  MilestoneProgressDto,
  ProjectDto,
  ProjectListQueryDto,
  ProjectResidentDto,
  ProjectResidentPageDto,
  ProjectResidentsQueryDto,
  ProjectSummaryDto,
  ProjectSummaryPageDto,
} from './dto/project.dto.js';
import { ProjectsService } from './projects.service.js';
import { UuidParam } from '../../common/http/params.js';

@ApiTags('projects')
@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post('contracts/:contractId/project')
  @Operation({
    summary: "Set up a contract's project",
    description:
      "An admin of the contracted organization sets up the contract's one project: its lead and team (active members of the organization); each milestone's acceptance rule follows from the contract's KPIs.",
    auth: ['org_admin'],
    created: { type: ProjectDto, location: '/api/projects/{id}' },
    scoped: true,
    errors: ['state.conflict'],
  })
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('contractId') contractId: string,
    @Body() dto: CreateProjectDto,
  ): Promise<ProjectDto> {
    return this.projects.create(user, contractId, dto);
  }

  @Get('me/projects')
  @Operation({
    summary: 'List my projects',
    description: 'The projects the caller works on, and those of the organizations the caller administers.',
    auth: 'any',
    ok: [ProjectSummaryDto],
  })
  mine(@CurrentUser() user: AuthUser): Promise<ProjectSummaryDto[]> {
    return this.projects.mine(user);
  }

  @Get('projects')
  @Operation({
    summary: 'Page through my projects',
    description:
      'The projects GET /me/projects lists, a page at a time: `q` searches their titles and organizations, `status` keeps one status, newest or oldest first.',
    auth: 'any',
    ok: ProjectSummaryPageDto,
  })
  page(@CurrentUser() user: AuthUser, @Query() query: ProjectListQueryDto): Promise<Page<ProjectSummaryDto>> {
    return this.projects.page(user, query);
  }

  @Get('projects/:id/residents')
  @Operation({
    summary: 'List the residents a project serves',
    description:
      'Verified residents of the communities the project serves, by name (one community, part of a name), for its team to list as beneficiaries of a service.',
    auth: ['social_worker'],
    ok: ProjectResidentPageDto,
    scoped: true,
  })
  residents(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: ProjectResidentsQueryDto,
  ): Promise<Page<ProjectResidentDto>> {
    return this.projects.residents(user, id, query);
  }

  @Get('projects/:id')
  @Operation({
    summary: 'Read a project',
    description:
      "Its team, communities and each milestone's progress against its acceptance rule; for the team, the organization's admins and the street office of the contract.",
    auth: 'any',
    ok: ProjectDto,
    scoped: true,
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ProjectDto> {
    return this.projects.get(user, id);
  }

  @Get('projects/:id/progress')
  @Operation({
    summary: "Read a project's milestone progress",
    description:
      'Per milestone: approved hours, confirmed beneficiaries and satisfaction up to its due date, and whether its acceptance rule is met.',
    auth: 'any',
    ok: [MilestoneProgressDto],
    scoped: true,
  })
  async progress(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<MilestoneProgressDto[]> {
    return (await this.projects.get(user, id)).milestones;
  }
}
