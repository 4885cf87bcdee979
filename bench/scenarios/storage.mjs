// `npm run bench -- storage`: what the data costs on disk. For every table of the benchmark database: its
// rows, heap (with TOAST), indexes and bytes per row (pg_table_size, pg_indexes_size, exact count(*)), and
// the footprint of one service record with what comes with it (its beneficiaries, its rating, the score's
// rollups, its audit entry). `--baseline <file>` compares with an earlier run saved by `--save <file>`: the
// bytes the rows written in between took (e.g. by `npm run bench -- service-records`, through the API, one
// transaction per record, so pages and index splits as in production rather than as a bulk load leaves them).
// Reads only; a measurement: exits 0.
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { BENCH_DATABASE_URL, databaseName } from '../lib/common.mjs';
import { table } from '../lib/load.mjs';

/** Prints rows (arrays) under the titles; the first column left-aligned. */
const print = (titles, rows) =>
  console.log(
    table(
      rows,
      titles.map((title, i) => ({ title, value: (r) => r[i], left: i === 0 })),
    ),
  );

export const description = 'bytes per row and per service record (heap, indexes) of every table';
export const flags = {
  save: 'write the sizes to this JSON file',
  baseline: 'a file written by --save earlier: also print the growth since then, per new service record',
};

/** What one service record brings along; the rest of the schema grows with people and organizations. */
const PER_RECORD = [
  'service_records',
  'record_beneficiaries',
  'ratings',
  'score_record_days',
  'score_rating_days',
  'score_reach',
  'score_served',
  'audit_log',
];

const mb = (b) => (b / 2 ** 20).toFixed(1);

async function measure(db) {
  await db.query('ANALYZE'); // fresh statistics, so the planner's view agrees with the counts below
  const { rows } = await db.query(`
    SELECT c.relname AS name, pg_table_size(c.oid)::bigint AS heap, pg_indexes_size(c.oid)::bigint AS indexes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
  const tables = {};
  for (const r of rows) {
    const [{ n }] = (await db.query(`SELECT count(*)::bigint AS n FROM "${r.name}"`)).rows;
    tables[r.name] = { rows: Number(n), heap: Number(r.heap), indexes: Number(r.indexes) };
  }
  const [{ size }] = (await db.query('SELECT pg_database_size(current_database())::bigint AS size')).rows;
  return { at: new Date().toISOString(), database: Number(size), tables };
}

export async function run(args) {
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  const now = await measure(db);
  await db.end();
  if (args.save) writeFileSync(args.save, JSON.stringify(now, null, 2));

  const t = now.tables;
  const records = t.service_records?.rows ?? 0;
  console.log(`storage of ${databaseName(BENCH_DATABASE_URL)} (${now.at}): database ${mb(now.database)} MB, ${records} service records
`);
  const sorted = Object.entries(t).sort(([, a], [, b]) => b.heap + b.indexes - (a.heap + a.indexes));
  print(
    ['table', 'rows', 'heap MB', 'indexes MB', 'heap B/row', 'index B/row', 'total B/row'],
    sorted
      .filter(([, s]) => s.rows > 0)
      .map(([name, s]) => [
        name,
        s.rows,
        mb(s.heap),
        mb(s.indexes),
        Math.round(s.heap / s.rows),
        Math.round(s.indexes / s.rows),
        Math.round((s.heap + s.indexes) / s.rows),
      ]),
  );
  const footprint = (tables, count) => {
    const lines = PER_RECORD.filter((n) => tables[n]).map((n) => [
      n,
      (tables[n].rows / count).toFixed(3),
      Math.round((tables[n].heap + tables[n].indexes) / count),
    ]);
    const total = lines.reduce((sum, [, , b]) => sum + b, 0);
    print(['with each service record', 'rows', 'bytes'], [...lines, ['total', '', total]]);
    return total;
  };
  if (records) {
    console.log(
      `\nper service record, over all ${records} (bulk-loaded by bench:seed, indexes rebuilt afterwards):`,
    );
    footprint(t, records);
  }
  if (args.baseline) {
    const before = JSON.parse(readFileSync(args.baseline, 'utf8'));
    const added = records - (before.tables.service_records?.rows ?? 0);
    if (added <= 0) throw new Error(`no service records added since ${args.baseline}`);
    const delta = Object.fromEntries(
      Object.entries(t).map(([name, s]) => {
        const b = before.tables[name] ?? { rows: 0, heap: 0, indexes: 0 };
        return [name, { rows: s.rows - b.rows, heap: s.heap - b.heap, indexes: s.indexes - b.indexes }];
      }),
    );
    console.log(
      `\ngrowth since ${before.at}: ${added} service records written one transaction each, database +${mb(now.database - before.database)} MB:`,
    );
    footprint(delta, added);
  }
}
