import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The production stack in docker/compose.yml, as Compose reads it. */
const compose = parse(readFileSync(new URL('../../docker/compose.yml', import.meta.url), 'utf8')) as {
  'x-backend-env': Record<string, string>;
  services: Record<string, { profiles?: string[]; depends_on?: Record<string, unknown>; volumes?: string[] }>;
  volumes: Record<string, unknown>;
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

  it('keeps uploaded documents and exports on one named volume that the api and the workers share', () => {
    const dir = compose['x-backend-env'].STORAGE_DIR;
    expect(dir).toBe('/data/uploads');
    expect(compose.volumes).toHaveProperty('uploads');
    for (const service of ['api', 'workers'])
      expect(compose.services[service].volumes).toContain(`uploads:${dir}`);
    // The images create the mount point for their unprivileged user, so a new volume is writable.
    for (const image of ['api', 'workers'])
      expect(readFileSync(new URL(`../../docker/${image}.Dockerfile`, import.meta.url), 'utf8')).toMatch(
        new RegExp(`RUN mkdir -p ${dir} && chown node:node ${dir}\\nUSER node`),
      );
  });
});
