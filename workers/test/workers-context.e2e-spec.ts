import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { QUEUES } from '@sanshe/backend/jobs/catalogue.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';

let db: DataSource;
let env: Env;
let workers: INestApplicationContext;

beforeAll(async () => {
  env = useTestEnv({ JOB_LOCK_MS: '4321' });
  db = await migratedDataSource(env);
  workers = await createWorkers({ logger: false });
  await workers.init();
});
afterAll(async () => {
  await workers?.close();
  await dropSchema(db, env);
});

describe('the workers process', () => {
  it('holds no HTTP: no controller, no API module', () => {
    const modules = [...workers.get(ModulesContainer).values()];
    expect(
      modules.flatMap((m) =>
        [...m.controllers.keys()].map((c) => `${m.name}: ${typeof c === 'function' ? c.name : String(c)}`),
      ),
    ).toEqual([]);
    const names = modules.map((m) => m.name);
    expect(names).toContain('CoreModule');
    for (const http of ['AppModule', 'AuthModule', 'RateLimitModule', 'ThrottlerModule', 'IdempotencyModule'])
      expect(names).not.toContain(http);
  });

  it('locks jobs for JOB_LOCK_MS from the validated configuration, on every queue', () => {
    const processors = [...workers.get(ModulesContainer).values()]
      .flatMap((m) => [...m.providers.values()])
      .map((p) => (p.instance as { _worker?: Worker } | undefined)?._worker)
      .filter((w): w is Worker => !!w);
    expect(processors.map((w) => w.name).sort()).toEqual([...QUEUES].sort());
    for (const w of processors) {
      expect(w.opts.lockDuration).toBe(4321);
      expect(w.opts.stalledInterval).toBe(4321);
    }
  });
});
