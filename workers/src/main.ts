import { ConfigError, loadEnv } from '@sanshe/backend/config/env.js';
import { createWorkers } from './bootstrap.js';

try {
  loadEnv();
  const app = await createWorkers();
  await app.init();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
