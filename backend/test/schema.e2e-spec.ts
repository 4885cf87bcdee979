import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
});
afterAll(() => dropSchema(db, env));

describe('schema', () => {
  it('is exactly what the entities describe once every migration has run', async () => {
    const diff = await db.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can roll every migration back', async () => {
    for (let i = 0; i < db.migrations.length; i++) await db.undoLastMigration();
    const tables = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
      [env.DATABASE_SCHEMA],
    );
    expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(['migrations']);
    await db.runMigrations();
  });
});
