import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { onReplica, type ReadFrom } from '../../database/replica.js';
import { requireLiveCategories } from '../catalog/live-categories.js';
import { requireLiveRegions } from '../regions/live-regions.js';
import { Env } from '../../config/env.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { NeedsService } from '../needs/needs.service.js';
import { Notifier } from '../notifications/notifier.js';
import { checkEligibility } from '../organizations/eligibility.js';
import {
  AmendmentDto,
  AnswerDto,
  EnquiryDto,
  EnquiryInputDto,
  TenderDto,
  TenderInputDto,
  TenderListQueryDto,
  TenderSummaryDto,
} from './dto/tender.dto.js';
import { MIN_VALID_BIDS, publishProblems, tenderTransition } from './tender-rules.js';
import { Tender } from './tender.entity.js';

const DAY_MS = 24 * 3600 * 1000;

/** Statuses the public sees; drafts stay with their street office. */
const PUBLIC_STATUSES = [
  'published',
  'evaluating',
  'awarded',
  'standstill',
  'contracted',
  'cancelled',
  'unsuccessful',
];

@Injectable()
export class TendersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly needs: NeedsService,
    private readonly jobs: JobQueue,
    private readonly env: Env,
    private readonly notifier: Notifier,
  ) {}

  async create(user: AuthUser, dto: TenderInputDto): Promise<TenderDto> {
    await this.access.requireRegion(user, ['street_officer'], dto.streetId);
    const id = await this.dataSource.transaction(async (m) => {
      await this.checkReferences(m, dto);
      const [{ id }] = await m.query(
        `INSERT INTO tenders (title, description, category_code, street_id, budget_ceiling_fen, method, single_source_justification,
                              invited_organization_id, kpis, min_grade, weights, milestone_plan, enquiry_deadline, bid_deadline,
                              standstill_days, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
        [
          dto.title,
          dto.description,
          dto.categoryCode,
          dto.streetId,
          dto.budgetCeilingFen,
          dto.method,
          dto.singleSourceJustification ?? null,
          dto.invitedOrganizationId ?? null,
          dto.kpis,
          dto.minGrade ?? null,
          dto.weights,
          JSON.stringify(dto.milestonePlan),
          dto.enquiryDeadline,
          dto.bidDeadline,
          dto.standstillDays,
          user.id,
        ],
      );
      await this.replaceLinks(m, id, dto);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.created',
        entityType: 'tender',
        entityId: id,
        after: { ...dto, status: 'draft' },
      });
      return id as string;
    });
    return this.view(this.dataSource.manager, id);
  }

  async update(user: AuthUser, id: string, dto: TenderInputDto): Promise<TenderDto> {
    await this.dataSource.transaction(async (m) => {
      const tender = await this.lock(m, id);
      await this.access.requireRegion(user, ['street_officer'], tender.streetId);
      await this.access.requireRegion(user, ['street_officer'], dto.streetId);
      if (tender.status !== 'draft')
        throw new DomainError(
          'state.invalid_transition',
          'Only a draft can be edited; publish an amendment instead',
        );
      const communities: { community_id: string }[] = await m.query(
        `SELECT community_id FROM tender_communities WHERE tender_id = $1`,
        [id],
      );
      await this.checkReferences(m, dto, {
        category: tender.categoryCode,
        regions: [tender.streetId, ...communities.map((c) => c.community_id)],
      });
      await m.query(
        `UPDATE tenders SET title = $2, description = $3, category_code = $4, street_id = $5, budget_ceiling_fen = $6, method = $7,
                single_source_justification = $8, invited_organization_id = $9, kpis = $10, min_grade = $11, weights = $12,
                milestone_plan = $13, enquiry_deadline = $14, bid_deadline = $15, standstill_days = $16, updated_at = now()
          WHERE id = $1`,
        [
          id,
          dto.title,
          dto.description,
          dto.categoryCode,
          dto.streetId,
          dto.budgetCeilingFen,
          dto.method,
          dto.singleSourceJustification ?? null,
          dto.invitedOrganizationId ?? null,
          dto.kpis,
          dto.minGrade ?? null,
          dto.weights,
          JSON.stringify(dto.milestonePlan),
          dto.enquiryDeadline,
          dto.bidDeadline,
          dto.standstillDays,
        ],
      );
      await this.replaceLinks(m, id, dto);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.edited',
        entityType: 'tender',
        entityId: id,
        after: { ...dto },
      });
    });
    return this.view(this.dataSource.manager, id);
  }

  /** Publishes after checking every rule; links the needs it answers and schedules its closing. */
  async publish(user: AuthUser, id: string): Promise<TenderDto> {
    const tender = await this.dataSource.transaction(async (m) => {
      const t = await this.lock(m, id);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      const status = tenderTransition(t.status, 'publish');
      const problems = publishProblems(t, new Date(), this.env.DIRECT_COMMISSION_CAP_FEN);
      if (problems.length)
        throw new DomainError('validation.failed', `The tender cannot be published: ${problems.join('; ')}`, {
          problems,
        });
      // A draft may keep a category retired since it was written, but is published only under a live one.
      await requireLiveCategories(m, [t.categoryCode], 'categoryCode');
      if (t.invitedOrganizationId) {
        const eligibility = await checkEligibility(m, t.invitedOrganizationId, {
          categories: [t.categoryCode],
          minGrade: t.minGrade ?? undefined,
          bidding: true,
        });
        if (!eligibility.eligible) {
          throw new DomainError(
            'organization.ineligible',
            `The invited organization is not eligible: ${eligibility.reasons.map((r) => r.message).join('; ')}`,
            { reasons: eligibility.reasons },
          );
        }
      }
      const needIds: string[] = (
        await m.query(`SELECT need_id FROM tender_needs WHERE tender_id = $1`, [id])
      ).map((r: { need_id: string }) => r.need_id);
      await this.needs.addressBy(m, user.id, id, t.streetId, needIds);
      await m.query(`UPDATE tenders SET status = $2, published_at = now() WHERE id = $1`, [id, status]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.published',
        entityType: 'tender',
        entityId: id,
        before: { status: t.status },
        after: { status },
      });
      await this.notifier.tenderPublished(m, id);
      return t;
    });
    await this.scheduleClose(id, tender.bidDeadline);
    return this.view(this.dataSource.manager, id);
  }

  /**
   * Publishes a change. When the bid deadline would then be nearer than AMENDMENT_MIN_DAYS, it is
   * pushed out so bidders have time to react; every bidder is told.
   */
  async amend(user: AuthUser, id: string, dto: AmendmentDto): Promise<TenderDto> {
    const { amendmentId, deadline, changed } = await this.dataSource.transaction(async (m) => {
      const t = await this.lock(m, id);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      if (t.status !== 'published')
        throw new DomainError('state.invalid_transition', `A ${t.status} tender cannot be amended`);
      const now = Date.now();
      let bidDeadline = dto.bidDeadline ?? t.bidDeadline;
      const enquiryDeadline = dto.enquiryDeadline ?? t.enquiryDeadline;
      if (bidDeadline.getTime() <= now)
        throw new DomainError('validation.failed', 'The bid deadline must be in the future', {
          field: 'bidDeadline',
        });
      const minimum = now + this.env.AMENDMENT_MIN_DAYS * DAY_MS;
      const extended = bidDeadline.getTime() < minimum;
      if (extended) bidDeadline = new Date(minimum);
      if (enquiryDeadline.getTime() > bidDeadline.getTime()) {
        throw new DomainError(
          'validation.failed',
          'The enquiry deadline must not be after the bid deadline',
          { field: 'enquiryDeadline' },
        );
      }
      if (dto.budgetCeilingFen !== undefined) {
        const [{ over }] = await m.query(
          `SELECT count(*)::int AS over FROM bids WHERE tender_id = $1 AND status = 'submitted' AND price_fen > $2`,
          [id, dto.budgetCeilingFen],
        );
        if (over > 0)
          throw new DomainError(
            'state.conflict',
            'Bids above the new ceiling are already in: lowering it would invalidate them',
            { field: 'budgetCeilingFen' },
          );
      }
      const changes = {
        description: dto.description,
        budgetCeilingFen: dto.budgetCeilingFen,
        enquiryDeadline,
        bidDeadline,
      };
      await m.query(
        `UPDATE tenders SET description = COALESCE($2, description), budget_ceiling_fen = COALESCE($3, budget_ceiling_fen),
                enquiry_deadline = $4, bid_deadline = $5, updated_at = now() WHERE id = $1`,
        [id, dto.description ?? null, dto.budgetCeilingFen ?? null, enquiryDeadline, bidDeadline],
      );
      const [{ id: amendmentId }] = await m.query(
        `INSERT INTO tender_amendments (tender_id, summary, changes, deadline_extended_to, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [id, dto.summary, changes, extended || dto.bidDeadline ? bidDeadline : null, user.id],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.amended',
        entityType: 'tender',
        entityId: id,
        before: { bidDeadline: t.bidDeadline },
        after: { ...changes, summary: dto.summary, extended },
      });
      return {
        amendmentId: amendmentId as string,
        deadline: bidDeadline,
        changed: bidDeadline.getTime() !== t.bidDeadline.getTime(),
      };
    });
    if (changed) await this.scheduleClose(id, deadline);
    await this.jobs.add(
      'mail.tender_amended',
      { tenderId: id, amendmentId },
      { jobId: `amended-${amendmentId}` },
    );
    return this.view(this.dataSource.manager, id);
  }

  async cancel(user: AuthUser, id: string, reason: string): Promise<TenderDto> {
    await this.dataSource.transaction(async (m) => {
      const t = await this.lock(m, id);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      const status = tenderTransition(t.status, 'cancel');
      await m.query(`UPDATE tenders SET status = $2, status_reason = $3 WHERE id = $1`, [id, status, reason]);
      // The needs it answered go back to the community's accepted list.
      await m.query(
        `UPDATE needs SET status = 'accepted', tender_id = NULL WHERE tender_id = $1 AND status = 'addressed'`,
        [id],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.cancelled',
        entityType: 'tender',
        entityId: id,
        before: { status: t.status },
        after: { status, reason },
      });
    });
    return this.view(this.dataSource.manager, id);
  }

  /**
   * The deadline job: at (or after) the bid deadline it opens the submitted bids and moves the
   * tender to evaluating, or to unsuccessful with fewer valid bids than the method needs.
   * Idempotent: a tender no longer published, or whose deadline moved later, is left alone.
   */
  async closeBidding(
    tenderId: string,
    now = new Date(),
  ): Promise<'closed' | 'unsuccessful' | 'not_due' | 'not_open'> {
    return this.dataSource.transaction(async (m) => {
      const t = await m.findOne(Tender, { where: { id: tenderId }, lock: { mode: 'pessimistic_write' } });
      if (!t || t.status !== 'published') return 'not_open';
      if (t.bidDeadline.getTime() > now.getTime()) return 'not_due';
      // TypeORM answers an UPDATE with [rows, affected count].
      const [opened]: [unknown[], number] = await m.query(
        `UPDATE bids SET status = 'opened' WHERE tender_id = $1 AND status = 'submitted' RETURNING id`,
        [tenderId],
      );
      const enough = opened.length >= MIN_VALID_BIDS[t.method];
      const status = tenderTransition(t.status, enough ? 'close' : 'fail');
      const reason = enough
        ? null
        : `${opened.length} valid bid(s); ${t.method} needs ${MIN_VALID_BIDS[t.method]}`;
      await m.query(`UPDATE tenders SET status = $2, status_reason = $3 WHERE id = $1`, [
        tenderId,
        status,
        reason,
      ]);
      await this.audit.record(m, {
        actorId: null,
        action: enough ? 'tender.bidding_closed' : 'tender.unsuccessful',
        entityType: 'tender',
        entityId: tenderId,
        before: { status: 'published' },
        after: { status, bids: opened.length, reason },
      });
      return enough ? 'closed' : 'unsuccessful';
    });
  }

  /** Makes sure every published tender has its closing job: after a restart or a lost queue, nothing is missed. */
  async scheduleAllOpen(): Promise<number> {
    const open: { id: string; bid_deadline: Date }[] = await this.dataSource.query(
      `SELECT id, bid_deadline FROM tenders WHERE status = 'published'`,
    );
    for (const t of open) await this.scheduleClose(t.id, t.bid_deadline);
    return open.length;
  }

  /**
   * One job per tender and deadline (deterministic id): re-adding is a no-op, an amendment adds the
   * new one. The bidders' reminder 24 h before is scheduled the same way.
   */
  private async scheduleClose(tenderId: string, deadline: Date) {
    await this.notifier.scheduleDeadlineReminder(tenderId, deadline);
    return this.jobs.add(
      'tender.close',
      { tenderId, deadline: deadline.toISOString() },
      {
        jobId: `tender-close-${tenderId}-${deadline.getTime()}`,
        delay: Math.max(0, deadline.getTime() - Date.now()),
      },
    );
  }

  /** A public notice; anonymous visitors read it from a replica. */
  async get(user: AuthUser | undefined, id: string, from: ReadFrom = 'primary'): Promise<TenderDto> {
    const tender = await onReplica(this.dataSource, (m) => this.view(m, id), from);
    if (tender.status === 'draft') {
      // A draft exists only for its street office; everyone else gets the same 404 as for nothing.
      if (!user) throw notFound('Tender', id);
      if (!(await this.access.canActInRegion(user, ['street_officer'], tender.streetId)))
        throw notFound('Tender', id);
    }
    return tender;
  }

  /** Public notices (anonymous visitors read them from a replica). */
  async list(
    user: AuthUser | undefined,
    query: TenderListQueryDto,
    from: ReadFrom = 'primary',
  ): Promise<TenderSummaryDto[]> {
    const officerPaths = (user?.memberships ?? [])
      .filter((m) => m.role === 'street_officer' && m.regionPath)
      .map((m) => `${m.regionPath}%`);
    return onReplica(
      this.dataSource,
      (m) =>
        m.query(
          `SELECT t.id, t.title, t.category_code AS "categoryCode", s.name AS "streetName", t.budget_ceiling_fen::float8 AS "budgetCeilingFen",
              t.method, t.status, t.bid_deadline AS "bidDeadline",
              (SELECT count(*)::int FROM bids b WHERE b.tender_id = t.id AND b.status <> 'withdrawn') AS "bidCount"
         FROM tenders t JOIN regions s ON s.id = t.street_id
        WHERE (t.status = ANY($1::text[]) OR s.path LIKE ANY($2::text[]))
          AND ($3::text IS NULL OR t.status = $3) AND ($4::uuid IS NULL OR t.street_id = $4)
          AND ($5::text IS NULL OR t.category_code = $5 OR t.category_code LIKE $5 || '.%')
        ORDER BY t.created_at DESC LIMIT 200`,
          [
            PUBLIC_STATUSES,
            officerPaths,
            query.status ?? null,
            query.streetId ?? null,
            query.category ?? null,
          ],
        ),
      from,
    );
  }

  /** A bidder asks; the question is stored with its organization but shown to everyone without it. */
  async ask(user: AuthUser, tenderId: string, dto: EnquiryInputDto): Promise<EnquiryDto> {
    this.access.requireOrganization(user, ['org_admin'], dto.organizationId);
    return this.dataSource.transaction(async (m) => {
      const t = await this.lock(m, tenderId, true);
      if (t.status !== 'published')
        throw new DomainError('tender.closed', 'The tender is not open for enquiries');
      if (Date.now() > t.enquiryDeadline.getTime())
        throw new DomainError('tender.closed', 'The enquiry deadline has passed');
      const [row] = await m.query(
        `INSERT INTO tender_enquiries (tender_id, asked_by_organization_id, question) VALUES ($1, $2, $3)
         RETURNING id, question, answer, answered_at AS "answeredAt", created_at AS "createdAt"`,
        [tenderId, dto.organizationId, dto.question],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.enquiry_asked',
        entityType: 'tender',
        entityId: tenderId,
        after: { enquiryId: row.id, organizationId: dto.organizationId },
      });
      return row;
    });
  }

  async answer(user: AuthUser, tenderId: string, enquiryId: string, dto: AnswerDto): Promise<EnquiryDto> {
    return this.dataSource.transaction(async (m) => {
      const t = await this.lock(m, tenderId, true);
      await this.access.requireRegion(user, ['street_officer'], t.streetId);
      const [[row]]: [EnquiryDto[], number] = await m.query(
        `UPDATE tender_enquiries SET answer = $3, answered_at = now() WHERE id = $1 AND tender_id = $2
         RETURNING id, question, answer, answered_at AS "answeredAt", created_at AS "createdAt"`,
        [enquiryId, tenderId, dto.answer],
      );
      if (!row) throw notFound('Enquiry', enquiryId);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'tender.enquiry_answered',
        entityType: 'tender',
        entityId: tenderId,
        after: { enquiryId, answer: dto.answer },
      });
      return row;
    });
  }

  /** Answered enquiries for everyone; the street office also sees the unanswered ones. Never who asked. */
  async enquiries(user: AuthUser | undefined, tenderId: string): Promise<EnquiryDto[]> {
    const tender = await this.get(user, tenderId);
    const officer = user
      ? await this.access.canActInRegion(user, ['street_officer'], tender.streetId)
      : false;
    return this.dataSource.query(
      `SELECT id, question, answer, answered_at AS "answeredAt", created_at AS "createdAt"
         FROM tender_enquiries WHERE tender_id = $1 AND ($2 OR answer IS NOT NULL) ORDER BY created_at`,
      [tenderId, officer],
    );
  }

  private async view(m: EntityManager, id: string): Promise<TenderDto> {
    const [row] = await m.query(
      `SELECT t.id, t.title, t.description, t.category_code AS "categoryCode", t.street_id AS "streetId", s.name AS "streetName",
              ARRAY(SELECT community_id FROM tender_communities WHERE tender_id = t.id ORDER BY 1) AS "communityIds",
              t.budget_ceiling_fen::float8 AS "budgetCeilingFen", t.currency, t.method,
              t.single_source_justification AS "singleSourceJustification", t.invited_organization_id AS "invitedOrganizationId",
              t.kpis, t.min_grade AS "minGrade", t.weights, t.milestone_plan AS "milestonePlan",
              t.enquiry_deadline AS "enquiryDeadline", t.bid_deadline AS "bidDeadline", t.standstill_days AS "standstillDays",
              t.status, t.status_reason AS "statusReason",
              ARRAY(SELECT need_id FROM tender_needs WHERE tender_id = t.id ORDER BY 1) AS "needIds",
              t.published_at AS "publishedAt",
              (SELECT count(*)::int FROM bids b WHERE b.tender_id = t.id AND b.status <> 'withdrawn') AS "bidCount"
         FROM tenders t JOIN regions s ON s.id = t.street_id WHERE t.id = $1`,
      [id],
    );
    if (!row) throw notFound('Tender', id);
    const amendments = await m.query(
      `SELECT id, summary, deadline_extended_to AS "deadlineExtendedTo", created_at AS "createdAt" FROM tender_amendments WHERE tender_id = $1 ORDER BY created_at`,
      [id],
    );
    return { ...row, amendments };
  }

  private async lock(m: EntityManager, id: string, share = false): Promise<Tender> {
    const t = await m.findOne(Tender, {
      where: { id },
      lock: { mode: share ? 'pessimistic_read' : 'pessimistic_write' },
    });
    if (!t || (t.status === 'draft' && share)) throw notFound('Tender', id);
    return t;
  }

  /** `kept`: the category and regions a draft already names, which may stay after their retirement. */
  private async checkReferences(
    m: EntityManager,
    dto: TenderInputDto,
    kept: { category?: string; regions?: string[] } = {},
  ): Promise<void> {
    const [check] = await m.query(
      `SELECT ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM organizations WHERE id = $1)) AS invited`,
      [dto.invitedOrganizationId ?? null],
    );
    await requireLiveRegions(m, [dto.streetId], { level: 'street', field: 'streetId', kept: kept.regions });
    await requireLiveRegions(m, dto.communityIds, {
      level: 'community',
      field: 'communityIds',
      parentId: dto.streetId,
      kept: kept.regions,
    });
    await requireLiveCategories(m, [dto.categoryCode], 'categoryCode', kept.category ? [kept.category] : []);
    if (!check.invited)
      throw new DomainError('validation.failed', 'invitedOrganizationId is not a known organization', {
        field: 'invitedOrganizationId',
      });
  }

  private async replaceLinks(m: EntityManager, id: string, dto: TenderInputDto): Promise<void> {
    await m.query(`DELETE FROM tender_communities WHERE tender_id = $1`, [id]);
    await m.query(`INSERT INTO tender_communities (tender_id, community_id) SELECT $1, unnest($2::uuid[])`, [
      id,
      dto.communityIds,
    ]);
    await m.query(`DELETE FROM tender_needs WHERE tender_id = $1`, [id]);
    const needIds = dto.needIds ?? [];
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM needs WHERE id = ANY($1::uuid[])`, [
      needIds,
    ]);
    if (n !== needIds.length)
      throw new DomainError('validation.failed', 'needIds must name existing needs', { field: 'needIds' });
    await m.query(`INSERT INTO tender_needs (tender_id, need_id) SELECT $1, unnest($2::uuid[])`, [
      id,
      needIds,
    ]);
  }
}
