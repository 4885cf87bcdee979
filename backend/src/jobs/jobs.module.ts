import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { queuePrefix } from '../common/redis/redis-connection.js';
import { Env } from '../config/env.js';
import { QUEUES } from './catalogue.js';
import { JobQueue } from './job-queue.js';
import { QueueConnection } from './queue-connection.js';

/** BullMQ on Redis (single or cluster), the queues of the catalogue, and the JobQueue that enqueues into them. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [Env, QueueConnection],
      useFactory: (env: Env, redis: QueueConnection) => ({
        connection: redis.client,
        prefix: queuePrefix(env),
      }),
    }),
    ...QUEUES.map((name) => BullModule.registerQueue({ name })),
  ],
  providers: [JobQueue, QueueConnection],
  exports: [JobQueue, BullModule, QueueConnection],
})
export class JobsModule {}
