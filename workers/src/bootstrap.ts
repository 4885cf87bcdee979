import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { loadEnv } from '@sanshe/backend/config/env.js';
import { WorkersModule } from './workers.module.js';

/** The workers: a Nest application context (no HTTP) running the BullMQ processors. */
export async function createWorkers(options: { logger?: boolean } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    WorkersModule.forEnv(loadEnv()),
    options.logger === false ? { logger: false } : { bufferLogs: true },
  );
  if (options.logger !== false) app.useLogger(app.get(Logger));
  return app;
}
