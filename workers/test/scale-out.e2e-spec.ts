import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { loadEnv, type Env } from '@sanshe/backend/config/env.js';
import { QUEUES, type QueueName } from '@sanshe/backend/jobs/catalogue.js';
import { S3Storage } from '@sanshe/backend/common/storage/s3-storage.js';
import { DEMO, seedDemo, seedDemoContract } from '@sanshe/backend/database/seed/demo.js';
import { startFakeStripe, type FakeStripe } from '@sanshe/fake-stripe';
import { browserSession, type TestResponse } from '../../backend/test/support/http.js';
import { stripeTestEnv, STRIPE_TEST_SECRET } from '../../backend/test/support/payments.js';
import { startS3, type TestS3 } from '../../backend/test/support/s3.js';
import {
  clearRateLimits,
  dropSchema,
  migratedDataSource,
  useTestEnv,
} from '../../backend/test/support/test-env.js';
import { waitFor } from '../../backend/test/support/wait.js';
import { queueConnection } from '@sanshe/backend/jobs/queue-connection.js';

/*
 * Scale-out: two API and two worker processes, started from the build (backend/dist/main.js,
 * workers/dist/main.js) as a deployment runs them, sharing one PostgreSQL schema, one Redis queue
 * prefix and one S3 bucket (s3rver). `npm test` builds before its jest stages; alone, run
 * `npm run build -w backend && npm run build -w workers` first.
 */
const BACKEND_MAIN = new URL('../../backend/dist/main.js', import.meta.url).pathname;
const WORKERS_MAIN = new URL('../dist/main.js', import.meta.url).pathname;
const BURST = 10;

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<unknown>;
}

let env: Env;
let db: DataSource;
let s3: TestS3;
let fake: FakeStripe;
let storage: S3Storage;
const procs: Proc[] = [];
const queues = {} as Record<QueueName, Queue>;
let one: string; // base URLs of the two API instances
let two: string;

function start(name: string, main: string, extra: Record<string, string>): Proc {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const proc = { name, child, output, exited: new Promise((ok) => child.once('exit', ok)) };
  procs.push(proc);
  return proc;
}

/** Waits for `probe`, failing at once (with the process's last output) if the process dies. */
const until = (proc: Proc, probe: () => Promise<boolean> | boolean, what: string) =>
  waitFor(
    async () => {
      if (proc.child.exitCode !== null)
        throw new Error(
          `${proc.name} exited (${proc.child.exitCode}):\n${proc.output.join('').slice(-3000)}`,
        );
      return probe();
    },
    what,
    45000,
  );

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

async function startApi(name: string): Promise<string> {
  const port = await freePort();
  const proc = start(name, BACKEND_MAIN, { PORT: String(port), LOG_LEVEL: 'warn' });
  const url = `http://127.0.0.1:${port}`;
  await until(
    proc,
    () =>
      fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      ),
    `${name} to answer`,
  );
  return url;
}

async function startWorkers(name: string): Promise<void> {
  // info: the line the workers log once their start-up catch-up and schedulers are done.
  const proc = start(name, WORKERS_MAIN, { LOG_LEVEL: 'info' });
  await until(proc, () => proc.output.join('').includes('workers ready'), `${name} to be ready`);
}

/** One HTTP call; `from` is the client address the API believes (loopback is a trusted proxy here). */
async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string; from?: string; headers?: Record<string, string> } = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.from) headers['x-forwarded-for'] = options.from;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('json') && text;
  return { status: res.status, body: json ? JSON.parse(text) : text, headers: res.headers };
}

const login = (base: string, email: string, password: string, from: string) =>
  call(base, 'POST', '/api/auth/login', { body: { email, password }, from });

