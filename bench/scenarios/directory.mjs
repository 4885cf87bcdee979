// `npm run bench -- directory`: GET /api/directory on the real API (NestJS) versus a bare Fastify + pg
// server that runs the same SQL (built by the app's own DirectoryRepository), with the same request mix,
// one after the other in the same run. Reports req/s, p50/p99 latency, failures, the Nest/bare ratio and
// the targets (ratio >= 0.6, Nest p99 < 50 ms at 10 connections). A measurement: exits 0 either way.
import { statSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import {
  BACKEND_DIST,
  BENCH_DATABASE_URL,
  BENCH_QUEUE_PREFIX,
  ROOT,
  backend,
  databaseName,
  freePort,
  median,
} from '../lib/common.mjs';
import { directoryQueries } from '../lib/directory-query.mjs';
import { drive, table } from '../lib/load.mjs';
import { API_RATE_LIMIT, startApi, startNode } from '../lib/processes.mjs';

export const description = 'GET /api/directory: NestJS API versus bare Fastify + pg running the same SQL';
export const flags = {
  duration: 'measured seconds per server and round (default 15)',
  warmup: 'warm-up seconds per server and round, not measured (default 5)',
  connections: 'concurrent connections (default 10)',
  rounds: 'rounds; the order of the servers alternates between rounds (default 1: Nest, then bare)',
  exclude:
    'leave out the queries of the mix whose label contains this text (e.g. "limit 50"), to see their weight',
  'skip-analysis': 'leave out the per-query analysis (unloaded latency, EXPLAIN ANALYZE) after the load',
};

const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 50;

/** The request mix: realistic directory queries, each connection cycling through them in order. */
async function requestMix(db) {
  const one = async (text) => (await db.query(text)).rows[0];
  const count = await one(`SELECT count(*)::int AS n FROM organizations`);
  if (!count.n) throw new Error('sanshe_bench holds no organizations: run `npm run bench:seed` first');
  // A street and a community with many verified organizations: real ids from the bench database.
  const street = await one(`SELECT s.id, s.name FROM regions s JOIN organizations o ON o.home_street_id = s.id
    WHERE o.status = 'verified' GROUP BY s.id, s.name ORDER BY count(*) DESC, s.name LIMIT 1`);
  const street2 = await one(`SELECT id, name FROM regions WHERE level = 'street' AND id <> '${street.id}'
    ORDER BY name LIMIT 1`);
  const community =
    await one(`SELECT r.id, r.name FROM regions r JOIN organization_communities oc ON oc.community_id = r.id
    GROUP BY r.id, r.name ORDER BY count(*) DESC, r.name LIMIT 1`);
  const qs = (params) => `/api/directory${params ? `?${new URLSearchParams(params)}` : ''}`;
  return {
    notes: `streetId = ${street.name}, ${street2.name}; communityId = ${community.name}`,
    // [label, query]; `cursorOf` marks a page 2, its cursor taken from the API's page 1 at start.
    mix: [
      ['all, by name', qs()],
      ['q=养老', qs({ q: '养老' })],
      ['q=服务中心', qs({ q: '服务中心' })],
      ['q=青少年 newest', qs({ q: '青少年', sort: 'newest' })],
      ['type', qs({ type: 'social_work_agency' })],
      ['category (parent)', qs({ category: 'elderly' })],
      ['category+type', qs({ category: 'youth', type: 'social_work_agency' })],
      ['streetId', qs({ streetId: street.id })],
      ['communityId', qs({ communityId: community.id })],
      ['minGrade=3A by grade', qs({ minGrade: '3A', sort: 'grade' })],
      ['q=养老 page 2', qs({ q: '养老' }), { cursorOf: qs({ q: '养老' }) }],
      [
        'minGrade=3A page 2',
        qs({ minGrade: '3A', sort: 'grade' }),
        { cursorOf: qs({ minGrade: '3A', sort: 'grade' }) },
      ],
      ['street+category limit 50', qs({ streetId: street2.id, category: 'elderly', limit: '50' })],
    ],
  };
}

async function getJson(url) {
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function run(args) {
  const duration = Number(args.duration ?? 15);
  const warmup = Number(args.warmup ?? 5);
  const connections = Number(args.connections ?? 10);
  const rounds = Number(args.rounds ?? 1);

  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect().catch((err) => {
    throw err.code === '3D000' ? new Error(`${err.message}: run \`npm run bench:seed\` first`) : err;
  });
  let mix;
  let notes;
  let sizes;
  try {
    ({ mix, notes } = await requestMix(db));
    if (typeof args.exclude === 'string') {
      const left = mix.filter(([label]) => !label.includes(args.exclude));
      if (!left.length || left.length === mix.length)
        throw new Error(`--exclude ${args.exclude}: excludes none or all`);
      notes += `; excluded: ${mix
        .filter((m) => !left.includes(m))
        .map(([label]) => label)
        .join(', ')}`;
      mix = left;
    }
    sizes = (
      await db.query(`SELECT (SELECT count(*) FROM organizations) AS orgs,
        (SELECT count(*) FROM organizations WHERE status = 'verified') AS verified, version() AS pg`)
    ).rows[0];
  } finally {
    await db.end();
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const built = statSync(join(BACKEND_DIST, 'main.js')).mtime.toISOString();
  const { dataSourceOptions } = await backend('database/data-source.js');
  const poolMax = dataSourceOptions({ DATABASE_URL: BENCH_DATABASE_URL, DATABASE_SCHEMA: 'public' }).extra
    .max;
  console.log(`directory benchmark
  machine      ${availableParallelism()} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}
  database     ${databaseName(BENCH_DATABASE_URL)}: ${sizes.orgs} organizations (${sizes.verified} verified), ${sizes.pg.split(' on ')[0]}
  load         autocannon, ${connections} connections, ${mix.length} queries rotated per connection,
               ${warmup} s warm-up + ${duration} s measured per server, ${rounds} round(s)
  API          backend/dist/main.js (built ${built}), NODE_ENV=production, LOG_LEVEL=silent,
               QUEUE_PREFIX=${BENCH_QUEUE_PREFIX}, RATE_LIMIT_PER_MINUTE=${API_RATE_LIMIT} (throttler runs, never limits)
  bare         Fastify + pg Pool (max ${poolMax}, as the app's), SQL from DirectoryRepository.searchQuery(dto):
               identical SQL and parameters, rows mapped to the same { items, nextCursor }
  ids          ${notes}
`);

  const [apiPort, barePort] = [await freePort(), await freePort()];
  const servers = [];
  const stopAll = () => Promise.all(servers.map((s) => s.stop()));
  const onSignal = async () => {
    await stopAll();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const nest = await startApi({ databaseUrl: BENCH_DATABASE_URL, port: apiPort });
    servers.push(nest);
    nest.name = 'Nest (API)';
    const bare = await startNode({
      name: 'bare Fastify+pg',
      script: join(ROOT, 'bench', 'servers', 'directory-bare.mjs'),
      port: barePort,
      readyPath: '/api/directory?limit=1',
      env: { BARE_PORT: String(barePort), DATABASE_URL: BENCH_DATABASE_URL },
    });
    servers.push(bare);

    // Page-2 cursors come from the API's own page 1.
    const paths = [];
    for (const [label, path, opts] of mix) {
      if (!opts?.cursorOf) {
        paths.push([label, path]);
        continue;
      }
      const first = await getJson(nest.url + opts.cursorOf);
      if (!first.nextCursor) throw new Error(`${label}: page 1 has no next page`);
      const sep = path.includes('?') ? '&' : '?';
      paths.push([label, `${path}${sep}${new URLSearchParams({ cursor: first.nextCursor })}`]);
    }

    // Same work on both sides: the same ids for every query (and, checked too, the same whole body).
    console.log('check: both servers return the same items for each query of the mix');
    let mismatch = false;
    for (const [label, path] of paths) {
      const [a, b] = await Promise.all([getJson(nest.url + path), getJson(bare.url + path)]);
      const ids = (page) => page.items.map((i) => i.id);
      const sameIds = isDeepStrictEqual(ids(a), ids(b));
      const sameBody = isDeepStrictEqual(a, b);
      mismatch ||= !sameIds;
      console.log(
        `  ${sameIds ? 'same' : 'DIFF'}  ${String(a.items.length).padStart(3)} items${a.nextCursor ? ' +next' : '      '}  ${sameBody ? 'identical body' : 'bodies differ '}  ${label}`,
      );
    }
    if (mismatch) throw new Error('the servers disagree on some query: the comparison would not be fair');

    const results = [];
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? [nest, bare] : [bare, nest];
      for (const server of order) {
        const label = `${server.name}${rounds > 1 ? ` #${round}` : ''}`;
        process.stdout.write(`\nwarm-up ${label} (${warmup} s)…`);
        if (warmup > 0) await drive({ server, paths: paths.map((p) => p[1]), connections, duration: warmup });
        process.stdout.write(` measuring (${duration} s)…`);
        const r = await drive({ server, paths: paths.map((p) => p[1]), connections, duration });
        results.push({ ...r, server: label, kind: server === nest ? 'nest' : 'bare' });
        process.stdout.write(` ${Math.round(r.rps)} req/s`);
      }
    }
    console.log('\n');
    report(results, { connections, rounds });
    console.log(`API process peak memory (RSS): ${nest.peakRssMb()} MB`);
    if (!args['skip-analysis']) await analyse(paths, nest, bare);
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function report(results, { connections, rounds }) {
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : '-');
  const cols = [
    { title: 'server', value: (r) => r.server, left: true },
    { title: 'requests', value: (r) => r.requests },
    { title: 'req/s', value: (r) => r.rps.toFixed(0) },
    { title: 'p50 ms', value: (r) => ms(r.p50) },
    { title: 'p90 ms', value: (r) => ms(r.p90) },
    { title: 'p99 ms', value: (r) => ms(r.p99) },
    { title: 'max ms', value: (r) => ms(r.max) },
    { title: 'errors', value: (r) => r.errors + r.timeouts },
    { title: 'non-2xx', value: (r) => r.non2xx },
    { title: 'server CPU', value: (r) => `${r.serverCpu}%` },
    { title: 'postgres CPU', value: (r) => `${r.postgresCpu}%` },
    { title: 'autocannon CPU', value: (r) => `${r.loadCpu}%` },
    { title: 'other CPU', value: (r) => `${r.otherCpu}%` },
    { title: 'machine busy', value: (r) => `${r.machineBusy}%` },
  ];
  console.log(table(results, cols));
  const mean = (kind, key) => {
    const rows = results.filter((r) => r.kind === kind);
    return rows.reduce((s, r) => s + r[key], 0) / rows.length;
  };
  const ratio = mean('nest', 'rps') / mean('bare', 'rps');
  const p99 = mean('nest', 'p99');
  const failures = results.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0);
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const of = rounds > 1 ? ` (mean of ${rounds} rounds)` : '';
  console.log(`
(CPU columns: % of one core over the measured window, other = any other process on the machine;\n machine busy: % of all ${availableParallelism()} cores)

targets at ${connections} connections${of}:
  Nest/bare req/s ratio   ${ratio.toFixed(2)}   target >= ${TARGET_RATIO}   ${verdict(ratio >= TARGET_RATIO)}${ratio < TARGET_RATIO ? `  (short by ${(TARGET_RATIO - ratio).toFixed(2)}; Nest would need ${Math.ceil(TARGET_RATIO * mean('bare', 'rps'))} req/s)` : ''}
  Nest p99 latency        ${ms(p99)} ms   target < ${TARGET_P99_MS} ms   ${verdict(p99 < TARGET_P99_MS)}${p99 >= TARGET_P99_MS ? `  (over by ${ms(p99 - TARGET_P99_MS)} ms)` : ''}
  errors / non-2xx        ${failures}${failures ? '   (some requests failed: the figures above are suspect)' : ''}
(a measurement: the exit code is 0 whatever the verdict)`);
}

/** The scans of a JSON plan, e.g. "Seq Scan organizations", "Index Only Scan organization_categories (PK_…)". */
function scans(plan, out = new Set()) {
  if (plan['Relation Name']) {
    const index = plan['Index Name'] ? ` (${plan['Index Name']})` : '';
    out.add(`${plan['Node Type']} ${plan['Relation Name']}${index}`);
  }
  for (const child of plan.Plans ?? []) scans(child, out);
  return out;
}

/**
 * Where the time goes, query by query, without load: the median latency of sequential requests to each
 * server, and the database's own execution time (EXPLAIN ANALYZE of the very SQL), plus the plan of the
 * slowest query.
 */
async function analyse(paths, nest, bare) {
  const REPEAT = 15;
  const timeOne = async (url) => {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  const queries = await directoryQueries(BENCH_DATABASE_URL);
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  const rows = [];
  try {
    for (const [label, path] of paths) {
      const lat = {};
      for (const server of [nest, bare]) {
        for (let i = 0; i < 3; i++) await timeOne(server.url + path);
        const samples = [];
        for (let i = 0; i < REPEAT; i++) samples.push(await timeOne(server.url + path));
        lat[server === nest ? 'nest' : 'bare'] = median(samples);
      }
      const [sql, params] = queries.sqlOfPath(path);
      const exec = [];
      let plan;
      for (let i = 0; i < 5; i++) {
        const res = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
        [plan] = res.rows[0]['QUERY PLAN'];
        exec.push(plan['Planning Time'] + plan['Execution Time']);
      }
      rows.push({ label, path, sql, params, ...lat, db: median(exec), scans: [...scans(plan.Plan)] });
    }
    const ms = (v) => v.toFixed(2);
    console.log(`
per query, unloaded (median of ${REPEAT} sequential requests; SQL = planning + execution, EXPLAIN ANALYZE):`);
    console.log(
      table(rows, [
        { title: 'query', value: (r) => r.label, left: true },
        { title: 'Nest ms', value: (r) => ms(r.nest) },
        { title: 'bare ms', value: (r) => ms(r.bare) },
        { title: 'Nest-bare', value: (r) => ms(r.nest - r.bare) },
        { title: 'SQL ms', value: (r) => ms(r.db) },
      ]),
    );
    const sum = (k) => rows.reduce((s, r) => s + r[k], 0) / rows.length;
    console.log(
      `mean over the mix: Nest ${ms(sum('nest'))} ms, bare ${ms(sum('bare'))} ms, SQL ${ms(sum('db'))} ms`,
    );
    const common = rows[0].scans.filter((sc) => rows.every((r) => r.scans.includes(sc)));
    console.log(`\ntable scans per query (all of them also: ${common.join('; ')}):`);
    for (const r of rows)
      console.log(`  ${r.label}: ${r.scans.filter((sc) => !common.includes(sc)).join('; ')}`);
    const slowest = rows.reduce((a, b) => (b.db > a.db ? b : a));
    const text = await db.query(`EXPLAIN (ANALYZE, COSTS OFF) ${slowest.sql}`, slowest.params);
    console.log(`\nslowest SQL of the mix: "${slowest.label}" (${ms(slowest.db)} ms), ${slowest.path}
EXPLAIN (ANALYZE, COSTS OFF):
${text.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
  } finally {
    await db.end();
    await queries.close();
  }
}
