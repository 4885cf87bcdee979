import { cursorTime, newestFirst } from '../../common/database/keyset.js';
import { changedRows, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import type { NotificationDto } from './dto/notification.dto.js';
import type { NotificationParams, NotificationType } from './notification-types.js';

const COLUMNS = `id, type, params, link, created_at AS "createdAt", read_at AS "readAt"`;

/** A notice with its keyset position: `k` is its creation time to the microsecond. */
export type KeyedNotification = NotificationDto & { k: string };

/** One user's in-app notices, newest first, after the (created_at, id) position `after` when given. */
export const inboxPage = (
  db: Queryable,
  userId: string,
  options: { unread: boolean | null; after: [string, string] | null; limit: number },
) =>
  selectRows<KeyedNotification>(
    db,
    `SELECT ${COLUMNS}, ${cursorTime('created_at')} AS k
       FROM notifications
      WHERE recipient_id = $1 AND in_app AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
        AND ${newestFirst('created_at', 'id', 3)}`,
    [userId, options.unread, options.after?.[0] ?? null, options.after?.[1] ?? null, options.limit],
  );

export async function unreadCount(db: Queryable, userId: string): Promise<number> {
  const [{ count }] = await selectRows<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM notifications WHERE recipient_id = $1 AND in_app AND read_at IS NULL`,
    [userId],
  );
  return count;
}

/** Marks one of the user's notices read (kept as it was when read already); undefined when it is not theirs. */
export const markRead = (db: Queryable, userId: string, id: string) =>
  selectOne<NotificationDto>(
    db,
    `WITH marked AS (
       UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient_id = $2 AND in_app
       RETURNING ${COLUMNS})
     SELECT * FROM marked`,
    [id, userId],
  );

/** How many notices it marked. */
export async function markAllRead(db: Queryable, userId: string): Promise<number> {
  const rows = await changedRows<{ id: string }>(
    db,
    `UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND in_app AND read_at IS NULL RETURNING id`,
    [userId],
  );
  return rows.length;
}

export const preferencesOf = (db: Queryable, userId: string) =>
  selectRows<{ type: NotificationType; in_app: boolean; email: boolean }>(
    db,
    `SELECT type, in_app, email FROM notification_preferences WHERE user_id = $1`,
    [userId],
  );

export const upsertPreference = (
  db: Queryable,
  userId: string,
  p: { type: NotificationType; inApp: boolean; email: boolean },
) =>
  selectRows(
    db,
    `INSERT INTO notification_preferences (user_id, type, in_app, email) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, type) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = now()`,
    [userId, p.type, p.inApp, p.email],
  );

/** The version of the user's settings as a whole (0 until they first change one). */
export async function settingsVersion(db: Queryable, userId: string): Promise<number> {
  const row = await selectOne<{ version: number }>(
    db,
    `SELECT version FROM notification_settings WHERE user_id = $1`,
    [userId],
  );
  return row?.version ?? 0;
}

/** Locks the user's settings for a change (creating their version row at 0) and returns the version. */
export async function lockSettings(db: Queryable, userId: string): Promise<number> {
  await selectRows(
    db,
    `INSERT INTO notification_settings (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`,
    [userId],
  );
  const [{ version }] = await selectRows<{ version: number }>(
    db,
    `SELECT version FROM notification_settings WHERE user_id = $1 FOR UPDATE`,
    [userId],
  );
  return version;
}

export const bumpSettings = (db: Queryable, userId: string) =>
  changedRows(db, `UPDATE notification_settings SET version = version + 1 WHERE user_id = $1`, [userId]);

/** A notice's e-mail to send: what it says, to whom, and whether its recipient still wants it. */
export interface NoticeEmail {
  type: NotificationType;
  params: NotificationParams;
  link: string | null;
  email_status: string;
  email: string;
  locale: string;
  wants: boolean | null;
  verified: boolean;
}

export const noticeEmail = (db: Queryable, notificationId: string) =>
  selectOne<NoticeEmail>(
    db,
    `SELECT n.type, n.params, n.link, n.email_status, u.email, u.locale, p.email AS wants,
            u.email_verified_at IS NOT NULL AS verified
       FROM notifications n JOIN users u ON u.id = n.recipient_id
       LEFT JOIN notification_preferences p ON p.user_id = n.recipient_id AND p.type = n.type
      WHERE n.id = $1`,
    [notificationId],
  );

/** E-mails still pending from the last week. */
export const pendingEmailIds = async (db: Queryable) =>
  (
    await selectRows<{ id: string }>(
      db,
      `SELECT id FROM notifications WHERE email_status = 'pending' AND created_at > now() - interval '7 days'`,
    )
  ).map((r) => r.id);

export const setEmailStatus = (db: Queryable, id: string, status: string, error: string | null) =>
  changedRows(db, `UPDATE notifications SET email_status = $2, email_error = $3 WHERE id = $1`, [
    id,
    status,
    error,
  ]);
