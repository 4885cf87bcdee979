import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import {
  AdmissionItemDto,
  AdmissionItemInputDto,
  CommunityTaskDto,
  NeedDto,
  NeedsQueryDto,
  PostNeedDto,
  PushTaskDto,
  TriageDto,
} from './dto/needs.dto.js';
import { NeedsService } from './needs.service.js';

@ApiTags('needs')
@Controller()
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @Post('needs')
  @Auth('resident', 'community_staff')
  @ApiCreatedResponse({ type: NeedDto })
  post(@CurrentUser() user: AuthUser, @Body() dto: PostNeedDto): Promise<NeedDto> {
    return this.needs.post(user, dto);
  }

  @Get('communities/:communityId/needs')
  @Auth('resident', 'community_staff', 'street_officer', 'platform_admin')
  @ApiOkResponse({ type: [NeedDto] })
  board(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
    @Query() query: NeedsQueryDto,
  ): Promise<NeedDto[]> {
    return this.needs.board(user, communityId, query.status);
  }

  @Post('needs/:id/upvote')
  @Auth('resident')
  @HttpCode(200)
  @ApiOkResponse({ type: NeedDto })
  upvote(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NeedDto> {
    return this.needs.upvote(user, id);
  }

  @Post('needs/:id/triage')
  @Auth('community_staff')
  @HttpCode(200)
  @ApiOkResponse({ type: NeedDto })
  triage(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TriageDto,
  ): Promise<NeedDto> {
    return this.needs.triage(user, id, dto);
  }

  @Get('communities/:communityId/admission-items')
  @Auth('community_staff', 'street_officer', 'platform_admin')
  @ApiOkResponse({ type: [AdmissionItemDto] })
  admissionList(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
  ): Promise<AdmissionItemDto[]> {
    return this.needs.admissionList(user, communityId);
  }

  @Post('communities/:communityId/admission-items')
  @Auth('community_staff')
  @ApiCreatedResponse({ type: AdmissionItemDto })
  admit(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
    @Body() dto: AdmissionItemInputDto,
  ): Promise<AdmissionItemDto> {
    return this.needs.admit(user, communityId, dto);
  }

  @Post('communities/:communityId/tasks')
  @Auth('street_officer')
  @ApiCreatedResponse({ type: CommunityTaskDto })
  @ApiUnprocessableEntityResponse({
    description: 'task.not_admitted: the task is not on the admission list (the refusal is recorded)',
  })
  pushTask(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
    @Body() dto: PushTaskDto,
  ): Promise<CommunityTaskDto> {
    return this.needs.pushTask(user, communityId, dto);
  }

  @Get('communities/:communityId/tasks')
  @Auth('community_staff', 'street_officer', 'platform_admin')
  @ApiOkResponse({ type: [CommunityTaskDto] })
  tasks(
    @CurrentUser() user: AuthUser,
    @Param('communityId', ParseUUIDPipe) communityId: string,
  ): Promise<CommunityTaskDto[]> {
    return this.needs.tasks(user, communityId);
  }
}
