import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { OptionalUser } from '../../common/auth/optional-user.js';
import { Operation } from '../../common/http/operation.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { ContractDto, ContractTermsDto } from '../contracts/dto/contract.dto.js';
import { ComplaintsService } from './complaints.service.js';
import {
  ComplaintDecisionDto,
  ComplaintDto,
  ComplaintInputDto,
  ConflictDeclarationDto,
  DisqualifyDto,
  DrawPanelDto,
  EvaluatorDto,
  PanelDrawDto,
  PanelDto,
  PanelTenderPageDto,
  type PanelTenderDto,
  RedrawPanelDto,
  ResultsDto,
  ScoreBidDto,
  WorkspaceDto,
} from './dto/evaluation.dto.js';
import { EvaluationService } from './evaluation.service.js';
import { PanelService } from './panel.service.js';
import { UuidParam } from '../../common/http/params.js';
import { type Page, PageQueryDto } from '../../common/pagination/page.js';

/** What acting on a tender in scope can refuse beyond validation: no such tender, another street's. */

@ApiTags('evaluation')
@Controller()
export class EvaluationController {
  constructor(
    private readonly evaluation: EvaluationService,
    private readonly panels: PanelService,
    private readonly complaintDesk: ComplaintsService,
    private readonly contracts: ContractsService,
    private readonly optionalUser: OptionalUser,
  ) {}

