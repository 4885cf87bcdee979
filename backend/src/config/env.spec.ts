import { ConfigError, loadEnv } from './env.js';

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
});
