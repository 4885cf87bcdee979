import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { timeKeyedPage } from '../../common/database/keyset.js';
import { notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import type { Page } from '../../common/pagination/page.js';
import { Env } from '../../config/env.js';
import { MailService } from '../mail/mail.service.js';
import type {
  NotificationDto,
  NotificationPreferenceDto,
  NotificationPreferencesDto,
  NotificationQueryDto,
} from './dto/notification.dto.js';
import { DEFAULT_PREFERENCES, NOTIFICATION_TYPES, renderEmail } from './notification-types.js';
import * as sql from './notifications.sql.js';
import { EMAIL_ATTEMPTS, Notifier } from './notifier.js';

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
  async list(userId: string, query: NotificationQueryDto): Promise<Page<NotificationDto>> {
    return timeKeyedPage(query, (keyset) =>
      sql.inboxPage(this.dataSource, userId, { unread: query.unread ?? null, ...keyset }),
    );
  }

  async unreadCount(userId: string): Promise<number> {
    return sql.unreadCount(this.dataSource, userId);
  }

  /** Marks one of the caller's notices read (again: a no-op); someone else's is not found. */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    const row = await sql.markRead(this.dataSource, userId, id);
    if (!row) throw notFound('Notification', id);
    return row;
  }

  async markAllRead(userId: string): Promise<number> {
    return sql.markAllRead(this.dataSource, userId);
  }

  /** Every type, the user's choice where they made one and the default elsewhere, and the settings' version. */
  async preferences(userId: string): Promise<NotificationPreferencesDto> {
    const [rows, version] = await Promise.all([
      sql.preferencesOf(this.dataSource, userId),
      sql.settingsVersion(this.dataSource, userId),
    ]);
    return {
      version,
      preferences: NOTIFICATION_TYPES.map((type) => {
        const own = rows.find((r) => r.type === type);
        return own ? { type, inApp: own.in_app, email: own.email } : { type, ...DEFAULT_PREFERENCES[type] };
      }),
    };
  }

  /**
   * Sets the given types (the others keep their setting), against the version of the settings
   * the user saw (`expected`, from If-Match): a change made meanwhile elsewhere is a 412.
   */
  async setPreferences(
    userId: string,
    changes: NotificationPreferenceDto[],
    expected?: number,
  ): Promise<NotificationPreferencesDto> {
    await this.dataSource.transaction(async (m) => {
      requireVersion(expected, await sql.lockSettings(m, userId));
      for (const p of changes) await sql.upsertPreference(m, userId, p);
      await sql.bumpSettings(m, userId);
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
    const n = await sql.noticeEmail(this.dataSource, notificationId);
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
    const ids = await sql.pendingEmailIds(this.dataSource);
    await this.notifier.enqueueEmails(ids);
    return ids.length;
  }

  private async setEmailStatus(id: string, status: string, error: string | null): Promise<void> {
    await sql.setEmailStatus(this.dataSource, id, status, error);
  }
}
