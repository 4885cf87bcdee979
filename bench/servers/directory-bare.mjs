// The directory search without NestJS: a bare Fastify route and a `pg` Pool, executing THE SAME SQL as
// the API. Each request's SQL text and parameters come from the app's own query builder
// (DirectoryRepository.searchQuery(dto).getQueryAndParameters()), so only the framework around the
// query differs: no validation pipe, guards, throttler, helmet, CORS, request logger or TypeORM
// execution. Rows are mapped to the same { items, nextCursor } JSON as the API, so both answer the
// same bytes. Started by bench/scenarios/directory.mjs with BARE_PORT and DATABASE_URL.
import 'reflect-metadata';
import Fastify from 'fastify';
import pg from 'pg';
import { backend } from '../lib/common.mjs';

const { createDataSource, dataSourceOptions } = await backend('database/data-source.js');
const { DirectoryRepository } = await backend('modules/directory/directory.repository.js');
const { DirectoryQueryDto } = await backend('modules/directory/directory.dto.js');
const { encodeCursor } = await backend('common/pagination/cursor.js');
const { DomainError } = await backend('common/errors/domain-error.js');

const env = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: 'public' };
// The DataSource only builds SQL here (it holds one idle connection); the queries run on the pool below.
const dataSource = await createDataSource(env).initialize();
const repository = new DirectoryRepository(dataSource);
// Same size and session options as the app's TypeORM pool.
const { extra } = dataSourceOptions(env);
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: extra.max, options: extra.options });

const FIELDS = ['q', 'type', 'category', 'communityId', 'streetId', 'minGrade', 'sort', 'cursor'];

/** The DTO as the query string fills it (validation left out on purpose; the load is well-formed). */
function toDto(query) {
  const dto = new DirectoryQueryDto();
  for (const f of FIELDS) {
    const v = typeof query[f] === 'string' ? query[f].trim() : undefined;
    if (v) dto[f] = v;
  }
  if (query.limit !== undefined) dto.limit = Number(query.limit);
  return dto;
}

const toEntry = (row) => ({
  id: row.id,
  name: row.name,
  type: row.type,
  description: row.description,
  grade: row.grade ?? null,
  creditStatus: row.creditStatus,
  homeStreetId: row.homeStreetId,
  homeStreetName: row.homeStreetName,
  categories: row.categories,
  communityIds: row.communityIds,
});

const app = Fastify({ logger: false });
app.get('/api/directory', async (request, reply) => {
  const dto = toDto(request.query);
  let sql;
  let params;
  try {
    [sql, params] = repository.searchQuery(dto).getQueryAndParameters();
  } catch (err) {
    if (err instanceof DomainError) return reply.status(400).send({ error: err.message });
    throw err;
  }
  const { rows } = await pool.query(sql, params);
  const page = rows.slice(0, dto.limit);
  const last = page.at(-1);
  // The keyset values the query selects as k0, k1, … (in whatever column order).
  const keys = last
    ? Object.keys(last)
        .filter((k) => /^k\d+$/.test(k))
        .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    : [];
  return {
    items: page.map(toEntry),
    nextCursor: rows.length > dto.limit && last ? encodeCursor(keys.map((k) => last[k])) : null,
  };
});

await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
const shutdown = async () => {
  await app.close();
  await pool.end();
  await dataSource.destroy();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
