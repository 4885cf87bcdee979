import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { Page } from '../../common/pagination/page.js';
import {
  HoursDto,
  HoursQueryDto,
  ObjectionDto,
  PublishedHoursDto,
  RecordHoursDto,
  ResolutionDto,
} from './dto/volunteers.dto.js';
import * as sql from './volunteer-hours.sql.js';
import { activityScope } from './volunteers.sql.js';

/**
 * Volunteer hours under 谁记录谁证明: the activity's organizer records and vouches for them; they
 * are public to the community for 7 days, during which a resident or the staff may object; they
 * count (are certified) once the window is over with no standing objection. The staff decide an
 * objection: upheld voids the entry, dismissed lets it count.
 */
@Injectable()
export class VolunteerHoursService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async record(user: AuthUser, activityId: string, dto: RecordHoursDto): Promise<HoursDto> {
    return this.dataSource.transaction(async (m) => {
      const activity = await activityScope(m, activityId);
      if (!activity) throw notFound('Volunteer activity', activityId);
      if (activity.organizer_id !== user.id)
        throw new DomainError('auth.out_of_scope', "Only the activity's organizer records its hours");
      if (!(await sql.isSignedUp(m, activityId, dto.volunteerId)))
        throw new DomainError('validation.failed', 'Hours are recorded only for volunteers who signed up', {
          field: 'volunteerId',
        });
      const row = await sql.insertHours(m, {
        activityId,
        volunteerId: dto.volunteerId,
        minutes: dto.minutes,
        recordedBy: user.id,
      });
      if (!row)
        throw new DomainError(
          'state.conflict',
          "This volunteer's hours for the activity are recorded already",
        );
      await this.audit.recordChange(m, user.id, 'volunteer_hours.recorded', ['volunteer_hours', row.id], {
        after: { activityId, ...dto },
      });
      return this.mine(m, row.id);
    });
  }

  /** My hours, newest first, each with its state. */
  async myHours(user: AuthUser, query: HoursQueryDto): Promise<Page<HoursDto>> {
    return timeKeyedPage(query, (keyset) => sql.myHours(this.dataSource, user.id, keyset));
  }

  /** The community's hours still open to objections: names only of volunteers who consented. */
  async published(
    user: AuthUser,
    communityId: string,
    query: HoursQueryDto,
  ): Promise<Page<PublishedHoursDto>> {
    await this.access.requireRegion(user, ['resident', 'community_staff'], communityId);
    return timeKeyedPage(query, (keyset) => sql.publishedHours(this.dataSource, communityId, keyset));
  }

  async object(user: AuthUser, hoursId: string, dto: ObjectionDto): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const hours = await this.lock(m, hoursId);
      await this.access.requireRegion(user, ['resident', 'community_staff'], hours.community_id, m);
      if (hours.status !== 'published' || !hours.in_window)
        throw new DomainError(
          'state.invalid_transition',
          'Objections are taken only during the 7 days after hours are recorded',
        );
      await sql.setObjection(m, hoursId, dto.reason, user.id);
      await this.audit.recordStatusChange(
        m,
        user.id,
        'volunteer_hours.objected',
        ['volunteer_hours', hoursId],
        hours.status,
        {
          status: 'objected',
          reason: dto.reason,
        },
      );
    });
  }

  async resolve(user: AuthUser, hoursId: string, dto: ResolutionDto): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const hours = await this.lock(m, hoursId);
      await this.access.requireRegion(user, ['community_staff'], hours.community_id, m);
      if (hours.status !== 'objected')
        throw new DomainError('state.invalid_transition', 'Only an objected entry is decided');
      const status = dto.decision === 'uphold' ? 'void' : 'published';
      await sql.setResolution(m, hoursId, status, dto.reason, user.id);
      await this.audit.recordStatusChange(
        m,
        user.id,
        `volunteer_hours.objection_${dto.decision === 'uphold' ? 'upheld' : 'dismissed'}`,
        ['volunteer_hours', hoursId],
        'objected',
        {
          status,
          reason: dto.reason,
        },
      );
    });
  }

  private async lock(m: EntityManager, id: string): Promise<sql.LockedHours> {
    const hours = await sql.lockHours(m, id);
    if (!hours) throw notFound('Volunteer hours', id);
    return hours;
  }

  private async mine(m: EntityManager, id: string): Promise<HoursDto> {
    const hours = await sql.hoursById(m, id);
    if (!hours) throw notFound('Volunteer hours', id);
    return hours;
  }
}
