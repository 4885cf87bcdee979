import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { Queryable } from '../../common/database/queryable.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import type { Page } from '../../common/pagination/page.js';
import { Env } from '../../config/env.js';
import { onReplica, type ReadFrom } from '../../database/replica.js';
import { requireLiveCategories } from '../catalog/live-categories.js';
import { DocumentSeals } from '../documents/document-seals.service.js';
import { DocumentsService } from '../documents/documents.service.js';
import { NeedsService } from '../needs/needs.service.js';
import { Notifier } from '../notifications/notifier.js';
import { requireLiveRegions } from '../regions/live-regions.js';
import { TenderDto, TenderInputDto, TenderListQueryDto, TenderSummaryDto } from './dto/tender.dto.js';
import { requireEligibleBidder } from './tender-eligibility.js';
import { OcdsBulkTrigger } from '../ocds/ocds-bulk-trigger.js';
import { lockTender } from './tender-lock.js';
import { MIN_VALID_BIDS, publishProblems, tenderTransition } from './tender-rules.js';
import { TenderSchedule } from './tender-schedule.js';
import { Tender, TENDER_STATUSES } from './tender.entity.js';
import * as sql from './tenders.sql.js';

/** Statuses the public sees; drafts stay with their street office. */
const PUBLIC_STATUSES = TENDER_STATUSES.filter((s) => s !== 'draft');

