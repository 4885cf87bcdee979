import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Env } from '@sanshe/backend/config/env.js';
import { QUEUE_OF, QUEUES, type JobName, type QueueName } from '@sanshe/backend/jobs/catalogue.js';
import { JobHandlersRegistry } from './job-handlers.js';

/**
 * Jobs each worker runs at once, per queue. The scoring queue's per-organization jobs mostly wait for the
 * recompute they share (ScoreBatcher): the more of them run at once, the larger that shared run.
 */
const CONCURRENCY: Record<QueueName, number> = {
  mail: 4,
  tenders: 4,
  scoring: 64,
  payments: 4,
  exports: 4,
  documents: 4,
};

/**
 * One BullMQ worker per queue of the catalogue; each dispatches by job name to its handler. The
 * lock (JOB_LOCK_MS) is how long a worker's lock on a running job lasts without renewal, and how
 * often stalled jobs are looked for: a job whose worker died runs again on another worker within
 * about twice this. A decorator option, so the classes are made from the validated config at start.
 */
function processorFor(queue: QueueName, lockMs: number): Type<WorkerHost> {
  @Processor(queue, {
    concurrency: CONCURRENCY[queue],
    lockDuration: lockMs,
    stalledInterval: lockMs,
  })
  class QueueProcessor extends WorkerHost {
    private readonly logger = new Logger(`queue:${queue}`);

    constructor(private readonly registry: JobHandlersRegistry) {
      super();
    }

    async process(job: Job): Promise<void> {
      const name = job.name as JobName;
      if (QUEUE_OF[name] !== queue) throw new Error(`job ${job.name} does not belong on queue ${queue}`);
      const handler = this.registry.handlers[name] as (
        payload: unknown,
        meta: { jobId: string; attempt: number },
      ) => Promise<void>;
      await handler(job.data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
      this.logger.log(`${job.name} ${job.id} done`);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', {
    value: `${queue[0].toUpperCase()}${queue.slice(1)}QueueProcessor`,
  });
  return QueueProcessor;
}

export const queueProcessors = (env: Pick<Env, 'JOB_LOCK_MS'>): Type<WorkerHost>[] =>
  QUEUES.map((queue) => processorFor(queue, env.JOB_LOCK_MS));
