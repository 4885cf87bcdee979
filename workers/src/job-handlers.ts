import { Injectable } from '@nestjs/common';
import { purgeOldEmailTokens } from '@sanshe/backend/modules/identity/email-tokens.js';
import { purgeExpiredIdempotencyKeys } from '@sanshe/backend/common/idempotency/idempotency.interceptor.js';
import { DataSource } from 'typeorm';
import { JOB_NAMES, type JobHandlers } from '@sanshe/backend/jobs/catalogue.js';
import { DocumentScans } from '@sanshe/backend/modules/documents/document-scans.service.js';
import { ExportBuilder } from '@sanshe/backend/modules/exports/export-builder.js';
import { EXPORT_ATTEMPTS, ExportsService } from '@sanshe/backend/modules/exports/exports.service.js';
import { MailService } from '@sanshe/backend/modules/mail/mail.service.js';
import { NotificationsService } from '@sanshe/backend/modules/notifications/notifications.service.js';
import { OcdsBulkService } from '@sanshe/backend/modules/ocds/ocds-bulk.service.js';
import { Notifier } from '@sanshe/backend/modules/notifications/notifier.js';
import { PayoutsService } from '@sanshe/backend/modules/payments/payouts.service.js';
import { ReconciliationService } from '@sanshe/backend/modules/payments/reconciliation.service.js';
import { IncentivesService } from '@sanshe/backend/modules/incentives/incentives.service.js';
import { ScoreBatcher } from '@sanshe/backend/modules/scoring/score-batcher.js';
import { scoringDay } from '@sanshe/backend/modules/scoring/scoring-day.js';
import { TendersService } from '@sanshe/backend/modules/tenders/tenders.service.js';

/** Job name → the domain service call that does the work. Processors stay thin. */
@Injectable()
export class JobHandlersRegistry {
  readonly handlers: JobHandlers;

  constructor(
    mail: MailService,
    tenders: TendersService,
    incentives: IncentivesService,
    payouts: PayoutsService,
    reconciliation: ReconciliationService,
    notifications: NotificationsService,
    notifier: Notifier,
    exportBuilder: ExportBuilder,
    exports: ExportsService,
    documentScans: DocumentScans,
    dataSource: DataSource,
    ocdsBulk: OcdsBulkService,
  ) {
    // Incentives follow every scoring run (one call); both steps are idempotent, so a retried job is harmless.
    const scoreBatch = new ScoreBatcher(async (organizationIds) => {
      await incentives.scoreAndApply(scoringDay(), organizationIds);
    });
    this.handlers = {
      // A failed attempt puts the export back in the queue; the last one marks it failed, with the reason.
      'export.build': async ({ exportId }, { attempt }) => {
        await exportBuilder.build(exportId, { finalAttempt: attempt >= EXPORT_ATTEMPTS });
      },
      'exports.cleanup': async () => {
        await exports.removeExpired();
      },
      // Writes a whole new file each time; a retry starts again from the releases as they are then.
      'ocds.bulk_build': async () => {
        await ocdsBulk.build();
      },
      // Throws while the scanner is unset or away: BullMQ retries; the document stays in quarantine.
      'documents.scan': async ({ documentId }) => {
        await documentScans.scan(documentId);
      },
      'mail.verify_email': ({ userId, requestId }) => mail.sendVerification(userId, requestId),
      'mail.password_reset': ({ userId, requestId }) => mail.sendPasswordReset(userId, requestId),
      'mail.registration_attempt': ({ userId, requestId }) => mail.sendRegistrationAttempt(userId, requestId),
      'mail.role_granted': ({ grantId }) => mail.sendRoleGranted(grantId),
      'mail.purge_links': async () => {
        await purgeOldEmailTokens(dataSource.manager);
      },
      'mail.tender_amended': async ({ tenderId, amendmentId }) => {
        await mail.sendTenderAmended(tenderId, amendmentId);
      },
      // Throws on a transient SMTP failure: BullMQ retries with backoff; a permanent one is recorded and not retried.
      'notification.email': async ({ notificationId }, { attempt }) => {
        await notifications.sendEmail(notificationId, attempt);
      },
      'notification.deadline_near': async ({ tenderId, deadline }) => {
        await notifier.deadlineNear(tenderId, deadline);
      },
      'tender.close': async ({ tenderId }) => {
        await tenders.closeBidding(tenderId);
      },
      // The per-organization jobs the scoring worker runs at once share one recompute.
      'scoring.recompute_org': ({ organizationId }) => scoreBatch.recompute(organizationId),
      'scoring.recompute_all': async () => {
        await incentives.scoreAndApply(scoringDay());
      },
      // Throws on a transient provider failure: BullMQ retries, with the same idempotency key.
      'payout.transfer': async ({ disbursementId, attempt }) => {
        await payouts.transfer(disbursementId, attempt);
      },
      'payments.reconcile': async () => {
        await reconciliation.run();
      },
      'idempotency.purge': async () => {
        await purgeExpiredIdempotencyKeys(dataSource);
      },
    };
    assertEveryJobHandled(this.handlers);
  }
}

/** The worker refuses to boot when the catalogue names a job nobody handles. */
export function assertEveryJobHandled(handlers: Partial<Record<string, unknown>>): void {
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
}