/** A tender from its draft to its publication, cancellation or the close of bidding (PRODUCT §4). */
@Injectable()
export class TendersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly needs: NeedsService,
    private readonly schedule: TenderSchedule,
    private readonly env: Env,
    private readonly notifier: Notifier,
    private readonly documents: DocumentsService,
    private readonly seals: DocumentSeals,
    private readonly ocdsBulk: OcdsBulkTrigger,
  ) {}

  async create(user: AuthUser, dto: TenderInputDto): Promise<TenderDto> {
    await this.access.requireRegion(user, ['street_officer'], dto.streetId);
    const id = await this.dataSource.transaction(async (m) => {
      await this.checkReferences(m, dto);
      const id = await sql.writeDraft(m, { createdBy: user.id }, dto);
      await this.replaceLinks(m, id, dto);
      await this.audit.recordChange(m, user.id, 'tender.created', ['tender', id], {
        after: { ...dto, status: 'draft' },
      });
      return id;
    });
    return this.view(this.dataSource.manager, id);
  }

  /** Replaces a draft; `expectedVersion` (If-Match) refuses a write prepared on an older version. */
  async update(
    user: AuthUser,
    id: string,
    dto: TenderInputDto,
    expectedVersion?: number,
  ): Promise<TenderDto> {
    await this.dataSource.transaction(async (m) => {
      const tender = await lockTender(m, id);
      await this.access.requireRegion(user, ['street_officer'], tender.streetId, m);
      requireVersion(expectedVersion, tender.version);
      await this.access.requireRegion(user, ['street_officer'], dto.streetId, m);
      if (tender.status !== 'draft')
        throw new DomainError(
          'state.invalid_transition',
          'Only a draft can be edited; publish an amendment instead',
        );
      await this.checkReferences(m, dto, {
        category: tender.categoryCode,
        regions: [tender.streetId, ...(await sql.communityIdsOf(m, id))],
      });
      await sql.writeDraft(m, { id }, dto);
      await this.replaceLinks(m, id, dto);
      await this.audit.recordChange(m, user.id, 'tender.edited', ['tender', id], {
        after: { ...dto },
      });
    });
    return this.view(this.dataSource.manager, id);
  }

  /** Publishes after checking every rule; links the needs it answers and schedules its closing. */
  async publish(user: AuthUser, id: string): Promise<TenderDto> {
    const tender = await this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, id);
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      const status = tenderTransition(t.status, 'publish');
      const problems = publishProblems(t, new Date(), this.env.DIRECT_COMMISSION_CAP_FEN);
      if (problems.length)
        throw new DomainError('validation.failed', `The tender cannot be published: ${problems.join('; ')}`, {
          problems,
        });
      // A draft may keep a category retired since it was written, but is published only under a live one.
      await requireLiveCategories(m, [t.categoryCode], 'categoryCode');
      if (t.invitedOrganizationId)
        await requireEligibleBidder(m, t.invitedOrganizationId, t, 'The invited organization');
      await this.needs.addressBy(m, user.id, id, t.streetId, await sql.needIdsOf(m, id));
      // The key pair its bids' files are sealed for until the deadline.
      await sql.markPublished(m, id, status, await this.seals.create(m));
      await this.audit.recordStatusChange(m, user.id, 'tender.published', ['tender', id], t.status, {
        status,
      });
      await this.notifier.tenderPublished(m, id);
      return t;
    });
    await this.schedule.close(id, tender.bidDeadline);
    // A new contracting process: the bulk download gets its tender release within minutes.
    await this.ocdsBulk.requestRewrite();
    return this.view(this.dataSource.manager, id);
  }

  async cancel(user: AuthUser, id: string, reason: string): Promise<TenderDto> {
    await this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, id);
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      const status = tenderTransition(t.status, 'cancel');
      await sql.setStatus(m, id, status, reason);
      await sql.releaseNeeds(m, id);
      await this.audit.recordStatusChange(m, user.id, 'tender.cancelled', ['tender', id], t.status, {
        status,
        reason,
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
      const opened = await sql.openSubmittedBids(m, tenderId);
      const enough = opened.length >= MIN_VALID_BIDS[t.method];
      const status = tenderTransition(t.status, enough ? 'close' : 'fail');
      const reason = enough
        ? null
        : `${opened.length} valid bid(s); ${t.method} needs ${MIN_VALID_BIDS[t.method]}`;
      await sql.setStatus(m, tenderId, status, reason);
      // The bids' files open with the bids (needs the workers' BID_SEAL_SECRET).
      if (t.sealId) await this.seals.open(m, t.sealId);
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
    const open = await sql.publishedDeadlines(this.dataSource);
    for (const t of open) await this.schedule.close(t.id, t.bid_deadline);
    return open.length;
  }

  /** A public notice; anonymous visitors read it from a replica. */
  async get(user: AuthUser | undefined, id: string, from: ReadFrom = 'primary'): Promise<TenderDto> {
    const tender = await onReplica(this.dataSource, (m) => this.view(m, id), from);
    if (tender.status === 'draft') {
      // A draft exists only for its street office; everyone else gets the same 404 as for nothing.
      if (!user || !(await this.access.canActInRegion(user, ['street_officer'], tender.streetId)))
        throw notFound('Tender', id);
    }
    return tender;
  }

  /** Public notices, newest first, a page at a time (anonymous visitors read them from a replica). */
  async list(
    user: AuthUser | undefined,
    query: TenderListQueryDto,
    from: ReadFrom = 'primary',
  ): Promise<Page<TenderSummaryDto>> {
    const officerPaths = (user?.memberships ?? [])
      .filter((m) => m.role === 'street_officer' && m.regionPath)
      .map((m) => `${m.regionPath}%`);
    const filter = {
      publicStatuses: PUBLIC_STATUSES,
      officerPaths,
      status: query.status ?? null,
      streetId: query.streetId ?? null,
      category: query.category ?? null,
      q: query.q ?? null,
      sort: query.sort ?? 'newest',
    };
    return timeKeyedPage(query, (keyset) =>
      onReplica(this.dataSource, (m) => sql.tenderSummaries(m, filter, keyset), from),
    );
  }

  async view(m: Queryable, id: string): Promise<TenderDto> {
    const row = await sql.tenderRow(m, id);
    if (!row) throw notFound('Tender', id);
    return {
      ...row,
      amendments: await sql.amendmentsOf(m, id),
      documents: await this.documents.listFor(m, { type: 'tender', id }),
    };
  }

  /** `kept`: the category and regions a draft already names, which may stay after their retirement. */
  private async checkReferences(
    m: EntityManager,
    dto: TenderInputDto,
    kept: { category?: string; regions?: string[] } = {},
  ): Promise<void> {
    const invitedExists = await sql.organizationExists(m, dto.invitedOrganizationId ?? null);
    await requireLiveRegions(m, [dto.streetId], { level: 'street', field: 'streetId', kept: kept.regions });
    await requireLiveRegions(m, dto.communityIds, {
      level: 'community',
      field: 'communityIds',
      parentId: dto.streetId,
      kept: kept.regions,
    });
    await requireLiveCategories(m, [dto.categoryCode], 'categoryCode', kept.category ? [kept.category] : []);
    if (!invitedExists)
      throw new DomainError('validation.failed', 'invitedOrganizationId is not a known organization', {
        field: 'invitedOrganizationId',
      });
  }

  private async replaceLinks(m: EntityManager, id: string, dto: TenderInputDto): Promise<void> {
    if (!(await sql.replaceLinks(m, id, dto.communityIds, dto.needIds ?? [])))
      throw new DomainError('validation.failed', 'needIds must name existing needs', { field: 'needIds' });
  }
}
