import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import type { Queryable } from '../../common/database/queryable.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { Page } from '../../common/pagination/page.js';
import { NeedsService } from '../needs/needs.service.js';
import { isEligibleVoter, residesInside } from './consultation-access.js';
import * as sql from './deliberation.sql.js';
import {
  CloseConsultationDto,
  CommentsQueryDto,
  CommentViewDto,
  ConsultationDto,
  ConsultationsQueryDto,
  ConsultationSummaryDto,
  OpenConsultationDto,
} from './dto/deliberation.dto.js';

/** Who reads a community's consultations. */
const READERS = ['resident', 'community_staff', 'street_officer'] as const;

/**
 * Consultations (议题, docs/participation.md): opened by community staff, closed by them into
 * minutes that may put needs on the needs list. Results are shown only once closed.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly needs: NeedsService,
  ) {}

  async open(user: AuthUser, communityId: string, dto: OpenConsultationDto): Promise<ConsultationDto> {
    await this.access.requireRegion(user, ['community_staff'], communityId);
    const options = [...new Set(dto.options.map((o) => o.trim()).filter((o) => o.length > 0))];
    if (options.length < 2 && !dto.allowProposals)
      throw new DomainError('validation.failed', 'List at least two options, or let residents propose', {
        field: 'options',
      });
    const id = await this.dataSource.transaction(async (m) => {
      const region = await sql.targetRegion(m, dto.regionId);
      if (!region || region.community_id !== communityId)
        throw new DomainError('validation.failed', 'The region must be the community or one of its grids', {
          field: 'regionId',
        });
      if (region.retired) throw new DomainError('reference.retired', 'The region is retired');
      const row = await sql.insertConsultation(m, {
        communityId,
        regionId: dto.regionId,
        title: dto.title,
        question: dto.question,
        allowProposals: dto.allowProposals,
        secret: dto.secret,
        opensAt: dto.opensAt ?? null,
        closesAt: dto.closesAt,
        openedBy: user.id,
      });
      if (!row)
        throw new DomainError('validation.failed', 'closesAt must be in the future and after opensAt', {
          field: 'closesAt',
        });
      if (options.length) await sql.insertOptions(m, row.id, options, null);
      await this.audit.recordChange(m, user.id, 'consultation.opened', ['consultation', row.id], {
        after: { ...dto, communityId, options },
      });
      return row.id;
    });
    return this.get(user, id);
  }

  async list(
    user: AuthUser,
    communityId: string,
    query: ConsultationsQueryDto,
  ): Promise<Page<ConsultationSummaryDto>> {
    await this.requireReader(user, communityId);
    return timeKeyedPage(query, (keyset) =>
      sql.consultationsOfCommunity(this.dataSource, user.id, communityId, query, keyset),
    );
  }

  /** The consultation as the caller may see it: counts only once closed, moderated text only to staff and authors. */
  async get(user: AuthUser, id: string, db: Queryable = this.dataSource): Promise<ConsultationDto> {
    const c = await sql.consultationById(db, id, user.id);
    if (!c) throw notFound('Consultation', id);
    await this.requireReader(user, c.communityId, db);
    const moderator = await this.access.canActInRegion(user, ['community_staff'], c.communityId, db);
    const closed = c.status === 'closed';
    const { regionPath, inPeriod, ...view } = c;
    return {
      ...view,
      canVote: !closed && inPeriod && !c.votedByMe && isEligibleVoter(user, regionPath),
      options: await sql.optionsOf(db, id, closed, moderator, user.id),
      needs: await sql.needsOf(db, id),
    };
  }

  /** The comments, newest first, a page at a time, as the caller may see them (moderated text only to staff and authors). */
  async comments(user: AuthUser, id: string, query: CommentsQueryDto): Promise<Page<CommentViewDto>> {
    const c = await sql.consultationById(this.dataSource, id, user.id);
    if (!c) throw notFound('Consultation', id);
    await this.requireReader(user, c.communityId);
    const moderator = await this.access.canActInRegion(user, ['community_staff'], c.communityId);
    return timeKeyedPage(query, (keyset) => sql.commentsOf(this.dataSource, id, moderator, user.id, keyset));
  }

  /**
   * Staff close a consultation once its period is over, with the minutes (决议) and the needs the
   * resolution puts on the needs list, all in one transaction. The row lock waits for votes in flight.
   */
  async close(user: AuthUser, id: string, dto: CloseConsultationDto): Promise<ConsultationDto> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.lock(m, id);
      await this.access.requireRegion(user, ['community_staff'], c.community_id, m);
      if (c.status !== 'open')
        throw new DomainError('state.invalid_transition', 'The consultation is closed');
      if (!c.due)
        throw new DomainError(
          'state.invalid_transition',
          'A consultation closes only once its period is over',
        );
      await sql.closeConsultation(m, id, dto.minutes, user.id);
      const needIds = await this.needs.postResolved(m, user.id, c.community_id, dto.needs);
      if (needIds.length) await sql.linkNeeds(m, id, needIds);
      await this.audit.recordChange(m, user.id, 'consultation.closed', ['consultation', id], {
        after: { minutes: dto.minutes, needIds, tally: await sql.tally(m, id) },
      });
      return this.get(user, id, m);
    });
  }

  /**
   * Readers: residents, staff and the street office of the community (a membership on it or above
   * it), and residents of its grids.
   */
  async requireReader(user: AuthUser, communityId: string, db: Queryable = this.dataSource): Promise<void> {
    if (residesInside(user, communityId)) return;
    await this.access.requireRegion(user, READERS, communityId, db);
  }

  /** The yes/no form of `requireReader`. */
  async isReader(user: AuthUser, communityId: string, db: Queryable = this.dataSource): Promise<boolean> {
    return residesInside(user, communityId) || this.access.canActInRegion(user, READERS, communityId, db);
  }

  private async lock(m: EntityManager, id: string): Promise<sql.LockedConsultation> {
    const c = await sql.lockConsultationForUpdate(m, id);
    if (!c) throw notFound('Consultation', id);
    return c;
  }
}
