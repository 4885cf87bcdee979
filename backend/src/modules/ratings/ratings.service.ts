import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { Notifier } from '../notifications/notifier.js';
import { ScoreTrigger } from '../scoring/score-trigger.js';
import { RateDto, RatingDto } from './dto/rating.dto.js';

export const RATING_EDIT_DAYS = 7;

/** Region roles that oversee a community's service records. */
const RECORD_OVERSEERS = ['community_staff', 'street_officer', 'street_director'] as const;

/** The comment is shown only while visible; the scores always count. */
const RATING_SELECT = `SELECT ra.id, ra.record_id AS "recordId", ra.attitude, ra.professionalism, ra.effect,
    CASE WHEN ra.moderation = 'visible' OR $2 THEN ra.comment END AS comment, ra.moderation, ra.org_reply AS "orgReply",
    ra.created_at AS "createdAt", ra.updated_at AS "updatedAt" FROM ratings ra`;

@Injectable()
export class RatingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly scores: ScoreTrigger,
    private readonly notifier: Notifier,
  ) {}

  /** Only a listed beneficiary rates, once: the unique index settles concurrent posts. */
  async rate(user: AuthUser, recordId: string, dto: RateDto): Promise<RatingDto> {
    const rating = await this.dataSource.transaction(async (m) => {
      const [listed] = await m.query(
        `SELECT r.status FROM record_beneficiaries b JOIN service_records r ON r.id = b.record_id WHERE b.record_id = $1 AND b.resident_user_id = $2`,
        [recordId, user.id],
      );
      if (!listed) throw notFound('Service record', recordId);
      if (!['submitted', 'approved'].includes(listed.status))
        throw new DomainError('state.invalid_transition', `The record is ${listed.status}`);
      const inserted = await m.query(
        `INSERT INTO ratings (record_id, resident_user_id, attitude, professionalism, effect, comment) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (record_id, resident_user_id) DO NOTHING RETURNING id`,
        [recordId, user.id, dto.attitude, dto.professionalism, dto.effect, dto.comment ?? ''],
      );
      if (!inserted.length)
        throw new DomainError('state.conflict', 'You already rated this service: edit your rating instead');
      await this.audit.record(m, {
        actorId: user.id,
        action: 'rating.created',
        entityType: 'rating',
        entityId: inserted[0].id,
        after: { recordId, ...dto },
      });
      await this.notifier.ratingReceived(m, inserted[0].id);
      return this.one(m, inserted[0].id, true);
    });
    await this.scores.organizationChanged(await this.organizationOfRecord(recordId));
    return rating;
  }

  private async organizationOfRecord(recordId: string): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT p.organization_id FROM service_records r JOIN projects p ON p.id = r.project_id WHERE r.id = $1`,
      [recordId],
    );
    return row.organization_id;
  }

  async edit(user: AuthUser, ratingId: string, dto: RateDto): Promise<RatingDto> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT resident_user_id, created_at > now() - make_interval(days => $2) AS editable FROM ratings WHERE id = $1 FOR UPDATE`,
        [ratingId, RATING_EDIT_DAYS],
      );
      if (!row || row.resident_user_id !== user.id) throw notFound('Rating', ratingId);
      if (!row.editable)
        throw new DomainError(
          'state.invalid_transition',
          `Ratings can be edited for ${RATING_EDIT_DAYS} days`,
        );
      await m.query(
        `UPDATE ratings SET attitude = $2, professionalism = $3, effect = $4, comment = $5, updated_at = now() WHERE id = $1`,
        [ratingId, dto.attitude, dto.professionalism, dto.effect, dto.comment ?? ''],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'rating.edited',
        entityType: 'rating',
        entityId: ratingId,
        after: { ...dto },
      });
      return this.one(m, ratingId, true);
    });
  }

  /** Anyone who can see it may report a comment; it is hidden until community staff decide. */
  async report(user: AuthUser, ratingId: string): Promise<RatingDto> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT moderation, record_id FROM ratings WHERE id = $1 FOR UPDATE`, [
        ratingId,
      ]);
      if (!row || !(await this.seesRatingsOf(m, user, row.record_id))) throw notFound('Rating', ratingId);
      if (row.moderation === 'visible') {
        await m.query(`UPDATE ratings SET moderation = 'reported' WHERE id = $1`, [ratingId]);
        await this.audit.record(m, {
          actorId: user.id,
          action: 'rating.reported',
          entityType: 'rating',
          entityId: ratingId,
        });
      }
      return this.one(m, ratingId, false);
    });
  }

  /** Community staff of the service's community decide on a reported comment. */
  async moderate(user: AuthUser, ratingId: string, hide: boolean): Promise<RatingDto> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT ra.moderation, r.community_id FROM ratings ra JOIN service_records r ON r.id = ra.record_id WHERE ra.id = $1 FOR UPDATE OF ra`,
        [ratingId],
      );
      if (!row) throw notFound('Rating', ratingId);
      await this.access.requireRegion(user, ['community_staff'], row.community_id);
      const moderation = hide ? 'hidden' : 'visible';
      await m.query(`UPDATE ratings SET moderation = $2 WHERE id = $1`, [ratingId, moderation]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'rating.moderated',
        entityType: 'rating',
        entityId: ratingId,
        before: { moderation: row.moderation },
        after: { moderation },
      });
      return this.one(m, ratingId, true);
    });
  }

  async moderationQueue(user: AuthUser, communityId: string): Promise<RatingDto[]> {
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return this.dataSource.query(
      `${RATING_SELECT} JOIN service_records r ON r.id = ra.record_id WHERE r.community_id = $1 AND ra.moderation = 'reported' ORDER BY ra.updated_at`,
      [communityId, true],
    );
  }

  /** The organization that delivered the service may answer a rating. */
  async reply(user: AuthUser, ratingId: string, reply: string): Promise<RatingDto> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT p.organization_id FROM ratings ra JOIN service_records r ON r.id = ra.record_id JOIN projects p ON p.id = r.project_id WHERE ra.id = $1`,
        [ratingId],
      );
      if (!row) throw notFound('Rating', ratingId);
      this.access.requireOrganization(user, ['org_admin'], row.organization_id);
      await m.query(`UPDATE ratings SET org_reply = $2 WHERE id = $1`, [ratingId, reply]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'rating.replied',
        entityType: 'rating',
        entityId: ratingId,
        after: { reply },
      });
      return this.one(m, ratingId, false);
    });
  }

  async ofRecord(user: AuthUser, recordId: string): Promise<RatingDto[]> {
    if (!(await this.seesRatingsOf(this.dataSource.manager, user, recordId)))
      throw notFound('Service record', recordId);
    return this.dataSource.query(`${RATING_SELECT} WHERE ra.record_id = $1 ORDER BY ra.created_at`, [
      recordId,
      false,
    ]);
  }

  /**
   * Who may see a record's ratings (and so report one): a resident listed on the record, community
   * staff of its community, the street office above it (it manages the contract), members of the
   * organization that delivered it, a platform admin.
   * Everyone else is told the record does not exist.
   */
  private async seesRatingsOf(m: EntityManager, user: AuthUser, recordId: string): Promise<boolean> {
    const [record]: { community_id: string; organization_id: string; listed: boolean }[] = await m.query(
      `SELECT r.community_id, p.organization_id,
              EXISTS (SELECT 1 FROM record_beneficiaries b WHERE b.record_id = r.id AND b.resident_user_id = $2) AS listed
         FROM service_records r JOIN projects p ON p.id = r.project_id WHERE r.id = $1`,
      [recordId, user.id],
    );
    if (!record) return false;
    if (record.listed || this.access.isPlatformAdmin(user)) return true;
    if (user.memberships.some((ms) => ms.organizationId === record.organization_id)) return true;
    return this.access.canActInRegion(user, RECORD_OVERSEERS, record.community_id);
  }

  private async one(m: EntityManager, id: string, showComment: boolean): Promise<RatingDto> {
    const [row] = await m.query(`${RATING_SELECT} WHERE ra.id = $1`, [id, showComment]);
    return row;
  }
}
