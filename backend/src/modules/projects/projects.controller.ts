import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import {
  CreateProjectDto,
  MilestoneProgressDto,
  ProjectDto,
  ProjectResidentDto,
  ProjectSummaryDto,
} from './dto/project.dto.js';
import { ProjectsService } from './projects.service.js';

@ApiTags('projects')
@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post('contracts/:contractId/project')
  @Auth('org_admin')
  @ApiCreatedResponse({ type: ProjectDto })
  create(
    @CurrentUser() user: AuthUser,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @Body() dto: CreateProjectDto,
  ): Promise<ProjectDto> {
    return this.projects.create(user, contractId, dto);
  }

  @Get('me/projects')
  @Auth()
  @ApiOkResponse({ type: [ProjectSummaryDto] })
  mine(@CurrentUser() user: AuthUser): Promise<ProjectSummaryDto[]> {
    return this.projects.mine(user);
  }

  @Get('projects/:id/residents')
  @Auth('social_worker')
  @ApiOkResponse({ type: [ProjectResidentDto] })
  residents(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProjectResidentDto[]> {
    return this.projects.residents(user, id);
  }

  @Get('projects/:id')
  @Auth()
  @ApiOkResponse({ type: ProjectDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectDto> {
    return this.projects.get(user, id);
  }

  @Get('projects/:id/progress')
  @Auth()
  @ApiOkResponse({ type: [MilestoneProgressDto] })
  async progress(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MilestoneProgressDto[]> {
    return (await this.projects.get(user, id)).milestones;
  }
}
