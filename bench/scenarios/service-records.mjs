// `npm run bench -- service-records`: logging service records, POST /api/projects/:projectId/records on the
// real API (NestJS) driven by autocannon, then, in the same run, the same statements on a bare `pg` pool
// (bench/lib/service-records-bare.mjs) from as many concurrent loops, for the same duration, into the same
// tables and under the same constraints (the exclusion constraint service_records_no_overlap, the checks, the
// audit chain's advisory lock). Every request is valid and distinct: each takes the next (worker, hour) of a
// precomputed sequence going back in time, so none overlaps another. Reports records/s, latency per record,
// failures, the API/bare ratio against its target (>= 0.5), and checks in SQL that the rows are there.
// A measurement: exits 0 whatever the verdict.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import autocannon from 'autocannon';
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
  percentile,
} from '../lib/common.mjs';
import { table } from '../lib/load.mjs';
import { normalizeSql, startWireTrace } from '../lib/pg-wire-trace.mjs';
import { API_RATE_LIMIT, cpuMs, machineCpuMs, postgresCpuMs, startApi } from '../lib/processes.mjs';
import { BARE_MODES, bareLog } from '../lib/service-records-bare.mjs';
import { sessionsFor } from '../lib/sessions.mjs';

export const description =
  'POST /api/projects/:id/records: NestJS API versus the same statements on a bare pg pool';
export const flags = {
  duration: 'measured seconds per side and round (default 15)',
  warmup: 'warm-up seconds per side and round, not measured (default 3)',
  connections: 'concurrent connections / loops (default 10)',
  rounds: 'rounds; the order of the sides alternates between rounds (default 1: API, then bare)',
  workers: 'social workers the records are spread over (default 1000)',
  bare: `what the bare side runs per record: ${BARE_MODES.join(' | ')} (default full: every statement the API sends)`,
  api: 'the API build to measure (default backend/dist/main.js; e.g. a patched copy, to measure a proposal)',
  'skip-sql-check': 'leave out the check that both sides send the same statements (it starts a second API)',
  'skip-analysis': 'leave out the unloaded per-record timings and the audit chain check after the load',
};

const TARGET_RATIO = 0.5;
/** Other processes' CPU (% of one core) under which a measured window counts as quiet. */
const QUIET = 15;
const MODE_NOTES = {
  full: 'every statement the API sends per record, in its order',
  core: 'check, savepoint, insert, release, beneficiaries, audit append only (no auth, project or read-back)',
  'audit-last': 'every statement the API sends, the read-back moved before the audit append (a proposal)',
};
const ACTIVITY_TYPES = [
  'home_visit',
  'casework',
  'group_work',
  'community_activity',
  'consultation',
  'other',
];
const HOUR = 3_600_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The benchmark's population, read from (and, for sessions, written to) the bench database: `count`
 * project members spread over the projects, each with a live session; every community with its residents;
 * and the anchor, the hour before which every new record lies (before all existing ones, so none overlaps).
 */
async function population(db, count, jwtSecret) {
  const one = async (text, params) => (await db.query(text, params)).rows[0];
  const sizes = await one(`SELECT (SELECT count(*)::int FROM projects) AS projects,
      (SELECT count(*)::int FROM project_members) AS members,
      (SELECT count(*)::int FROM role_memberships WHERE role = 'resident') AS residents,
      (SELECT count(*)::int FROM service_records) AS records,
      (SELECT count(*)::int FROM audit_log) AS audit, version() AS pg`);
  if (!sizes.projects || !sizes.residents)
    throw new Error('sanshe_bench has no projects or residents: run `npm run bench:seed` (again) first');
  const { rows: workers } = await db.query(
    `SELECT pm.user_id AS "userId", pm.project_id AS "projectId",
            ARRAY(SELECT oc.community_id FROM organization_communities oc WHERE oc.organization_id = p.organization_id
                   ORDER BY 1) AS communities
       FROM project_members pm JOIN projects p ON p.id = pm.project_id
      ORDER BY md5(pm.user_id::text) LIMIT $1`,
    [count],
  );
  if (workers.length < count) throw new Error(`only ${workers.length} project members, --workers ${count}`);
  const sessions = await sessionsFor(
    db,
    workers.map((w) => w.userId),
    jwtSecret,
  );
  for (const w of workers) Object.assign(w, sessions.get(w.userId));
  const { rows: communities } = await db.query(
    `SELECT r.id, r.name, array_agg(m.user_id ORDER BY m.user_id) AS residents
       FROM regions r JOIN role_memberships m ON m.region_id = r.id AND m.role = 'resident'
      WHERE r.level = 'community' GROUP BY r.id, r.name`,
  );
  const { anchor } = await one(
    `SELECT least(date_trunc('hour', now()) - interval '1 hour', date_trunc('hour', min(started_at))) AS anchor
       FROM service_records`,
  );
  return {
    sizes,
    workers,
    communities: new Map(communities.map((c) => [c.id, c])),
    anchor,
  };
}

