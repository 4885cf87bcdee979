import { Logger } from '@nestjs/common';
import { ConfigError, loadEnv } from '@sanshe/backend/config/env.js';
import { createWorkers } from './bootstrap.js';

try {
  loadEnv();
  const app = await createWorkers();
  // On SIGTERM/SIGINT each BullMQ worker stops taking jobs and waits for the ones it is running
  // to finish (app.close() closes them), then the process exits cleanly. Listened for before
  // init(): the workers take jobs while it runs the start-up catch-up, and a signal then must not
  // kill one mid-way.
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await app.init();
  // After the start-up catch-up and the job schedulers: what an operator (or a test) waits for.
  new Logger('Workers').log('workers ready');
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
