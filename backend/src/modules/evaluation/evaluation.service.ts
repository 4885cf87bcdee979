import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { Notifier } from '../notifications/notifier.js';
import { pastPerformanceScores } from '../scoring/past-performance.js';
import { tenderTransition } from '../tenders/tender-rules.js';
import { Tender } from '../tenders/tender.entity.js';
import {
  ComplaintDecisionDto,
  ComplaintDto,
  ComplaintInputDto,
  ContractDto,
  ContractTermsDto,
  EvaluatorDto,
  PanelDrawDto,
  PanelDto,
  PanelVacancyDto,
  ResultRowDto,
  ResultsDto,
  ScoreBidDto,
  WorkspaceDto,
} from './dto/evaluation.dto.js';
import { drawPanel, newDrawSeed } from './panel-draw.js';
import { performanceScore, priceScore, rankBids, round2, splitAmount, technicalScore } from './formulas.js';

/** Bids still in the competition after opening. */
const IN_COMPETITION = ['opened', 'qualified', 'awarded', 'not_awarded'];

/** Statuses in which the panel is formed and changed; its draws stay confidential meanwhile. */
const PANEL_OPEN = ['published', 'evaluating'];

function requirePanelOpen(t: Tender): void {
  if (!PANEL_OPEN.includes(t.status))
    throw new DomainError('state.invalid_transition', `The panel of a ${t.status} tender cannot change`);
}

/** Conflicts declared on tender $1 whose seat no redraw has filled yet (a CTE named open_conflicts). */
const OPEN_CONFLICTS = `WITH open_conflicts AS (
  SELECT c.* FROM panel_conflicts c WHERE c.tender_id = $1
     AND NOT EXISTS (SELECT 1 FROM panel_draws d WHERE d.tender_id = c.tender_id AND c.user_id = ANY(d.replaced)))`;

const COMPLAINT_SELECT = `SELECT id, tender_id AS "tenderId", organization_id AS "organizationId", reason, status,
  decision_reason AS "decisionReason", created_at AS "createdAt" FROM tender_complaints`;

