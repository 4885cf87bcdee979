import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor.js';
import { notFound } from '../../common/errors/domain-error.js';
import { Env } from '../../config/env.js';
import { MailService } from '../mail/mail.service.js';
import type {
  NotificationDto,
  NotificationPageDto,
  NotificationPreferenceDto,
  NotificationQueryDto,
} from './dto/notification.dto.js';
import {
  DEFAULT_PREFERENCES,
  NOTIFICATION_TYPES,
  renderEmail,
  type NotificationParams,
  type NotificationType,
} from './notification-types.js';
import { EMAIL_ATTEMPTS, Notifier } from './notifier.js';

const SELECT = `SELECT id, type, params, link, created_at AS "createdAt", read_at AS "readAt" FROM notifications`;

export type EmailOutcome = 'sent' | 'skipped' | 'missing';

/**
 * A user's own inbox and preferences (every query is keyed by the caller: another user's notice
 * is a 404), and the delivery of each notice's e-mail (the workers' `notification.email` job).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly notifier: Notifier,
    private readonly env: Env,
  ) {}

  /** Newest first, keyset-paged by (created_at, id). */
  async list(userId: string, query: NotificationQueryDto): Promise<NotificationPageDto> {
    const after = query.cursor ? decodeCursor(query.cursor, ['timestamp', 'uuid']) : null;
    const rows: (NotificationDto & { k: string })[] = await this.dataSource.query(
      `SELECT id, type, params, link, created_at AS "createdAt", read_at AS "readAt", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS k
         FROM notifications
        WHERE recipient_id = $1 AND in_app AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [userId, query.unread ?? null, after?.[0] ?? null, after?.[1] ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(({ k: _k, ...n }) => n),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.k, last.id]) : null,
    };
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications WHERE recipient_id = $1 AND in_app AND read_at IS NULL`,
      [userId],
    );
    return count;
  }

  /** Marks one of the caller's notices read (again: a no-op); someone else's is not found. */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient_id = $2 AND in_app`,
      [id, userId],
    );
    const [row] = await this.dataSource.query(`${SELECT} WHERE id = $1 AND recipient_id = $2 AND in_app`, [
      id,
      userId,
    ]);
    if (!row) throw notFound('Notification', id);
    return row;
  }

  async markAllRead(userId: string): Promise<number> {
    const [, updated]: [unknown[], number] = await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND in_app AND read_at IS NULL`,
      [userId],
    );
    return updated;
  }

  /** Every type, the user's choice where they made one and the default elsewhere. */
  async preferences(userId: string): Promise<NotificationPreferenceDto[]> {
    const rows: { type: NotificationType; in_app: boolean; email: boolean }[] = await this.dataSource.query(
      `SELECT type, in_app, email FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    return NOTIFICATION_TYPES.map((type) => {
      const own = rows.find((r) => r.type === type);
      return own ? { type, inApp: own.in_app, email: own.email } : { type, ...DEFAULT_PREFERENCES[type] };
    });
  }

  /** Sets the given types (the others keep their setting). */
  async setPreferences(
    userId: string,
    changes: NotificationPreferenceDto[],
  ): Promise<NotificationPreferenceDto[]> {
    await this.dataSource.transaction(async (m) => {
      for (const p of changes) {
        await m.query(
          `INSERT INTO notification_preferences (user_id, type, in_app, email) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id, type) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = now()`,
          [userId, p.type, p.inApp, p.email],
        );
      }
    });
    return this.preferences(userId);
  }

  /**
   * The `notification.email` job: sends the notice's e-mail once (MailService keys it by the
   * notice). A transient failure throws, so BullMQ retries with backoff; a permanent one (an SMTP
   * 5xx answer) or the last attempt marks the notice's e-mail failed and logs it. A user who turned
   * the e-mail off since the notice was written, or whose address is not verified, gets none.
   */
  async sendEmail(notificationId: string, attempt: number): Promise<EmailOutcome> {
    const [n]: {
      type: NotificationType;
      params: NotificationParams;
      link: string | null;
      email_status: string;
      email: string;
      locale: string;
      wants: boolean | null;
      verified: boolean;
    }[] = await this.dataSource.query(
      `SELECT n.type, n.params, n.link, n.email_status, u.email, u.locale, p.email AS wants,
              u.email_verified_at IS NOT NULL AS verified
         FROM notifications n JOIN users u ON u.id = n.recipient_id
         LEFT JOIN notification_preferences p ON p.user_id = n.recipient_id AND p.type = n.type
        WHERE n.id = $1`,
      [notificationId],
    );
    if (!n) return 'missing';
    if (n.email_status !== 'pending') return 'skipped';
    // An address nobody proved to own gets no mail: its owner may never have signed up (the
    // notice stays in the in-app inbox).
    if (n.wants === false || !n.verified) {
      await this.setEmailStatus(notificationId, 'none', null);
      return 'skipped';
    }
    const message = renderEmail(
      n.type,
      n.params,
      n.locale,
      `${this.env.WEB_URL}${n.link ?? '/notifications'}`,
    );
    try {
      await this.mail.sendOnce(`notification:${notificationId}`, { to: n.email, ...message });
    } catch (err) {
      const e = err as Error & { responseCode?: number };
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      if (permanent || attempt >= EMAIL_ATTEMPTS) {
        await this.setEmailStatus(notificationId, 'failed', e.message.slice(0, 1000));
        this.logger.error(
          `e-mail of notification ${notificationId} (${n.type}) failed for good after ${attempt} attempt(s): ${e.message}`,
        );
        if (permanent) throw new UnrecoverableError(e.message);
      } else {
        this.logger.warn(
          `e-mail of notification ${notificationId} failed (attempt ${attempt}), retrying: ${e.message}`,
        );
      }
      throw err;
    }
    await this.setEmailStatus(notificationId, 'sent', null);
    return 'sent';
  }

  /** Re-enqueues e-mails still pending (the workers call this when they start: an enqueue lost after a commit). */
  async ensurePendingEmails(): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM notifications WHERE email_status = 'pending' AND created_at > now() - interval '7 days'`,
    );
    await this.notifier.enqueueEmails(rows.map((r) => r.id));
    return rows.length;
  }

  private async setEmailStatus(id: string, status: string, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET email_status = $2, email_error = $3 WHERE id = $1`,
      [id, status, error],
    );
  }
}
