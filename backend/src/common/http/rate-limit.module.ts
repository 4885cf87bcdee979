import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env } from '../../config/env.js';
import { PostgresRateLimitStore } from './postgres-rate-limit-store.js';
import { RateLimitStore } from './rate-limit-store.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';

/** The rate-limit counters where the queues are: Redis, or PostgreSQL with QUEUE_BACKEND=postgres. */
@Global()
@Module({
  providers: [
    {
      provide: RateLimitStore,
      inject: [Env, DataSource],
      useFactory: (env: Env, dataSource: DataSource) =>
        env.QUEUE_BACKEND === 'postgres'
          ? new PostgresRateLimitStore(dataSource)
          : new RedisRateLimitStore(env),
    },
  ],
  exports: [RateLimitStore],
})
export class RateLimitModule {}
