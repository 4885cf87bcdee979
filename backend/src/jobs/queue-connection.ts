import type { BullRootModuleOptions } from '@nestjs/bullmq';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { Cluster } from 'ioredis';
import { createRedis, queuePrefix } from '../common/redis/redis-connection.js';
import { Env } from '../config/env.js';

/** The PostgreSQL schema of the queues (QUEUE_BACKEND=postgres): one per QUEUE_PREFIX, as Redis keys are. */
export const queueSchema = (env: Pick<Env, 'QUEUE_PREFIX'>) =>
  `bullmq_${env.QUEUE_PREFIX.replace(/-/g, '_')}`;

/**
 * How every queue and worker connects, the one place that decides: a single Redis (BullMQ makes and
 * closes its own connections), a Redis Cluster (one client, hash-tagged prefix), or BullMQ's
 * PostgreSQL backend in the product's own database.
 */
export function queueConnection(env: Env): BullRootModuleOptions {
  if (env.QUEUE_BACKEND === 'postgres') {
    // Process-wide, before the first queue is made: @nestjs/bullmq then builds every Queue and
    // Worker on PostgreSQL without knowing it. Each keeps a small pool plus one LISTEN connection.
    setDefaultBackendFactory(createPostgresBackend);
    const connection = {
      connectionString: env.DATABASE_URL,
      schema: queueSchema(env),
      migrate: true,
      // Two per queue and per worker (plus its LISTEN connection): a worker process holds twelve of
      // them, and two APIs with two workers must stay within PostgreSQL's default 100 connections.
      max: 2,
    };
    return { connection: connection as unknown as BullRootModuleOptions['connection'] };
  }
  // A cluster cannot be described by options, only handed over as a client (workers block on it
  // and must wait as long as it takes: BullMQ refuses a retry limit).
  if (env.REDIS_CLUSTER_NODES)
    return { connection: createRedis(env, { maxRetriesPerRequest: null }), prefix: queuePrefix(env) };
  return { connection: { url: env.REDIS_URL, maxRetriesPerRequest: null }, prefix: queuePrefix(env) };
}

/**
 * The queues' connection of this process. BullMQ never closes a client it was handed (the cluster's),
 * so this quits it on shutdown: Nest shuts the modules JobsModule imports (the queues, BullMQ's
 * workers) down before JobsModule, so they have closed by then.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  readonly options: BullRootModuleOptions;

  constructor(env: Env) {
    this.options = queueConnection(env);
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.options.connection;
    if (client instanceof Cluster) await client.quit().catch(() => client.disconnect());
  }
}
