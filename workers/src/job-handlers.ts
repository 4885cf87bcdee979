import { Injectable } from '@nestjs/common';
import { JOB_NAMES, type JobHandlers } from '@sanshe/backend/jobs/catalogue.js';
import { MailService } from '@sanshe/backend/modules/mail/mail.service.js';
import { PayoutsService } from '@sanshe/backend/modules/payments/payouts.service.js';
import { ReconciliationService } from '@sanshe/backend/modules/payments/reconciliation.service.js';
import { ScoringService } from '@sanshe/backend/modules/scoring/scoring.service.js';
import { TendersService } from '@sanshe/backend/modules/tenders/tenders.service.js';

/** Job name → the domain service call that does the work. Processors stay thin. */
@Injectable()
export class JobHandlersRegistry {
  readonly handlers: JobHandlers;

  constructor(
    mail: MailService,
    tenders: TendersService,
    scoring: ScoringService,
    payouts: PayoutsService,
    reconciliation: ReconciliationService,
  ) {
    this.handlers = {
      'mail.welcome': ({ userId }) => mail.sendWelcome(userId),
      'mail.tender_amended': async ({ tenderId, amendmentId }) => {
        await mail.sendTenderAmended(tenderId, amendmentId);
      },
      'tender.close': async ({ tenderId }) => {
        await tenders.closeBidding(tenderId);
      },
      'scoring.recompute_org': async ({ organizationId }) => {
        await scoring.recompute(today(), [organizationId]);
      },
      'scoring.recompute_all': async () => {
        await scoring.recompute(today());
      },
      // Throws on a transient provider failure: BullMQ retries, with the same idempotency key.
      'payout.transfer': async ({ disbursementId, attempt }) => {
        await payouts.transfer(disbursementId, attempt);
      },
      'payments.reconcile': async () => {
        await reconciliation.run();
      },
    };
    assertEveryJobHandled(this.handlers);
  }
}

/** Scores cover the rolling 12 months up to today (China Standard Time). */
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** The worker refuses to boot when the catalogue names a job nobody handles. */
export function assertEveryJobHandled(handlers: Partial<Record<string, unknown>>): void {
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
}
