import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../../jobs/job-queue.js';

/**
 * How long after the first of an organization's events its score is recomputed: every event of that window
 * joins the one recompute. Short, since users should see their approvals and ratings in the score within
 * seconds (`npm run bench -- scoring-freshness`: p95 <= 5 s, p99 <= 15 s under sustained load).
 */
export const SCORING_WINDOW_MS = 1000;

/**
 * The window closes this much before the job is due: the job's due time counts from the API's clock before
 * the call, the window from the queue store's after it, so without a margin an event could join a job already running
 * (whose transaction may not see it).
 */
export const WINDOW_MARGIN_MS = 200;

/**
 * Asks for an organization's score to be recomputed. Throttled per organization (BullMQ deduplication
 * for a fixed window from the first event, not extended by later ones): a burst of a thousand ratings runs
 * one job, and a steady stream of events runs one job per window instead of postponing it for as long as
 * the stream lasts. An event that arrives once the window is over (the job due or running) starts a new
 * window, so every event is followed by a recompute that starts after it.
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
          delay: SCORING_WINDOW_MS,
          deduplication: {
            id: `score-${organizationId}`,
            ttl: SCORING_WINDOW_MS - WINDOW_MARGIN_MS,
          },
        },
      )
      // The nightly run catches anything a queue outage made us miss.
      .catch((err: unknown) =>
        this.logger.warn(`score recompute for ${organizationId} not queued: ${String(err)}`),
      );
  }
}
