// `npm run bench -- scoring-freshness`: how soon an organization's score follows a write, under load. It starts
// the real API and workers (backend/dist/main.js, workers/dist/main.js) against the bench database and drives
// them, open loop, with service-record approvals (POST /api/records/:id/approve, by the project's lead) and
// ratings (POST /api/records/:id/ratings, by a beneficiary) at a fixed rate: by default 420 writes/s, the API's
// records/s in the service-records benchmark (docs/benchmarks.md). For each approval it measures the time from
// its commit to the organization's new snapshot (targets: p95 <= 5 s, p99 <= 15 s), ratings likewise (printed,
// no target). Then, with the API and workers stopped, the full recompute against a bare GROUP BY on the same
// data (target: full <= 2 x bare; bench/lib/score-recompute.mjs, shared with `scoring`).
//
// The commit: PostgreSQL here does not keep commit timestamps (track_commit_timestamp), so the approval's
// HTTP response stands for it: the API answers after the commit and after queueing the recompute, a few
// milliseconds later. The new snapshot: the first score_snapshots row of the organization (any period, any
// formula version) whose computed_at, the recompute transaction's start, is at or after that response, so
// it was computed from data that includes the write; seen by a poll of score_snapshots every 100 ms (one
// indexed query for the organizations still waiting), timed at the poll's start. Both ends are read from
// this machine's one clock. The written approvals are set back to submitted and the ratings deleted at the
// end (and at the start, should an earlier run have died), so runs can be repeated.
// A measurement: exits 0 whatever the verdict.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { Queue } from 'bullmq';
import {
  BENCH_DATABASE_URL,
  BENCH_QUEUE_PREFIX,
  REDIS_URL,
  backend,
  freePort,
  percentile,
} from '../lib/common.mjs';
import { table } from '../lib/load.mjs';
import { cpuMs, machineCpuMs, postgresCpuMs, startApi, startWorkers } from '../lib/processes.mjs';
import { describeData, fullVersusBare, ratioVerdict } from '../lib/score-recompute.mjs';
import { sessionsFor } from '../lib/sessions.mjs';

export const description =
  'how soon the score follows approvals and ratings under load (API + workers); full recompute versus a bare GROUP BY';
export const flags = {
  rate: 'writes per second, approvals and ratings together (default 420: the service-records benchmark rate)',
  duration: 'measured seconds of load (default 60)',
  warmup: 'seconds of load before the measured ones, not counted (default 5)',
  ratings: 'share of the writes that are ratings (default 0.25)',
  drain: 'seconds to wait after the load for the last new snapshots (default 60)',
  poll: 'milliseconds between two polls of score_snapshots (default 100)',
  connections: 'most requests in flight; a write due while all are busy waits (default 64)',
  rounds: 'measured rounds of full + bare after the load (default 5; 0 leaves them out)',
  port: 'port of the API (default: a free one)',
};

const TARGET_P95_MS = 5_000;
const TARGET_P99_MS = 15_000;
/** Marks the ratings this benchmark writes (their comment), to remove them afterwards. */
const TAG = 'bench:scoring-freshness';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Wall-clock milliseconds with sub-millisecond resolution, comparable with PostgreSQL's now() on this machine. */
const wall = () => performance.timeOrigin + performance.now();

