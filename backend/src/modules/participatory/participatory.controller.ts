import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { OptionalUser } from '../../common/auth/optional-user.js';
import { Operation } from '../../common/http/operation.js';
import { UuidParam } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/page.js';
import {
  AwardRoundDto,
  SubmissionEligibilityDto,
  OpenRoundDto,
  RoundDto,
  RoundPageDto,
  RoundsQueryDto,
  RoundSummaryDto,
  RoundVoteDto,
  SubmitProjectDto,
  SubmittableProjectDto,
} from './dto/participatory.dto.js';
import { ParticipatoryService } from './participatory.service.js';

@ApiTags('participatory fund')
@Controller()
export class ParticipatoryController {
  constructor(
    private readonly rounds: ParticipatoryService,
    private readonly optionalUser: OptionalUser,
  ) {}

  @Post('communities/:communityId/participatory-rounds')
  @Operation({
    summary: 'Open a participatory fund round',
    description:
      "Community staff put part of their community's development fund to the residents' vote (参与式预算): a budget at most what the fund has available now (fund.insufficient otherwise), a cap per project, a submission period, a voting period and the method (approval or knapsack).",
    auth: ['community_staff'],
    created: { type: RoundDto, location: '/api/participatory-rounds/{id}' },
    scoped: true,
    errors: ['fund.insufficient', 'reference.retired'],
  })
  open(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Body() dto: OpenRoundDto,
  ): Promise<RoundDto> {
    return this.rounds.open(user, communityId, dto);
  }

  @Get('communities/:communityId/participatory-rounds')
  @Operation({
    summary: "Page through a community's participatory fund rounds",
    description:
      'Public, newest first, those whose title contains `q` when given, with their periods, the number of submissions and of voters.',
    auth: 'public',
    ok: RoundPageDto,
    errors: ['resource.not_found'],
  })
  list(
    @UuidParam('communityId') communityId: string,
    @Query() query: RoundsQueryDto,
  ): Promise<Page<RoundSummaryDto>> {
    return this.rounds.list(communityId, query);
  }

  @Get('participatory-rounds/:id')
  @Operation({
    summary: 'Read a participatory fund round',
    description:
      'The public page of a round: its submissions with their eligibility, the approvals and winners once counted, and each winner’s fund grant (status and amount) once awarded. A signed-in caller also learns whether they voted and may vote, or manage the round.',
    auth: 'public',
    ok: RoundDto,
    errors: ['resource.not_found'],
  })
  async get(@Req() request: FastifyRequest, @UuidParam('id') id: string): Promise<RoundDto> {
    return this.rounds.get(await this.optionalUser.of(request), id);
  }

  @Get('participatory-rounds/:id/submittable-projects')
  @Operation({
    summary: 'Projects the caller may submit for',
    description:
      "The active projects serving the round's community of the verified (or filed 备案) organizations the caller administers.",
    auth: ['org_admin'],
    ok: [SubmittableProjectDto],
    errors: ['resource.not_found'],
  })
  submittable(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<SubmittableProjectDto[]> {
    return this.rounds.submittable(user, id);
  }

  @Post('participatory-rounds/:id/submissions')
  @Operation({
    summary: 'Submit a small project',
    description:
      "An org admin submits, during the submission period, a small project asking at most the round's cap, for an active project of their verified organization serving the community. A resident group submits through its filed (备案) organization's project; without one it cannot receive a grant (validation.failed, field projectId).",
    auth: ['org_admin'],
    ok: RoundDto,
    errors: ['resource.not_found', 'state.invalid_transition'],
  })
  submit(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: SubmitProjectDto,
  ): Promise<RoundDto> {
    return this.rounds.submit(user, id, dto);
  }

  @Post('participatory-submissions/:id/eligibility')
  @Operation({
    summary: 'Decide whether a submission is eligible',
    description:
      'Community staff of the round’s community mark a submission eligible, or ineligible with a reason, before voting opens; only eligible ones are on the ballot. Audited.',
    auth: ['community_staff'],
    ok: RoundDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  eligibility(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: SubmissionEligibilityDto,
  ): Promise<RoundDto> {
    return this.rounds.decideEligibility(user, id, dto);
  }

  @Post('participatory-rounds/:id/votes')
  @Operation({
    summary: 'Vote in a participatory fund round',
    description:
      'A verified resident of the community approves eligible submissions, once, during the voting period; for a knapsack round the chosen amounts must fit the budget together. A second vote, even a concurrent one, is 409 vote.already_cast. The ballot is secret: it records that the resident voted, never linked to the choice.',
    auth: ['resident'],
    ok: RoundDto,
    errors: ['resource.not_found', 'vote.not_eligible', 'vote.already_cast', 'state.invalid_transition'],
  })
  vote(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: RoundVoteDto,
  ): Promise<RoundDto> {
    return this.rounds.vote(user, id, dto);
  }

  @Post('participatory-rounds/:id/count')
  @Operation({
    summary: 'Count a participatory fund round',
    description:
      'Community staff count once the voting period is over: approvals per eligible submission, then the winners in order of approvals (ties: the smaller amount, then the earlier submission), each while it still fits the budget, a larger one skipped for smaller ones after it.',
    auth: ['community_staff'],
    ok: RoundDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  count(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<RoundDto> {
    return this.rounds.count(user, id);
  }

  @Post('participatory-rounds/:id/award')
  @Operation({
    summary: 'Award a counted round as fund grants',
    description:
      'Community staff turn every winner into a fund grant (a fund_grant disbursement to its project) in one transaction: all of them, or none when the fund no longer covers them (fund.insufficient). Street finance, and the director at the threshold, then approve each as every grant.',
    auth: ['community_staff'],
    ok: RoundDto,
    scoped: true,
    errors: ['state.invalid_transition', 'fund.insufficient', 'payments.unavailable'],
  })
  award(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: AwardRoundDto,
  ): Promise<RoundDto> {
    return this.rounds.award(user, id, dto);
  }
}