/**
 * The sequence of records: record k is worker k mod W's, in the hour that lies floor(k / W) + 1 hours before
 * the anchor, 30–60 minutes long. Consecutive records belong to different workers, so concurrent requests never
 * share a worker, and no two records of one worker overlap. `next(tag)` hands out the next one, for a phase
 * whose rows carry `tag` in `notes`.
 */
function recordSequence({ workers, communities, anchor }) {
  let k = 0;
  return {
    next(tag) {
      const n = k++;
      const w = workers[n % workers.length];
      const startedAt = new Date(anchor.getTime() - (Math.floor(n / workers.length) + 1) * HOUR);
      const endedAt = new Date(startedAt.getTime() + (30 + 5 * (n % 7)) * 60_000);
      const community = communities.get(w.communities[n % w.communities.length]);
      const residents = community.residents;
      const beneficiaryUserIds = [
        ...new Set(Array.from({ length: 1 + (n % 3) }, (_, j) => residents[(n + 7 * j) % residents.length])),
      ];
      const activityType = ACTIVITY_TYPES[n % ACTIVITY_TYPES.length];
      const dto = {
        activityType,
        communityId: community.id,
        startedAt,
        endedAt,
        beneficiaryUserIds,
        anonymousCount: n % 5,
        location: activityType === 'home_visit' ? '居民家中' : `${community.name}活动室`,
        notes: tag,
      };
      return {
        k: n,
        tag,
        workerUserId: w.userId,
        sessionId: w.sessionId,
        projectId: w.projectId,
        token: w.token,
        dto,
        body: JSON.stringify(dto), // dates as ISO strings
        status: null, // HTTP status (or 'error') once answered
        ms: null,
      };
    },
  };
}

/** Where PostgreSQL's backends of the bench database are, sampled every 100 ms while a side runs. */
function activitySampler(databaseUrl) {
  const db = new pg.Client({ connectionString: databaseUrl });
  const sums = {};
  let samples = 0;
  let timer = null;
  let busy = false;
  return {
    async start() {
      await db.connect();
      timer = setInterval(async () => {
        if (busy) return;
        busy = true;
        try {
          const { rows } = await db.query(
            `SELECT CASE WHEN state = 'active' AND wait_event_type = 'Lock' AND wait_event = 'advisory' THEN 'lock'
                         WHEN state = 'active' AND wait_event_type IS NULL THEN 'cpu'
                         WHEN state = 'active' THEN 'wait'
                         WHEN state LIKE 'idle in transaction%' THEN 'idle_tx' ELSE 'idle' END AS s, count(*)::int AS n
               FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND backend_type = 'client backend' GROUP BY 1`,
          );
          for (const r of rows) sums[r.s] = (sums[r.s] ?? 0) + r.n;
          samples++;
        } catch {
          // a lost sample changes nothing
        } finally {
          busy = false;
        }
      }, 100);
    },
    async stop() {
      clearInterval(timer);
      while (busy) await sleep(5);
      await db.end();
      const mean = (s) => (samples ? (sums[s] ?? 0) / samples : NaN);
      return { lock: mean('lock'), cpu: mean('cpu'), wait: mean('wait'), idleTx: mean('idle_tx'), samples };
    },
  };
}

/** Runs `fn` and returns its result with the CPU used meanwhile (in % of one core) and the backends' states. */
async function measured(appPids, fn) {
  const sampler = activitySampler(BENCH_DATABASE_URL);
  await sampler.start();
  const cpu0 = {
    app: cpuMs(appPids),
    pg: postgresCpuMs(),
    self: process.cpuUsage(),
    machine: machineCpuMs(),
  };
  const t0 = performance.now();
  const result = await fn();
  const wall = performance.now() - t0;
  const self = process.cpuUsage(cpu0.self);
  const machine = machineCpuMs();
  const activity = await sampler.stop();
  const share = (ms) => Math.round((100 * ms) / wall);
  const appCpu = appPids.length ? share(cpuMs(appPids) - cpu0.app) : null;
  const selfCpu = share((self.user + self.system) / 1000);
  const postgresCpu = share(postgresCpuMs() - cpu0.pg);
  const machineCpu = share(machine.busy - cpu0.machine.busy);
  return {
    ...result,
    wall,
    activity,
    cpu: {
      app: appCpu ?? selfCpu, // the API process, or this process when it is the bare side
      load: appPids.length ? selfCpu : null, // autocannon (this process), API side only
      postgres: postgresCpu,
      other: Math.max(0, machineCpu - (appCpu ?? 0) - selfCpu - postgresCpu),
      busy: Math.round(
        (100 * (machine.busy - cpu0.machine.busy)) / (machine.total - cpu0.machine.total || 1),
      ),
    },
  };
}

