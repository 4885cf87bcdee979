import 'reflect-metadata';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadDatabaseEnv } from '../config/env.js';
import { createDataSource } from './data-source.js';
import { SetupRefused, setupFirstAdmin, WELCOME_LINK_TTL_HOURS } from './setup.js';

const usage =
  'usage: cli.js migrate | check | revert | seed | audit-verify | generate <Name> | setup --admin-email <address> [--name <display name>]';

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'admin-email': { type: 'string' }, name: { type: 'string' } },
    });
  } catch {
    return undefined; // an unknown option
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  const [command, arg] = args?.positionals ?? [];
  const values = args?.values ?? {};
  if (!args || (command === 'setup' && !values['admin-email'])) {
    console.error(usage);
    return 2;
  }
  // The database settings only: migrating or verifying the audit chain needs no JWT secret.
  const env = loadDatabaseEnv();
  if (command === 'seed' && env.NODE_ENV === 'production') {
    console.error(
      'refusing to load the demo data with NODE_ENV=production: it creates demo accounts with a published password. ' +
        'Set up a real district with `npm run setup -- --admin-email <address>` (docs/operations.md).',
    );
    return 1;
  }
  const dataSource = await createDataSource(env).initialize();
  try {
    switch (command) {
      case 'migrate': {
        const ran = await dataSource.runMigrations({ transaction: 'each' });
        console.log(ran.length ? `applied ${ran.map((m) => m.name).join(', ')}` : 'database is up to date');
        return 0;
      }
      case 'check': {
        // Exit 0 only once every migration of this build is applied: API instances wait on it while
        // the one migration Job applies them (docker/k8s), so none serves on an older schema.
        const pending = await dataSource.showMigrations();
        console.log(pending ? 'migrations pending' : 'database is up to date');
        return pending ? 3 : 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        return 0;
      case 'seed': {
        const { seedDemo, seedDemoContract, seedDemoScores } = await import('./seed/demo.js');
        console.log(await seedDemo(dataSource));
        console.log(await seedDemoContract(dataSource));
        console.log(`demo scores ready: ${await seedDemoScores(dataSource)} snapshots`);
        return 0;
      }
      case 'audit-verify': {
        const { AuditService } = await import('../common/audit/audit.service.js');
        const report = await new AuditService(dataSource).verifyChain();
        if (report.ok) {
          console.log(`audit chain intact: ${report.checked} entries verified`);
          return 0;
        }
        console.error(
          `audit chain BROKEN at entry ${report.brokenAt}: ${report.reason} (${report.checked} entries before it verified)`,
        );
        return 1;
      }
      case 'generate': {
        if (!arg || !/^[A-Z][A-Za-z0-9]+$/.test(arg))
          throw new Error('generate needs a PascalCase migration name');
        const { renderMigration, renderMigrationIndex } = await import('./migration-diff.js');
        const file = renderMigration(arg, await dataSource.driver.createSchemaBuilder().log());
        if (!file) {
          console.log('entities and migrations agree: nothing to generate');
          return 0;
        }
        const dir = join(dirname(fileURLToPath(import.meta.url)), '../../src/database/migrations');
        writeFileSync(join(dir, `${file.fileName}.ts`), file.source);
        writeFileSync(join(dir, 'index.ts'), renderMigrationIndex(readdirSync(dir)));
        console.log(`wrote src/database/migrations/${file.fileName}.ts and listed it in migrations/index.ts`);
        return 0;
      }
      case 'setup': {
        const admin = await setupFirstAdmin(dataSource, env, {
          adminEmail: values['admin-email']!,
          name: values.name,
        });
        if (admin.migrations.length) console.log(`applied ${admin.migrations.join(', ')}`);
        console.log(
          `first platform admin created: ${admin.email} (${admin.displayName})\n` +
            `Open this link to set the password (it works once, for ${WELCOME_LINK_TTL_HOURS} hours):\n\n` +
            `  ${admin.link}\n`,
        );
        return 0;
      }
      default:
        console.error(usage);
        return 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof SetupRefused ? err.message : err);
    process.exit(1);
  },
);