  @Get('me/panels')
  @Operation({
    summary: 'My panels',
    description:
      'The tenders under evaluation whose panel the caller sits on, the earliest bid deadline first; `owed` marks those still waiting for their declaration or scores (the home page’s tenders to score).',
    auth: ['evaluator'],
    ok: PanelTenderPageDto,
  })
  myPanels(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<PanelTenderDto>> {
    return this.panels.seatsOf(user, query);
  }

  @Get('tenders/:id/panel')
  @Operation({
    summary: 'Read the evaluation panel',
    description:
      'For the street office: the members, the seats left by declared conflicts, the size of the street’s evaluator pool for the category and how many of it could be drawn now.',
    auth: ['street_officer'],
    ok: PanelDto,
    scoped: true,
  })
  panel(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<PanelDto> {
    return this.panels.panelFor(user, id);
  }

  @Post('tenders/:id/panel/draw')
  @Operation({
    summary: 'Draw the evaluation panel',
    description:
      'Forms the panel by a random draw from the street’s evaluator pool, recording seed and candidates so anyone can re-run it. The first draw only, on a published or evaluating tender; later changes are redraws.',
    auth: ['street_officer'],
    ok: PanelDto,
    scoped: true,
    errors: ['state.invalid_transition', 'state.conflict', 'panel.too_few_eligible'],
  })
  draw(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: DrawPanelDto,
  ): Promise<PanelDto> {
    return this.panels.draw(user, id, dto.size);
  }

  @Post('tenders/:id/panel/redraw')
  @Operation({
    summary: 'Redraw panel seats',
    description:
      'Replaces members who have not scored yet, or seats left by declared conflicts, with new random draws, for a recorded reason. The replaced are never drawn again for this tender.',
    auth: ['street_officer'],
    ok: PanelDto,
    scoped: true,
    errors: ['state.invalid_transition', 'state.conflict', 'panel.too_few_eligible'],
  })
  redraw(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: RedrawPanelDto,
  ): Promise<PanelDto> {
    return this.panels.redraw(user, id, dto.userIds, dto.reason);
  }

  @Get('tenders/:id/panel/draws')
  @Operation({
    summary: 'Read the panel draws',
    description:
      'Every draw with its seed and candidates (user ids): the street office’s at any time, public once the evaluation is over.',
    auth: 'public',
    ok: [PanelDrawDto],
    scoped: true,
    errors: ['auth.forbidden'],
  })
  async draws(@Req() request: FastifyRequest, @UuidParam('id') id: string): Promise<PanelDrawDto[]> {
    return this.panels.draws(await this.optionalUser.of(request), id);
  }

  @Post('tenders/:id/panel/conflict')
  @Operation({
    summary: 'Declare a conflict of interest',
    description:
      'A panel member who has not scored yet leaves the panel with the reason; the seat waits for a redraw.',
    auth: ['evaluator'],
    noContent: true,
    scoped: true,
    errors: ['state.invalid_transition', 'state.conflict'],
  })
  declareConflict(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ConflictDeclarationDto,
  ): Promise<void> {
    return this.panels.declareConflict(user, id, dto.reason);
  }

  @Post('tenders/:id/panel/declaration')
  @Operation({
    summary: 'Declare no conflict of interest',
    description:
      'Once bidding has closed, before seeing any bid. Refused to a member of a bidding organization.',
    auth: ['evaluator'],
    ok: [EvaluatorDto],
    scoped: true,
    errors: ['state.invalid_transition', 'state.conflict'],
  })
  declare(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<EvaluatorDto[]> {
    return this.panels.declareNoConflict(user, id);
  }

  @Get('tenders/:id/evaluation')
  @Operation({
    summary: 'Open the evaluation workspace',
    description: 'For a declared panel member: the bids in competition and the member’s own scores.',
    auth: ['evaluator'],
    ok: WorkspaceDto,
    errors: ['auth.out_of_scope'],
  })
  workspace(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<WorkspaceDto> {
    return this.evaluation.workspace(user, id);
  }

  @Post('bids/:id/scores')
  @Operation({
    summary: 'Score a bid',
    description:
      'A declared panel member scores every technical sub-criterion of the tender once, each within its weight; scoring again replaces the member’s scores.',
    auth: ['evaluator'],
    ok: WorkspaceDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  score(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ScoreBidDto,
  ): Promise<WorkspaceDto> {
    return this.evaluation.score(user, id, dto);
  }

  @Post('bids/:id/disqualify')
  @Operation({
    summary: 'Disqualify a bid',
    description: 'The street office takes a bid under evaluation out of the competition, with the reason.',
    auth: ['street_officer'],
    noContent: true,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  disqualify(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: DisqualifyDto,
  ): Promise<void> {
    return this.evaluation.disqualify(user, id, dto.reason);
  }

  @Get('tenders/:id/results')
  @Operation({
    summary: 'Read the evaluation results',
    description:
      'Each bid’s price, technical, price and performance scores and rank by the formulas. Public from the award on; during evaluation, the street office’s only.',
    auth: 'public',
    ok: ResultsDto,
    scoped: true,
    errors: ['auth.forbidden'],
  })
  async results(@Req() request: FastifyRequest, @UuidParam('id') id: string): Promise<ResultsDto> {
    return this.evaluation.results(await this.optionalUser.of(request), id);
  }

  @Post('tenders/:id/award')
  @Operation({
    summary: 'Award the tender',
    description:
      'Once every declared evaluator has scored every bid in competition, awards the top-ranked bid and starts the standstill in the same transaction; bidders are told.',
    auth: ['street_officer'],
    ok: ResultsDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  award(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ResultsDto> {
    return this.evaluation.award(user, id);
  }

  @Post('tenders/:id/complaints')
  @Operation({
    summary: 'Complain about an award',
    description: 'A bidder’s admin complains, in its organization’s name, during the standstill only.',
    auth: ['org_admin'],
    created: { type: ComplaintDto, location: '/api/tenders/{tenderId}/complaints' },
    scoped: true,
    errors: ['auth.forbidden', 'tender.closed'],
  })
  complain(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ComplaintInputDto,
  ): Promise<ComplaintDto> {
    return this.complaintDesk.complain(user, id, dto);
  }

  @Get('tenders/:id/complaints')
  @Operation({
    summary: 'Read the complaints of a tender',
    description: 'The street office sees them all; a bidder its own organizations’.',
    auth: ['org_admin', 'street_officer'],
    ok: [ComplaintDto],
    errors: ['resource.not_found'],
  })
  complaints(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<ComplaintDto[]> {
    return this.complaintDesk.complaints(user, id);
  }

  @Post('complaints/:id/decision')
  @Operation({
    summary: 'Decide a complaint',
    description:
      'Upholding undoes the award and sends the tender back to evaluation; dismissing keeps it. Decided once.',
    auth: ['street_officer'],
    ok: ComplaintDto,
    scoped: true,
    errors: ['state.invalid_transition'],
  })
  decide(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ComplaintDecisionDto,
  ): Promise<ComplaintDto> {
    return this.complaintDesk.decide(user, id, dto);
  }

  @Post('tenders/:id/contract')
  @Idempotent()
  @Operation({
    summary: 'Make the contract',
    description:
      'After the standstill, with no complaint pending: the award becomes a contract with its milestones (exact to the fen), committed against the street’s budget for the year it starts in. Safe to retry with an Idempotency-Key.',
    auth: ['street_officer'],
    created: { type: ContractDto, location: '/api/tenders/{tenderId}/contract' },
    scoped: true,
    errors: [
      'state.invalid_transition',
      'budget.insufficient',
      'idempotency.in_flight',
      'idempotency.key_reused',
    ],
  })
  contract(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ContractTermsDto,
  ): Promise<ContractDto> {
    return this.contracts.createFromAward(user, id, dto);
  }

  @Get('tenders/:id/contract')
  @Operation({
    summary: 'Read the contract of a tender',
    description: 'The contract made from the award, with its milestones; public.',
    auth: 'public',
    ok: ContractDto,
    errors: ['resource.not_found'],
  })
  contractOfTender(@UuidParam('id') id: string): Promise<ContractDto> {
    return this.contracts.ofTender(id);
  }
}