/** Sets the approvals of earlier runs back to submitted and deletes their ratings; returns how many of each. */
async function undoWrites(db) {
  const [approvals] = await db.query(
    `WITH undone AS (
       UPDATE service_records SET status = 'submitted', decided_by = NULL, decision_reason = NULL
        WHERE status = 'approved'
          AND id IN (SELECT entity_id::uuid FROM audit_log WHERE action = 'service_record.approved')
       RETURNING 1)
     SELECT count(*)::int AS n FROM undone`,
  );
  const [ratings] = await db.query(
    `WITH gone AS (DELETE FROM ratings WHERE comment = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [TAG],
  );
  return { approvals: approvals.n, ratings: ratings.n };
}

/**
 * What the load writes, in a random but repeatable order: submitted records of the period (of verified
 * organizations) for their leads to approve, and unrated (record, beneficiary) pairs for the residents to rate.
 * A page sample (TABLESAMPLE SYSTEM, 5 x the rows it should take) keeps the draw quick on 10 M records.
 */
async function drawWrites(db, periodEnd, approvals, ratings) {
  // The percentage of a table's pages that holds about 5 x `wanted` rows.
  const share = async (tableName, wanted) => {
    const [{ rows }] = await db.query(
      `SELECT greatest(reltuples, 1)::float8 AS rows FROM pg_class WHERE oid = $1::regclass`,
      [tableName],
    );
    return Math.min(100, (100 * 5 * wanted) / rows);
  };
  const approve = await db.query(
    `SELECT r.id AS "recordId", p.lead_user_id AS "userId", p.organization_id AS "organizationId"
       FROM service_records r TABLESAMPLE SYSTEM ($3) REPEATABLE (14)
       JOIN projects p ON p.id = r.project_id JOIN organizations o ON o.id = p.organization_id
      WHERE r.status = 'submitted' AND o.status = 'verified'
        AND r.started_at >= $1::date - interval '12 months' AND r.started_at < $1::date + 1
      ORDER BY md5(r.id::text) LIMIT $2`,
    // One record in four is submitted.
    [periodEnd, approvals, await share('service_records', 4 * approvals)],
  );
  const rate = await db.query(
    `SELECT b.record_id AS "recordId", b.resident_user_id AS "userId", p.organization_id AS "organizationId"
       FROM record_beneficiaries b TABLESAMPLE SYSTEM ($3) REPEATABLE (14)
       JOIN service_records r ON r.id = b.record_id JOIN projects p ON p.id = r.project_id
       JOIN organizations o ON o.id = p.organization_id
      WHERE r.status IN ('submitted', 'approved') AND o.status = 'verified'
        AND r.started_at >= $1::date - interval '12 months' AND r.started_at < $1::date + 1
        AND NOT EXISTS (SELECT 1 FROM ratings ra WHERE ra.record_id = b.record_id AND ra.resident_user_id = b.resident_user_id)
      ORDER BY md5(b.record_id::text || b.resident_user_id::text) LIMIT $2`,
    [periodEnd, ratings, await share('record_beneficiaries', 2 * ratings)],
  );
  if (approve.length < approvals || rate.length < ratings)
    throw new Error(
      `the bench database has ${approve.length} submitted records and ${rate.length} unrated beneficiaries to use, ` +
        `the load needs ${approvals} and ${ratings}: lower --rate or --duration, or reseed (npm run bench:seed)`,
    );
  return { approve, rate };
}

/**
 * Polls score_snapshots every `interval` ms for the organizations with writes still waiting; a write is seen
 * at the start of the first poll that shows a snapshot of its organization computed at or after its answer.
 */
function snapshotWatcher(db, interval) {
  const waiting = new Map(); // organization id → writes answered and not yet in a snapshot
  let stopped = false;
  let polls = 0;
  let pollMs = 0;
  const loop = (async () => {
    while (!stopped) {
      const t0 = wall();
      if (waiting.size) {
        const rows = await db.query(
          `SELECT organization_id AS id, extract(epoch FROM max(computed_at)) * 1000 AS at
             FROM score_snapshots WHERE organization_id = ANY($1::uuid[]) GROUP BY 1`,
          [[...waiting.keys()]],
        );
        polls++;
        pollMs += wall() - t0;
        for (const { id, at } of rows) {
          const writes = waiting.get(id);
          const left = writes.filter((w) => {
            if (w.answeredAt > Number(at)) return true;
            w.seenAt = t0;
            return false;
          });
          if (left.length) waiting.set(id, left);
          else waiting.delete(id);
        }
      }
      await sleep(Math.max(0, interval - (wall() - t0)));
    }
  })();
  return {
    watch(write) {
      const writes = waiting.get(write.organizationId) ?? [];
      writes.push(write);
      waiting.set(write.organizationId, writes);
    },
    get waiting() {
      let n = 0;
      for (const w of waiting.values()) n += w.length;
      return n;
    },
    async stop() {
      stopped = true;
      await loop;
      return { polls, meanPollMs: polls ? pollMs / polls : 0 };
    },
  };
}

/** One write over `agent`: resolves with its status once the answer has been read. */
function send(agent, port, write) {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: write.path,
        // An approval has no body (and must not claim a JSON one).
        headers: write.body
          ? {
              authorization: `Bearer ${write.token}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(write.body),
            }
          : { authorization: `Bearer ${write.token}`, 'content-length': 0 },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on('error', (err) => resolve({ status: 'error', body: err.message }));
    req.end(write.body);
  });
}