/** The API side: autocannon, each request the next record of the sequence. */
async function driveApi({ api, records, tag, connections, duration }) {
  const jobs = [];
  let answered = null; // the job onResponse just saw; the 'response' event that follows carries its latency
  let firstFailure = null;
  const tracker = autocannon({
    url: api.url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const job = records.next(tag);
          jobs.push(job);
          context.job = job;
          return {
            ...request,
            path: `/api/projects/${job.projectId}/records`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
            body: job.body,
          };
        },
        onResponse: (status, body, context) => {
          answered = context.job;
          answered.status = status;
          if ((status < 200 || status >= 300) && !firstFailure)
            firstFailure = `HTTP ${status} ${String(body).slice(0, 300)}`;
        },
      },
    ],
  });
  tracker.on('response', (_client, _status, _bytes, ms) => {
    if (answered) answered.ms = ms;
    answered = null;
  });
  const result = await tracker;
  return {
    jobs,
    firstFailure,
    connectionErrors: result.errors + result.timeouts,
    autocannon2xx: result['2xx'],
  };
}

/** The bare side: `connections` loops, each logging the next record of the sequence until the time is up. */
async function driveBare({ pool, records, tag, connections, duration, mode, timings }) {
  const jobs = [];
  let firstFailure = null;
  const deadline = performance.now() + duration * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const job = records.next(tag);
      jobs.push(job);
      const t0 = performance.now();
      try {
        await bareLog(pool, job, mode, timings);
        job.status = 201;
      } catch (err) {
        job.status = 'error';
        firstFailure ??= err instanceof Error ? err.message : String(err);
      }
      job.ms = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return { jobs, firstFailure, connectionErrors: 0 };
}

/**
 * The rows of one phase, checked in SQL against what the client saw: every 2xx has its record, every record
 * comes from a request of the phase, beneficiaries and audit entries match.
 */
async function verify(db, tag, jobs) {
  // Three plain statements rather than one join: a fresh tag has no statistics, and a planner that expects one
  // row would loop over audit_log (no index on entity_id) once per record.
  const { rows } = await db.query(
    `SELECT id, worker_user_id AS w, started_at AS t FROM service_records WHERE notes = $1`,
    [tag],
  );
  const ids = rows.map((r) => r.id);
  const counts = async (text) => new Map((await db.query(text, [ids])).rows.map((r) => [String(r.id), r.n]));
  const beneficiaries = await counts(
    `SELECT record_id AS id, count(*)::int AS n FROM record_beneficiaries WHERE record_id = ANY($1::uuid[])
      GROUP BY record_id`,
  );
  const audit = await counts(
    `SELECT entity_id AS id, count(*)::int AS n FROM audit_log
      WHERE entity_type = 'service_record' AND action = 'service_record.logged' AND entity_id = ANY($1::text[])
      GROUP BY entity_id`,
  );
  for (const r of rows) {
    r.beneficiaries = beneficiaries.get(r.id) ?? 0;
    r.audit = audit.get(r.id) ?? 0;
  }
  const byKey = new Map(jobs.map((j) => [`${j.workerUserId} ${j.dto.startedAt.getTime()}`, j]));
  const out = {
    rows: rows.length,
    ok2xx: 0,
    rowsOf2xx: 0,
    rowsUnanswered: 0,
    stray: 0,
    badBeneficiaries: 0,
    badAudit: 0,
  };
  for (const j of jobs) if (typeof j.status === 'number' && j.status >= 200 && j.status < 300) out.ok2xx++;
  for (const r of rows) {
    const job = byKey.get(`${r.w} ${r.t.getTime()}`);
    if (!job) out.stray++;
    else if (job.status === null) out.rowsUnanswered++;
    else if (job.status >= 200 && job.status < 300) out.rowsOf2xx++;
    else out.stray++; // a row for a request that was answered with an error
    if (job && r.beneficiaries !== job.dto.beneficiaryUserIds.length) out.badBeneficiaries++;
    if (r.audit !== 1) out.badAudit++;
  }
  out.ok = out.rowsOf2xx === out.ok2xx && out.stray === 0 && out.badBeneficiaries === 0 && out.badAudit === 0;
  return out;
}

