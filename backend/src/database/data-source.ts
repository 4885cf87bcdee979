import { DataSource, DataSourceOptions } from 'typeorm';
import type { Env } from '../config/env.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** The one place the database connection is described; the app, the CLI and the tests use it. */
export function dataSourceOptions(env: Pick<Env, 'DATABASE_URL'>, overrides: { schema?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    schema: overrides.schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: { max: 20, ...(overrides.schema ? { options: `-c search_path=${overrides.schema},public` } : {}) },
  };
}

export const createDataSource = (env: Pick<Env, 'DATABASE_URL'>, overrides: { schema?: string } = {}) =>
  new DataSource(dataSourceOptions(env, overrides));
