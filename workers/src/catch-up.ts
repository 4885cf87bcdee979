import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@sanshe/backend/jobs/job-queue.js';
import { DocumentScans } from '@sanshe/backend/modules/documents/document-scans.service.js';
import { ExportsService } from '@sanshe/backend/modules/exports/exports.service.js';
import { NotificationsService } from '@sanshe/backend/modules/notifications/notifications.service.js';
import { OcdsBulkService } from '@sanshe/backend/modules/ocds/ocds-bulk.service.js';
import { PayoutsService } from '@sanshe/backend/modules/payments/payouts.service.js';
import { FORMULA_VERSION } from '@sanshe/backend/modules/scoring/scoring.sql.js';
import { ScoringService } from '@sanshe/backend/modules/scoring/scoring.service.js';
import { TendersService } from '@sanshe/backend/modules/tenders/tenders.service.js';

/** Every day at `minute hour` (cron order), China Standard Time. */
const DAILY_AT = (minuteHour: string) => ({ pattern: `${minuteHour} * * *`, tz: 'Asia/Shanghai' });

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
    private readonly exports: ExportsService,
    private readonly scores: ScoringService,
    private readonly jobs: JobQueue,
    private readonly documentScans: DocumentScans,
    private readonly ocdsBulk: OcdsBulkService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const scheduled = await this.tenders.scheduleAllOpen();
    this.logger.log(`closing jobs ensured for ${scheduled} open tender(s)`);
    // The nightly full recompute, at 02:00 China Standard Time; upserting keeps exactly one scheduler.
    await this.jobs.schedule('scoring-nightly', 'scoring.recompute_all', {}, DAILY_AT('0 2'));
    // A new formula in force with no snapshot yet: score everyone now (one job per formula), not at 02:00.
    if (await this.scores.formulaPending()) {
      await this.jobs.add('scoring.recompute_all', {}, { jobId: `formula-${FORMULA_VERSION}` });
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
    await this.jobs.schedule('payments-reconcile-daily', 'payments.reconcile', {}, DAILY_AT('30 3'));
    // Idempotency-Keys past their 24 h, daily at 04:30 China Standard Time.
    await this.jobs.schedule('idempotency-purge-daily', 'idempotency.purge', {}, DAILY_AT('30 4'));
    // Mailed links' rows a week past their expiry, daily at 04:45 China Standard Time.
    await this.jobs.schedule('mail-purge-links-daily', 'mail.purge_links', {}, DAILY_AT('45 4'));
    // Exports whose build job was lost between the commit and the queue; expired files go daily at 04:00.
    const exportsQueued = await this.exports.ensureQueued();
    if (exportsQueued) this.logger.log(`build jobs ensured for ${exportsQueued} waiting export(s)`);
    await this.jobs.schedule('exports-cleanup-daily', 'exports.cleanup', {}, DAILY_AT('0 4'));
    // The OCDS bulk download, rewritten nightly at 01:30 China Standard Time (releases due are published
    // first); written at once when there is none yet, so the public link works from the first day.
    await this.jobs.schedule('ocds-bulk-nightly', 'ocds.bulk_build', {}, DAILY_AT('30 1'));
    if (!(await this.ocdsBulk.current())) await this.jobs.ensure('ocds.bulk_build', {}, 'ocds-bulk-first');
    // Documents still in quarantine (scan job lost, or given up while the scanner was away), and the
    // scanner in use, with the signatures it has loaded.
    const scans = await this.documentScans.ensureScans();
    if (scans) this.logger.log(`scan jobs ensured for ${scans} quarantined document(s)`);
    const scanner = await this.documentScans.scannerVersion();
    this.logger.log(
      scanner
        ? `virus scanner: ${scanner}`
        : 'virus scanner: none answers at CLAMAV_URL; uploads stay in quarantine',
    );
  }
}
