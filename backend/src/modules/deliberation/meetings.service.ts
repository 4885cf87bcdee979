import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import type { Queryable } from '../../common/database/queryable.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import { requireLiveRegions } from '../regions/live-regions.js';
import { ConsultationsService } from './consultations.service.js';
import { MeetingDto, RecordMinutesDto, ScheduleMeetingDto } from './dto/deliberation.dto.js';
import * as sql from './meetings.sql.js';

/** Residents' council meetings (议事会): scheduled with an agenda, then held with attendance and minutes. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly consultations: ConsultationsService,
  ) {}

  async schedule(user: AuthUser, communityId: string, dto: ScheduleMeetingDto): Promise<MeetingDto> {
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return this.dataSource.transaction(async (m) => {
      await requireLiveRegions(m, [communityId], { level: 'community', field: 'communityId' });
      const id = await sql.insertMeeting(m, { ...dto, communityId, createdBy: user.id });
      await this.audit.recordChange(m, user.id, 'meeting.scheduled', ['meeting', id], {
        after: { ...dto, communityId },
      });
      return this.one(m, id);
    });
  }

  async list(user: AuthUser, communityId: string, query: PageQueryDto): Promise<Page<MeetingDto>> {
    await this.consultations.requireReader(user, communityId);
    return timeKeyedPage(query, (keyset) => sql.meetingsOfCommunity(this.dataSource, communityId, keyset));
  }

  async get(user: AuthUser, id: string): Promise<MeetingDto> {
    const meeting = await this.one(this.dataSource, id);
    await this.consultations.requireReader(user, meeting.communityId);
    return meeting;
  }

  /** Staff record who came and the minutes, once: the meeting is then held. */
  async recordMinutes(user: AuthUser, id: string, dto: RecordMinutesDto): Promise<MeetingDto> {
    return this.dataSource.transaction(async (m) => {
      const meeting = await sql.lockMeeting(m, id);
      if (!meeting) throw notFound('Meeting', id);
      await this.access.requireRegion(user, ['community_staff'], meeting.community_id, m);
      if (meeting.status !== 'scheduled')
        throw new DomainError('state.invalid_transition', 'The minutes of this meeting are recorded already');
      const accounts = dto.attendance.flatMap((a) => (a.userId ? [a.userId] : []));
      const strangers = accounts.length ? await sql.nonResidents(m, meeting.community_id, accounts) : [];
      if (strangers.length)
        throw new DomainError(
          'validation.failed',
          'An attendee named by account must be a resident of the community',
          {
            field: 'attendance',
            userIds: strangers.map((s) => s.id),
          },
        );
      await sql.recordMinutes(m, id, dto.minutes);
      await sql.insertAttendance(m, id, dto.attendance);
      await this.audit.recordStatusChange(m, user.id, 'meeting.held', ['meeting', id], 'scheduled', {
        status: 'held',
        attendees: dto.attendance.length,
      });
      return this.one(m, id);
    });
  }

  private async one(db: Queryable, id: string): Promise<MeetingDto> {
    const meeting = await sql.meetingById(db, id);
    if (!meeting) throw notFound('Meeting', id);
    return meeting;
  }
}
