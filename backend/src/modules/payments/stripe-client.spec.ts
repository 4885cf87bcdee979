import { createStripeSdk, LOCAL_FAKE_STRIPE_KEY, stripeMode, stripeTarget } from './stripe-client.js';

type TargetEnv = Parameters<typeof stripeTarget>[0];
/** The settings stripeTarget reads, the fake's port at its default unless given. */
const env = (e: Omit<TargetEnv, 'LOCAL_FAKE_STRIPE_PORT'> & Partial<TargetEnv>): TargetEnv => ({
  LOCAL_FAKE_STRIPE_PORT: 12111,
  ...e,
});

describe('stripeTarget', () => {
  it('uses the configured key, with STRIPE_API_URL when set', () => {
    expect(stripeTarget(env({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_x' }))).toEqual({
      key: 'sk_live_x',
      url: undefined,
      localFake: false,
    });
    expect(
      stripeTarget(
        env({
          NODE_ENV: 'test',
          STRIPE_SECRET_KEY: 'sk_test_x',
          STRIPE_API_URL: 'http://127.0.0.1:9',
        }),
      ),
    ).toEqual({ key: 'sk_test_x', url: 'http://127.0.0.1:9', localFake: false });
  });

  it('without a key, points at STRIPE_API_URL, or in development at the local fake the API starts', () => {
    expect(stripeTarget(env({ NODE_ENV: 'test', STRIPE_API_URL: 'http://127.0.0.1:9' }))).toEqual({
      key: LOCAL_FAKE_STRIPE_KEY,
      url: 'http://127.0.0.1:9',
      localFake: false,
    });
    expect(stripeTarget(env({ NODE_ENV: 'development', LOCAL_FAKE_STRIPE_PORT: 12111 }))).toEqual({
      key: LOCAL_FAKE_STRIPE_KEY,
      url: 'http://127.0.0.1:12111',
      localFake: true,
    });
    expect(stripeTarget(env({ NODE_ENV: 'production' }))).toBeNull();
    expect(stripeTarget(env({ NODE_ENV: 'test' }))).toBeNull();
  });
});

describe('stripeMode', () => {
  it('calls any stand-in fake, a test key test mode, a live key live, and no Stripe off', () => {
    const mode = (e: Parameters<typeof env>[0]) => stripeMode(stripeTarget(env(e)));
    expect(mode({ NODE_ENV: 'development', LOCAL_FAKE_STRIPE_PORT: 12111 })).toBe('fake');
    expect(mode({ NODE_ENV: 'test', STRIPE_API_URL: 'http://127.0.0.1:9' })).toBe('fake');
    expect(
      mode({ NODE_ENV: 'test', STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_API_URL: 'http://127.0.0.1:9' }),
    ).toBe('fake');
    expect(mode({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_test_x' })).toBe('test');
    expect(mode({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'rk_test_x' })).toBe('test');
    expect(mode({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_x' })).toBe('live');
    expect(mode({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'rk_live_x' })).toBe('live');
    expect(mode({ NODE_ENV: 'production' })).toBe('off');
  });
});

describe('createStripeSdk', () => {
  it('maps the API URL to the SDK host, port and protocol', () => {
    const sdk = createStripeSdk({ key: 'sk_test_x', url: 'http://127.0.0.1:12111' });
    expect([sdk.getApiField('host'), Number(sdk.getApiField('port')), sdk.getApiField('protocol')]).toEqual([
      '127.0.0.1',
      12111,
      'http',
    ]);
    const real = createStripeSdk({ key: 'sk_test_x' });
    expect(real.getApiField('host')).toBe('api.stripe.com');
  });
});