/**
 * The load, open loop: write i is due at i / rate seconds; a write due while `connections` are in flight waits
 * for one (counted as late). The first `warmup` seconds are not measured; measured writes go to the watcher.
 */
async function drive({ port, writes, rate, warmup, duration, connections, watcher }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.floor(rate * (warmup + duration));
  const firstMeasured = Math.floor(rate * warmup);
  let inFlight = 0;
  let late = 0;
  let firstFailure = null;
  let freed = null;
  const done = [];
  const t0 = wall();
  const end = t0 + 1000 * (warmup + duration);
  let sent = 0;
  for (let i = 0; i < total; i++) {
    const due = t0 + (1000 * i) / rate;
    if (wall() < due) await sleep(due - wall());
    while (inFlight >= connections) await new Promise((r) => (freed = r));
    // The time is bounded: what the API could not take by then is not sent.
    if (wall() >= end) break;
    if (wall() - due > 10) late++;
    sent++;
    const write = writes[i];
    write.measured = i >= firstMeasured;
    write.sentAt = wall();
    inFlight++;
    done.push(
      send(agent, port, write).then(({ status, body }) => {
        write.answeredAt = wall();
        write.status = status;
        inFlight--;
        freed?.();
        if (status === 201 || status === 200) {
          if (write.measured) watcher.watch(write);
        } else firstFailure ??= `${write.kind} HTTP ${status} ${String(body).slice(0, 300)}`;
      }),
    );
  }
  await Promise.all(done);
  agent.destroy();
  return { wall: wall() - (t0 + 1000 * warmup), late, firstFailure, sent, unsent: total - sent };
}

const seconds = (v) => (Number.isFinite(v) ? (v / 1000).toFixed(2) : 'never');

