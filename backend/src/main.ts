import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigError, loadEnv } from './config/env.js';
import { startFakeStripe } from './modules/payments/fake-stripe.js';
import { stripeTarget } from './modules/payments/stripe-client.js';

async function main() {
  const env = loadEnv();
  const app = await createApp();
  // Development without a Stripe key: this process runs the local fake Stripe on a fixed port, so
  // the workers (which create the transfers) reach the same one; it signs its webhooks to us.
  if (stripeTarget(env)?.localFake) {
    const logger = new Logger('FakeStripe');
    const fake = await startFakeStripe({
      port: env.LOCAL_FAKE_STRIPE_PORT,
      webhookUrl: `http://127.0.0.1:${env.PORT}/api/payments/stripe/webhook`,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET!.split(',')[0], // set outside production (loadEnv)
    }).catch((err: unknown) => {
      logger.warn(
        `could not start the local fake Stripe on port ${env.LOCAL_FAKE_STRIPE_PORT} (${String(err)}): using whatever answers there`,
      );
      return undefined;
    });
    if (fake) {
      logger.log(`no STRIPE_SECRET_KEY: payouts and donations go to the local fake Stripe at ${fake.url}`);
      app
        .getHttpAdapter()
        .getInstance()
        .addHook('onClose', () => fake.close());
    }
  }
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
