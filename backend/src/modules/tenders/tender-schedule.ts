import { Injectable } from '@nestjs/common';
import { JobQueue } from '../../jobs/job-queue.js';
import { Notifier } from '../notifications/notifier.js';

/** The jobs a published tender's bid deadline sets off: the bidders' reminder and the closing. */
@Injectable()
export class TenderSchedule {
  constructor(
    private readonly jobs: JobQueue,
    private readonly notifier: Notifier,
  ) {}

  /**
   * One job per tender and deadline (deterministic id): re-adding is a no-op, an amendment adds the
   * new one. The bidders' reminder 24 h before is scheduled the same way.
   */
  async close(tenderId: string, deadline: Date) {
    await this.notifier.scheduleDeadlineReminder(tenderId, deadline);
    return this.jobs.add(
      'tender.close',
      { tenderId, deadline: deadline.toISOString() },
      {
        jobId: `tender-close-${tenderId}-${deadline.getTime()}`,
        delay: Math.max(0, deadline.getTime() - Date.now()),
      },
    );
  }
}
