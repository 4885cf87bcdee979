import 'reflect-metadata';
import { backend, BENCH_DATABASE_URL } from './lib/common.mjs';
import pg from 'pg';
const { createDataSource } = await backend('database/data-source.js');
const { DirectoryRepository } = await backend('modules/directory/directory.repository.js');
const { DirectoryQueryDto } = await backend('modules/directory/directory.dto.js');
const ds = await createDataSource({ DATABASE_URL: BENCH_DATABASE_URL, DATABASE_SCHEMA: 'public' }).initialize();
const repo = new DirectoryRepository(ds);
const db = new pg.Client({ connectionString: BENCH_DATABASE_URL }); await db.connect();
const street = (await db.query(`select id from regions where level='street' order by name limit 1`)).rows[0].id;
const comm = (await db.query(`select id from regions where level='community' order by name limit 1`)).rows[0].id;
const cases = { all: {}, yanglao: { q: '养老' }, fwzx: { q: '服务中心' }, qsn: { q: '青少年', sort: 'newest' }, type: { type: 'social_work_agency' }, cat: { category: 'elderly' }, street: { streetId: street }, comm: { communityId: comm }, grade: { minGrade: '3A', sort: 'grade' }, sc: {streetId: street, category:'elderly', limit: 50} };
for (const [k, v] of Object.entries(cases)) {
  const dto = Object.assign(new DirectoryQueryDto(), v);
  const [sql, params] = repo.searchQuery(dto).getQueryAndParameters();
  if (k === 'all') console.log(sql, params);
  const { rows } = await db.query('EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ' + sql, params);
  const p = rows[0]['QUERY PLAN'][0];
  console.log(k.padEnd(8), p['Execution Time'].toFixed(2), 'ms', p.Plan['Node Type']);
  if (process.argv[2] === k) { const t = await db.query('EXPLAIN (ANALYZE, BUFFERS) ' + sql, params); console.log(t.rows.map(r => r['QUERY PLAN']).join('\n')); }
}
await db.end(); await ds.destroy();
