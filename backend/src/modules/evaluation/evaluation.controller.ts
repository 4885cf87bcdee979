import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser, Public } from '../../common/auth/auth.decorator.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { OptionalUser } from '../../common/auth/optional-user.js';
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
  RedrawPanelDto,
  ResultsDto,
  ScoreBidDto,
  WorkspaceDto,
} from './dto/evaluation.dto.js';
import { ContractDto, ContractTermsDto } from '../contracts/dto/contract.dto.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { ComplaintsService } from './complaints.service.js';
import { EvaluationService } from './evaluation.service.js';
import { PanelService } from './panel.service.js';

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

  @Get('tenders/:id/panel')
  @Auth('street_officer')
  @ApiOkResponse({ type: PanelDto })
  panel(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PanelDto> {
    return this.panels.panelFor(user, id);
  }

  /** Forms the panel by a random draw from the street's evaluator pool (the first draw only). */
  @Post('tenders/:id/panel/draw')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: PanelDto })
  draw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DrawPanelDto,
  ): Promise<PanelDto> {
    return this.panels.draw(user, id, dto.size);
  }

  /** Replaces members (not scored yet) or seats left by conflicts with new random draws, for a recorded reason. */
  @Post('tenders/:id/panel/redraw')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: PanelDto })
  redraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RedrawPanelDto,
  ): Promise<PanelDto> {
    return this.panels.redraw(user, id, dto.userIds, dto.reason);
  }

  /** Every draw with its seed: the street office's at any time, public once the evaluation is over. */
  @Get('tenders/:id/panel/draws')
  @Public()
  @ApiOkResponse({ type: [PanelDrawDto] })
  async draws(
    @Req() request: FastifyRequest,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PanelDrawDto[]> {
    return this.panels.draws(await this.optionalUser.of(request), id);
  }

  /** A panel member declares a conflict of interest before scoring and leaves the panel. */
  @Post('tenders/:id/panel/conflict')
  @Auth('evaluator')
  @HttpCode(204)
  @ApiNoContentResponse()
  declareConflict(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ConflictDeclarationDto,
  ): Promise<void> {
    return this.panels.declareConflict(user, id, dto.reason);
  }

  @Post('tenders/:id/panel/declaration')
  @Auth('evaluator')
  @HttpCode(200)
  @ApiOkResponse({ type: [EvaluatorDto] })
  declare(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<EvaluatorDto[]> {
    return this.panels.declareNoConflict(user, id);
  }

  @Get('tenders/:id/evaluation')
  @Auth('evaluator')
  @ApiOkResponse({ type: WorkspaceDto })
  workspace(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<WorkspaceDto> {
    return this.evaluation.workspace(user, id);
  }

  @Post('bids/:id/scores')
  @Auth('evaluator')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkspaceDto })
  score(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ScoreBidDto,
  ): Promise<WorkspaceDto> {
    return this.evaluation.score(user, id, dto);
  }

  @Post('bids/:id/disqualify')
  @Auth('street_officer')
  @HttpCode(204)
  @ApiNoContentResponse()
  disqualify(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DisqualifyDto,
  ): Promise<void> {
    return this.evaluation.disqualify(user, id, dto.reason);
  }

  /** Public after the award: each bid's price and scores. */
  @Get('tenders/:id/results')
  @Public()
  @ApiOkResponse({ type: ResultsDto })
  async results(@Req() request: FastifyRequest, @Param('id', ParseUUIDPipe) id: string): Promise<ResultsDto> {
    return this.evaluation.results(await this.optionalUser.of(request), id);
  }

  @Post('tenders/:id/award')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: ResultsDto })
  award(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ResultsDto> {
    return this.evaluation.award(user, id);
  }

  @Post('tenders/:id/complaints')
  @Auth('org_admin')
  @ApiCreatedResponse({ type: ComplaintDto })
  complain(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ComplaintInputDto,
  ): Promise<ComplaintDto> {
    return this.complaintDesk.complain(user, id, dto);
  }

  @Get('tenders/:id/complaints')
  @Auth('org_admin', 'street_officer')
  @ApiOkResponse({ type: [ComplaintDto] })
  complaints(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ComplaintDto[]> {
    return this.complaintDesk.complaints(user, id);
  }

  @Post('complaints/:id/decision')
  @Auth('street_officer')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDto })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ComplaintDecisionDto,
  ): Promise<ComplaintDto> {
    return this.complaintDesk.decide(user, id, dto);
  }

  @Post('tenders/:id/contract')
  @Idempotent()
  @Auth('street_officer')
  @ApiCreatedResponse({ type: ContractDto })
  contract(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ContractTermsDto,
  ): Promise<ContractDto> {
    return this.contracts.createFromAward(user, id, dto);
  }

  @Get('tenders/:id/contract')
  @Public()
  @ApiOkResponse({ type: ContractDto })
  contractOfTender(@Param('id', ParseUUIDPipe) id: string): Promise<ContractDto> {
    return this.contracts.ofTender(id);
  }
}
