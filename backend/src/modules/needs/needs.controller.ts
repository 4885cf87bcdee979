import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { type Page, PageQueryDto } from '../../common/pagination/page.js';
import {
  AdmissionItemDto,
  AdmissionItemInputDto,
  CommunityTaskDto,
  CommunityTaskPageDto,
  NeedDto,
  NeedPageDto,
  NeedsQueryDto,
  PostNeedDto,
  PushTaskDto,
  TriageDto,
} from './dto/needs.dto.js';
import { NeedsService } from './needs.service.js';
import { UuidParam } from '../../common/http/params.js';

/** Roles that see a community's needs board. */
const BOARD = ['resident', 'community_staff', 'street_officer', 'platform_admin'] as const;

@ApiTags('needs')
@Controller()
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @Post('needs')
  @Operation({
    summary: 'Post a need',
    description:
      'A resident or community staff member posts a need of their community (需求清单). It opens on the community board, where residents upvote it and community staff triage it.',
    auth: ['resident', 'community_staff'],
    created: { type: NeedDto, location: '/api/needs/{id}' },
    scoped: true,
    errors: ['reference.retired'],
  })
  post(@CurrentUser() user: AuthUser, @Body() dto: PostNeedDto): Promise<NeedDto> {
    return this.needs.post(user, dto);
  }

  @Get('needs/:id')
  @Operation({
    summary: 'Read a need',
    description: "One need, for those who see its community's board.",
    auth: BOARD,
    ok: NeedDto,
    scoped: true,
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<NeedDto> {
    return this.needs.get(user, id);
  }

  @Get('communities/:communityId/needs')
  @Operation({
    summary: "Page through a community's needs board",
    description:
      'The needs of a community, most upvoted first (then newest), optionally of one status; residents, staff and the street office above it see it.',
    auth: BOARD,
    ok: NeedPageDto,
    scoped: true,
  })
  board(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: NeedsQueryDto,
  ): Promise<Page<NeedDto>> {
    return this.needs.board(user, communityId, query);
  }

  @Post('needs/:id/upvote')
  @Operation({
    summary: 'Upvote a need',
    description:
      'A resident of the community upvotes an open or accepted need, once: upvoting again changes nothing.',
    auth: ['resident'],
    ok: NeedDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  upvote(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<NeedDto> {
    return this.needs.upvote(user, id);
  }

  @Post('needs/:id/triage')
  @Operation({
    summary: 'Accept or decline a need',
    description:
      "The community's staff decide an open need once: accepted (a tender may then address it) or declined with a reason.",
    auth: ['community_staff'],
    ok: NeedDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  triage(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: TriageDto,
  ): Promise<NeedDto> {
    return this.needs.triage(user, id, dto);
  }

  @Get('communities/:communityId/admission-items')
  @Operation({
    summary: "Read a community's task admission list",
    description: 'The tasks (准入清单) the community accepts from its street, by code.',
    auth: ['community_staff', 'street_officer', 'platform_admin'],
    ok: [AdmissionItemDto],
    scoped: true,
  })
  admissionList(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
  ): Promise<AdmissionItemDto[]> {
    return this.needs.admissionList(user, communityId);
  }

  @Post('communities/:communityId/admission-items')
  @Operation({
    summary: 'Add a task to the admission list',
    description: "The community's staff keep its admission list; a code is listed once.",
    auth: ['community_staff'],
    created: { type: AdmissionItemDto, location: '/api/communities/{communityId}/admission-items' },
    scoped: true,
    errors: ['state.conflict'],
  })
  admit(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Body() dto: AdmissionItemInputDto,
  ): Promise<AdmissionItemDto> {
    return this.needs.admit(user, communityId, dto);
  }

  @Post('communities/:communityId/tasks')
  @Operation({
    summary: 'Push a task onto a community',
    description:
      "The street office pushes a task; one not on the community's admission list is refused (422 task.not_admitted) and the refusal is kept and audited.",
    auth: ['street_officer'],
    created: { type: CommunityTaskDto, location: '/api/communities/{communityId}/tasks' },
    scoped: true,
    errors: ['task.not_admitted'],
  })
  pushTask(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Body() dto: PushTaskDto,
  ): Promise<CommunityTaskDto> {
    return this.needs.pushTask(user, communityId, dto);
  }

  @Get('communities/:communityId/tasks')
  @Operation({
    summary: "List a community's tasks",
    description: 'The tasks pushed onto the community, assigned and refused, newest first, a page at a time.',
    auth: ['community_staff', 'street_officer', 'platform_admin'],
    ok: CommunityTaskPageDto,
    scoped: true,
  })
  tasks(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<CommunityTaskDto>> {
    return this.needs.tasks(user, communityId, query);
  }
}
