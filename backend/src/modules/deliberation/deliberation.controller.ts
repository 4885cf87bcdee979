import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { UuidParam } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/page.js';
import { ConsultationsService } from './consultations.service.js';
import { DiscussionService } from './discussion.service.js';
import {
  CloseConsultationDto,
  CommentDto,
  CommentPageDto,
  CommentsQueryDto,
  CommentViewDto,
  ConsultationDto,
  ConsultationPageDto,
  ConsultationsQueryDto,
  ConsultationSummaryDto,
  ModerateDto,
  OpenConsultationDto,
  ProposeDto,
  VoteDto,
} from './dto/deliberation.dto.js';

/** Who reads a community's consultations and meetings. */
const READERS = ['resident', 'community_staff', 'street_officer', 'platform_admin'] as const;
const CONTRIBUTE_ERRORS = [
  'auth.out_of_scope',
  'vote.not_eligible',
  'resource.not_found',
  'state.invalid_transition',
] as const;

@ApiTags('deliberation')
@Controller()
export class DeliberationController {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly discussion: DiscussionService,
  ) {}

  @Post('communities/:communityId/consultations')
  @Operation({
    summary: 'Open a consultation',
    description:
      'Community staff put a question (议题) to the verified residents of their community or of one of its grids, with options (at least two unless residents may propose), a voting period and whether the ballot is secret.',
    auth: ['community_staff'],
    created: { type: ConsultationDto, location: '/api/consultations/{id}' },
    scoped: true,
    errors: ['reference.retired'],
  })
  open(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Body() dto: OpenConsultationDto,
  ): Promise<ConsultationDto> {
    return this.consultations.open(user, communityId, dto);
  }

  @Get('communities/:communityId/consultations')
  @Operation({
    summary: "Page through a community's consultations",
    description:
      'Newest first, optionally open or closed only and those whose title contains `q`, with the number of voters and whether the caller voted; never the counts per option.',
    auth: READERS,
    ok: ConsultationPageDto,
    scoped: true,
  })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: ConsultationsQueryDto,
  ): Promise<Page<ConsultationSummaryDto>> {
    return this.consultations.list(user, communityId, query);
  }

  @Get('consultations/:id')
  @Operation({
    summary: 'Read a consultation',
    description:
      'The question, its options (votes per option only once closed), the minutes and the needs the resolution created; its comments are a list of their own (GET /api/consultations/{id}/comments).',
    auth: READERS,
    ok: ConsultationDto,
    scoped: true,
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ConsultationDto> {
    return this.consultations.get(user, id);
  }

  @Post('consultations/:id/votes')
  @Operation({
    summary: 'Vote',
    description:
      'A verified resident of the region votes once for a visible option, while the consultation is open and in its period. A second vote, even a concurrent one, is 409 vote.already_cast. A secret ballot records that the resident voted, never linked to the choice.',
    auth: ['resident'],
    ok: ConsultationDto,
    errors: [...CONTRIBUTE_ERRORS, 'vote.already_cast'],
  })
  vote(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: VoteDto,
  ): Promise<ConsultationDto> {
    return this.discussion.vote(user, id, dto);
  }

  @Post('consultations/:id/proposals')
  @Operation({
    summary: 'Propose an option',
    description:
      'A verified resident of the region adds an option while the consultation is open, when it takes proposals.',
    auth: ['resident'],
    ok: ConsultationDto,
    errors: CONTRIBUTE_ERRORS,
  })
  propose(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ProposeDto,
  ): Promise<ConsultationDto> {
    return this.discussion.propose(user, id, dto);
  }

  @Get('consultations/:id/comments')
  @Operation({
    summary: "Page through a consultation's comments",
    description:
      'Newest first, for those who read the consultation; a reported or hidden comment shows its text only to staff and its author.',
    auth: READERS,
    ok: CommentPageDto,
    scoped: true,
  })
  comments(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: CommentsQueryDto,
  ): Promise<Page<CommentViewDto>> {
    return this.consultations.comments(user, id, query);
  }

  @Post('consultations/:id/comments')
  @Operation({
    summary: 'Comment on a consultation',
    description: 'A verified resident of the region comments while the consultation is open.',
    auth: ['resident'],
    ok: ConsultationDto,
    errors: CONTRIBUTE_ERRORS,
  })
  comment(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: CommentDto,
  ): Promise<ConsultationDto> {
    return this.discussion.comment(user, id, dto);
  }

  @Post('consultation-proposals/:id/report')
  @Operation({
    summary: "Report a resident's proposal",
    description:
      'Anyone who reads the consultation reports a proposal; it takes no votes and is hidden until community staff decide.',
    auth: READERS,
    ok: ConsultationDto,
    errors: ['resource.not_found'],
  })
  reportProposal(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ConsultationDto> {
    return this.discussion.report(user, 'option', id);
  }

  @Post('consultation-proposals/:id/moderate')
  @Operation({
    summary: "Hide or show a resident's proposal",
    description: "The community's staff decide on a proposal: hidden, or visible again.",
    auth: ['community_staff'],
    ok: ConsultationDto,
    scoped: true,
  })
  moderateProposal(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ModerateDto,
  ): Promise<ConsultationDto> {
    return this.discussion.moderate(user, 'option', id, dto.hide);
  }

  @Post('consultation-comments/:id/report')
  @Operation({
    summary: 'Report a comment',
    description:
      'Anyone who reads the consultation reports a comment; it is hidden until community staff decide.',
    auth: READERS,
    ok: ConsultationDto,
    errors: ['resource.not_found'],
  })
  reportComment(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ConsultationDto> {
    return this.discussion.report(user, 'comment', id);
  }

  @Post('consultation-comments/:id/moderate')
  @Operation({
    summary: 'Hide or show a comment',
    description: "The community's staff decide on a comment: hidden, or visible again.",
    auth: ['community_staff'],
    ok: ConsultationDto,
    scoped: true,
  })
  moderateComment(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ModerateDto,
  ): Promise<ConsultationDto> {
    return this.discussion.moderate(user, 'comment', id, dto.hide);
  }

  @Post('consultations/:id/close')
  @Operation({
    summary: 'Close a consultation into minutes',
    description:
      'Community staff close it once its period is over, with the minutes (决议) and the needs the resolution puts on the needs list (accepted, each recording the consultation). The result is public to its readers from then on.',
    auth: ['community_staff'],
    ok: ConsultationDto,
    scoped: true,
    errors: ['state.invalid_transition', 'reference.retired'],
  })
  close(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: CloseConsultationDto,
  ): Promise<ConsultationDto> {
    return this.consultations.close(user, id, dto);
  }
}
