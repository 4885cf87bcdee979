import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigError, loadEnv } from './config/env.js';
import { DocumentScans } from './modules/documents/document-scans.service.js';

async function main() {
  const env = loadEnv();
  // The key that opens sealed bids before their deadline belongs to the workers alone.
  if (env.BID_SEAL_SECRET)
    throw new ConfigError(
      'BID_SEAL_SECRET is for the workers only: the API must not hold it (set BID_SEAL_PUBLIC_KEY)',
    );
  const app = await createApp();
  // Development without a Stripe key points at the local fake Stripe on LOCAL_FAKE_STRIPE_PORT
  // (stripe-client.ts); whoever starts the product for development runs it (scripts/lib/stack.mjs).
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  // Which virus scanner and signatures check the uploads (clamd's VERSION), or that none does.
  const scanner = await app.get(DocumentScans).scannerVersion();
  new Logger('Documents').log(
    scanner
      ? `virus scanner at ${env.CLAMAV_URL}: ${scanner}`
      : `no virus scanner answers${env.CLAMAV_URL ? ` at ${env.CLAMAV_URL}` : ' (CLAMAV_URL unset)'}: uploaded documents stay in quarantine`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
