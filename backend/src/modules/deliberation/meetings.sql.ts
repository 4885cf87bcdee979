import type { TimeKeyset } from '../../common/database/keyset.js';
import { cursorTime, newestFirst } from '../../common/database/keyset.js';
import { changedRows, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import type { AttendeeInputDto, MeetingDto } from './dto/deliberation.dto.js';

export interface NewMeeting {
  communityId: string;
  title: string;
  startsAt: string;
  place: string;
  agenda: string[];
  createdBy: string;
}

export const insertMeeting = async (db: Queryable, m: NewMeeting) =>
  (
    await selectRows<{ id: string }>(
      db,
      `INSERT INTO meetings (community_id, title, starts_at, place, agenda, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [m.communityId, m.title, m.startsAt, m.place, m.agenda, m.createdBy],
    )
  )[0].id;

const MEETING_COLUMNS = `m.id, m.community_id AS "communityId", m.title, m.starts_at AS "startsAt", m.place, m.agenda, m.status, m.minutes,
    coalesce((SELECT json_agg(json_build_object('name', a.name, 'capacity', a.capacity, 'userId', a.user_id) ORDER BY a.name, a.id)
                FROM meeting_attendance a WHERE a.meeting_id = m.id), '[]') AS attendance`;

export const meetingById = (db: Queryable, id: string) =>
  selectOne<MeetingDto>(db, `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.id = $1`, [id]);

/** A page of a community's meetings, latest start first. */
export const meetingsOfCommunity = (db: Queryable, communityId: string, keyset: TimeKeyset) =>
  selectRows<MeetingDto & { k: string }>(
    db,
    `SELECT ${MEETING_COLUMNS}, ${cursorTime('m.starts_at')} AS k FROM meetings m
      WHERE m.community_id = $1 AND ${newestFirst('m.starts_at', 'm.id', 2)}`,
    [communityId, ...(keyset.after ?? [null, null]), keyset.limit],
  );

export const lockMeeting = (db: Queryable, id: string) =>
  selectOne<{ community_id: string; status: string }>(
    db,
    `SELECT community_id, status FROM meetings WHERE id = $1 FOR UPDATE`,
    [id],
  );

export const recordMinutes = (db: Queryable, id: string, minutes: string) =>
  changedRows(db, `UPDATE meetings SET status = 'held', minutes = $2, version = version + 1 WHERE id = $1`, [
    id,
    minutes,
  ]);

export const insertAttendance = (db: Queryable, meetingId: string, attendees: AttendeeInputDto[]) =>
  selectRows(
    db,
    `INSERT INTO meeting_attendance (meeting_id, name, capacity, user_id)
     SELECT $1, a.name, a.capacity, a.user_id FROM unnest($2::text[], $3::text[], $4::uuid[]) AS a(name, capacity, user_id)`,
    [
      meetingId,
      attendees.map((a) => a.name),
      attendees.map((a) => a.capacity),
      attendees.map((a) => a.userId ?? null),
    ],
  );

/** The given accounts that are not residents of the community (an attendee named by account must be one). */
export const nonResidents = (db: Queryable, communityId: string, userIds: string[]) =>
  selectRows<{ id: string }>(
    db,
    `SELECT u.id FROM unnest($2::uuid[]) AS u(id)
      WHERE NOT EXISTS (SELECT 1 FROM role_memberships rm JOIN regions r ON r.id = rm.region_id
                         WHERE rm.user_id = u.id AND rm.role = 'resident'
                           AND r.path LIKE (SELECT path FROM regions WHERE id = $1) || '%')`,
    [communityId, userIds],
  );
