import { DataSource, DataSourceOptions } from 'typeorm';
import type { Env } from '../config/env.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** The one place the database connection is described; the app, the CLI and the tests use it. */
export function dataSourceOptions(env: Pick<Env, 'DATABASE_URL' | 'DATABASE_SCHEMA'>): DataSourceOptions {
  const schema = env.DATABASE_SCHEMA;
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // Unqualified SQL (raw queries, migrations) resolves in the configured schema.
    extra: { max: 20, options: `-c search_path=${schema},public` },
  };
}

export const createDataSource = (env: Pick<Env, 'DATABASE_URL' | 'DATABASE_SCHEMA'>) =>
  new DataSource(dataSourceOptions(env));