/**
 * The steps during which a record holds the audit chain's advisory lock (pg_advisory_xact_lock: from its grant
 * until COMMIT returns); they run one record at a time, whichever side, so their sum bounds the throughput.
 */
const lockedSteps = (mode) =>
  mode === 'full'
    ? ['audit: last hash', 'audit: insert', 'read back the record', 'COMMIT']
    : ['audit: last hash', 'audit: insert', 'COMMIT'];
const lockHeldMs = (timings, mode, records) =>
  lockedSteps(mode).reduce((sum, name) => sum + (timings[name] ?? 0), 0) / records;

/** Summary of one measured phase. */
function summarize(side, label, run, check) {
  const ok = run.jobs.filter((j) => typeof j.status === 'number' && j.status >= 200 && j.status < 300);
  const failed = run.jobs.filter((j) => j.status !== null && !ok.includes(j));
  const lat = ok.map((j) => j.ms).sort((a, b) => a - b);
  return {
    side,
    label,
    wall: run.wall,
    lockHeld: run.lockHeld ?? null,
    records: ok.length,
    rps: ok.length / (run.wall / 1000),
    p50: percentile(lat, 50),
    p90: percentile(lat, 90),
    p99: percentile(lat, 99),
    max: lat.at(-1),
    failures: failed.length + run.connectionErrors,
    unanswered: run.jobs.filter((j) => j.status === null).length,
    firstFailure: run.firstFailure,
    cpu: run.cpu,
    activity: run.activity,
    check,
  };
}

