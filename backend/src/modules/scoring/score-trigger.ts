import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../../jobs/job-queue.js';

/** How long after an organization's last relevant event its score is recomputed. */
export const SCORING_DEBOUNCE_MS = 5000;

/**
 * Asks for an organization's score to be recomputed. Debounced per organization (BullMQ
 * deduplication with a delay that each new event extends), so a burst of a thousand ratings runs one job.
 */
@Injectable()
export class ScoreTrigger {
  private readonly logger = new Logger(ScoreTrigger.name);

  constructor(private readonly jobs: JobQueue) {}

  async organizationChanged(organizationId: string): Promise<void> {
    await this.jobs
      .add(
        'scoring.recompute_org',
        { organizationId },
        {
          delay: SCORING_DEBOUNCE_MS,
          deduplication: {
            id: `score-${organizationId}`,
            ttl: SCORING_DEBOUNCE_MS,
            extend: true,
            replace: true,
          },
        },
      )
      // The nightly run catches anything a queue outage made us miss.
      .catch((err: unknown) =>
        this.logger.warn(`score recompute for ${organizationId} not queued: ${String(err)}`),
      );
  }
}
