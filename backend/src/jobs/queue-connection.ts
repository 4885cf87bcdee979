import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { createRedis } from '../common/redis/redis-connection.js';
import { Env } from '../config/env.js';

/**
 * The queues' one Redis client (single or cluster), shared by every queue; a worker blocks on Redis,
 * so BullMQ gives each worker copies of its own. BullMQ never closes a client it was handed, so this
 * quits it on shutdown: Nest shuts the modules JobsModule imports (the queues, BullMQ's workers)
 * down before JobsModule, so they have closed by then.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  readonly client: Redis | Cluster;

  constructor(env: Env) {
    // Workers block on Redis and must wait as long as it takes: BullMQ refuses a retry limit.
    this.client = createRedis(env, { maxRetriesPerRequest: null });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
