import { cursorTime, newestFirst, oldestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import type { Queryable } from '../../common/database/queryable.js';
import { changedRows, insertedOnce, selectOne, selectRows } from '../../common/database/queryable.js';
import type { ActivityDto, ParticipantDto, VolunteerDto } from './dto/volunteers.dto.js';

/** Hours count (are certified) once public for 7 days with no standing objection. */
export const OBJECTION_WINDOW = `interval '7 days'`;
export const CERTIFIED = `(h.status = 'published' AND h.recorded_at <= now() - ${OBJECTION_WINDOW})`;

export const volunteerOf = (db: Queryable, userId: string) =>
  selectOne<VolunteerDto>(
    db,
    `SELECT v.user_id AS "userId", u.display_name AS "displayName", v.community_id AS "communityId", c.name AS "communityName",
            v.skills, v.availability, v.publish_name AS "publishName", v.version,
            COALESCE((SELECT sum(h.minutes) FROM volunteer_hours h WHERE h.volunteer_id = v.user_id AND ${CERTIFIED}), 0)::int AS "certifiedMinutes",
            COALESCE((SELECT sum(h.minutes) FROM volunteer_hours h WHERE h.volunteer_id = v.user_id AND h.status <> 'void' AND NOT ${CERTIFIED}), 0)::int AS "pendingMinutes"
       FROM volunteers v JOIN users u ON u.id = v.user_id JOIN regions c ON c.id = v.community_id
      WHERE v.user_id = $1`,
    [userId],
  );

export const lockVolunteer = (db: Queryable, userId: string) =>
  selectOne<{ version: number; community_id: string }>(
    db,
    `SELECT version, community_id FROM volunteers WHERE user_id = $1 FOR UPDATE`,
    [userId],
  );

export interface Profile {
  communityId: string;
  skills: string[];
  availability: string;
  publishName: boolean;
}

/** Registers the volunteer; false when they had registered already (the primary key decides). */
export const insertVolunteer = (db: Queryable, userId: string, p: Profile) =>
  insertedOnce(
    db,
    `INSERT INTO volunteers (user_id, community_id, skills, availability, publish_name) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING user_id`,
    [userId, p.communityId, p.skills, p.availability, p.publishName],
  );

export const updateVolunteer = (db: Queryable, userId: string, p: Profile) =>
  changedRows(
    db,
    `UPDATE volunteers SET community_id = $2, skills = $3, availability = $4, publish_name = $5, version = version + 1, updated_at = now()
      WHERE user_id = $1`,
    [userId, p.communityId, p.skills, p.availability, p.publishName],
  );

/** $1 = the viewer. */
const ACTIVITY_COLUMNS = `a.id, a.community_id AS "communityId", c.name AS "communityName", a.project_id AS "projectId",
    a.organization_id AS "organizationId", a.organizer_id AS "organizerId", a.title, a.description, a.location,
    a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.capacity, a.signed_up AS "signedUp",
    EXISTS (SELECT 1 FROM volunteer_signups s WHERE s.activity_id = a.id AND s.volunteer_id = $1) AS "signedUpByMe",
    a.organizer_id = $1 AS "organizedByMe"`;
const ACTIVITY_FROM = `FROM volunteer_activities a JOIN regions c ON c.id = a.community_id`;

export interface NewActivity {
  communityId: string;
  projectId: string | null;
  organizationId: string | null;
  organizerId: string;
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
}

export async function insertActivity(db: Queryable, a: NewActivity): Promise<string> {
  const [{ id }] = await selectRows<{ id: string }>(
    db,
    `INSERT INTO volunteer_activities (community_id, project_id, organization_id, organizer_id, title, description, location, starts_at, ends_at, capacity)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      a.communityId,
      a.projectId,
      a.organizationId,
      a.organizerId,
      a.title,
      a.description,
      a.location,
      a.startsAt,
      a.endsAt,
      a.capacity,
    ],
  );
  return id;
}

export const activityById = (db: Queryable, id: string, viewerId: string) =>
  selectOne<ActivityDto>(db, `SELECT ${ACTIVITY_COLUMNS} ${ACTIVITY_FROM} WHERE a.id = $2`, [viewerId, id]);

/** An activity whose title, place or description holds the search ($n null: every activity). */
const ACTIVITY_MATCHES = (n: number) =>
  `($${n}::text IS NULL OR a.title || ' ' || a.location || ' ' || a.description ILIKE $${n})`;
const activityPattern = (q: string | undefined) => (q ? `%${likeEscape(q)}%` : null);

/**
 * A page of the activities matching `where` ($2, then the keyset from $3: `newestFirst` or
 * `oldestFirst`) and the search ($6), as the viewer ($1) sees them.
 */
const activitiesWhere = (
  db: Queryable,
  where: string,
  [viewerId, scope]: [string, string | string[]],
  q: string | undefined,
  page: TimeKeyset,
) =>
  selectRows<ActivityDto & { k: string }>(
    db,
    `SELECT ${ACTIVITY_COLUMNS}, ${cursorTime('a.starts_at')} AS k ${ACTIVITY_FROM}
      WHERE ${ACTIVITY_MATCHES(6)} AND ${where}`,
    [viewerId, scope, ...(page.after ?? [null, null]), page.limit, activityPattern(q)],
  );

/** The community's activities not yet over, soonest first. */
export const activitiesOfCommunity = (
  db: Queryable,
  viewerId: string,
  communityId: string,
  q: string | undefined,
  page: TimeKeyset,
) =>
  activitiesWhere(
    db,
    `a.community_id = $2 AND a.ends_at > now() AND ${oldestFirst('a.starts_at', 'a.id', 3)}`,
    [viewerId, communityId],
    q,
    page,
  );

/**
 * The project's organization, and whether the project serves the community: its tender named the
 * community, or the organization serves it.
 */
export const projectOrganization = (db: Queryable, projectId: string, communityId: string) =>
  selectOne<{ organization_id: string; status: string; serves: boolean }>(
    db,
    `SELECT p.organization_id, p.status,
            (EXISTS (SELECT 1 FROM contracts c JOIN tender_communities tc ON tc.tender_id = c.tender_id
                      WHERE c.id = p.contract_id AND tc.community_id = $2)
             OR EXISTS (SELECT 1 FROM organization_communities oc
                         WHERE oc.organization_id = p.organization_id AND oc.community_id = $2)) AS serves
       FROM projects p WHERE p.id = $1`,
    [projectId, communityId],
  );

/**
 * The activities the viewer organizes or that belong to projects of the organizations they
 * administer ($2), latest start first, ended ones included (hours are recorded afterwards).
 */
export const organizedActivities = (
  db: Queryable,
  viewerId: string,
  organizationIds: string[],
  q: string | undefined,
  page: TimeKeyset,
) =>
  activitiesWhere(
    db,
    `(a.organizer_id = $1 OR a.organization_id = ANY($2::uuid[]))
        AND ${newestFirst('a.starts_at', 'a.id', 3)}`,
    [viewerId, organizationIds],
    q,
    page,
  );

export const activityScope = (db: Queryable, id: string) =>
  selectOne<{
    community_id: string;
    organizer_id: string;
    organization_id: string | null;
    starts_at: Date;
    ends_at: Date;
    title: string;
  }>(
    db,
    `SELECT community_id, organizer_id, organization_id, starts_at, ends_at, title FROM volunteer_activities WHERE id = $1`,
    [id],
  );

/** Records the sign-up; false when the volunteer was signed up already (the primary key decides). */
export const insertSignup = (db: Queryable, activityId: string, volunteerId: string) =>
  insertedOnce(
    db,
    `INSERT INTO volunteer_signups (activity_id, volunteer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING activity_id`,
    [activityId, volunteerId],
  );

/**
 * Takes one place if one is left. The row lock of the UPDATE orders concurrent sign-ups, and each
 * sees the count the one before it left: never more than the capacity (also a CHECK).
 */
export const takePlace = async (db: Queryable, activityId: string) =>
  (
    await changedRows(
      db,
      `UPDATE volunteer_activities SET signed_up = signed_up + 1 WHERE id = $1 AND signed_up < capacity AND ends_at > now() RETURNING id`,
      [activityId],
    )
  ).length > 0;

/**
 * Locks the volunteer's sign-up for withdrawal. Recording hours reads the sign-up FOR KEY SHARE,
 * so the two wait for each other: after this lock, hours either exist (and are seen) or cannot be
 * recorded for this sign-up any more.
 */
export const lockSignup = async (db: Queryable, activityId: string, volunteerId: string) =>
  (
    await selectRows(
      db,
      `SELECT 1 FROM volunteer_signups WHERE activity_id = $1 AND volunteer_id = $2 FOR UPDATE`,
      [activityId, volunteerId],
    )
  ).length > 0;

export const hasHours = async (db: Queryable, activityId: string, volunteerId: string) =>
  (
    await selectRows(db, `SELECT 1 FROM volunteer_hours WHERE activity_id = $1 AND volunteer_id = $2`, [
      activityId,
      volunteerId,
    ])
  ).length > 0;

/** Gives the place back while the activity has not started (the row lock orders it with sign-ups). */
export const freePlace = async (db: Queryable, activityId: string) =>
  (
    await changedRows(
      db,
      `UPDATE volunteer_activities SET signed_up = signed_up - 1 WHERE id = $1 AND starts_at > now() RETURNING id`,
      [activityId],
    )
  ).length > 0;

export const deleteSignup = (db: Queryable, activityId: string, volunteerId: string) =>
  changedRows(db, `DELETE FROM volunteer_signups WHERE activity_id = $1 AND volunteer_id = $2`, [
    activityId,
    volunteerId,
  ]);

/** The sign-ups of these activities with the hours recorded for each, by activity, in sign-up order. */
export const participantsOf = async (db: Queryable, activityIds: string[]) => {
  const rows = await selectRows<ParticipantDto & { activityId: string }>(
    db,
    `SELECT s.activity_id AS "activityId", s.volunteer_id AS "volunteerId", u.display_name AS "displayName",
            h.id AS "hoursId", h.minutes, h.status
       FROM volunteer_signups s JOIN users u ON u.id = s.volunteer_id
       LEFT JOIN volunteer_hours h ON h.activity_id = s.activity_id AND h.volunteer_id = s.volunteer_id
      WHERE s.activity_id = ANY($1::uuid[]) ORDER BY s.created_at, s.volunteer_id`,
    [activityIds],
  );
  const byActivity = new Map<string, ParticipantDto[]>(activityIds.map((id) => [id, []]));
  for (const { activityId, ...participant } of rows) byActivity.get(activityId)!.push(participant);
  return byActivity;
};
