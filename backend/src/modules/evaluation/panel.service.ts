import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import type { Queryable } from '../../common/database/queryable.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { DocumentSubjects } from '../documents/document-subjects.js';
import { lockTender } from '../tenders/tender-lock.js';
import { Tender } from '../tenders/tender.entity.js';
import { EvaluatorDto, PanelDrawDto, PanelDto, type PanelTenderDto } from './dto/evaluation.dto.js';
import { drawPanel, newDrawSeed } from './panel-draw.js';
import * as sql from './panel.sql.js';

/** Statuses in which the panel is formed and changed; its draws stay confidential meanwhile. */
const PANEL_OPEN = ['published', 'evaluating'];

function requirePanelOpen(t: Tender): void {
  if (!PANEL_OPEN.includes(t.status))
    throw new DomainError('state.invalid_transition', `The panel of a ${t.status} tender cannot change`);
}

/** The evaluator's seat on the panel; refused to anyone not on it. */
export async function requirePanelMember(db: Queryable, user: AuthUser, tenderId: string) {
  const seat = await sql.seatOf(db, tenderId, user.id);
  if (!seat) throw new DomainError('auth.out_of_scope', "You are not on this tender's evaluation panel");
  return seat;
}

/** A panel member who has declared no conflict of interest; only they see the bids. */
export async function requireDeclared(db: Queryable, user: AuthUser, tenderId: string): Promise<void> {
  const seat = await requirePanelMember(db, user, tenderId);
  if (!seat.declared_no_conflict_at)
    throw new DomainError(
      'auth.forbidden',
      'Declare that you have no conflict of interest before seeing the bids',
    );
}

/** A tender's evaluation panel: random draws from the street's pool, redraws and conflict declarations (PRODUCT §4). */
@Injectable()
export class PanelService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly subjects: DocumentSubjects,
  ) {}

  /** The panel reads the bids' files once bidding has closed, as it reads the bids. */
  onModuleInit(): void {
    this.subjects.register('bid', {
      canView: (user, bidId) => sql.isDeclaredReaderOfBid(this.dataSource, bidId, user.id),
    });
  }

  /**
   * The tenders under evaluation whose panel the caller sits on, the earliest deadline first, each
   * saying whether it still waits for them (those the home page counts as tenders to score).
   */
  seatsOf(user: AuthUser, query: PageQueryDto): Promise<Page<PanelTenderDto>> {
    return timeKeyedPage(query, (keyset) => sql.panelTenders(this.dataSource, user.id, keyset));
  }

  /**
   * Forms the panel by a random draw (随机抽取) of `size` evaluators from the street's pool: only the
   * first draw of a tender, on an empty panel. Later changes are redraws, each with its reason.
   */
  async draw(user: AuthUser, tenderId: string, size: number): Promise<PanelDto> {
    await this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, tenderId, { hideDraft: true });
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      requirePanelOpen(t);
      const { draws, members } = await sql.drawsAndMembers(m, tenderId);
      if (draws || members)
        throw new DomainError(
          'state.conflict',
          'The panel has been drawn already: replace members by a redraw, with its reason',
        );
      const draw = await this.recordDraw(m, user, t, size, [], null);
      await this.audit.recordChange(m, user.id, 'tender.panel_drawn', ['tender', tenderId], {
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
      const t = await lockTender(m, tenderId, { hideDraft: true });
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      requirePanelOpen(t);
      const members = await sql.memberIds(m, tenderId);
      const vacated = await sql.vacatedIds(m, tenderId);
      const unknown = userIds.filter((id) => !members.includes(id) && !vacated.includes(id));
      if (unknown.length)
        throw new DomainError(
          'validation.failed',
          'Only members of the panel, or evaluators who left it by declaring a conflict and were not replaced yet, can be redrawn',
          { field: 'userIds', userIds: unknown },
        );
      const scored = await sql.scoredAmong(m, tenderId, userIds);
      if (scored.length)
        throw new DomainError('state.conflict', `${scored.join(', ')} scored already and stay on the panel`);
      await sql.removeMembers(m, tenderId, userIds);
      // The replaced never come back: the draw excludes whoever was drawn or replaced before, this time included.
      const draw = await this.recordDraw(m, user, t, userIds.length, userIds, reason);
      await this.audit.recordChange(m, user.id, 'tender.panel_redrawn', ['tender', tenderId], {
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
  ) {
    const candidates = (await sql.pool(m, t.id, replaced))
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
    const seq = await sql.recordDraw(m, {
      tenderId: t.id,
      seed,
      candidates,
      drawn,
      replaced,
      reason,
      drawnBy: user.id,
    });
    return { seq, seed, candidates, drawn, replaced, reason };
  }

  /** The panel as its street office sees it: members, seats left by conflicts, the pool's size and who is eligible. */
  async panelFor(user: AuthUser, tenderId: string): Promise<PanelDto> {
    const t = await this.dataSource.getRepository(Tender).findOneBy({ id: tenderId });
    if (!t || t.status === 'draft') throw notFound('Tender', tenderId);
    await this.access.requireRegion(user, ['street_officer'], t.streetId);
    const pool = await sql.pool(this.dataSource, tenderId);
    return {
      members: await this.panel(tenderId),
      vacancies: await sql.vacancies(this.dataSource, tenderId),
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
    return sql.drawsOf(this.dataSource, tenderId);
  }

  panel(tenderId: string): Promise<EvaluatorDto[]> {
    return sql.members(this.dataSource, tenderId);
  }

  /**
   * A panel member declares a conflict of interest before scoring: it takes them off the panel
   * (they are never drawn for this tender again) and leaves a seat for the office to redraw.
   */
  async declareConflict(user: AuthUser, tenderId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, tenderId, { hideDraft: true });
      await requirePanelMember(m, user, tenderId);
      requirePanelOpen(t);
      if (await sql.hasScored(m, tenderId, user.id))
        throw new DomainError(
          'state.conflict',
          'You have scored bids of this tender already: ask the street office to handle the conflict',
        );
      await sql.recordConflict(m, tenderId, user.id, reason);
      await this.audit.recordChange(m, user.id, 'tender.conflict_declared', ['tender', tenderId], {
        after: { userId: user.id, reason },
      });
    });
  }

  /** Before seeing any bid, the evaluator declares no conflict; belonging to a bidding organization is one. */
  async declareNoConflict(user: AuthUser, tenderId: string): Promise<EvaluatorDto[]> {
    await this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, tenderId, { hideDraft: true });
      await requirePanelMember(m, user, tenderId);
      if (t.status !== 'evaluating')
        throw new DomainError('state.invalid_transition', 'Declarations open when bidding has closed');
      const conflicts = await sql.biddingOrganizationsOf(m, tenderId, user.id);
      if (conflicts.length) {
        throw new DomainError(
          'state.conflict',
          `You belong to a bidding organization (${conflicts.join(', ')}) and cannot evaluate this tender`,
        );
      }
      await sql.declareNoConflict(m, tenderId, user.id);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.no_conflict_declared',
        entityType: 'tender',
        entityId: tenderId,
      });
    });
    return this.panel(tenderId);
  }
}
