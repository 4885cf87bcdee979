// `npm start`'s whole stack for the scenarios that measure the built product (web, sign-in).
import { startStack } from '../../scripts/lib/stack.mjs';
import { BENCH_DATABASE_URL, BENCH_QUEUE_PREFIX, databaseName } from './common.mjs';

/**
 * The stack on a fresh database with the demo data, named after the benchmark database + `_<name>`
 * (or `--database`), on queues of its own, at `--api-port`/`--web-port` or the scenario's defaults.
 */
export function benchStack(args, { name, apiPort, webPort, env = {} }) {
  const database = new URL(BENCH_DATABASE_URL);
  database.pathname = `/${args.database ?? `${databaseName(BENCH_DATABASE_URL)}_${name}`}`;
  return startStack({
    apiPort: Number(args['api-port'] ?? apiPort),
    webPort: Number(args['web-port'] ?? webPort),
    databaseUrl: database.toString(),
    fresh: true,
    quiet: true,
    env: { QUEUE_PREFIX: `${BENCH_QUEUE_PREFIX}-${name.replaceAll('_', '-')}`, ...env },
  });
}