async function tokenOf(base: string, email: string, from: string): Promise<string> {
  const res = await login(base, email, 'Demo1234!', from);
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

beforeAll(async () => {
  if (!existsSync(BACKEND_MAIN) || !existsSync(WORKERS_MAIN))
    throw new Error('build first: npm run build -w backend && npm run build -w workers');
  s3 = await startS3();
  fake = await startFakeStripe({ webhookSecret: STRIPE_TEST_SECRET });
  env = useTestEnv({
    ...s3.env,
    ...stripeTestEnv(fake),
    TRUSTED_PROXIES: '127.0.0.1,::1',
    AUTH_RATE_LIMIT_PER_MINUTE: '6',
    LOGIN_MAX_FAILURES: '3',
  });
  db = await migratedDataSource(env);
  await seedDemo(db);
  await seedDemoContract(db); // the demo project, led by worker@demo
  // Submitted visits of the demo project, two hours apart, for the lead to approve in a burst.
  await db.query(
    `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, status)
     SELECT $1, u.id, 'casework', $2, date_trunc('hour', now()) - make_interval(days => 1, hours => 2 * n),
            date_trunc('hour', now()) - make_interval(days => 1, hours => 2 * n) + interval '1 hour', 'submitted'
       FROM generate_series(1, $3::int) n, users u WHERE u.email = 'worker@demo.sanshe.cn'`,
    [DEMO.project, DEMO.communities[0], BURST],
  );
  for (const name of QUEUES) queues[name] = new Queue(name, queueConnection(env));
  storage = new S3Storage(loadEnv());
  [one, two] = await Promise.all([startApi('api-1'), startApi('api-2')]);
  await Promise.all([startWorkers('workers-1'), startWorkers('workers-2')]);
}, 90_000);

afterAll(async () => {
  for (const p of procs) p.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
  for (const q of Object.values(queues)) await q.obliterate({ force: true }).then(() => q.close());
  if (env) await clearRateLimits(env);
  storage?.onModuleDestroy();
  await fake?.close();
  await s3?.close();
  if (db) await dropSchema(db, env);
}, 30_000);

describe('two API and two worker processes', () => {
  it('honour on one API instance the session begun on the other, refreshes included', async () => {
    const signedIn = await login(one, 'officer@demo.sanshe.cn', 'Demo1234!', '198.51.100.1');
    expect(signedIn.status).toBe(200);
    const first = browserSession(signedIn);
    const me = await call(two, 'GET', '/api/me', { token: first.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('officer@demo.sanshe.cn');

    const refresh = (base: string) =>
      call(base, 'POST', '/api/auth/refresh', {
        from: '198.51.100.1',
        headers: { cookie: first.cookie, 'x-xsrf-token': first.xsrf },
      });
    const refreshed = await refresh(two);
    expect(refreshed.status).toBe(200);
    const next = refreshed.body.accessToken as string;
    expect((await call(one, 'GET', '/api/me', { token: next })).status).toBe(200);
    // The spent refresh token replayed on the other instance revokes the session on both.
    expect((await refresh(one)).status).toBe(401);
    expect((await call(two, 'GET', '/api/me', { token: next })).status).toBe(401);
  });

  it('count the sign-in budget and the failed sign-ins of one client over both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (await login(i % 2 ? one : two, `nobody${i}@example.cn`, 'whatever-1', '203.0.113.10')).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]); // AUTH_RATE_LIMIT_PER_MINUTE 6

    const guesses: number[] = [];
    for (let i = 0; i < 5; i++)
      guesses.push(
        (await login(i % 2 ? one : two, 'finance@demo.sanshe.cn', 'wrong-1', '203.0.113.11')).status,
      );
    expect(guesses).toEqual([401, 401, 401, 429, 429]); // LOGIN_MAX_FAILURES 3
    expect((await login(one, 'finance@demo.sanshe.cn', 'Demo1234!', '203.0.113.11')).status).toBe(429);
    expect((await login(two, 'finance@demo.sanshe.cn', 'Demo1234!', '198.51.100.2')).status).toBe(200);
  });

  it('keep one job scheduler per id, whose ticks each run once on one of the workers', async () => {
    const ids: string[] = [];
    for (const q of Object.values(queues))
      for (const s of await q.getJobSchedulers()) {
        ids.push(s.key);
        // One next run waiting per scheduler, though both workers upserted it.
        const next = (await q.getDelayed()).filter((j) => j.repeatJobKey === s.key);
        expect(next).toHaveLength(1);
      }
    expect(ids.sort()).toEqual([
      'exports-cleanup-daily',
      'idempotency-purge-daily',
      'mail-purge-links-daily',
      'ocds-bulk-nightly',
      'payments-reconcile-daily',
      'scoring-nightly',
    ]);

    // The daily reconciliation made to tick every second, upserted by two clients at once as the
    // two workers do on start; each run writes one reconciliation report.
    const payments = queues.payments;
    const every = { every: 1000 };
    const template = { name: 'payments.reconcile', data: {} };
    const other = new Queue('payments', queueConnection(env));
    await Promise.all([
      payments.upsertJobScheduler('payments-reconcile-daily', every, template),
      other.upsertJobScheduler('payments-reconcile-daily', every, template),
    ]);
    await other.close();
    const reports = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM reconciliation_reports`))[0].n as number;
    await waitFor(async () => (await reports()) >= 3, 'three reconciliation ticks', 15000);
    await payments.removeJobScheduler('payments-reconcile-daily');
    await waitFor(async () => (await payments.getActiveCount()) === 0, 'the last tick to finish');

    const runs = (await payments.getCompleted()).filter((j) => j.name === 'payments.reconcile');
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(await reports()).toBe(runs.length);
    // Ticks a second apart: no tick ran twice, on one worker or on both.
    const starts = runs.map((j) => j.processedOn!).sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThan(500);
    expect(new Set(runs.map((j) => j.id)).size).toBe(runs.length);
  });

  it('run one debounced score recompute for a burst of events spread over both instances', async () => {
    const token = await tokenOf(one, 'worker@demo.sanshe.cn', '198.51.100.3');
    const records: { id: string }[] = await db.query(
      `SELECT id FROM service_records WHERE project_id = $1 AND status = 'submitted'`,
      [DEMO.project],
    );
    expect(records).toHaveLength(BURST);
    const burstAt = new Date();
    const approvals = await Promise.all(
      records.map((r, i) => call(i % 2 ? one : two, 'POST', `/api/records/${r.id}/approve`, { token })),
    );
    expect(approvals.map((a) => a.status)).toEqual(records.map(() => 200));

    const recomputes = async () =>
      (await queues.scoring.getJobs(['completed', 'active', 'waiting', 'delayed', 'failed'])).filter(
        (j) => j.name === 'scoring.recompute_org' && j.data.organizationId === DEMO.organization,
      );
    await waitFor(
      async () => (await recomputes()).some((j) => j.finishedOn),
      'the debounced recompute to run',
      20000,
    );
    const jobs = await recomputes();
    expect(jobs).toHaveLength(1);
    expect(await jobs[0].getState()).toBe('completed');
    const [{ computed }] = await db.query(
      `SELECT max(computed_at) AS computed FROM score_snapshots WHERE organization_id = $1`,
      [DEMO.organization],
    );
    expect(computed.getTime()).toBeGreaterThan(burstAt.getTime());
  });

  it('build an export requested on one instance in a worker, into S3, downloadable from the other', async () => {
    const token = await tokenOf(one, 'officer@demo.sanshe.cn', '198.51.100.4');
    const created = await call(one, 'POST', '/api/exports', {
      token,
      body: { dataset: 'service_records', format: 'csv', streetId: DEMO.streets[0] },
    });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    let current = created.body;
    await waitFor(
      async () => {
        current = (await call(two, 'GET', `/api/exports/${id}`, { token })).body;
        return current.status === 'done' || current.status === 'failed';
      },
      'the export to be built',
      20000,
    );
    expect(current).toMatchObject({ status: 'done', downloadable: true });

    const file = await call(two, 'GET', `/api/exports/${id}/file`, { token });
    expect(file.status).toBe(200);
    const csv = file.body as string;
    expect(csv.replace(/^\uFEFF/, '').startsWith('记录编号 (Record ID)')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(current.rowCount + 1);
    const [{ file_key }] = await db.query(`SELECT file_key FROM export_jobs WHERE id = $1`, [id]);
    const bom = /^\uFEFF/; // fetch's text() drops it
    expect((await storage.get(file_key)).toString().replace(bom, '')).toBe(csv.replace(bom, ''));
  });
});
