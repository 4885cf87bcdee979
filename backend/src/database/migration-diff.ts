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
