import { Injectable, Logger } from '@nestjs/common';
import { Env } from '../../config/env.js';
import { JobQueue } from '../../jobs/job-queue.js';

/**
 * Asks for the OCDS bulk download to be rewritten soon (OCDS_BULK_DELAY_SECONDS after the first
 * release of a window). Throttled like the score recompute (BullMQ deduplication for a fixed window
 * from the first event, not extended by later ones): a busy day rewrites the file every few minutes
 * at most, not once per release, and a release published once the window is over starts a new one,
 * so every release is in a file written after it. Never fails its caller: the nightly rewrite
 * catches anything a queue outage made us miss.
 */
@Injectable()
export class OcdsBulkTrigger {
  private readonly logger = new Logger(OcdsBulkTrigger.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly env: Env,
  ) {}

  async requestRewrite(): Promise<void> {
    const delay = this.env.OCDS_BULK_DELAY_SECONDS * 1000;
    await this.jobs
      .add(
        'ocds.bulk_build',
        {},
        // The window closes a little before the job is due, so a release never joins a running rewrite.
        { delay, deduplication: { id: 'ocds-bulk', ttl: Math.floor(delay * 0.8) } },
      )
      .catch((err: unknown) => this.logger.warn(`OCDS bulk rewrite not queued: ${String(err)}`));
  }
}
