import { Injectable } from '@nestjs/common';
import { JOB_NAMES, type JobHandlers } from '@sanshe/backend/jobs/catalogue.js';
import { MailService } from '@sanshe/backend/modules/mail/mail.service.js';

/** Job name → the domain service call that does the work. Processors stay thin. */
@Injectable()
export class JobHandlersRegistry {
  readonly handlers: JobHandlers;

  constructor(mail: MailService) {
    this.handlers = {
      'mail.welcome': ({ userId }) => mail.sendWelcome(userId),
    };
    assertEveryJobHandled(this.handlers);
  }
}

/** The worker refuses to boot when the catalogue names a job nobody handles. */
export function assertEveryJobHandled(handlers: Partial<Record<string, unknown>>): void {
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
}
