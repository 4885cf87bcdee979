import { createApp } from './app.factory.js';
import { ConfigError, loadEnv } from './config/env.js';

async function main() {
  const env = loadEnv();
  const app = await createApp();
  // Development without a Stripe key points at the local fake Stripe on LOCAL_FAKE_STRIPE_PORT
  // (stripe-client.ts); whoever starts the product for development runs it (scripts/lib/stack.mjs).
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