/** Panel, conflict declarations, scoring, ranking, award, standstill, complaints and the contract (PRODUCT §4). */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Forms the panel by a random draw (随机抽取) of `size` evaluators from the street's pool: only the
   * first draw of a tender, on an empty panel. Later changes are redraws, each with its reason.
   */
  async draw(user: AuthUser, tenderId: string, size: number): Promise<PanelDto> {
    await this.dataSource.transaction(async (m) => {
      const t = await this.lockTender(m, tenderId);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      requirePanelOpen(t);
      const [{ draws, members }] = await m.query(
        `SELECT (SELECT count(*)::int FROM panel_draws WHERE tender_id = $1) AS draws,
                (SELECT count(*)::int FROM tender_evaluators WHERE tender_id = $1) AS members`,
        [tenderId],
      );
      if (draws || members)
        throw new DomainError(
          'state.conflict',
          'The panel has been drawn already: replace members by a redraw, with its reason',
        );
      const draw = await this.recordDraw(m, user, t, size, [], null);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.panel_drawn',
        entityType: 'tender',
        entityId: tenderId,
        after: draw,
      });
    });
    return this.panelFor(user, tenderId);
  }

  /**
   * Replaces the named members, who have not scored yet, or the seats left by declared conflicts,
   * with as many evaluators drawn at random from who is still eligible; the reason is recorded.
   */
  async redraw(user: AuthUser, tenderId: string, userIds: string[], reason: string): Promise<PanelDto> {
    await this.dataSource.transaction(async (m) => {
      const t = await this.lockTender(m, tenderId);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      requirePanelOpen(t);
      const members: string[] = (
        await m.query(`SELECT user_id FROM tender_evaluators WHERE tender_id = $1`, [tenderId])
      ).map((r: { user_id: string }) => r.user_id);
      const vacated: string[] = (
        await m.query(`${OPEN_CONFLICTS} SELECT c.user_id FROM open_conflicts c`, [tenderId])
      ).map((r: { user_id: string }) => r.user_id);
      const unknown = userIds.filter((id) => !members.includes(id) && !vacated.includes(id));
      if (unknown.length)
        throw new DomainError(
          'validation.failed',
          'Only members of the panel, or evaluators who left it by declaring a conflict and were not replaced yet, can be redrawn',
          { field: 'userIds', userIds: unknown },
        );
      const scored: { name: string }[] = await m.query(
        `SELECT u.display_name AS name FROM users u WHERE u.id = ANY($2::uuid[])
            AND EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.tender_id = $1 AND s.evaluator_id = u.id) ORDER BY 1`,
        [tenderId, userIds],
      );
      if (scored.length)
        throw new DomainError(
          'state.conflict',
          `${scored.map((r) => r.name).join(', ')} scored already and stay on the panel`,
        );
      await m.query(`DELETE FROM tender_evaluators WHERE tender_id = $1 AND user_id = ANY($2::uuid[])`, [
        tenderId,
        userIds,
      ]);
      // The replaced never come back: the draw excludes whoever was drawn or replaced before, this time included.
      const draw = await this.recordDraw(m, user, t, userIds.length, userIds, reason);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.panel_redrawn',
        entityType: 'tender',
        entityId: tenderId,
        before: { members, vacated },
        after: draw,
      });
    });
    return this.panelFor(user, tenderId);
  }

  /**
   * Draws `size` of the eligible evaluators (sorted by id) with a fresh seed, records the draw (next
   * seq) and puts the drawn on the panel, assigned by the officer.
   */
  private async recordDraw(
    m: EntityManager,
    user: AuthUser,
    t: Tender,
    size: number,
    replaced: string[],
    reason: string | null,
  ): Promise<{
    seq: number;
    seed: string;
    candidates: string[];
    drawn: string[];
    replaced: string[];
    reason: string | null;
  }> {
    const candidates = (await this.pool(m, t.id, replaced))
      .filter((p) => p.eligible)
      .map((p) => p.userId)
      .sort();
    if (candidates.length < size)
      throw new DomainError(
        'panel.too_few_eligible',
        `Only ${candidates.length} evaluator(s) of the pool are eligible for this tender; ${size} needed`,
        { eligible: candidates.length, needed: size },
      );
    const seed = newDrawSeed();
    const drawn = drawPanel(seed, candidates, size);
    const [{ seq }] = await m.query(
      `INSERT INTO panel_draws (tender_id, seq, seed, candidates, drawn, replaced, reason, drawn_by)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3::uuid[], $4::uuid[], $5::uuid[], $6, $7 FROM panel_draws WHERE tender_id = $1
       RETURNING seq`,
      [t.id, seed, candidates, drawn, replaced, reason, user.id],
    );
    await m.query(
      `INSERT INTO tender_evaluators (tender_id, user_id, assigned_by) SELECT $1, unnest($2::uuid[]), $3`,
      [t.id, drawn, user.id],
    );
    return { seq, seed, candidates, drawn, replaced, reason };
  }

  /**
   * The street's evaluator pool for the tender's category (live evaluator grants on the street or
   * its district whose categories cover it), each marked eligible unless they belong to an
   * organization with a live bid, are on the panel, were drawn, replaced or conflicted before, or
   * are in `exclude`.
   */
  private pool(
    m: EntityManager,
    tenderId: string,
    exclude: string[] = [],
  ): Promise<{ userId: string; eligible: boolean }[]> {
    return m.query(
      `WITH RECURSIVE covering(code) AS (
         SELECT category_code FROM tenders WHERE id = $1
         UNION SELECT c.parent_code FROM service_categories c JOIN covering ON c.code = covering.code WHERE c.parent_code IS NOT NULL)
       SELECT p.user_id AS "userId",
              NOT EXISTS (SELECT 1 FROM role_memberships om JOIN bids b ON b.organization_id = om.organization_id
                           WHERE om.user_id = p.user_id AND b.tender_id = $1 AND b.status <> 'withdrawn')
              AND NOT EXISTS (SELECT 1 FROM tender_evaluators e WHERE e.tender_id = $1 AND e.user_id = p.user_id)
              AND NOT EXISTS (SELECT 1 FROM panel_draws d WHERE d.tender_id = $1 AND (p.user_id = ANY(d.drawn) OR p.user_id = ANY(d.replaced)))
              AND NOT EXISTS (SELECT 1 FROM panel_conflicts c WHERE c.tender_id = $1 AND c.user_id = p.user_id)
              AND p.user_id <> ALL($2::uuid[]) AS eligible
         FROM (SELECT DISTINCT rm.user_id FROM role_memberships rm
                 JOIN regions r ON r.id = rm.region_id
                 JOIN tenders t ON t.id = $1 JOIN regions s ON s.id = t.street_id
                 JOIN evaluator_categories ec ON ec.grant_id = rm.id
                WHERE rm.role = 'evaluator' AND starts_with(s.path, r.path) AND ec.category_code IN (SELECT code FROM covering)) p`,
      [tenderId, exclude],
    );
  }

  /** The panel as its street office sees it: members, seats left by conflicts, the pool's size and who is eligible. */
  async panelFor(user: AuthUser, tenderId: string): Promise<PanelDto> {
    const t = await this.dataSource.getRepository(Tender).findOneBy({ id: tenderId });
    if (!t || t.status === 'draft') throw notFound('Tender', tenderId);
    await this.access.requireRegion(user, ['street_officer'], t.streetId);
    const pool = await this.pool(this.dataSource.manager, tenderId);
    const vacancies: PanelVacancyDto[] = await this.dataSource.query(
      `${OPEN_CONFLICTS} SELECT c.user_id AS "userId", u.display_name AS "displayName", c.reason, c.declared_at AS "declaredAt"
         FROM open_conflicts c JOIN users u ON u.id = c.user_id ORDER BY c.declared_at`,
      [tenderId],
    );
    return {
      members: await this.panel(tenderId),
      vacancies,
      poolSize: pool.length,
      eligible: pool.filter((p) => p.eligible).length,
    };
  }

  /**
   * Every draw of the tender, so that anyone can re-run `drawPanel(seed, candidates, drawn.length)`.
   * The street office sees them at any time; everyone once evaluation is over (the evaluators'
   * identities stay confidential until then). User ids only.
   */
  async draws(user: AuthUser | undefined, tenderId: string): Promise<PanelDrawDto[]> {
    const t = await this.dataSource.getRepository(Tender).findOneBy({ id: tenderId });
    if (!t || t.status === 'draft') throw notFound('Tender', tenderId);
    if (PANEL_OPEN.includes(t.status)) {
      if (!user)
        throw new DomainError('auth.forbidden', 'The panel draws are published once the evaluation is over');
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
    }
    return this.dataSource.query(
      `SELECT seq, seed, candidates, drawn, replaced, reason, created_at AS "drawnAt" FROM panel_draws WHERE tender_id = $1 ORDER BY seq`,
      [tenderId],
    );
  }

  panel(tenderId: string): Promise<EvaluatorDto[]> {
    return this.dataSource.query(
      `SELECT e.user_id AS "userId", u.display_name AS "displayName", e.declared_no_conflict_at AS "declaredNoConflictAt",
              EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.tender_id = e.tender_id AND s.evaluator_id = e.user_id) AS scored
         FROM tender_evaluators e JOIN users u ON u.id = e.user_id WHERE e.tender_id = $1 ORDER BY e.created_at, u.display_name`,
      [tenderId],
    );
  }

  /**
   * A panel member declares a conflict of interest before scoring: it takes them off the panel
   * (they are never drawn for this tender again) and leaves a seat for the office to redraw.
   */
  async declareConflict(user: AuthUser, tenderId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const t = await this.lockTender(m, tenderId);
      await this.requirePanelMember(m, user, tenderId);
      requirePanelOpen(t);
      const [{ scored }] = await m.query(
        `SELECT EXISTS (SELECT 1 FROM evaluation_scores WHERE tender_id = $1 AND evaluator_id = $2) AS scored`,
        [tenderId, user.id],
      );
      if (scored)
        throw new DomainError(
          'state.conflict',
          'You have scored bids of this tender already: ask the street office to handle the conflict',
        );
      await m.query(`DELETE FROM tender_evaluators WHERE tender_id = $1 AND user_id = $2`, [
        tenderId,
        user.id,
      ]);
      await m.query(`INSERT INTO panel_conflicts (tender_id, user_id, reason) VALUES ($1, $2, $3)`, [
        tenderId,
        user.id,
        reason,
      ]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.conflict_declared',
        entityType: 'tender',
        entityId: tenderId,
        after: { userId: user.id, reason },
      });
    });
  }

  /** Before seeing any bid, the evaluator declares no conflict; belonging to a bidding organization is one. */
  async declareNoConflict(user: AuthUser, tenderId: string): Promise<EvaluatorDto[]> {
    await this.dataSource.transaction(async (m) => {
      const t = await this.lockTender(m, tenderId);
      await this.requirePanelMember(m, user, tenderId);
      if (t.status !== 'evaluating')
        throw new DomainError('state.invalid_transition', 'Declarations open when bidding has closed');
      const conflicts: { name: string }[] = await m.query(
        `SELECT DISTINCT o.name FROM bids b JOIN organizations o ON o.id = b.organization_id
           JOIN role_memberships rm ON rm.organization_id = b.organization_id AND rm.user_id = $2
          WHERE b.tender_id = $1 AND b.status <> 'withdrawn'`,
        [tenderId, user.id],
      );
      if (conflicts.length) {
        throw new DomainError(
          'state.conflict',
          `You belong to a bidding organization (${conflicts.map((c) => c.name).join(', ')}) and cannot evaluate this tender`,
        );
      }
      await m.query(
        `UPDATE tender_evaluators SET declared_no_conflict_at = now() WHERE tender_id = $1 AND user_id = $2 AND declared_no_conflict_at IS NULL`,
        [tenderId, user.id],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.no_conflict_declared',
        entityType: 'tender',
        entityId: tenderId,
      });
    });
    return this.panel(tenderId);
  }

  async workspace(user: AuthUser, tenderId: string): Promise<WorkspaceDto> {
    await this.requireDeclared(this.dataSource.manager, user, tenderId);
    const bids = await this.dataSource.query(
      `SELECT b.id, b.tender_id AS "tenderId", b.organization_id AS "organizationId", o.name AS "organizationName", b.status,
              b.price_fen::float8 AS "priceFen", b.proposal, b.team, b.offered_kpis AS "offeredKpis", b.receipt_hash AS "receiptHash",
              b.submitted_at AS "submittedAt", b.withdrawn_at AS "withdrawnAt"
         FROM bids b JOIN organizations o ON o.id = b.organization_id
        WHERE b.tender_id = $1 AND b.status = ANY($2::text[]) ORDER BY b.submitted_at`,
      [tenderId, IN_COMPETITION],
    );
    const myScores = await this.dataSource.query(
      `SELECT bid_id AS "bidId", criterion_key AS "criterionKey", points::float8 AS points FROM evaluation_scores WHERE tender_id = $1 AND evaluator_id = $2`,
      [tenderId, user.id],
    );
    return { bids, myScores };
  }

  /** An evaluator's points per technical sub-criterion for one bid, each within the criterion's weight. */
  async score(user: AuthUser, bidId: string, dto: ScoreBidDto): Promise<WorkspaceDto> {
    const tenderId = await this.dataSource.transaction(async (m) => {
      const [bid]: { tender_id: string; status: string }[] = await m.query(
        `SELECT tender_id, status FROM bids WHERE id = $1`,
        [bidId],
      );
      if (!bid) throw notFound('Bid', bidId);
      const t = await this.lockTender(m, bid.tender_id, true);
      await this.requireDeclared(m, user, t.id);
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
        await m.query(
          `INSERT INTO evaluation_scores (bid_id, evaluator_id, criterion_key, points, tender_id) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (bid_id, evaluator_id, criterion_key) DO UPDATE SET points = EXCLUDED.points`,
          [bidId, user.id, c.key, given.get(c.key), t.id],
        );
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: 'bid.scored',
        entityType: 'bid',
        entityId: bidId,
        after: Object.fromEntries(given),
      });
      return t.id;
    });
    return this.workspace(user, tenderId);
  }

  async disqualify(user: AuthUser, bidId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [bid]: { tender_id: string; status: string }[] = await m.query(
        `SELECT tender_id, status FROM bids WHERE id = $1 FOR UPDATE`,
        [bidId],
      );
      if (!bid) throw notFound('Bid', bidId);
      const t = await this.lockTender(m, bid.tender_id);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      if (t.status !== 'evaluating' || !['opened', 'qualified'].includes(bid.status)) {
        throw new DomainError('state.invalid_transition', 'Only bids under evaluation can be disqualified');
      }
      await m.query(`UPDATE bids SET status = 'disqualified', disqualification_reason = $2 WHERE id = $1`, [
        bidId,
        reason,
      ]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'bid.disqualified',
        entityType: 'bid',
        entityId: bidId,
        before: { status: bid.status },
        after: { status: 'disqualified', reason },
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
      const t = await this.lockTender(m, tenderId);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      const awarded = tenderTransition(t.status, 'award');
      const [{ declared, missing }] = await m.query(
        `SELECT (SELECT count(*)::int FROM tender_evaluators WHERE tender_id = $1 AND declared_no_conflict_at IS NOT NULL) AS declared,
                (SELECT count(*)::int FROM tender_evaluators e CROSS JOIN bids b
                  WHERE e.tender_id = $1 AND e.declared_no_conflict_at IS NOT NULL AND b.tender_id = $1 AND b.status IN ('opened', 'qualified')
                    AND NOT EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.bid_id = b.id AND s.evaluator_id = e.user_id)) AS missing`,
        [tenderId],
      );
      if (declared === 0)
        throw new DomainError('state.invalid_transition', 'No evaluator has declared and scored yet');
      if (missing > 0)
        throw new DomainError('state.invalid_transition', `${missing} score sheet(s) are still missing`, {
          missing,
        });
      const results = await this.compute(m, t);
      const winner = results.ranking[0];
      if (!winner) throw new DomainError('state.invalid_transition', 'No bid is left in competition');
      await m.query(
        `UPDATE bids SET status = CASE WHEN id = $2 THEN 'awarded' ELSE 'not_awarded' END WHERE tender_id = $1 AND status IN ('opened', 'qualified')`,
        [tenderId, winner.bidId],
      );
      const standstill = tenderTransition(awarded, 'start_standstill');
      await m.query(
        `UPDATE tenders SET status = $2, awarded_bid_id = $3, standstill_ends_at = now() + make_interval(days => standstill_days) WHERE id = $1`,
        [tenderId, standstill, winner.bidId],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.awarded',
        entityType: 'tender',
        entityId: tenderId,
        before: { status: t.status },
        after: { status: awarded, bidId: winner.bidId, ranking: results.ranking },
      });
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.standstill_started',
        entityType: 'tender',
        entityId: tenderId,
        before: { status: awarded },
        after: { status: standstill },
      });
      await this.notifier.tenderAwarded(m, tenderId);
    });
    return this.results(user, tenderId);
  }

  async complain(user: AuthUser, tenderId: string, dto: ComplaintInputDto): Promise<ComplaintDto> {
    this.access.requireOrganization(user, ['org_admin'], dto.organizationId);
    return this.dataSource.transaction(async (m) => {
      const t = await this.lockTender(m, tenderId, true);
      if (t.status !== 'standstill' || !t.standstillEndsAt || t.standstillEndsAt.getTime() <= Date.now()) {
        throw new DomainError('tender.closed', 'Complaints are accepted during the standstill period only');
      }
      const [bid] = await m.query(
        `SELECT 1 FROM bids WHERE tender_id = $1 AND organization_id = $2 AND status <> 'withdrawn'`,
        [tenderId, dto.organizationId],
      );
      if (!bid) throw new DomainError('auth.forbidden', 'Only bidders may complain about the award');
      const [{ id }] = await m.query(
        `INSERT INTO tender_complaints (tender_id, organization_id, reason) VALUES ($1, $2, $3) RETURNING id`,
        [tenderId, dto.organizationId, dto.reason],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.complaint_lodged',
        entityType: 'tender_complaint',
        entityId: id,
        after: { tenderId, ...dto },
      });
      const [row] = await m.query(`${COMPLAINT_SELECT} WHERE id = $1`, [id]);
      return row;
    });
  }

  /** Upholding sends the tender back to evaluation (the award is undone); dismissing keeps it. */
  async decideComplaint(
    user: AuthUser,
    complaintId: string,
    dto: ComplaintDecisionDto,
  ): Promise<ComplaintDto> {
    return this.dataSource.transaction(async (m) => {
      const [c]: { tender_id: string; status: string }[] = await m.query(
        `SELECT tender_id, status FROM tender_complaints WHERE id = $1 FOR UPDATE`,
        [complaintId],
      );
      if (!c) throw notFound('Complaint', complaintId);
      const t = await this.lockTender(m, c.tender_id);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      if (c.status !== 'pending')
        throw new DomainError('state.invalid_transition', `The complaint was already ${c.status}`);
      const status = dto.uphold ? 'upheld' : 'dismissed';
      await m.query(
        `UPDATE tender_complaints SET status = $2, decision_reason = $3, decided_by = $4, decided_at = now() WHERE id = $1`,
        [complaintId, status, dto.reason, user.id],
      );
      if (dto.uphold) {
        const next = tenderTransition(t.status, 'reevaluate');
        await m.query(
          `UPDATE bids SET status = 'qualified' WHERE tender_id = $1 AND status IN ('awarded', 'not_awarded')`,
          [t.id],
        );
        await m.query(
          `UPDATE tenders SET status = $2, awarded_bid_id = NULL, standstill_ends_at = NULL WHERE id = $1`,
          [t.id, next],
        );
        await this.audit.record(m, {
          actorId: user.id,
          action: 'tender.reevaluation',
          entityType: 'tender',
          entityId: t.id,
          before: { status: t.status },
          after: { status: next, complaintId },
        });
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: `tender.complaint_${status}`,
        entityType: 'tender_complaint',
        entityId: complaintId,
        before: { status: 'pending' },
        after: { status, reason: dto.reason },
      });
      const [row] = await m.query(`${COMPLAINT_SELECT} WHERE id = $1`, [complaintId]);
      return row;
    });
  }

  async complaints(user: AuthUser, tenderId: string): Promise<ComplaintDto[]> {
    const t = await this.dataSource.manager.findOne(Tender, { where: { id: tenderId } });
    if (!t) throw notFound('Tender', tenderId);
    const own = this.access.orgAdminOf(user);
    const officer = await this.access.canActInRegion(user, ['street_officer'], t.streetId);
    return this.dataSource.query(
      `${COMPLAINT_SELECT} WHERE tender_id = $1 AND ($2 OR organization_id = ANY($3::uuid[])) ORDER BY created_at`,
      [tenderId, officer, own],
    );
  }

  /** After the standstill, with no complaint pending, the award becomes a contract with its milestones. */
  async contract(user: AuthUser, tenderId: string, terms: ContractTermsDto): Promise<ContractDto> {
    const contractId = await this.dataSource.transaction(async (m) => {
      const t = await this.lockTender(m, tenderId);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      const next = tenderTransition(t.status, 'contract');
      if (!t.standstillEndsAt || t.standstillEndsAt.getTime() > Date.now()) {
        throw new DomainError(
          'state.invalid_transition',
          `The standstill runs until ${t.standstillEndsAt?.toISOString()}`,
        );
      }
      const [{ pending }] = await m.query(
        `SELECT count(*)::int AS pending FROM tender_complaints WHERE tender_id = $1 AND status = 'pending'`,
        [tenderId],
      );
      if (pending)
        throw new DomainError('state.invalid_transition', 'A complaint is still waiting for a decision');
      if (terms.endsOn.getTime() <= terms.startsOn.getTime())
        throw new DomainError('validation.failed', 'The contract must end after it starts', {
          field: 'endsOn',
        });
      const [bid] = await m.query(
        `SELECT organization_id, price_fen::float8 AS price_fen, offered_kpis FROM bids WHERE id = $1`,
        [t.awardedBidId],
      );
      const startsOn = terms.startsOn.toISOString().slice(0, 10);
      const [{ id }] = await m.query(
        `INSERT INTO contracts (tender_id, bid_id, organization_id, street_id, title, amount_fen, currency, starts_on, ends_on, kpis, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          tenderId,
          t.awardedBidId,
          bid.organization_id,
          t.streetId,
          t.title,
          bid.price_fen,
          t.currency,
          startsOn,
          terms.endsOn.toISOString().slice(0, 10),
          bid.offered_kpis,
          user.id,
        ],
      );
      // The contract commits its amount against the street's budget for the year it starts in.
      await this.ledger.commitContract(m, user.id, {
        id,
        streetId: t.streetId,
        year: terms.startsOn.getUTCFullYear(),
        amountFen: bid.price_fen,
      });
      const amounts = splitAmount(
        bid.price_fen,
        t.milestonePlan.map((p) => p.shareBp),
      );
      for (const [i, p] of t.milestonePlan.entries()) {
        await m.query(
          `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, $2, $3, $4, $5, $6::date + $7::int)`,
          [id, i + 1, p.name, p.shareBp, amounts[i], startsOn, p.dueInDays],
        );
      }
      await m.query(`UPDATE tenders SET status = $2 WHERE id = $1`, [tenderId, next]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.contracted',
        entityType: 'tender',
        entityId: tenderId,
        before: { status: t.status },
        after: { status: next, contractId: id },
      });
      await this.audit.record(m, {
        actorId: user.id,
        action: 'contract.created',
        entityType: 'contract',
        entityId: id,
        after: { tenderId, amountFen: bid.price_fen, milestones: amounts },
      });
      return id as string;
    });
    return this.contractView(contractId);
  }

  async contractView(id: string): Promise<ContractDto> {
    const [row] = await this.dataSource.query(
      `SELECT c.id, c.tender_id AS "tenderId", c.organization_id AS "organizationId", o.name AS "organizationName", c.title,
              c.amount_fen::float8 AS "amountFen", c.currency, to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn"
         FROM contracts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
      [id],
    );
    if (!row) throw notFound('Contract', id);
    const milestones = await this.dataSource.query(
      `SELECT id, seq, name, share_bp AS "shareBp", amount_fen::float8 AS "amountFen", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status
         FROM milestones WHERE contract_id = $1 ORDER BY seq`,
      [id],
    );
    return { ...row, milestones };
  }

  async contractOfTender(tenderId: string): Promise<ContractDto> {
    const [row] = await this.dataSource.query(`SELECT id FROM contracts WHERE tender_id = $1`, [tenderId]);
    if (!row) throw notFound('Contract of tender', tenderId);
    return this.contractView(row.id);
  }

  private async compute(m: EntityManager, t: Tender): Promise<ResultsDto> {
    const bids: {
      id: string;
      organization_id: string;
      name: string;
      price_fen: number;
      status: string;
      submitted_at: Date;
    }[] = await m.query(
      `SELECT b.id, b.organization_id, o.name, b.price_fen::float8 AS price_fen, b.status, b.submitted_at
         FROM bids b JOIN organizations o ON o.id = b.organization_id WHERE b.tender_id = $1 AND b.status <> 'withdrawn' AND b.status <> 'submitted'`,
      [t.id],
    );
    const competing = bids.filter((b) => IN_COMPETITION.includes(b.status));
    const totals: { bid_id: string; evaluator_id: string; total: number }[] = await m.query(
      `SELECT s.bid_id, s.evaluator_id, sum(s.points)::float8 AS total FROM evaluation_scores s
         JOIN tender_evaluators e ON e.tender_id = s.tender_id AND e.user_id = s.evaluator_id AND e.declared_no_conflict_at IS NOT NULL
        WHERE s.tender_id = $1 GROUP BY s.bid_id, s.evaluator_id`,
      [t.id],
    );
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
    const row = (b: (typeof bids)[number], r?: (typeof ranked)[number]): ResultRowDto => ({
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

  private async lockTender(m: EntityManager, id: string, share = false): Promise<Tender> {
    const t = await m.findOne(Tender, {
      where: { id },
      lock: { mode: share ? 'pessimistic_read' : 'pessimistic_write' },
    });
    if (!t || t.status === 'draft') throw notFound('Tender', id);
    return t;
  }

  private async requirePanelMember(
    m: EntityManager,
    user: AuthUser,
    tenderId: string,
  ): Promise<{ declared_no_conflict_at: Date | null }> {
    const [row] = await m.query(
      `SELECT declared_no_conflict_at FROM tender_evaluators WHERE tender_id = $1 AND user_id = $2`,
      [tenderId, user.id],
    );
    if (!row) throw new DomainError('auth.out_of_scope', "You are not on this tender's evaluation panel");
    return row;
  }

  private async requireDeclared(m: EntityManager, user: AuthUser, tenderId: string): Promise<void> {
    const row = await this.requirePanelMember(m, user, tenderId);
    if (!row.declared_no_conflict_at)
      throw new DomainError(
        'auth.forbidden',
        'Declare that you have no conflict of interest before seeing the bids',
      );
  }
}
