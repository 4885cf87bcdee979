import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { biddersOf, bidsOfTender, type Bidder } from '../bids/bids.sql.js';
import { Notifier } from '../notifications/notifier.js';
import { pastPerformanceScores } from '../scoring/past-performance.js';
import { lockTender } from '../tenders/tender-lock.js';
import { tenderTransition } from '../tenders/tender-rules.js';
import { Tender } from '../tenders/tender.entity.js';
import { ResultRowDto, ResultsDto, ScoreBidDto, WorkspaceDto } from './dto/evaluation.dto.js';
import * as sql from './evaluation.sql.js';
import { performanceScore, priceScore, rankBids, round2, technicalScore } from './formulas.js';
import { requireDeclared } from './panel.service.js';

/** Bids still in the competition after opening. */
const IN_COMPETITION = ['opened', 'qualified', 'awarded', 'not_awarded'];

/** Scoring by the declared panel, disqualification, the ranking and the award (PRODUCT §4). */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
  ) {}

  async workspace(user: AuthUser, tenderId: string): Promise<WorkspaceDto> {
    await requireDeclared(this.dataSource, user, tenderId);
    return {
      bids: await bidsOfTender(this.dataSource, tenderId, { statuses: IN_COMPETITION }),
      myScores: await sql.myScores(this.dataSource, tenderId, user.id),
    };
  }

  /** An evaluator's points per technical sub-criterion for one bid, each within the criterion's weight. */
  async score(user: AuthUser, bidId: string, dto: ScoreBidDto): Promise<WorkspaceDto> {
    const tenderId = await this.dataSource.transaction(async (m) => {
      const bid = await sql.bidState(m, bidId);
      if (!bid) throw notFound('Bid', bidId);
      const t = await lockTender(m, bid.tender_id, { share: true });
      await requireDeclared(m, user, t.id);
      if (t.status !== 'evaluating') throw new DomainError('state.invalid_transition', 'Scoring is closed');
      if (!['opened', 'qualified'].includes(bid.status))
        throw new DomainError('state.invalid_transition', `A ${bid.status} bid is not scored`);
      const criteria = t.weights.criteria;
      const given = new Map(dto.criteria.map((c) => [c.key, c.points]));
      const missing = criteria.filter((c) => !given.has(c.key)).map((c) => c.key);
      const unknown = [...given.keys()].filter((k) => !criteria.some((c) => c.key === k));
      const over = criteria
        .filter((c) => (given.get(c.key) ?? 0) > c.weight)
        .map((c) => `${c.key} (max ${c.weight})`);
      if (missing.length || unknown.length || over.length) {
        throw new DomainError(
          'validation.failed',
          'Score every sub-criterion of this tender once, within its weight',
          { missing, unknown, over },
        );
      }
      for (const c of criteria) {
        await sql.upsertScore(m, {
          tenderId: t.id,
          bidId,
          evaluatorId: user.id,
          criterionKey: c.key,
          points: given.get(c.key)!,
        });
      }
      await this.audit.recordChange(m, user.id, 'bid.scored', ['bid', bidId], {
        after: Object.fromEntries(given),
      });
      return t.id;
    });
    return this.workspace(user, tenderId);
  }

  async disqualify(user: AuthUser, bidId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const bid = await sql.bidState(m, bidId, true);
      if (!bid) throw notFound('Bid', bidId);
      const t = await lockTender(m, bid.tender_id, { hideDraft: true });
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      if (t.status !== 'evaluating' || !['opened', 'qualified'].includes(bid.status)) {
        throw new DomainError('state.invalid_transition', 'Only bids under evaluation can be disqualified');
      }
      await sql.disqualifyBid(m, bidId, reason);
      await this.audit.recordStatusChange(m, user.id, 'bid.disqualified', ['bid', bidId], bid.status, {
        status: 'disqualified',
        reason,
      });
    });
  }

  /**
   * The ranking as the formulas give it. Public once the tender is awarded; before that only the
   * street office sees it.
   */
  async results(user: AuthUser | undefined, tenderId: string): Promise<ResultsDto> {
    const t = await this.dataSource.manager.findOne(Tender, { where: { id: tenderId } });
    if (!t || t.status === 'draft') throw notFound('Tender', tenderId);
    const isPublic = ['awarded', 'standstill', 'contracted'].includes(t.status);
    if (!isPublic) {
      if (!user || t.status !== 'evaluating')
        throw new DomainError('auth.forbidden', 'Results are published with the award');
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
    }
    return this.compute(this.dataSource.manager, t);
  }

  /**
   * Awards the top-ranked bid once every declared evaluator has scored every bid in competition,
   * and starts the standstill in the same transaction.
   */
  async award(user: AuthUser, tenderId: string): Promise<ResultsDto> {
    await this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, tenderId, { hideDraft: true });
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      const awarded = tenderTransition(t.status, 'award');
      const { declared, missing } = await sql.scoringProgress(m, tenderId);
      if (declared === 0)
        throw new DomainError('state.invalid_transition', 'No evaluator has declared and scored yet');
      if (missing > 0)
        throw new DomainError('state.invalid_transition', `${missing} score sheet(s) are still missing`, {
          missing,
        });
      const results = await this.compute(m, t);
      const winner = results.ranking[0];
      if (!winner) throw new DomainError('state.invalid_transition', 'No bid is left in competition');
      const standstill = tenderTransition(awarded, 'start_standstill');
      await sql.recordAward(m, tenderId, winner.bidId, standstill);
      await this.audit.recordStatusChange(m, user.id, 'tender.awarded', ['tender', tenderId], t.status, {
        status: awarded,
        bidId: winner.bidId,
        ranking: results.ranking,
      });
      await this.audit.recordStatusChange(
        m,
        user.id,
        'tender.standstill_started',
        ['tender', tenderId],
        awarded,
        { status: standstill },
      );
      await this.notifier.tenderAwarded(m, tenderId);
    });
    return this.results(user, tenderId);
  }

  private async compute(m: EntityManager, t: Tender): Promise<ResultsDto> {
    const bids = (await biddersOf(m, t.id)).filter((b) => b.status !== 'submitted');
    const competing = bids.filter((b) => IN_COMPETITION.includes(b.status));
    const totals = await sql.technicalTotals(m, t.id);
    const lowest = Math.min(...competing.map((b) => b.price_fen));
    const performance = await pastPerformanceScores(
      m,
      competing.map((b) => b.organization_id),
    );
    const ranked = rankBids(
      competing.map((b) => ({
        bidId: b.id,
        technical: technicalScore(totals.filter((x) => x.bid_id === b.id).map((x) => x.total)),
        price: priceScore(lowest, b.price_fen, t.weights.price),
        performance: performanceScore(performance.get(b.organization_id) ?? 0, t.weights.performance),
        submittedAt: b.submitted_at,
      })),
    );
    const row = (b: Bidder, r?: (typeof ranked)[number]): ResultRowDto => ({
      bidId: b.id,
      organizationId: b.organization_id,
      organizationName: b.name,
      priceFen: b.price_fen,
      technical: round2(r?.technical ?? 0),
      price: round2(r?.price ?? 0),
      performance: round2(r?.performance ?? 0),
      total: round2(r?.total ?? 0),
      rank: r?.rank ?? 0,
      status: b.status,
    });
    return {
      ranking: ranked.map((r) =>
        row(
          bids.find((b) => b.id === r.bidId)!,
          r,
        ),
      ),
      disqualified: bids.filter((b) => b.status === 'disqualified').map((b) => row(b)),
      awardedBidId: t.awardedBidId,
      standstillEndsAt: t.standstillEndsAt,
    };
  }
}
