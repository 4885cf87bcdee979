import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditEvent, AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { Queryable } from '../../common/database/queryable.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import { type Page, PageQueryDto } from '../../common/pagination/page.js';
import { Notifier } from '../notifications/notifier.js';
import { ScoreTrigger } from '../scoring/score-trigger.js';
import { requireLiveListing } from '../service-records/live-listing.js';
import { RateDto, RatingDto } from './dto/rating.dto.js';
import * as sql from './ratings.sql.js';

/** The before and after of an audited change. */
type AuditChange = Pick<AuditEvent, 'before' | 'after'>;

export const RATING_EDIT_DAYS = 7;

/** Region roles that oversee a community's service records. */
const RECORD_OVERSEERS = ['community_staff', 'street_officer', 'street_director'] as const;

/**
 * Residents' ratings of the services they received (PRODUCT §5): one per beneficiary and record,
 * editable by its author for a week; a reported comment is hidden until community staff decide.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly scores: ScoreTrigger,
    private readonly notifier: Notifier,
  ) {}

  /** Only a listed beneficiary rates a live record, once: the unique index settles concurrent posts. */
  async rate(user: AuthUser, recordId: string, dto: RateDto): Promise<RatingDto> {
    const rated = await this.dataSource.transaction(async (m) => {
      await requireLiveListing(m, recordId, user.id);
      const id = await sql.insertRating(m, recordId, user.id, dto);
      if (!id)
        throw new DomainError('state.conflict', 'You already rated this service: edit your rating instead');
      await this.audited(m, user, id, 'rating.created', { after: { recordId, ...dto } });
      await this.notifier.ratingReceived(m, id);
      const scope = await sql.recordScope(m, recordId, user.id);
      if (!scope) throw notFound('Service record', recordId);
      return { rating: await this.one(m, id, true), organizationId: scope.organization_id };
    });
    await this.scores.organizationChanged(rated.organizationId);
    return rated.rating;
  }

  /** Its author edits it within the week, against the version they saw (`expected`, from If-Match). */
  async edit(user: AuthUser, ratingId: string, dto: RateDto, expected?: number): Promise<RatingDto> {
    return this.dataSource.transaction(async (m) => {
      const row = await sql.lockRating(m, ratingId, RATING_EDIT_DAYS);
      if (!row || row.resident_user_id !== user.id) throw notFound('Rating', ratingId);
      requireVersion(expected, row.version);
      if (!row.editable)
        throw new DomainError(
          'state.invalid_transition',
          `Ratings can be edited for ${RATING_EDIT_DAYS} days`,
        );
      await sql.setScores(m, ratingId, dto);
      await this.audited(m, user, ratingId, 'rating.edited', { after: { ...dto } });
      return this.one(m, ratingId, true);
    });
  }

  /** Anyone who can see it may report a comment; it is hidden until community staff decide. */
  async report(user: AuthUser, ratingId: string): Promise<RatingDto> {
    return this.dataSource.transaction(async (m) => {
      const row = await sql.lockRating(m, ratingId, RATING_EDIT_DAYS);
      if (!row || !(await this.seesRatingsOf(m, user, row.record_id))) throw notFound('Rating', ratingId);
      if (row.moderation === 'visible') {
        await sql.setModeration(m, ratingId, 'reported');
        await this.audited(m, user, ratingId, 'rating.reported');
      }
      return this.one(m, ratingId, false);
    });
  }

  /** Community staff of the service's community decide on a reported comment. */
  async moderate(user: AuthUser, ratingId: string, hide: boolean): Promise<RatingDto> {
    return this.dataSource.transaction(async (m) => {
      const row = await sql.lockRating(m, ratingId, RATING_EDIT_DAYS);
      if (!row) throw notFound('Rating', ratingId);
      await this.access.requireRegion(user, ['community_staff'], row.community_id, m);
      const moderation = hide ? 'hidden' : 'visible';
      await sql.setModeration(m, ratingId, moderation);
      await this.audited(m, user, ratingId, 'rating.moderated', {
        before: { moderation: row.moderation },
        after: { moderation },
      });
      return this.one(m, ratingId, true);
    });
  }

  /** A page of the community's reported comments, longest waiting first. */
  async moderationQueue(user: AuthUser, communityId: string, query: PageQueryDto): Promise<Page<RatingDto>> {
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return timeKeyedPage(query, (keyset) => sql.reportedInCommunity(this.dataSource, communityId, keyset));
  }

  /** The organization that delivered the service may answer a rating. */
  async reply(user: AuthUser, ratingId: string, reply: string): Promise<RatingDto> {
    return this.dataSource.transaction(async (m) => {
      const row = await sql.lockRating(m, ratingId, RATING_EDIT_DAYS);
      if (!row) throw notFound('Rating', ratingId);
      this.access.requireOrganization(user, ['org_admin'], row.organization_id);
      await sql.setReply(m, ratingId, reply);
      await this.audited(m, user, ratingId, 'rating.replied', { after: { reply } });
      return this.one(m, ratingId, false);
    });
  }

  async ofRecord(user: AuthUser, recordId: string): Promise<RatingDto[]> {
    if (!(await this.seesRatingsOf(this.dataSource, user, recordId)))
      throw notFound('Service record', recordId);
    return sql.ratingsOfRecord(this.dataSource, recordId);
  }

  /**
   * Who may see a record's ratings (and so report one): a resident listed on the record, community
   * staff of its community, the street office above it (it manages the contract), members of the
   * organization that delivered it, a platform admin.
   * Everyone else is told the record does not exist.
   */
  private async seesRatingsOf(db: Queryable, user: AuthUser, recordId: string): Promise<boolean> {
    const record = await sql.recordScope(db, recordId, user.id);
    if (!record) return false;
    if (record.listed || this.access.isPlatformAdmin(user)) return true;
    if (user.memberships.some((ms) => ms.organizationId === record.organization_id)) return true;
    return this.access.canActInRegion(user, RECORD_OVERSEERS, record.community_id);
  }

  /** A change of the rating, in the audit trail. */
  private audited(m: EntityManager, user: AuthUser, id: string, action: string, change: AuditChange = {}) {
    return this.audit.record(m, { actorId: user.id, action, entityType: 'rating', entityId: id, ...change });
  }

  private async one(m: EntityManager, id: string, showComment: boolean): Promise<RatingDto> {
    const row = await sql.ratingById(m, id, showComment);
    if (!row) throw notFound('Rating', id);
    return row;
  }
}
