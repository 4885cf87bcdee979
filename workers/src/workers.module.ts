import { Module, type DynamicModule } from '@nestjs/common';
import type { Env } from '@sanshe/backend/config/env.js';
import { CoreModule } from '@sanshe/backend/core.module.js';
import { CatchUp } from './catch-up.js';
import { JobHandlersRegistry } from './job-handlers.js';
import { queueProcessors } from './queue-processors.js';

/** The workers: what every process shares (CoreModule, no HTTP), the job handlers and one processor per queue. */
@Module({
  imports: [CoreModule],
  providers: [JobHandlersRegistry, CatchUp],
})
export class WorkersModule {
  /** The processors' lock settings are decorator options, so they are made from the validated config. */
  static forEnv(env: Pick<Env, 'JOB_LOCK_MS'>): DynamicModule {
    return { module: WorkersModule, providers: queueProcessors(env) };
  }
}
