// The directory search without NestJS: a bare Fastify route and a `pg` Pool, executing THE SAME SQL as
// the API. Each request's SQL text and parameters come from the app's own query builder
// (DirectoryRepository.searchQuery(dto).getQueryAndParameters()), so only the framework around the
// query differs: no validation pipe, guards, throttler, helmet, CORS, request logger or TypeORM
// execution. Rows are mapped to the same { items, nextCursor } JSON as the API, so both answer the
// same bytes. Started by bench/scenarios/directory.mjs with BARE_PORT and DATABASE_URL.
import Fastify from 'fastify';
import pg from 'pg';
import { backend } from '../lib/common.mjs';
import { directoryQueries } from '../lib/directory-query.mjs';

const { encodeCursor } = await backend('common/pagination/cursor.js');
const { DomainError } = await backend('common/errors/domain-error.js');

const databaseUrl = process.env.DATABASE_URL;
// The DataSource behind `queries` only builds SQL (it holds one idle connection); queries run on `pool`,
// which has the app pool's size and session options.
const queries = await directoryQueries(databaseUrl);
const { max, options } = queries.poolOptions();
const pool = new pg.Pool({ connectionString: databaseUrl, max, options });

const toEntry = (row) => ({
  id: row.id,
  name: row.name,
  type: row.type,
  description: row.description,
  grade: row.grade ?? null,
  creditStatus: row.creditStatus,
  score: row.score ?? null,
  tier: row.tier ?? null,
  homeStreetId: row.homeStreetId,
  homeStreetName: row.homeStreetName,
  categories: row.categories,
  communityIds: row.communityIds,
});

const app = Fastify({ logger: false });
app.get('/api/directory', async (request, reply) => {
  const dto = queries.toDto(request.query);
  let sql;
  let params;
  try {
    [sql, params] = queries.sqlOf(dto);
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
  await queries.close();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
