import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from './catalogue.js';
import { JobQueue } from './job-queue.js';
import { QueueConnection } from './queue-connection.js';

/** BullMQ on Redis (single or cluster) or PostgreSQL, the queues of the catalogue, and the JobQueue that enqueues into them. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [QueueConnection],
      useFactory: (queues: QueueConnection) => queues.options,
    }),
    ...QUEUES.map((name) => BullModule.registerQueue({ name })),
  ],
  providers: [JobQueue, QueueConnection],
  exports: [JobQueue, BullModule, QueueConnection],
})
export class JobsModule {}
