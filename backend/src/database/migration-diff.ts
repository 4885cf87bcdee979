import type { SqlInMemory } from 'typeorm/driver/SqlInMemory.js';

/** Turns the schema builder's diff (entities vs database) into a migration class, as TypeORM's CLI does. */
export function renderMigration(name: string, sql: SqlInMemory): { fileName: string; source: string } | null {
  if (sql.upQueries.length === 0) return null;
  const timestamp = Date.now();
  const quote = (q: string) =>
    '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const lines = (queries: { query: string }[]) =>
    // Unqualified, so the migration runs in whatever schema the connection is configured for.
    queries
      .map((q) => `    await queryRunner.query(${quote(q.query.replace(/"public"\./g, ''))});`)
      .join('\n');
  const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(sql.upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines([...sql.downQueries].reverse())}
  }
}
`;
  return { fileName: `${timestamp}-${name}`, source };
}

/** The migrations list, rebuilt from the files: timestamps order them. */
export function renderMigrationIndex(files: string[]): string {
  const migrations = files
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort()
    .map((f) => {
      const [timestamp, name] = f.replace(/\.ts$/, '').split('-');
      return { module: f.replace(/\.ts$/, ''), className: `${name}${timestamp}` };
    });
  return `${migrations.map((m) => `import { ${m.className} } from './${m.module}.js';`).join('\n')}

// Migrations in the order they run. Never edit one that has landed: add a new one.
export const MIGRATIONS = [
${migrations.map((m) => `  ${m.className},`).join('\n')}
];
`;
}