export async function run(args) {
  const duration = Number(args.duration ?? 15);
  const warmup = Number(args.warmup ?? 3);
  const connections = Number(args.connections ?? 10);
  const rounds = Number(args.rounds ?? 1);
  const workerCount = Number(args.workers ?? 1000);
  const mode = String(args.bare ?? 'full');
  const apiScript = resolve(ROOT, typeof args.api === 'string' ? args.api : join(BACKEND_DIST, 'main.js'));
  if (!existsSync(apiScript)) throw new Error(`${apiScript} is missing: build the backend first`);
  if (!BARE_MODES.includes(mode)) throw new Error(`--bare ${mode}: one of ${BARE_MODES.join(', ')}`);
  if (workerCount < connections * 2) throw new Error(`--workers must be at least twice --connections`);

  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect().catch((err) => {
    throw err.code === '3D000' ? new Error(`${err.message}: run \`npm run bench:seed\` first`) : err;
  });
  const jwtSecret = randomBytes(32).toString('hex');
  const runId = Date.now().toString(36);
  const tagOf = (phase) => `bench service-records ${runId} ${phase}`;

  const servers = [];
  let pool = null;
  let trace = null;
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await pool?.end();
    await trace?.close();
  };
  const onSignal = async () => {
    await cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const pop = await population(db, workerCount, jwtSecret);
    const records = recordSequence(pop);
    const { dataSourceOptions } = await backend('database/data-source.js');
    const { max, options } = dataSourceOptions({
      DATABASE_URL: BENCH_DATABASE_URL,
      DATABASE_SCHEMA: 'public',
    }).extra;
    const built = statSync(apiScript).mtime.toISOString();
    const { sizes } = pop;
    console.log(`service-records benchmark (run ${runId})
  machine      ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}
  database     ${databaseName(BENCH_DATABASE_URL)}: ${sizes.projects} projects (${sizes.members} members), ${sizes.residents} residents, ${sizes.records} service records and ${sizes.audit} audit entries before this run; ${sizes.pg.split(' on ')[0]}
  load         ${connections} connections / loops, ${warmup} s warm-up + ${duration} s measured per side, ${rounds} round(s);
               records spread over ${workerCount} social workers (each with a session and a signed access token),
               record k = worker k mod ${workerCount}, the hour floor(k / ${workerCount}) + 1 before ${pop.anchor.toISOString()}
  API          ${apiScript.startsWith(ROOT) ? relative(ROOT, apiScript) : apiScript} (built ${built}), NODE_ENV=production, LOG_LEVEL=silent,
               QUEUE_PREFIX=${BENCH_QUEUE_PREFIX}, RATE_LIMIT_PER_MINUTE=${API_RATE_LIMIT}; autocannon in this process
  bare         pg Pool (max ${max}, as the app's) in this process, ${connections} loops; mode "${mode}": ${MODE_NOTES[mode]}
`);

    const apiEnv = { JWT_SECRET: jwtSecret };
    const api = await startApi({
      databaseUrl: BENCH_DATABASE_URL,
      port: await freePort(),
      env: apiEnv,
      script: apiScript,
    });
    servers.push(api);
    api.name = 'API (NestJS)';
    pool = new pg.Pool({ connectionString: BENCH_DATABASE_URL, max, options });

    if (!args['skip-sql-check'])
      await sqlCheck({ records, tagOf, apiEnv, apiScript, mode, max, options, servers });

    const results = [];
    const checks = [];
    const bareTimings = {};
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? ['api', 'bare'] : ['bare', 'api'];
      for (const side of order) {
        const label = `${side === 'api' ? 'API (NestJS)' : `bare pg (${mode})`}${rounds > 1 ? ` #${round}` : ''}`;
        const drive = (tag, seconds, timings) =>
          side === 'api'
            ? driveApi({ api, records, tag, connections, duration: seconds })
            : driveBare({ pool, records, tag, connections, duration: seconds, mode, timings });
        process.stdout.write(`\n${label}: warm-up (${warmup} s)…`);
        if (warmup > 0) {
          const w = await drive(tagOf(`${side}-warmup-${round}`), warmup, null);
          await sleep(500);
          checks.push({
            label: `${label} warm-up`,
            ...(await verify(db, tagOf(`${side}-warmup-${round}`), w.jobs)),
          });
        }
        process.stdout.write(` measuring (${duration} s)…`);
        const tag = tagOf(`${side}-${round}`);
        const timings = side === 'bare' ? {} : null;
        const r = await measured(side === 'api' ? [api.pid] : [], () => drive(tag, duration, timings));
        if (side === 'bare') {
          for (const [k, v] of Object.entries(timings)) bareTimings[k] = (bareTimings[k] ?? 0) + v;
          r.lockHeld = lockHeldMs(timings, mode, r.jobs.length);
        }
        // Requests cut off when autocannon stopped may still be committing: let them finish before counting.
        await sleep(500);
        const check = await verify(db, tag, r.jobs);
        checks.push({ label, ...check });
        const s = summarize(side, label, r, check);
        s.round = round;
        results.push(s);
        process.stdout.write(` ${s.records} records, ${s.rps.toFixed(0)}/s`);
      }
    }
    console.log('\n');
    report(results, checks, { connections, rounds, mode });
    console.log(`API process peak memory (RSS): ${api.peakRssMb()} MB`);
    if (!args['skip-analysis']) {
      const measuredBare = results.filter((r) => r.side === 'bare').reduce((n, r) => n + r.records, 0);
      await analyse({ api, pool, records, tagOf, mode, bareTimings, measuredBare, db });
    }
  } finally {
    await cleanup();
    await db.end();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * Same work on both sides: records through an API whose database connections go through a wire tap, then
 * through the bare code over the tap. The statements (text, whitespace collapsed, and number of parameters)
 * must be the same, in the same order. The tap also timestamps them, which shows where each side spends its
 * time around them, one record at a time: the median, over CHECK_RECORDS records after CHECK_WARMUP records
 * (the traced API is a fresh process: its code has to be warm for the times to mean anything),
 * of the time from the previous statement (from the request, for the first) to each statement, and from the
 * last statement to the answer.
 */
const CHECK_RECORDS = 25;
const CHECK_WARMUP = 200;

async function sqlCheck({ records, tagOf, apiEnv, apiScript, mode, max, options, servers }) {
  const trace = await startWireTrace(BENCH_DATABASE_URL);
  let traced = null;
  let tracedPool = null;
  /** Runs `once` (which logs one record) repeatedly; returns the statements of the first measured one and the gaps. */
  const sample = async (once) => {
    let statements = null;
    const gaps = [];
    for (let i = 0; i < CHECK_WARMUP + CHECK_RECORDS; i++) {
      trace.clear();
      const t0 = performance.now();
      await once();
      const t1 = performance.now();
      if (i >= CHECK_WARMUP) await sleep(20); // nothing more arrives
      const seen = trace.clear();
      if (i < CHECK_WARMUP) continue;
      statements ??= seen;
      gaps.push([...seen.map((s, j) => s.at - (j ? seen[j - 1].at : t0)), t1 - (seen.at(-1)?.at ?? t0)]);
    }
    const at = (j) => median(gaps.map((g) => g[j]).filter((v) => v !== undefined));
    return { statements, gaps: Array.from({ length: statements.length + 1 }, (_, j) => at(j)) };
  };
  try {
    traced = await startApi({
      script: apiScript,
      databaseUrl: trace.url,
      port: await freePort(),
      env: apiEnv,
      name: 'API (traced)',
    });
    servers.push(traced);
    const api = await sample(async () => {
      const job = records.next(tagOf('check-api'));
      const res = await fetch(`${traced.url}/api/projects/${job.projectId}/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
        body: job.body,
      });
      const answer = await res.text();
      if (res.status !== 201) throw new Error(`a check request was answered ${res.status}: ${answer}`);
    });
    await traced.stop();
    servers.splice(servers.indexOf(traced), 1);

    tracedPool = new pg.Pool({ connectionString: trace.url, max, options });
    const bare = await sample(() => bareLog(tracedPool, records.next(tagOf('check-bare')), mode));

    // Walk the API's statements in order, matching the bare side's in order (text and parameter count).
    const key = (s) => `${normalizeSql(s.sql)} [${s.params}]`;
    const show = (s) => {
      const sql = normalizeSql(s.sql);
      return `${sql.length > 84 ? `${sql.slice(0, 81)}…` : sql}${s.params ? `  [${s.params}]` : ''}`;
    };
    const ms = (v) => (v === undefined ? '     ' : v.toFixed(2).padStart(5));
    console.log(`check: the statements one record sends to PostgreSQL, captured on the wire (API ${api.statements.length}, bare ${bare.statements.length});
       time before each (from the previous one, or from the request), one record at a time, median of ${CHECK_RECORDS} after ${CHECK_WARMUP}:
                  API ms  bare ms`);
    const row = (what, a, b, text) => console.log(`  ${what.padEnd(13)} ${ms(a)}    ${ms(b)}   ${text}`);
    let b = 0;
    let differences = 0;
    for (const [i, s] of api.statements.entries()) {
      const at = bare.statements.findIndex((x, j) => j >= b && key(x) === key(s));
      for (; at >= 0 && b < at; b++, differences++)
        row('bare only', undefined, bare.gaps[b], show(bare.statements[b]));
      if (at >= 0) {
        row(`same     ${String(i + 1).padStart(2)}`, api.gaps[i], bare.gaps[at], show(s));
        b = at + 1;
      } else {
        differences++;
        row(`API only ${String(i + 1).padStart(2)}`, api.gaps[i], undefined, show(s));
      }
    }
    for (; b < bare.statements.length; b++, differences++)
      row('bare only', undefined, bare.gaps[b], show(bare.statements[b]));
    row(
      'answer',
      api.gaps.at(-1),
      bare.gaps.at(-1),
      '(after the last statement: the response, or bareLog returning)',
    );
    const total = (g) => g.reduce((x, y) => x + y, 0);
    row('total', total(api.gaps), total(bare.gaps), '');
    if (mode === 'full' && differences)
      throw new Error('the bare side does not send what the API sends: the comparison would not be fair');
    if (mode !== 'full') console.log(`  (mode "${mode}": ${MODE_NOTES[mode]}; the differences are intended)`);
    console.log();
  } finally {
    if (traced) await traced.stop();
    await tracedPool?.end();
    await trace.close();
  }
}

function report(results, checks, { connections, rounds, mode }) {
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : '-');
  const pct = (v) => (v === null || v === undefined ? '-' : `${v}%`);
  const avg = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
  console.log(
    table(results, [
      { title: 'side', value: (r) => r.label, left: true },
      { title: 'records', value: (r) => r.records },
      { title: 'records/s', value: (r) => r.rps.toFixed(0) },
      { title: 'p50 ms', value: (r) => ms(r.p50) },
      { title: 'p90 ms', value: (r) => ms(r.p90) },
      { title: 'p99 ms', value: (r) => ms(r.p99) },
      { title: 'max ms', value: (r) => ms(r.max) },
      { title: 'errors', value: (r) => r.failures },
      { title: 'audit lock held ms', value: (r) => (r.lockHeld === null ? '-' : r.lockHeld.toFixed(2)) },
      { title: 'app CPU', value: (r) => pct(r.cpu.app) },
      {
        title: 'app CPU ms/record',
        value: (r) => (r.records ? (((r.cpu.app / 100) * r.wall) / r.records).toFixed(2) : '-'),
      },
      { title: 'postgres CPU', value: (r) => pct(r.cpu.postgres) },
      { title: 'autocannon CPU', value: (r) => pct(r.cpu.load) },
      { title: 'other CPU', value: (r) => pct(r.cpu.other) },
      { title: 'machine busy', value: (r) => pct(r.cpu.busy) },
    ]),
  );
  console.log(`
(latency: per record, client side, 2xx only; errors: non-2xx answers + connection errors/timeouts;
 app CPU: the API process, or this process for the bare side; CPU in % of one core over the measured window,
 other = any other process on the machine; machine busy: % of all ${availableParallelism()} cores)

where the ${connections} transactions were, PostgreSQL side (mean backends of the bench database, sampled every 100 ms):`);
  console.log(
    table(results, [
      { title: 'side', value: (r) => r.label, left: true },
      { title: 'waiting for the audit lock', value: (r) => avg(r.activity.lock) },
      { title: 'running', value: (r) => avg(r.activity.cpu) },
      { title: 'other wait (IO, LWLock…)', value: (r) => avg(r.activity.wait) },
      { title: 'idle in transaction', value: (r) => avg(r.activity.idleTx) },
      { title: 'samples', value: (r) => r.activity.samples },
    ]),
  );
  console.log(`(idle in transaction = the backend waits for the client's next statement: time spent in the app or between)

rows in SQL (service_records WHERE notes = the phase's tag) against the client's view:`);
  console.log(
    table(checks, [
      { title: 'phase', value: (c) => c.label, left: true },
      { title: '2xx', value: (c) => c.ok2xx },
      { title: 'rows', value: (c) => c.rows },
      { title: 'rows of 2xx', value: (c) => c.rowsOf2xx },
      { title: 'rows cut off', value: (c) => c.rowsUnanswered },
      { title: 'stray', value: (c) => c.stray },
      { title: 'beneficiaries wrong', value: (c) => c.badBeneficiaries },
      { title: 'audit entries wrong', value: (c) => c.badAudit },
      { title: 'verdict', value: (c) => (c.ok ? 'OK' : 'MISMATCH') },
    ]),
  );
  console.log(
    `(rows cut off: requests in flight when autocannon stopped, unanswered, which the API still committed)`,
  );
  for (const r of results) if (r.firstFailure) console.log(`first failure, ${r.label}: ${r.firstFailure}`);
  const noisy = results.filter((r) => r.cpu.other >= QUIET);
  if (noisy.length)
    console.log(
      `note: other processes used ${noisy.map((r) => `${r.cpu.other}% (${r.label})`).join(', ')} of a core while measuring: those figures are skewed`,
    );

  const mean = (side, key) => {
    const rows = results.filter((r) => r.side === side);
    return rows.reduce((s, r) => s + r[key], 0) / rows.length;
  };
  const ratio = mean('api', 'rps') / mean('bare', 'rps');
  const failures = results.reduce((s, r) => s + r.failures, 0);
  // Two decimals, or three when two would hide which side of the target the ratio is on.
  const fmtRatio = (v) =>
    v < TARGET_RATIO !== Number(v.toFixed(2)) < TARGET_RATIO || v.toFixed(2) === '0.00'
      ? v.toFixed(3)
      : v.toFixed(2);
  const allRowsOk = checks.every((c) => c.ok);
  if (rounds > 1) {
    // Each round's own ratio, and the ratio over the rounds in which nothing else ran on the machine.
    const pairs = Array.from({ length: rounds }, (_, i) => {
      const [a, b] = ['api', 'bare'].map((side) => results.find((r) => r.side === side && r.round === i + 1));
      return { round: i + 1, api: a.rps, bare: b.rps, quiet: a.cpu.other < QUIET && b.cpu.other < QUIET };
    });
    console.log(
      `\nper round: ${pairs.map((p) => `#${p.round} ${(p.api / p.bare).toFixed(2)}${p.quiet ? ' (quiet)' : ''}`).join(', ')}`,
    );
    const quiet = pairs.filter((p) => p.quiet);
    if (quiet.length) {
      const q = (k) => quiet.reduce((s, p) => s + p[k], 0) / quiet.length;
      console.log(
        `quiet rounds only (other CPU < ${QUIET}% of a core on both sides): API ${q('api').toFixed(0)}/s, bare ${q('bare').toFixed(0)}/s, ratio ${(q('api') / q('bare')).toFixed(2)} (${quiet.length} round(s))`,
      );
    } else console.log(`no quiet round (other CPU < ${QUIET}% of a core on both sides)`);
  }
  const of = rounds > 1 ? ` (mean of ${rounds} rounds)` : '';
  console.log(`
target at ${connections} connections${of}:
  API/bare records/s ratio   ${fmtRatio(ratio)}   (API ${mean('api', 'rps').toFixed(0)}/s, bare "${mode}" ${mean('bare', 'rps').toFixed(0)}/s)   target >= ${TARGET_RATIO}   ${ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'}${ratio < TARGET_RATIO ? `  (short by ${fmtRatio(TARGET_RATIO - ratio)}; the API would need ${Math.ceil(TARGET_RATIO * mean('bare', 'rps'))}/s)` : ''}
  errors / non-2xx           ${failures}${failures ? '   (some requests failed: the figures above are suspect)' : ''}
  rows = 2xx (SQL check)     ${allRowsOk ? 'yes, every phase' : 'NO: see the table above'}
(a measurement: the exit code is 0 whatever the verdict)`);
}

/**
 * Without load: the latency of one record at a time on each side (median of sequential records), the bare
 * side's time per step unloaded and under the measured load, and the audit chain, walked end to end.
 */
async function analyse({ api, pool, records, tagOf, mode, bareTimings, measuredBare, db }) {
  const REPEAT = 40;
  const apiMs = [];
  for (let i = 0; i < REPEAT + 5; i++) {
    const job = records.next(tagOf('sequential-api'));
    const t0 = performance.now();
    const res = await fetch(`${api.url}/api/projects/${job.projectId}/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
      body: job.body,
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`sequential API record answered ${res.status}`);
    if (i >= 5) apiMs.push(performance.now() - t0);
  }
  const bareMs = [];
  const steps = {};
  for (let i = 0; i < REPEAT + 5; i++) {
    const job = records.next(tagOf('sequential-bare'));
    const t0 = performance.now();
    await bareLog(pool, job, mode, i >= 5 ? steps : null);
    if (i >= 5) bareMs.push(performance.now() - t0);
  }
  console.log(`
one record at a time, no concurrency (median of ${REPEAT}):
  API (NestJS)       ${median(apiMs).toFixed(2)} ms
  bare pg (${mode})  ${median(bareMs).toFixed(2)} ms   (difference: ${(median(apiMs) - median(bareMs)).toFixed(2)} ms per record)

the bare side's time per record, step by step (mean ms; under load = the measured phase(s), ${measuredBare} records):`);
  const names = Object.keys(steps);
  const totalOf = (o, n) => Object.values(o).reduce((s, v) => s + v, 0) / n;
  console.log(
    table(
      [
        ...names.map((name) => ({
          name,
          idle: steps[name] / REPEAT,
          load: measuredBare ? (bareTimings[name] ?? 0) / measuredBare : NaN,
        })),
        {
          name: 'total',
          idle: totalOf(steps, REPEAT),
          load: measuredBare ? totalOf(bareTimings, measuredBare) : NaN,
        },
      ],
      [
        { title: 'step', value: (r) => r.name, left: true },
        { title: 'unloaded ms', value: (r) => r.idle.toFixed(3) },
        { title: 'under load ms', value: (r) => (Number.isFinite(r.load) ? r.load.toFixed(3) : '-') },
      ],
    ),
  );
  if (measuredBare) {
    const held = lockHeldMs(bareTimings, mode, measuredBare);
    console.log(`(the audit lock is held from its grant until COMMIT returns (${lockedSteps(mode).join(', ')}):
 under load ${held.toFixed(2)} ms per record, and one record at a time: about ${(1000 / held).toFixed(0)} records/s for all
 audited writes together, whatever the stack)`);
  }

  // The whole audit chain, API and bare entries interleaved: the bare side's appends are the app's.
  const { createDataSource } = await backend('database/data-source.js');
  const { AuditService } = await backend('common/audit/audit.service.js');
  const dataSource = await createDataSource({
    DATABASE_URL: BENCH_DATABASE_URL,
    DATABASE_SCHEMA: 'public',
  }).initialize();
  try {
    const t0 = performance.now();
    const chain = await new AuditService(dataSource).verifyChain();
    console.log(
      `\naudit chain: ${chain.checked} entries walked in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${
        chain.ok ? 'intact' : `BROKEN at ${chain.brokenAt}: ${chain.reason}`
      }`,
    );
  } finally {
    await dataSource.destroy();
  }
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM service_records) AS records, (SELECT count(*)::int FROM audit_log) AS audit`,
  );
  console.log(`sanshe_bench now holds ${rows[0].records} service records and ${rows[0].audit} audit entries`);
}
