import { BullModule, type BullRootModuleOptions } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { Env } from '../config/env.js';
import { QUEUES } from './catalogue.js';
import { JobQueue } from './job-queue.js';

/** The PostgreSQL schema of the queues (QUEUE_BACKEND=postgres): one per QUEUE_PREFIX, as Redis keys are. */
export const queueSchema = (env: Pick<Env, 'QUEUE_PREFIX'>) =>
  `bullmq_${env.QUEUE_PREFIX.replace(/-/g, '_')}`;

/** How every queue and worker of this process connects: to Redis, or to BullMQ's PostgreSQL backend. */
export function queueConnection(env: Env): BullRootModuleOptions {
  if (env.QUEUE_BACKEND === 'redis')
    return { connection: { url: env.REDIS_URL, maxRetriesPerRequest: null }, prefix: env.QUEUE_PREFIX };
  // Process-wide, before the first queue is made: @nestjs/bullmq then builds every Queue and
  // Worker on PostgreSQL without knowing it. Each keeps a small pool plus one LISTEN connection.
  setDefaultBackendFactory(createPostgresBackend);
  const connection = { connectionString: env.DATABASE_URL, schema: queueSchema(env), migrate: true, max: 3 };
  return { connection: connection as unknown as BullRootModuleOptions['connection'] };
}

/** BullMQ on Redis or PostgreSQL, the queues of the catalogue, and the JobQueue that enqueues into them. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({ inject: [Env], useFactory: queueConnection }),
    ...QUEUES.map((name) => BullModule.registerQueue({ name })),
  ],
  providers: [JobQueue],
  exports: [JobQueue, BullModule],
})
export class JobsModule {}
