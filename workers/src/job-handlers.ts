import { Injectable } from '@nestjs/common';
import { JOB_NAMES, type JobHandlers } from '@sanshe/backend/jobs/catalogue.js';
import { MailService } from '@sanshe/backend/modules/mail/mail.service.js';
import { TendersService } from '@sanshe/backend/modules/tenders/tenders.service.js';

/** Job name → the domain service call that does the work. Processors stay thin. */
@Injectable()
export class JobHandlersRegistry {
  readonly handlers: JobHandlers;

  constructor(mail: MailService, tenders: TendersService) {
    this.handlers = {
      'mail.welcome': ({ userId }) => mail.sendWelcome(userId),
      'mail.tender_amended': async ({ tenderId, amendmentId }) => {
        await mail.sendTenderAmended(tenderId, amendmentId);
      },
      'tender.close': async ({ tenderId }) => {
        await tenders.closeBidding(tenderId);
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
