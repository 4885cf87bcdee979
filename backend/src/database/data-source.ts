import pg from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { readBigint } from '../common/money/money.js';
import type { Env } from '../config/env.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

type DatabaseSettings = Pick<Env, 'DATABASE_URL' | 'DATABASE_SCHEMA'> &
  Partial<Pick<Env, 'DATABASE_REPLICA_URLS'>>;

/** The replicas named by DATABASE_REPLICA_URLS (none when empty). */
const replicaUrls = (setting = '') =>
  setting
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);

// Every bigint (money in fen, counts, sizes, identities) reads as a JS number, checked in one place,
// so SQL never casts money through float8 to get a number.
pg.types.setTypeParser(pg.types.builtins.INT8, readBigint);

/** The one place the database connection is described; the app, the CLI and the tests use it. */
export function dataSourceOptions(env: DatabaseSettings): DataSourceOptions {
  const schema = env.DATABASE_SCHEMA;
  const replicas = replicaUrls(env.DATABASE_REPLICA_URLS);
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    // Every read stays on the primary unless it asks for a replica (onReplica in replica.ts):
    // TypeORM's own default would send every find() outside a transaction to a replica, and a
    // page read right after its user's change would miss that change.
    ...(replicas.length > 0 && {
      replication: {
        master: { url: env.DATABASE_URL },
        slaves: replicas.map((url) => ({ url })),
        defaultMode: 'master' as const,
      },
    }),
    schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // Unqualified SQL (raw queries, migrations) resolves in the configured schema, on the primary
    // and on every replica alike (TypeORM applies `extra` to each pool).
    extra: { max: 20, options: `-c search_path=${schema},public` },
  };
}

export const createDataSource = (env: DatabaseSettings) => new DataSource(dataSourceOptions(env));
