import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { JobQueue } from '../../jobs/job-queue.js';
import {
  DEFAULT_PREFERENCES as DEFAULTS,
  type NotificationParams,
  type NotificationType,
} from './notification-types.js';
import * as sql from './notifier.sql.js';

const HOUR_MS = 3600 * 1000;
/** How long before the bid deadline bidders are reminded. */
export const DEADLINE_REMINDER_MS = 24 * HOUR_MS;
/** Delivery attempts of one notice's e-mail (exponential backoff from 2 s: the last try ≈ 1 min after the first). */
export const EMAIL_ATTEMPTS = 6;
const PENDING = 'notifications.pendingEmails';

export interface Notice {
  /** Identifies the event: the same key never notifies the same user twice. */
  key: string;
  params: NotificationParams;
  /** The web app's path of the object. */
  link: string | null;
}

/**
 * Writes notices: the in-app rows in the caller's transaction, and one e-mail job per notice that
 * the recipient wants by e-mail, enqueued once that transaction has committed (a rolled-back event
 * sends nothing; a job never looks for a row that is not committed yet). The domain helpers decide
 * who receives each event (PRODUCT §8); other services call them with their transaction's manager.
 */
@Injectable()
export class Notifier implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(Notifier.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    // Listens to every transaction's commit, to enqueue the e-mails of the notices it wrote.
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  /**
   * Notifies `recipients` (user ids; duplicates and unknown ids are ignored) by the channels each
   * one chose for `type`. Returns the ids of the notices written.
   */
  async notify(
    m: EntityManager,
    recipients: string[],
    type: NotificationType,
    notice: Notice,
  ): Promise<string[]> {
    if (recipients.length === 0) return [];
    const rows = await sql.insertNotices(m, [...new Set(recipients)], type, notice, DEFAULTS[type]);
    const emails = rows.filter((r) => r.email_status === 'pending').map((r) => r.id);
    if (emails.length) {
      const runner = m.queryRunner;
      if (runner?.isTransactionActive) ((runner.data[PENDING] ??= []) as string[]).push(...emails);
      else await this.enqueueEmails(emails);
    }
    return rows.map((r) => r.id);
  }

  /** One job per notice, its id derived from the notice: a repeated enqueue is a no-op. */
  async enqueueEmails(notificationIds: string[]): Promise<void> {
    for (const id of notificationIds) {
      try {
        await this.jobs.add(
          'notification.email',
          { notificationId: id },
          { jobId: `notification-email-${id}`, attempts: EMAIL_ATTEMPTS },
        );
      } catch (err) {
        // The row stays 'pending': the workers re-ensure pending e-mails when they start.
        this.logger.error(`could not enqueue the e-mail of notification ${id}: ${(err as Error).message}`);
      }
    }
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    // A released savepoint is not the commit: wait for the outermost transaction.
    if (runner.isTransactionActive) return;
    const ids = runner.data?.[PENDING] as string[] | undefined;
    if (!ids) return;
    delete runner.data[PENDING];
    await this.enqueueEmails(ids);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive && event.queryRunner.data)
      delete event.queryRunner.data[PENDING];
  }

  // ---- The events of PRODUCT §8 and who receives them ----

  /**
   * A tender was published: the admins of every verified organization that serves its category (a
   * parent category covers its children and the other way round); an invitation tender only tells
   * the invited organization.
   */
  async tenderPublished(m: EntityManager, tenderId: string): Promise<void> {
    const t = await sql.tenderForNotice(m, tenderId);
    if (!t) return;
    const users = await sql.tenderAudience(m, tenderId);
    await this.notify(m, users, 'tender_published', {
      key: `tender_published:${tenderId}`,
      params: { tenderId, title: t.title, deadline: new Date(t.deadline).toISOString() },
      link: `/tenders/${tenderId}`,
    });
  }

  /**
   * Schedules the "deadline near" reminder 24 h before the bid deadline (at once when that is
   * already past). The job id names the tender and the deadline: re-scheduling is a no-op, and
   * after an amendment moves the deadline the old job finds the deadline changed and does nothing.
   */
  async scheduleDeadlineReminder(tenderId: string, deadline: Date): Promise<void> {
    if (deadline.getTime() <= Date.now()) return;
    await this.jobs.add(
      'notification.deadline_near',
      { tenderId, deadline: deadline.toISOString() },
      {
        jobId: `tender-deadline-near-${tenderId}-${deadline.getTime()}`,
        delay: Math.max(0, deadline.getTime() - DEADLINE_REMINDER_MS - Date.now()),
      },
    );
  }

  /**
   * The reminder job: the admins of the organizations that have a live (submitted) bid on the
   * tender or asked an enquiry about it. Nothing when the tender is no longer open or its deadline
   * is no longer the one the job was scheduled for.
   */
  async deadlineNear(tenderId: string, deadline: string): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const t = await sql.tenderForNotice(m, tenderId);
      if (!t || t.status !== 'published' || new Date(t.deadline).getTime() !== new Date(deadline).getTime())
        return 0;
      const users = await sql.biddersOf(m, tenderId);
      const ids = await this.notify(m, users, 'deadline_near', {
        key: `deadline_near:${tenderId}:${new Date(deadline).getTime()}`,
        params: { tenderId, title: t.title, deadline: new Date(t.deadline).toISOString() },
        link: `/tenders/${tenderId}`,
      });
      return ids.length;
    });
  }

  /** A tender was awarded: the admins of every organization that bid (withdrawn bids aside), winners told so. */
  async tenderAwarded(m: EntityManager, tenderId: string): Promise<void> {
    const rows = await sql.awardAudience(m, tenderId);
    for (const awarded of [true, false]) {
      const group = rows.filter((r) => r.awarded === awarded);
      if (!group.length) continue;
      await this.notify(
        m,
        group.map((r) => r.user_id),
        'tender_result',
        {
          key: `tender_result:${tenderId}`,
          params: { tenderId, title: group[0].title, awarded, organizationName: group[0].winner },
          link: `/tenders/${tenderId}`,
        },
      );
    }
  }

  /**
   * A disbursement changed state: whoever can sign the step it now waits for is told (community
   * staff of a community the contract serves, then street finance, then the street director;
   * finance again after a failed payout and for a treasury payment to record), never someone who
   * already signed it (four eyes) except for the treasury payment. Paid and failed payouts tell the organization's admins.
   */
  async disbursementChanged(m: EntityManager, disbursementId: string): Promise<void> {
    const d = await sql.disbursementForNotice(m, disbursementId);
    if (!d) return;
    const params: NotificationParams = {
      disbursementId,
      kind: d.kind,
      // A fund grant has no milestone or contract: its purpose and project stand in.
      milestoneName: d.milestone ?? '',
      contractTitle: d.contract ?? '',
      organizationName: d.organization,
      amountFen: d.amount,
    };
    const signerRole =
      d.status === 'requested'
        ? 'community_staff'
        : d.status === 'finance_approved'
          ? 'street_director'
          : ['accepted', 'failed'].includes(d.status) || (d.status === 'approved' && d.method === 'treasury')
            ? 'street_finance'
            : null;
    if (signerRole) {
      // Recording a treasury payment is no signature: any finance officer may do it.
      const users = await sql.nextSigners(m, signerRole, d, d.status === 'approved' ? [] : d.signers);
      await this.notify(m, users, 'approval_waiting', {
        key: `approval_waiting:${disbursementId}:${d.status}:${d.attempt}`,
        params: { ...params, step: d.status },
        link: '/approvals',
      });
    }
    if (d.status === 'paid' || d.status === 'failed') {
      const admins = await sql.organizationAdmins(m, d.organization_id);
      const type = d.status === 'paid' ? 'payout_paid' : 'payout_failed';
      await this.notify(m, admins, type, {
        key: `${type}:${disbursementId}:${d.attempt}`,
        params: { ...params, reason: d.status === 'failed' ? d.failure_reason : null },
        link: d.project_id ? `/projects/${d.project_id}` : null,
      });
    }
  }

  /** A resident rated a service record: the admins of the organization that delivered it. */
  async ratingReceived(m: EntityManager, ratingId: string): Promise<void> {
    const r = await sql.ratingForNotice(m, ratingId);
    if (!r) return;
    const admins = await sql.organizationAdmins(m, r.organization_id);
    await this.notify(m, admins, 'rating_received', {
      key: `rating_received:${ratingId}`,
      params: { ratingId, stars: r.stars },
      link: `/projects/${r.project_id}`,
    });
  }
}