export async function run(args) {
  const rate = Number(args.rate ?? 420);
  const duration = Number(args.duration ?? 60);
  const warmup = Number(args.warmup ?? 5);
  const ratingShare = Number(args.ratings ?? 0.25);
  const drainS = Number(args.drain ?? 60);
  const pollMs = Number(args.poll ?? 100);
  const connections = Number(args.connections ?? 64);
  const rounds = Number(args.rounds ?? 5);
  for (const [name, v] of Object.entries({ rate, duration, drain: drainS, poll: pollMs, connections }))
    if (!(v > 0)) throw new Error(`--${name} ${args[name]}: not a positive number`);
  if (!(warmup >= 0) || !Number.isInteger(rounds) || rounds < 0)
    throw new Error('--warmup and --rounds: zero or more');
  if (!(ratingShare >= 0 && ratingShare < 1))
    throw new Error(`--ratings ${args.ratings}: a share, 0 to below 1`);

  const { createDataSource } = await backend('database/data-source.js');
  const { ScoringService } = await backend('modules/scoring/scoring.service.js');
  const { scoringDay } = await backend('modules/scoring/scoring-day.js');
  const { SCORING_WINDOW_MS } = await backend('modules/scoring/score-trigger.js');
  const db = await createDataSource({
    DATABASE_URL: BENCH_DATABASE_URL,
    DATABASE_SCHEMA: 'public',
  }).initialize();
  const periodEnd = scoringDay();
  const scoringQueue = new Queue('scoring', { connection: { url: REDIS_URL }, prefix: BENCH_QUEUE_PREFIX });
  const servers = [];
  const stopServers = () => Promise.all(servers.splice(0).map((s) => s.stop()));
  const onSignal = async () => {
    await stopServers();
    await undoWrites(db).catch(() => {});
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const leftover = await undoWrites(db);
    console.log(`scoring-freshness benchmark
${await describeData(db, periodEnd)}${leftover.approvals + leftover.ratings ? `\n  (undid ${leftover.approvals} approvals and ${leftover.ratings} ratings left by an earlier run)` : ''}`);

    // The writes, in order: write i is a rating when it crosses a multiple of 1 / ratingShare.
    const total = Math.floor(rate * (warmup + duration));
    const isRating = (i) => Math.floor((i + 1) * ratingShare) > Math.floor(i * ratingShare);
    const ratingCount = Array.from({ length: total }, (_, i) => isRating(i)).filter(Boolean).length;
    const drawn = await drawWrites(db, periodEnd, total - ratingCount, ratingCount);
    const jwtSecret = randomBytes(32).toString('hex');
    const sessions = await sessionsFor(
      db,
      [...drawn.approve, ...drawn.rate].map((w) => w.userId),
      jwtSecret,
    );
    const next = { approve: 0, rate: 0 };
    const writes = Array.from({ length: total }, (_, i) => {
      const kind = isRating(i) ? 'rating' : 'approval';
      const w = kind === 'rating' ? drawn.rate[next.rate++] : drawn.approve[next.approve++];
      // Scores 3–5 in turn, as residents mostly give.
      const stars = 3 + (i % 3);
      return {
        ...w,
        kind,
        token: sessions.get(w.userId).token,
        path: kind === 'rating' ? `/api/records/${w.recordId}/ratings` : `/api/records/${w.recordId}/approve`,
        body:
          kind === 'rating'
            ? JSON.stringify({ attitude: stars, professionalism: stars, effect: 8 - stars, comment: TAG })
            : '',
      };
    });
    const orgs = new Set(writes.map((w) => w.organizationId)).size;

    const port = args.port ? Number(args.port) : await freePort();
    const api = await startApi({ databaseUrl: BENCH_DATABASE_URL, port, env: { JWT_SECRET: jwtSecret } });
    servers.push(api);
    const workers = await startWorkers({
      databaseUrl: BENCH_DATABASE_URL,
      ready: async () => (await scoringQueue.getWorkersCount()) > 0,
    });
    servers.push(workers);
    const before = await scoringQueue.getJobCounts('failed');
    console.log(`  load         ${rate} writes/s open loop (${Math.round(100 * (1 - ratingShare))} % approvals by the project lead, ${Math.round(100 * ratingShare)} % ratings by a beneficiary),
               ${warmup} s warm-up + ${duration} s measured, at most ${connections} in flight; ${total} writes for ${orgs} organizations
  API          backend/dist/main.js on port ${port}, NODE_ENV=production, LOG_LEVEL=silent, QUEUE_PREFIX=${BENCH_QUEUE_PREFIX}
  workers      workers/dist/main.js, same settings; an organization's recompute ${SCORING_WINDOW_MS} ms after the first event of its window (score-trigger.ts)
  fresh        a write is fresh once a snapshot of its organization computed at or after its answer is seen
               (score_snapshots polled every ${pollMs} ms); waited for up to ${drainS} s after the load
`);

    const watcher = snapshotWatcher(db, pollMs);
    process.stdout.write(`load: warm-up (${warmup} s)…`);
    const warmTimer = setTimeout(() => process.stdout.write(` measuring (${duration} s)…`), warmup * 1000);
    // CPU over the measured window only: sampled when the warm-up ends.
    let cpu0 = null;
    const cpuTimer = setTimeout(() => {
      cpu0 = {
        api: cpuMs([api.pid]),
        workers: cpuMs([workers.pid]),
        pg: postgresCpuMs(),
        self: process.cpuUsage(),
        machine: machineCpuMs(),
      };
    }, warmup * 1000);
    const load = await drive({ port, writes, rate, warmup, duration, connections, watcher });
    clearTimeout(warmTimer);
    clearTimeout(cpuTimer);
    const machine = machineCpuMs();
    const share = (ms) => Math.round((100 * ms) / load.wall);
    const self = process.cpuUsage(cpu0.self);
    const cpu = {
      api: share(cpuMs([api.pid]) - cpu0.api),
      workers: share(cpuMs([workers.pid]) - cpu0.workers),
      postgres: share(postgresCpuMs() - cpu0.pg),
      load: share((self.user + self.system) / 1000),
      busy: Math.round(
        (100 * (machine.busy - cpu0.machine.busy)) / (machine.total - cpu0.machine.total || 1),
      ),
    };
    cpu.other = Math.max(
      0,
      share(machine.busy - cpu0.machine.busy) - cpu.api - cpu.workers - cpu.postgres - cpu.load,
    );
    process.stdout.write(` done; waiting for the last snapshots (${watcher.waiting} writes)…`);
    const drainEnd = wall() + drainS * 1000;
    while (watcher.waiting && wall() < drainEnd) await sleep(pollMs);
    const polling = await watcher.stop();
    console.log(` ${watcher.waiting ? `${watcher.waiting} never seen` : 'all seen'}\n`);
    const after = await scoringQueue.getJobCounts('failed', 'delayed', 'waiting', 'active');
    await stopServers();

    const measured = writes.filter((w) => w.measured && w.sentAt);
    const ok = (w) => w.status === 200 || w.status === 201;
    const rows = ['approval', 'rating'].map((kind) => {
      const mine = measured.filter((w) => w.kind === kind);
      const answered = mine.filter(ok);
      const fresh = answered.map((w) => (w.seenAt ?? Infinity) - w.answeredAt).sort((a, b) => a - b);
      const latency = answered.map((w) => w.answeredAt - w.sentAt).sort((a, b) => a - b);
      return {
        kind,
        count: answered.length,
        failed: mine.length - answered.length,
        perSecond: answered.length / (load.wall / 1000),
        latency50: percentile(latency, 50),
        latency99: percentile(latency, 99),
        p50: percentile(fresh, 50),
        p95: percentile(fresh, 95),
        p99: percentile(fresh, 99),
        max: fresh.at(-1),
        never: fresh.filter((v) => v === Infinity).length,
      };
    });
    console.log(
      table(rows, [
        { title: 'write', value: (r) => `${r.kind}s`, left: true },
        { title: 'count', value: (r) => r.count },
        { title: 'per s', value: (r) => r.perSecond.toFixed(0) },
        { title: 'errors', value: (r) => r.failed },
        { title: 'answer p50 ms', value: (r) => r.latency50.toFixed(1) },
        { title: 'answer p99 ms', value: (r) => r.latency99.toFixed(1) },
        { title: 'fresh p50 s', value: (r) => seconds(r.p50) },
        { title: 'p95 s', value: (r) => seconds(r.p95) },
        { title: 'p99 s', value: (r) => seconds(r.p99) },
        { title: 'max s', value: (r) => seconds(r.max) },
        { title: `not seen in ${drainS} s`, value: (r) => r.never },
      ]),
    );
    console.log(`(fresh: from the write's answer to the first poll showing its organization's new snapshot; counted over
 the ${duration} s measured; answer: the request's latency)
CPU over the measured window, % of one core: API ${cpu.api}%, workers ${cpu.workers}%, PostgreSQL ${cpu.postgres}%, load generator ${cpu.load}%, other processes ${cpu.other}%; machine busy ${cpu.busy}% of ${availableParallelism()} cores
scoring jobs: ${after.failed - before.failed} failed, ${after.delayed + after.waiting + after.active} left; ${polling.polls} polls of score_snapshots, ${polling.meanPollMs.toFixed(1)} ms each
writes ${load.late || load.unsent ? `${load.late} sent more than 10 ms late, ${load.unsent} not sent by the end (the API, or this process, fell behind the rate)` : 'all sent on time'}${load.firstFailure ? `\nfirst failure: ${load.firstFailure}` : ''}
`);

    const undone = await undoWrites(db);
    console.log(`undid the run's ${undone.approvals} approvals and ${undone.ratings} ratings\n`);

    const recompute = rounds
      ? await fullVersusBare({ db, scoring: new ScoringService(db), periodEnd, rounds })
      : null;

    const [a] = rows;
    const verdict = (v, target) => (v <= target ? 'PASS' : 'FAIL');
    console.log(`targets:
  approval → new snapshot, p95   ${seconds(a.p95)} s   target <= ${TARGET_P95_MS / 1000} s   ${verdict(a.p95, TARGET_P95_MS)}
  approval → new snapshot, p99   ${seconds(a.p99)} s   target <= ${TARGET_P99_MS / 1000} s   ${verdict(a.p99, TARGET_P99_MS)}
  (${a.count} approvals; ${(rows[0].perSecond + rows[1].perSecond).toFixed(0)} writes/s done of the ${rate} asked${a.failed ? `; ${a.failed} failed: the figures are suspect` : ''}; other processes used ${cpu.other}% of a core meanwhile)${recompute ? `\n  ${ratioVerdict(recompute)}   (medians of ${rounds} rounds)` : ''}
(a measurement: the exit code is 0 whatever the verdict)`);
  } finally {
    await stopServers();
    await undoWrites(db).catch(() => {});
    await scoringQueue.close();
    await db.destroy();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
