import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import type { Queryable } from '../../common/database/queryable.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { Page } from '../../common/pagination/page.js';
import { DisbursementsService } from '../disbursements/disbursements.service.js';
import { FundGrantsService } from '../fund/fund-grants.service.js';
import {
  AwardRoundDto,
  SubmissionEligibilityDto,
  OpenRoundDto,
  RoundDto,
  RoundSummaryDto,
  type RoundsQueryDto,
  RoundVoteDto,
  SubmitProjectDto,
  SubmittableProjectDto,
} from './dto/participatory.dto.js';
import * as sql from './participatory.sql.js';

/** A verified resident of the community: the resident role on it or on one of its grids. */
const residesIn = (user: AuthUser | undefined, communityPath: string) =>
  !!user?.memberships.some(
    (m) => m.role === 'resident' && m.regionPath !== null && m.regionPath.startsWith(communityPath),
  );

/** The organizations the caller administers. */
const administered = (user: AuthUser) =>
  user.memberships.filter((m) => m.role === 'org_admin' && m.organizationId).map((m) => m.organizationId!);

/**
 * 参与式预算 (docs/participation.md): rounds of a community's development fund put to its verified
 * residents' vote. Staff open a round and check eligibility, org admins submit small projects,
 * residents vote once (a secret ballot), staff count (one SQL statement) and award the winners as
 * fund grants, all in one transaction, which then go through the approvals of every grant.
 */
