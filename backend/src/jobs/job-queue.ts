import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobsOptions, Queue } from 'bullmq';
import { JobName, JobPayloads, QUEUE_OF } from './catalogue.js';

const DEFAULTS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** The one way to enqueue a job: typed by the catalogue, routed to the job's queue. */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  async add<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: JobsOptions = {},
  ): Promise<string | undefined> {
    const job = await this.queueOf(name).add(name, payload, { ...DEFAULTS, ...options });
    return job.id;
  }

  /**
   * Makes sure the job with this deterministic id will run: added when absent, retried when it
   * failed for good, left alone when waiting, running or done.
   */
  async ensure<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    jobId: string,
  ): Promise<'added' | 'retried' | 'present'> {
    const queue = this.queueOf(name);
    const existing = await queue.getJob(jobId);
    if (!existing) {
      await queue.add(name, payload, { ...DEFAULTS, jobId });
      return 'added';
    }
    if (await existing.isFailed()) {
      await existing.retry('failed');
      return 'retried';
    }
    return 'present';
  }

  /**
   * Keeps one repeating job under this scheduler id (upserted: a restart never adds a second), run
   * at each time of the cron `pattern` in the time zone `tz`.
   */
  async schedule<N extends JobName>(
    schedulerId: string,
    name: N,
    payload: JobPayloads[N],
    repeat: { pattern: string; tz: string },
  ): Promise<void> {
    await this.queueOf(name).upsertJobScheduler(schedulerId, repeat, { name, data: payload });
  }

  private queueOf(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(QUEUE_OF[name]), { strict: false });
  }
}
