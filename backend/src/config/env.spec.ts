import { readFileSync } from 'node:fs';
import { ConfigError, DatabaseEnv, DEV_WEBHOOK_SECRET, loadDatabaseEnv, loadEnv } from './env.js';

const valid = { JWT_SECRET: 'x'.repeat(32) };

describe('loadEnv', () => {
  it('fills defaults and converts numbers', () => {
    const env = loadEnv({ ...valid, PORT: '4000' });
    expect(env.PORT).toBe(4000);
    expect(env.DATABASE_SCHEMA).toBe('public');
  });

  it('stops with a message naming each missing or bad variable', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('JWT_SECRET');
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
    }
  });

  it('ignores variables it does not know', () => {
    expect(Object.keys(loadEnv({ ...valid, AWS_SECRET: 'nope' }))).not.toContain('AWS_SECRET');
  });

  it('reads the Redis Cluster seed nodes as host:port pairs; none means the single Redis of REDIS_URL', () => {
    expect(loadEnv(valid).REDIS_CLUSTER_NODES).toBe('');
    const nodes = 'redis-1:6379,10.0.0.2:7000';
    expect(loadEnv({ ...valid, REDIS_CLUSTER_NODES: nodes }).REDIS_CLUSTER_NODES).toBe(nodes);
    for (const bad of ['redis://redis-1:6379', 'redis-1', 'redis-1:6379;redis-2:6379'])
      expect(() => loadEnv({ ...valid, REDIS_CLUSTER_NODES: bad })).toThrow(
        /REDIS_CLUSTER_NODES must be host:port/,
      );
  });

  it('reads the replicas as comma-separated postgres:// URLs, none by default', () => {
    expect(loadEnv(valid).DATABASE_REPLICA_URLS).toBe('');
    const two = 'postgres://reader@10.0.0.2:5432/sanshe, postgresql://reader@10.0.0.3/sanshe';
    expect(loadEnv({ ...valid, DATABASE_REPLICA_URLS: two }).DATABASE_REPLICA_URLS).toBe(two);
    for (const bad of ['mysql://10.0.0.2/sanshe', 'postgres://a/b,,postgres://c/d', 'postgres://a/b,'])
      expect(() => loadEnv({ ...valid, DATABASE_REPLICA_URLS: bad })).toThrow(/DATABASE_REPLICA_URLS/);
  });

  it('validates the Stripe settings, all optional outside production', () => {
    expect(loadEnv(valid)).toMatchObject({
      STRIPE_SECRET_KEY: undefined,
      STRIPE_API_URL: undefined,
      STRIPE_WEBHOOK_SECRET: DEV_WEBHOOK_SECRET,
    });
    expect(loadEnv({ ...valid, STRIPE_API_URL: 'http://127.0.0.1:12111' }).STRIPE_API_URL).toBe(
      'http://127.0.0.1:12111',
    );
    expect(() => loadEnv({ ...valid, STRIPE_SECRET_KEY: 'pk_test_publishable123' })).toThrow(
      /STRIPE_SECRET_KEY/,
    );
    expect(() => loadEnv({ ...valid, STRIPE_API_URL: 'stripe' })).toThrow(/STRIPE_API_URL/);
    expect(() => loadEnv({ ...valid, STRIPE_WEBHOOK_SECRET: 'secret' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    const two = 'whsec_account_endpoint_0123,whsec_connect_endpoint_0123';
    expect(loadEnv({ ...valid, STRIPE_WEBHOOK_SECRET: two }).STRIPE_WEBHOOK_SECRET).toBe(two);
  });

  it('keeps files on disk by default; s3 needs a bucket and keys, or stops naming each', () => {
    expect(loadEnv(valid)).toMatchObject({ STORAGE_DRIVER: 'disk', S3_FORCE_PATH_STYLE: false });
    expect(() => loadEnv({ ...valid, STORAGE_DRIVER: 's3' })).toThrow(
      /S3_BUCKET must be set[^]*S3_ACCESS_KEY_ID must be set[^]*S3_SECRET_ACCESS_KEY must be set/,
    );
    const s3 = {
      ...valid,
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'sanshe-files',
      S3_ACCESS_KEY_ID: 'key-id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
    };
    expect(loadEnv(s3)).toMatchObject({ S3_BUCKET: 'sanshe-files', S3_FORCE_PATH_STYLE: true });
    expect(() => loadEnv({ ...s3, STORAGE_DRIVER: 'ftp' })).toThrow(/STORAGE_DRIVER/);
    expect(() => loadEnv({ ...s3, S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
      /S3_FORCE_PATH_STYLE must be true or false/,
    );
    expect(() => loadEnv({ ...s3, S3_ENDPOINT: 'minio' })).toThrow(/S3_ENDPOINT/);
  });

  it('refuses the development webhook secret in production with a Stripe key', () => {
    const live = { ...valid, NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_0123456789abcdef' };
    expect(() => loadEnv(live)).toThrow(/STRIPE_WEBHOOK_SECRET must be set/);
    expect(
      loadEnv({ ...live, STRIPE_WEBHOOK_SECRET: 'whsec_endpoint_secret_0123456789' }).STRIPE_SECRET_KEY,
    ).toBe(live.STRIPE_SECRET_KEY);
  });

  it('refuses any development webhook secret in production, with or without a Stripe key', () => {
    const production = { ...valid, NODE_ENV: 'production' };
    for (const secret of [DEV_WEBHOOK_SECRET, 'whsec_dev_another_one_0123456789']) {
      expect(() => loadEnv({ ...production, STRIPE_WEBHOOK_SECRET: secret })).toThrow(
        /STRIPE_WEBHOOK_SECRET must not be a development secret/,
      );
      expect(() =>
        loadEnv({
          ...production,
          STRIPE_WEBHOOK_SECRET: `whsec_endpoint_secret_0123456789,${secret}`,
          STRIPE_SECRET_KEY: 'sk_live_0123456789abcdef',
        }),
      ).toThrow(/STRIPE_WEBHOOK_SECRET must not be a development secret/);
    }
    // Without Stripe, production has no webhook secret at all (the webhook answers 503), not the published one.
    expect(loadEnv(production).STRIPE_WEBHOOK_SECRET).toBeUndefined();
    expect(() => loadEnv({ ...production, STRIPE_API_URL: 'http://127.0.0.1:12111' })).toThrow(
      /STRIPE_WEBHOOK_SECRET must be set/,
    );
  });
});

describe('loadDatabaseEnv', () => {
  it("reads only the database CLI's settings: no JWT_SECRET needed, the same defaults as loadEnv", () => {
    const env = loadDatabaseEnv({ PORT: 'eighty', SMTP_URL: 'nope' });
    expect({ ...env }).toEqual({
      NODE_ENV: 'development',
      DATABASE_URL: loadEnv(valid).DATABASE_URL,
      DATABASE_SCHEMA: 'public',
      WEB_URL: 'http://localhost:4200',
    });
  });

  it("applies loadEnv's rules to what it reads", () => {
    expect(() => loadDatabaseEnv({ DATABASE_URL: 'mysql://x', DATABASE_SCHEMA: 'Bad-Name' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL[\s\S]*DATABASE_SCHEMA must be a lower-case SQL identifier/,
    );
    expect(() => loadDatabaseEnv({ NODE_ENV: 'staging' })).toThrow(ConfigError);
    expect(loadDatabaseEnv({ WEB_URL: 'https://sanshe.example.cn', NODE_ENV: 'production' })).toMatchObject({
      WEB_URL: 'https://sanshe.example.cn',
      NODE_ENV: 'production',
    });
  });

  it('defaults to the database `npm start` uses, so the everyday commands find it without settings', () => {
    const stack = readFileSync(new URL('../../../scripts/lib/stack.mjs', import.meta.url), 'utf8');
    expect(stack).toContain(`const LOCAL_DATABASE_URL = '${new DatabaseEnv().DATABASE_URL}';`);
  });
});