@Injectable()
export class ParticipatoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly fundGrants: FundGrantsService,
    private readonly disbursements: DisbursementsService,
  ) {}

  /** Staff open a round; its budget is at most what the fund has available to grant now. */
  async open(user: AuthUser, communityId: string, dto: OpenRoundDto): Promise<RoundDto> {
    const community = await sql.communityRegion(this.dataSource, communityId);
    if (!community) throw notFound('Community', communityId);
    await this.access.requireRegion(user, ['community_staff'], communityId);
    if (community.retired) throw new DomainError('reference.retired', 'The community is retired');
    if (dto.capFen > dto.budgetFen)
      throw new DomainError('validation.failed', 'The cap per project is at most the budget', {
        field: 'capFen',
      });
    const id = await this.dataSource.transaction(async (m) => {
      const position = await this.fundGrants.position(m, communityId);
      if (position.availableFen < dto.budgetFen)
        throw new DomainError(
          'fund.insufficient',
          `The community fund has ${position.availableFen} fen available; the round's budget is ${dto.budgetFen}`,
          { ...position, neededFen: dto.budgetFen },
        );
      const row = await sql.insertRound(m, {
        communityId,
        title: dto.title,
        description: dto.description,
        budgetFen: dto.budgetFen,
        capFen: dto.capFen,
        method: dto.method,
        submissionsOpenAt: dto.submissionsOpenAt ?? null,
        submissionsCloseAt: dto.submissionsCloseAt,
        votingOpensAt: dto.votingOpensAt ?? null,
        votingClosesAt: dto.votingClosesAt,
        openedBy: user.id,
      });
      if (!row)
        throw new DomainError(
          'validation.failed',
          'Submissions must close in the future, voting open no earlier than that and close after it opens',
          { field: 'votingClosesAt' },
        );
      await this.audit.recordChange(
        m,
        user.id,
        'participatory_round.opened',
        ['participatory_round', row.id],
        {
          after: { ...dto, communityId, fund: position },
        },
      );
      return row.id;
    });
    return this.get(user, id);
  }

  /** A community's rounds, newest first: public, like the fund's totals. */
  async list(communityId: string, query: RoundsQueryDto): Promise<Page<RoundSummaryDto>> {
    if (!(await sql.communityRegion(this.dataSource, communityId))) throw notFound('Community', communityId);
    return timeKeyedPage(query, (keyset) =>
      sql.roundsOfCommunity(this.dataSource, communityId, query.q, keyset),
    );
  }

  /** The public page of a round: its submissions, their counts once counted, the winners and their grants. */
  async get(user: AuthUser | undefined, id: string, db: Queryable = this.dataSource): Promise<RoundDto> {
    const r = await sql.roundById(db, id, user?.id ?? null);
    if (!r) throw notFound('Participatory round', id);
    const { communityPath, ...view } = r;
    const submissions = await sql.submissionsOf(db, id);
    return {
      ...view,
      canVote: r.status === 'open' && r.phase === 'voting' && !r.votedByMe && residesIn(user, communityPath),
      canManage: !!user && (await this.access.canActInRegion(user, ['community_staff'], r.communityId, db)),
      awardedFen: submissions.filter((s) => s.winner).reduce((sum, s) => sum + s.amountFen, 0),
      submissions,
    };
  }

  /** What the calling org admin may submit for in this round's community. */
  async submittable(user: AuthUser, id: string): Promise<SubmittableProjectDto[]> {
    const r = await sql.roundById(this.dataSource, id, user.id);
    if (!r) throw notFound('Participatory round', id);
    return sql.submittableProjects(this.dataSource, r.communityId, administered(user));
  }

  /**
   * An org admin submits a small project during the submission period, for an active project of
   * their verified organization serving the community (a resident group: its filed organization's
   * project), asking at most the round's cap.
   */
  async submit(user: AuthUser, id: string, dto: SubmitProjectDto): Promise<RoundDto> {
    return this.dataSource.transaction(async (m) => {
      const r = await this.lock(m, id);
      if (r.status !== 'open' || r.phase !== 'submissions')
        throw new DomainError(
          'state.invalid_transition',
          'The round takes submissions only during its submission period',
        );
      if (dto.amountFen > r.cap_fen)
        throw new DomainError(
          'validation.failed',
          `A submission asks at most the round's cap of ${r.cap_fen} fen`,
          {
            field: 'amountFen',
            capFen: r.cap_fen,
          },
        );
      const [project] = await sql.submittableProjects(m, r.community_id, administered(user), dto.projectId);
      if (!project)
        throw new DomainError(
          'validation.failed',
          'Submit for an active project of your verified organization serving this community: grants reach projects only, so a resident group submits through its filed organization’s project',
          { field: 'projectId' },
        );
      const submissionId = await sql.insertSubmission(m, {
        roundId: id,
        title: dto.title,
        description: dto.description,
        amountFen: dto.amountFen,
        projectId: project.id,
        organizationId: project.organizationId,
        submittedBy: user.id,
      });
      await this.audit.recordChange(
        m,
        user.id,
        'participatory_submission.submitted',
        ['participatory_submission', submissionId],
        { after: { ...dto, roundId: id, organizationId: project.organizationId } },
      );
      return this.get(user, id, m);
    });
  }

  /** Staff of the community decide a submission's eligibility, until voting opens (then the ballot is fixed). */
  async decideEligibility(
    user: AuthUser,
    submissionId: string,
    dto: SubmissionEligibilityDto,
  ): Promise<RoundDto> {
    return this.dataSource.transaction(async (m) => {
      const s = await sql.lockSubmission(m, submissionId);
      if (!s) throw notFound('Submission', submissionId);
      const r = await this.lock(m, s.round_id);
      await this.access.requireRegion(user, ['community_staff'], r.community_id, m);
      if (r.status !== 'open' || !['submissions', 'review'].includes(r.phase))
        throw new DomainError('state.invalid_transition', 'Eligibility is decided before voting opens');
      const eligibility = dto.eligible ? 'eligible' : 'ineligible';
      const reason = dto.eligible ? null : dto.reason!;
      await sql.setEligibility(m, submissionId, eligibility, reason);
      await this.audit.recordChange(
        m,
        user.id,
        'participatory_submission.eligibility',
        ['participatory_submission', submissionId],
        {
          before: { eligibility: s.eligibility, reason: s.ineligible_reason },
          after: { eligibility, reason },
        },
      );
      return this.get(user, r.id, m);
    });
  }

  /**
   * A verified resident of the community votes once, during the voting period: the voter roll's
   * primary key decides between concurrent votes; one anonymous ballot row per approved submission
   * is written in the same transaction. For knapsack, the chosen amounts must fit the budget.
   */
  async vote(user: AuthUser, id: string, dto: RoundVoteDto): Promise<RoundDto> {
    return this.dataSource.transaction(async (m) => {
      const r = await this.lock(m, id);
      if (!residesIn(user, r.community_path))
        throw new DomainError(
          'vote.not_eligible',
          'Only verified residents of the community vote in its round',
        );
      if (r.status !== 'open' || r.phase !== 'voting')
        throw new DomainError(
          'state.invalid_transition',
          'The round takes votes only during its voting period',
        );
      const chosen = [...new Set(dto.submissionIds)];
      const ballot = await sql.chosenOnBallot(m, id, chosen);
      if (ballot.found !== chosen.length)
        throw new DomainError('validation.failed', 'Choose among the eligible submissions of this round', {
          field: 'submissionIds',
        });
      if (r.method === 'knapsack' && ballot.sumFen > r.budget_fen)
        throw new DomainError(
          'validation.failed',
          `The chosen projects ask ${ballot.sumFen} fen together; the budget is ${r.budget_fen}`,
          { field: 'submissionIds', chosenFen: ballot.sumFen, budgetFen: r.budget_fen },
        );
      if (!(await sql.addVoter(m, id, user.id)))
        throw new DomainError('vote.already_cast', 'You have already voted in this round');
      await sql.insertBallots(m, id, chosen);
      await this.audit.recordChange(m, user.id, 'participatory_round.voted', ['participatory_round', id], {
        after: { secret: true },
      });
      return this.get(user, id, m);
    });
  }

  /** Staff count once the voting period is over: one statement writes the approvals and the winners. */
  async count(user: AuthUser, id: string): Promise<RoundDto> {
    return this.dataSource.transaction(async (m) => {
      const r = await this.lockForUpdate(m, user, id);
      if (r.status !== 'open' || r.phase !== 'closed')
        throw new DomainError('state.invalid_transition', 'A round is counted once, after its voting period');
      const result = await sql.countRound(m, id);
      await this.audit.recordChange(m, user.id, 'participatory_round.counted', ['participatory_round', id], {
        before: { status: 'open' },
        after: { status: 'counted', result },
      });
      return this.get(user, id, m);
    });
  }

  /**
   * Staff award a counted round: in one transaction each winner becomes a fund grant (the fund
   * account locked, fund.insufficient when it no longer covers them all), then finance and the
   * director approve each as every grant.
   */
  async award(user: AuthUser, id: string, dto: AwardRoundDto): Promise<RoundDto> {
    this.disbursements.requirePayoutMethod(dto.method);
    return this.dataSource.transaction(async (m) => {
      const r = await this.lockForUpdate(m, user, id);
      if (r.status !== 'counted')
        throw new DomainError(
          'state.invalid_transition',
          'Only a counted round, not yet awarded, is awarded',
        );
      const grants: Record<string, string> = {};
      for (const w of await sql.winnersOf(m, id)) {
        const disbursementId = await this.fundGrants.proposeIn(
          m,
          user,
          r.community_id,
          {
            projectId: w.project_id,
            amountFen: w.amount_fen,
            purpose: `参与式预算「${r.title}」：${w.title}`,
            method: dto.method,
          },
          { participatorySubmissionId: w.id },
        );
        await sql.linkGrant(m, w.id, disbursementId);
        grants[w.id] = disbursementId;
      }
      await sql.markAwarded(m, id);
      await this.audit.recordChange(m, user.id, 'participatory_round.awarded', ['participatory_round', id], {
        before: { status: 'counted' },
        after: { status: 'awarded', grants },
      });
      return this.get(user, id, m);
    });
  }

  private async lock(m: EntityManager, id: string): Promise<sql.LockedRound> {
    const r = await sql.lockRound(m, id);
    if (!r) throw notFound('Participatory round', id);
    return r;
  }

  private async lockForUpdate(m: EntityManager, user: AuthUser, id: string): Promise<sql.LockedRound> {
    const r = await sql.lockRoundForUpdate(m, id);
    if (!r) throw notFound('Participatory round', id);
    await this.access.requireRegion(user, ['community_staff'], r.community_id, m);
    return r;
  }
}
