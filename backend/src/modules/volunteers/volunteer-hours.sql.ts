import { cursorTime, newestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { changedRows, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import type { HoursDto, PublishedHoursDto } from './dto/volunteers.dto.js';
import { CERTIFIED, OBJECTION_WINDOW } from './volunteers.sql.js';

const STATE = `CASE WHEN h.status = 'void' THEN 'void' WHEN h.status = 'objected' THEN 'objected'
    WHEN ${CERTIFIED} THEN 'certified' ELSE 'pending' END`;

/** Undefined when hours were recorded for this sign-up already (the unique constraint decides). */
export const insertHours = (
  db: Queryable,
  h: { activityId: string; volunteerId: string; minutes: number; recordedBy: string },
) =>
  selectOne<{ id: string }>(
    db,
    `INSERT INTO volunteer_hours (activity_id, volunteer_id, minutes, recorded_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT ON CONSTRAINT volunteer_hours_once DO NOTHING RETURNING id`,
    [h.activityId, h.volunteerId, h.minutes, h.recordedBy],
  );

/** Whether the volunteer is signed up; the lock keeps a withdrawal from removing the sign-up meanwhile. */
export const isSignedUp = async (db: Queryable, activityId: string, volunteerId: string) =>
  (await selectOne(
    db,
    `SELECT 1 FROM volunteer_signups WHERE activity_id = $1 AND volunteer_id = $2 FOR KEY SHARE`,
    [activityId, volunteerId],
  )) !== undefined;

const HOURS_SELECT = `SELECT h.id, h.activity_id AS "activityId", a.title AS "activityTitle", a.community_id AS "communityId", h.minutes,
            h.recorded_at AS "recordedAt", h.recorded_at + ${OBJECTION_WINDOW} AS "objectionsUntil", ${STATE} AS state,
            h.objection, h.resolution, EXISTS (SELECT 1 FROM time_journal j WHERE j.hours_id = h.id) AS deposited,
            ${cursorTime('h.recorded_at')} AS k
       FROM volunteer_hours h JOIN volunteer_activities a ON a.id = h.activity_id`;

export const hoursById = async (db: Queryable, id: string): Promise<HoursDto | undefined> => {
  const row = await selectOne<HoursDto & { k?: string }>(db, `${HOURS_SELECT} WHERE h.id = $1`, [id]);
  if (row) delete row.k;
  return row;
};

export const myHours = (
  db: Queryable,
  volunteerId: string,
  page: { after: [string, string] | null; limit: number },
) =>
  selectRows<HoursDto & { k: string }>(
    db,
    `${HOURS_SELECT}
      WHERE h.volunteer_id = $1 AND ${newestFirst('h.recorded_at', 'h.id', 2)}`,
    [volunteerId, ...(page.after ?? [null, null]), page.limit],
  );

/** Entries of the community's activities still open to objections (or objected), newest first. */
export const publishedHours = (
  db: Queryable,
  communityId: string,
  page: { after: [string, string] | null; limit: number },
) =>
  selectRows<PublishedHoursDto & { k: string }>(
    db,
    `SELECT h.id, h.activity_id AS "activityId", a.title AS "activityTitle",
            CASE WHEN v.publish_name THEN u.display_name END AS "volunteerName", h.minutes,
            h.recorded_at AS "recordedAt", h.recorded_at + ${OBJECTION_WINDOW} AS "objectionsUntil", ${STATE} AS state,
            ${cursorTime('h.recorded_at')} AS k
       FROM volunteer_hours h JOIN volunteer_activities a ON a.id = h.activity_id
       JOIN volunteers v ON v.user_id = h.volunteer_id JOIN users u ON u.id = h.volunteer_id
      WHERE a.community_id = $1 AND (h.status = 'objected' OR (h.status = 'published' AND NOT ${CERTIFIED}))
        AND ${newestFirst('h.recorded_at', 'h.id', 2)}`,
    [communityId, ...(page.after ?? [null, null]), page.limit],
  );

export interface LockedHours {
  id: string;
  volunteer_id: string;
  community_id: string;
  minutes: number;
  status: string;
  in_window: boolean;
  certified: boolean;
}

export const lockHours = (db: Queryable, id: string) =>
  selectOne<LockedHours>(
    db,
    `SELECT h.id, h.volunteer_id, a.community_id, h.minutes, h.status,
            h.recorded_at > now() - ${OBJECTION_WINDOW} AS in_window, ${CERTIFIED} AS certified
       FROM volunteer_hours h JOIN volunteer_activities a ON a.id = h.activity_id WHERE h.id = $1 FOR UPDATE OF h`,
    [id],
  );

export const setObjection = (db: Queryable, id: string, reason: string, by: string) =>
  changedRows(
    db,
    `UPDATE volunteer_hours SET status = 'objected', objection = $2, objected_by = $3, resolution = NULL, resolved_by = NULL WHERE id = $1`,
    [id, reason, by],
  );

export const setResolution = (
  db: Queryable,
  id: string,
  status: 'published' | 'void',
  reason: string,
  by: string,
) =>
  changedRows(db, `UPDATE volunteer_hours SET status = $2, resolution = $3, resolved_by = $4 WHERE id = $1`, [
    id,
    status,
    reason,
    by,
  ]);

/** What a certificate of the volunteer would state now: their certified hours and the period they span. */
export const certifiedTotals = (db: Queryable, volunteerId: string) =>
  selectOne<{ minutes: number; entries: number; period_from: string | null; period_to: string | null }>(
    db,
    `SELECT COALESCE(sum(h.minutes), 0)::int AS minutes, count(*)::int AS entries,
            to_char(min(a.starts_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS period_from,
            to_char(max(a.starts_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS period_to
       FROM volunteer_hours h JOIN volunteer_activities a ON a.id = h.activity_id
      WHERE h.volunteer_id = $1 AND ${CERTIFIED}`,
    [volunteerId],
  );

export interface CertificateRow {
  id: string;
  volunteer_id: string;
  minutes: number;
  entries: number;
  period_from: string;
  period_to: string;
  issued_at: Date;
}

const certColumns = (c: string) => `${c}id, ${c}volunteer_id, ${c}minutes, ${c}entries,
    to_char(${c}period_from, 'YYYY-MM-DD') AS period_from, to_char(${c}period_to, 'YYYY-MM-DD') AS period_to, ${c}issued_at`;

export async function insertCertificate(
  db: Queryable,
  c: { volunteerId: string; minutes: number; entries: number; periodFrom: string; periodTo: string },
): Promise<CertificateRow> {
  const [row] = await selectRows<CertificateRow>(
    db,
    `INSERT INTO volunteer_certificates (volunteer_id, minutes, entries, period_from, period_to) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${certColumns('')}`,
    [c.volunteerId, c.minutes, c.entries, c.periodFrom, c.periodTo],
  );
  return row;
}

export const certificateById = (db: Queryable, id: string) =>
  selectOne<CertificateRow & { publish_name: boolean; display_name: string }>(
    db,
    `SELECT ${certColumns('c.')}, v.publish_name, u.display_name
       FROM volunteer_certificates c JOIN volunteers v ON v.user_id = c.volunteer_id JOIN users u ON u.id = c.volunteer_id
      WHERE c.id = $1`,
    [id],
  );

/** The volunteer's certificates, newest first. */
export const certificatesOf = (db: Queryable, volunteerId: string, page: TimeKeyset) =>
  selectRows<CertificateRow & { k: string }>(
    db,
    `SELECT ${certColumns('')}, ${cursorTime('issued_at')} AS k FROM volunteer_certificates
      WHERE volunteer_id = $1 AND ${newestFirst('issued_at', 'id', 2)}`,
    [volunteerId, ...(page.after ?? [null, null]), page.limit],
  );
