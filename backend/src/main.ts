import { createApp } from './app.factory.js';
import { ConfigError, loadEnv } from './config/env.js';

async function main() {
  const env = loadEnv();
  const app = await createApp();
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
