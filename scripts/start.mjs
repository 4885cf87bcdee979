// `npm start`: build, migrate, seed the demo, start clamd, run API + workers + web app, print where to go.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { log, ROOT, startStack } from './lib/stack.mjs';

/**
 * The virus scanner, so that demo uploads leave quarantine: scripts/clamav.mjs installs clamd when
 * missing (Debian, as root) and starts it with the test signatures, as the tests do. Without it the
 * stack still comes up, uploads staying in quarantine. CLAMAV_URL names a scanner of your own instead;
 * SKIP_CLAMAV=1 skips this.
 */
function ensureClamd() {
  if (process.env.CLAMAV_URL || process.env.SKIP_CLAMAV === '1') return;
  log('clamav', 'starting the virus scanner (SKIP_CLAMAV=1 skips this)');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/clamav.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status === 0) {
    process.env.CLAMAV_URL = 'tcp://127.0.0.1:3310';
    return;
  }
  console.warn(
    `\x1b[33m[clamav] WARNING: clamd could not be installed or started (see the lines above and .data/clamav).\n` +
      `         The app starts anyway, but uploaded documents stay in quarantine (pending_scan) and cannot be\n` +
      `         opened, attached or accepted until a scanner runs: node scripts/clamav.mjs, then restart.\x1b[0m`,
  );
}

if (process.env.SKIP_BUILD !== '1') {
  log('build', 'building backend, workers and web app (SKIP_BUILD=1 skips this)');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Only after the build: on a fresh clone there is no backend/dist before it.
const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('../backend/dist/database/seed/demo.js');

ensureClamd();

try {
  const stack = await startStack({
    apiPort: Number(process.env.PORT ?? 3000),
    webPort: Number(process.env.WEB_PORT ?? 4200),
  });
  const rows = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(16)} ${a.email}`).join('\n');
  console.log(`
  Sanshe Linkage 三社联动 is running
  Web app        ${stack.webUrl}
  API            ${stack.apiUrl}/api
  API docs       ${stack.apiUrl}/api/docs
  Queue board    ${stack.apiUrl}/api/admin/queues (platform admin)
  Database       ${stack.engines.database}
  Queues         ${stack.engines.queues}
  Virus scanner  ${stack.engines.scanner}

  Demo logins (password ${DEMO_PASSWORD}):
${rows}

  Ctrl-C stops everything.
`);
  let shuttingDown = false;
  const shutdown = async () => {
    shuttingDown = true;
    log('stop', 'stopping…');
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const { code } = await stack.exited;
  if (!shuttingDown) {
    log('stop', `a process exited (${code}); stopping the rest`);
    await stack.stop();
    process.exit(1);
  }
} catch (err) {
  console.error(`\n${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
