import { createStripeSdk, LOCAL_FAKE_STRIPE_KEY, stripeTarget } from './stripe-client.js';

describe('stripeTarget', () => {
  it('uses the configured key, with STRIPE_API_URL when set', () => {
    expect(stripeTarget({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_x' })).toEqual({
      key: 'sk_live_x',
      url: undefined,
      localFake: false,
    });
    expect(
      stripeTarget({
        NODE_ENV: 'test',
        STRIPE_SECRET_KEY: 'sk_test_x',
        STRIPE_API_URL: 'http://127.0.0.1:9',
      }),
    ).toEqual({ key: 'sk_test_x', url: 'http://127.0.0.1:9', localFake: false });
  });

  it('without a key, points at STRIPE_API_URL, or in development at the local fake the API starts', () => {
    expect(stripeTarget({ NODE_ENV: 'test', STRIPE_API_URL: 'http://127.0.0.1:9' })).toEqual({
      key: LOCAL_FAKE_STRIPE_KEY,
      url: 'http://127.0.0.1:9',
      localFake: false,
    });
    expect(stripeTarget({ NODE_ENV: 'development', LOCAL_FAKE_STRIPE_PORT: 12111 })).toEqual({
      key: LOCAL_FAKE_STRIPE_KEY,
      url: 'http://127.0.0.1:12111',
      localFake: true,
    });
    expect(stripeTarget({ NODE_ENV: 'production' })).toBeNull();
    expect(stripeTarget({ NODE_ENV: 'test' })).toBeNull();
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
