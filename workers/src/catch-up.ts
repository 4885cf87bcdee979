import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ExportsService } from '@sanshe/backend/modules/exports/exports.service.js';
import { NotificationsService } from '@sanshe/backend/modules/notifications/notifications.service.js';
import { PayoutsService } from '@sanshe/backend/modules/payments/payouts.service.js';
import { FORMULA_VERSION } from '@sanshe/backend/modules/scoring/scoring.sql.js';
import { ScoringService } from '@sanshe/backend/modules/scoring/scoring.service.js';
import { TendersService } from '@sanshe/backend/modules/tenders/tenders.service.js';

/**
 * On start, re-schedules whatever time-based work the queue should hold: a deadline that passed
 * while the workers were down is closed at once, and a lost queue is rebuilt. Idempotent (job ids
 * are deterministic), so restarts never double anything.
 */
@Injectable()
export class CatchUp implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatchUp.name);

  constructor(
    private readonly tenders: TendersService,
    private readonly payouts: PayoutsService,
    private readonly notifications: NotificationsService,
    @InjectQueue('scoring') private readonly scoring: Queue,
    @InjectQueue('payments') private readonly payments: Queue,
    @InjectQueue('mail') private readonly mail: Queue,
    private readonly exports: ExportsService,
    private readonly scores: ScoringService,
    @InjectQueue('exports') private readonly exportsQueue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const scheduled = await this.tenders.scheduleAllOpen();
    this.logger.log(`closing jobs ensured for ${scheduled} open tender(s)`);
    // The nightly full recompute, at 02:00 China Standard Time; upserting keeps exactly one scheduler.
    await this.scoring.upsertJobScheduler(
      'scoring-nightly',
      { pattern: '0 2 * * *', tz: 'Asia/Shanghai' },
      { name: 'scoring.recompute_all', data: {} },
    );
    // A new formula in force with no snapshot yet: score everyone now (one job per formula), not at 02:00.
    if (await this.scores.formulaPending()) {
      await this.scoring.add('scoring.recompute_all', {}, { jobId: `formula-${FORMULA_VERSION}` });
      this.logger.log(`full recompute queued for formula ${FORMULA_VERSION}`);
    }
    // Stripe payouts approved while the queue was unreachable, or whose job gave up, run again
    // (same attempt, same idempotency key: never a second transfer).
    const payouts = await this.payouts.ensureQueued();
    if (payouts) this.logger.log(`transfer jobs ensured for ${payouts} approved Stripe payout(s)`);
    // Notification e-mails whose job was lost between a commit and the queue.
    const emails = await this.notifications.ensurePendingEmails();
    if (emails) this.logger.log(`e-mail jobs ensured for ${emails} pending notification(s)`);
    // The daily reconciliation with Stripe, at 03:30 China Standard Time (after the nightly scoring).
    await this.payments.upsertJobScheduler(
      'payments-reconcile-daily',
      { pattern: '30 3 * * *', tz: 'Asia/Shanghai' },
      { name: 'payments.reconcile', data: {} },
    );
    // Idempotency-Keys past their 24 h, daily at 04:30 China Standard Time.
    await this.payments.upsertJobScheduler(
      'idempotency-purge-daily',
      { pattern: '30 4 * * *', tz: 'Asia/Shanghai' },
      { name: 'idempotency.purge', data: {} },
    );
    // Mailed links' rows a week past their expiry, daily at 04:45 China Standard Time.
    await this.mail.upsertJobScheduler(
      'mail-purge-links-daily',
      { pattern: '45 4 * * *', tz: 'Asia/Shanghai' },
      { name: 'mail.purge_links', data: {} },
    );
    // Exports whose build job was lost between the commit and the queue; expired files go daily at 04:00.
    const exportsQueued = await this.exports.ensureQueued();
    if (exportsQueued) this.logger.log(`build jobs ensured for ${exportsQueued} waiting export(s)`);
    await this.exportsQueue.upsertJobScheduler(
      'exports-cleanup-daily',
      { pattern: '0 4 * * *', tz: 'Asia/Shanghai' },
      { name: 'exports.cleanup', data: {} },
    );
  }
}
