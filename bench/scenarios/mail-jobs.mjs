// `npm run bench -- mail-jobs`: what one background job costs. N `mail.verify_email` jobs (the welcome mail:
// a transaction that claims the send, mints the link's token and waits for the SMTP server's acceptance) are
// queued with the app's own JobQueue (its attempts, backoff and retention) on a paused queue; then the real
// workers process (`workers/dist/main.js`, production, logs at info as deployed) runs them against an SMTP
// sink in this process. Reports jobs/s of one workers process, its CPU and PostgreSQL's per job, its peak
// memory, and the Redis memory the queue's keys take per waiting and per completed job (MEMORY USAGE summed
// over the prefix's keys, so other users of the same Redis do not count). The jobs' Redis keys are removed at
// the end; the tokens and sent_mail rows stay in the benchmark database. A measurement: exits 0.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { BENCH_DATABASE_URL, REDIS_URL, ROOT, backend, databaseName, freePort } from '../lib/common.mjs';
import { cpuMs, machineCpuMs, peakRssMb, postgresCpuMs } from '../lib/processes.mjs';

export const description = 'background jobs: mail jobs/s of one workers process, CPU and Redis bytes per job';
export const flags = {
  jobs: 'mail jobs queued and run (default 2000)',
  prefix: 'queue prefix of the run (default bench-jobs; a-z, 0-9, -)',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every live process with this command name (Linux /proc), e.g. the Redis server. */
function pidsOf(comm) {
  const { readdirSync, readFileSync } = globalThis.process.getBuiltinModule('node:fs');
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Bytes Redis holds for the keys under `pattern` (MEMORY USAGE, every sample), and how many keys. */
async function redisBytes(client, pattern) {
  let cursor = '0';
  let bytes = 0;
  let keys = 0;
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) {
      bytes += Number((await client.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
      keys++;
    }
  } while (cursor !== '0');
  return { bytes, keys };
}

export async function run(args) {
  const jobs = Number(args.jobs ?? 2000);
  const prefix = String(args.prefix ?? 'bench-jobs');
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs ${args.jobs}: not a positive count`);
  if (!/^[a-z0-9-]+$/.test(prefix)) throw new Error(`--prefix ${prefix}: only a-z, 0-9 and -`);

  // The SMTP sink: accepts and counts every message.
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true, // the sink's own DNS look-up is not the workers' cost
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise((ok) => smtp.listen(smtpPort, '127.0.0.1', ok));

  const connection = { url: REDIS_URL };
  const queue = new Queue('mail', { connection, prefix });
  const redis = new Redis(REDIS_URL);
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  let workers = null;
  try {
    await queue.obliterate({ force: true }); // leftovers of a run that died
    await queue.pause();
    const { rows: users } = await db.query(
      `SELECT id FROM users WHERE email LIKE 'worker%' AND email_verified_at IS NULL ORDER BY md5(id::text) LIMIT $1`,
      [jobs],
    );
    if (users.length < jobs)
      throw new Error(`only ${users.length} unverified users to mail: run npm run bench:seed`);

    const empty = await redisBytes(redis, `${prefix}:mail:*`);
    // The app's JobQueue (its default attempts, backoff and retention), its module lookup answered by this queue.
    const { JobQueue } = await backend('jobs/job-queue.js');
    const jobQueue = new JobQueue({ get: () => queue });
    const t0 = performance.now();
    for (let i = 0; i < users.length; i += 100)
      await Promise.all(
        users
          .slice(i, i + 100)
          .map((u) => jobQueue.add('mail.verify_email', { userId: u.id, requestId: randomUUID() })),
      );
    const enqueueMs = performance.now() - t0;
    const waiting = await redisBytes(redis, `${prefix}:mail:*`);

    workers = spawn(process.execPath, [join(ROOT, 'workers', 'dist', 'main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: BENCH_DATABASE_URL,
        DATABASE_SCHEMA: 'public',
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        JWT_SECRET: randomBytes(32).toString('hex'),
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    workers.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
    const exited = new Promise((ok) => workers.once('exit', ok));
    for (let i = 0; (await queue.getWorkers()).length === 0; i++) {
      if (workers.exitCode !== null || i > 600) throw new Error(`the workers did not start:\n${stderr}`);
      await sleep(100);
    }
    await sleep(1000); // let the start-up work (catch-up scheduling) settle before measuring

    const cpu0 = { workers: cpuMs([workers.pid]), pg: postgresCpuMs(), redis: cpuMs(pidsOf('redis-server')) };
    const machine0 = machineCpuMs();
    const t1 = performance.now();
    await queue.resume();
    let counts;
    for (;;) {
      counts = await queue.getJobCounts('completed', 'failed');
      if (counts.completed + counts.failed >= jobs) break;
      if (performance.now() - t1 > 300_000) throw new Error(`timed out: ${JSON.stringify(counts)}`);
      await sleep(50);
    }
    const wall = performance.now() - t1;
    const cpu = {
      workers: cpuMs([workers.pid]) - cpu0.workers,
      pg: postgresCpuMs() - cpu0.pg,
      redis: cpuMs(pidsOf('redis-server')) - cpu0.redis,
    };
    const machine = machineCpuMs();
    const busy = (100 * (machine.busy - machine0.busy)) / (machine.total - machine0.total || 1);
    const peak = peakRssMb(workers.pid);
    const done = await redisBytes(redis, `${prefix}:mail:*`);

    const perJob = (ms) => (ms / counts.completed).toFixed(2);
    const share = (ms) => `${Math.round((100 * ms) / wall)}%`;
    console.log(`mail-jobs benchmark (${new Date().toISOString()})
  database     ${databaseName(BENCH_DATABASE_URL)}; Redis ${REDIS_URL}, queue prefix ${prefix}
  jobs         ${jobs} mail.verify_email, queued with JobQueue in ${(enqueueMs / 1000).toFixed(1)} s (${Math.round(jobs / (enqueueMs / 1000))}/s, 100 in flight)
  workers      one process, workers/dist/main.js (mail queue concurrency 4), NODE_ENV=production, LOG_LEVEL=info

run: ${counts.completed} completed, ${counts.failed} failed, ${received} mails received, in ${(wall / 1000).toFixed(1)} s = ${(counts.completed / (wall / 1000)).toFixed(0)} jobs/s
  CPU per job     workers ${perJob(cpu.workers)} ms (${share(cpu.workers)} of a core), PostgreSQL ${perJob(cpu.pg)} ms (${share(cpu.pg)}), Redis ${perJob(cpu.redis)} ms (${share(cpu.redis)})
  machine busy    ${Math.round(busy)}% of all cores (other engineers' work included)
  workers memory  peak RSS ${peak} MB

Redis, keys under ${prefix}:mail:* (MEMORY USAGE):
  empty queue          ${empty.keys} keys, ${empty.bytes} bytes
  ${jobs} waiting        ${waiting.keys} keys, ${waiting.bytes} bytes = ${Math.round((waiting.bytes - empty.bytes) / jobs)} bytes per waiting job
  ${counts.completed} completed      ${done.keys} keys, ${done.bytes} bytes = ${Math.round((done.bytes - empty.bytes) / counts.completed)} bytes per completed job (kept: the newest 10,000 for 7 days)
`);
    workers.kill('SIGTERM');
    await exited;
    workers = null;
  } finally {
    if (workers) workers.kill('SIGKILL');
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    redis.disconnect();
    await db.end();
    smtp.close();
  }
}
