import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The production stack in docker/compose.yml, as Compose reads it. */
const compose = parse(readFileSync(new URL('../../docker/compose.yml', import.meta.url), 'utf8')) as {
  'x-backend-env': Record<string, string>;
  services: Record<string, { profiles?: string[]; depends_on?: Record<string, unknown> }>;
};

describe('docker/compose.yml', () => {
  it('runs production with a real SMTP server it must be given, the mail catcher only as an opt-in profile', () => {
    const env = compose['x-backend-env'];
    expect(env.NODE_ENV).toBe('production');
    // ${SMTP_URL:?…}: Compose refuses to start without it, and nothing defaults to the catcher.
    expect(env.SMTP_URL).toMatch(/^\$\{SMTP_URL:\?[^}]+\}$/);
    expect(JSON.stringify(env)).not.toContain('mailpit');
    expect(compose.services.mailpit.profiles).toEqual(['mailcatcher']);
    const needingTheCatcher = Object.entries(compose.services)
      .filter(([, service]) => !service.profiles && Object.keys(service.depends_on ?? {}).includes('mailpit'))
      .map(([name]) => name);
    expect(needingTheCatcher).toEqual([]);
  });
});
