import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../../jobs/job-queue.js';

/**
 * How long after the first published release the bulk download is rewritten: every release of that
 * window joins the one rewrite (a busy day rewrites it every few minutes at most, not per release).
 */
export const OCDS_BULK_WINDOW_MS = 5 * 60_000;

/**
 * Asks for the OCDS bulk download to be rewritten soon. Throttled like the score recompute (BullMQ
 * deduplication for a fixed window from the first event): a release published once the window is
 * over starts a new one, so every release is in a file written after it. Never fails its caller:
 * the nightly rewrite catches anything a queue outage made us miss.
 */
@Injectable()
export class OcdsBulkTrigger {
  private readonly logger = new Logger(OcdsBulkTrigger.name);

  constructor(private readonly jobs: JobQueue) {}

  async requestRewrite(): Promise<void> {
    await this.jobs
      .add(
        'ocds.bulk_build',
        {},
        {
          delay: OCDS_BULK_WINDOW_MS,
          deduplication: { id: 'ocds-bulk', ttl: OCDS_BULK_WINDOW_MS - 1000 },
        },
      )
      .catch((err: unknown) => this.logger.warn(`OCDS bulk rewrite not queued: ${String(err)}`));
  }
}
