import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Cluster } from 'ioredis';
import type { DataSource } from 'typeorm';
import { RedisRateLimitStore } from '@sanshe/backend/common/http/redis-rate-limit-store.js';
import { createRedis, queuePrefix } from '@sanshe/backend/common/redis/redis-connection.js';
import type { Env } from '@sanshe/backend/config/env.js';
import { seedDemo } from '@sanshe/backend/database/seed/demo.js';
import { JobQueue } from '@sanshe/backend/jobs/job-queue.js';
import { SCORING_WINDOW_MS, ScoreTrigger } from '@sanshe/backend/modules/scoring/score-trigger.js';
import { verifiedOrganization } from '../../backend/test/support/fixtures.js';
import { waitFor } from '../../backend/test/support/wait.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';
import { startRedisCluster, type RedisCluster } from './support/redis-cluster.js';
import { startSmtp, type SmtpCatcher } from './support/smtp.js';

/** This suite's cluster: three masters (their bus ports are 10000 higher). */
const PORTS = [7101, 7102, 7103];

let cluster: RedisCluster | undefined;
let smtp: SmtpCatcher | undefined;
let env: Env;
let db: DataSource | undefined;
let workers: INestApplicationContext | undefined;
/** The test's own look at the cluster. */
let redis: Cluster | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster(PORTS);
  smtp = await startSmtp();
  env = useTestEnv({
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    QUEUE_BACKEND: 'redis',
    REDIS_CLUSTER_NODES: cluster.nodes,
  });
  db = await migratedDataSource(env);
  await seedDemo(db); // the street organizations belong to
  redis = createRedis(env) as Cluster;
  workers = await createWorkers({ logger: false });
  await workers.init();
}, 60_000);
afterAll(async () => {
  try {
    await workers?.close();
    redis?.disconnect();
    await smtp?.close();
    if (db) await dropSchema(db, env);
  } finally {
    await cluster?.stop();
  }
});

const queue = (name: string) => workers!.get<Queue>(getQueueToken(name), { strict: false });

/** The keys matching pattern on each master (KEYS answers for its own node only). */
const keysByMaster = (pattern: string) =>
  Promise.all(
    redis!.nodes('master').map(async (node) => ({ node, keys: (await node.keys(pattern)).sort() })),
  );

describe('the queues and the rate limits on a Redis Cluster of three masters', () => {
  it('deliver a mail job at once and a delayed one after its delay, enqueued through JobQueue', async () => {
    const user = async (email: string): Promise<string> =>
      (
        await db!.query(
          `INSERT INTO users (email, display_name, password_hash) VALUES ($1, '王芳', 'x') RETURNING id`,
          [email],
        )
      )[0].id;
    const jobs = workers!.get(JobQueue);
    const start = Date.now();
    await jobs.add('mail.verify_email', { userId: await user('now@example.cn'), requestId: randomUUID() });
    const delayed = await jobs.add(
      'mail.verify_email',
      { userId: await user('later@example.cn'), requestId: randomUUID() },
      { delay: 2000 },
    );
    expect(await (await queue('mail').getJob(delayed!))!.getState()).toBe('delayed');

    const inboxIndex = (to: string) => smtp!.inbox.findIndex((m) => m.to.includes(to));
    await waitFor(() => inboxIndex('later@example.cn') >= 0, 'the delayed mail');
    expect(Date.now() - start).toBeGreaterThanOrEqual(2000);
    expect(inboxIndex('now@example.cn')).toBe(0);
    expect(smtp!.inbox).toHaveLength(2);
  });

  it('run the jobs of a job scheduler', async () => {
    const payments = queue('payments');
    await payments.upsertJobScheduler('cluster-every-second', { every: 1000 }, { name: 'idempotency.purge' });
    const runs = async () =>
      (await payments.getJobs('completed')).filter((j) => j.repeatJobKey === 'cluster-every-second').length;
    await waitFor(async () => (await runs()) >= 2, 'two runs of the scheduler', 8000);
    expect(await payments.removeJobScheduler('cluster-every-second')).toBe(true);
  });

  it("run a burst of an organization's score requests once, a window after the first one", async () => {
    const { id } = await verifiedOrganization(db!, '集群测试服务社');
    const trigger = workers!.get(ScoreTrigger);
    const firstAt = Date.now();
    for (let i = 0; i < 4; i++) {
      await trigger.organizationChanged(id);
      await new Promise((r) => setTimeout(r, 50));
    }
    const scoring = queue('scoring');
    const mine = async () =>
      (await scoring.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
        (j) => j.data.organizationId === id,
      );
    expect(await mine()).toHaveLength(1);

    await waitFor(
      async () => (await mine()).some((j) => j.finishedOn),
      'the recompute to finish',
      SCORING_WINDOW_MS + 8000,
    );
    const [job] = await mine();
    expect(await mine()).toHaveLength(1);
    expect(await job.getState()).toBe('completed');
    expect(job.processedOn!).toBeGreaterThanOrEqual(firstAt + SCORING_WINDOW_MS - 200);
    expect(await db!.query(`SELECT 1 FROM score_snapshots WHERE organization_id = $1`, [id])).toHaveLength(1);
  }, 20_000);

  it('share rate-limit counts between two stores, a counter and its block in one slot', async () => {
    const [a, b] = [new RedisRateLimitStore(env), new RedisRateLimitStore(env)];
    try {
      const key = 'login:li.hua@example.cn:127.0.0.1';
      expect((await a.hit(key, 60_000, 3)).hits).toBe(1);
      expect((await b.hit(key, 60_000, 3)).hits).toBe(2);
      expect(await a.hit(key, 60_000, 3)).toMatchObject({ hits: 3, blockedMs: 0 });
      const over = await b.hit(key, 60_000, 3);
      expect(over.hits).toBe(4);
      expect(over.blockedMs).toBeGreaterThan(0);
      expect((await a.hit(key, 60_000, 3)).blockedMs).toBeGreaterThan(0);

      const counter = `${env.QUEUE_PREFIX}:rate:{${key}}`;
      expect(await redis!.get(counter)).toBe('5');
      expect(await redis!.exists(`${counter}:blocked`)).toBe(1);
      expect(await redis!.cluster('KEYSLOT', `${counter}:blocked`)).toBe(
        await redis!.cluster('KEYSLOT', counter),
      );

      // Cleared through one store (one DEL of both keys), gone for the other.
      await a.clear(key);
      expect(await b.hit(key, 60_000, 3)).toMatchObject({ hits: 1, blockedMs: 0 });
      expect((await a.claim('slowdown:li.hua@example.cn', 5000)).claimed).toBe(true);
      expect((await b.claim('slowdown:li.hua@example.cn', 5000)).claimed).toBe(false);
    } finally {
      await a.onModuleDestroy();
      await b.onModuleDestroy();
    }
  });

  it('keep every key of the queues in one slot of one master', async () => {
    expect(redis!.nodes('master')).toHaveLength(3);
    const prefix = queuePrefix(env);
    expect(prefix).toBe(`{${env.QUEUE_PREFIX}}`);
    const holding = (await keysByMaster(`${prefix}:*`)).filter((m) => m.keys.length > 0);
    expect(holding).toHaveLength(1);
    const [{ node, keys }] = holding;
    // Keys of each queue, its jobs and its schedulers.
    for (const name of ['mail', 'tenders', 'scoring', 'payments', 'exports'])
      expect(keys).toContain(`${prefix}:${name}:meta`);
    expect(keys).toEqual(expect.arrayContaining([`${prefix}:mail:completed`, `${prefix}:payments:repeat`]));
    const slot = await redis!.cluster('KEYSLOT', prefix);
    expect(new Set(await Promise.all(keys.map((k) => redis!.cluster('KEYSLOT', k))))).toEqual(
      new Set([slot]),
    );
    expect(await node.cluster('COUNTKEYSINSLOT', slot)).toBe(keys.length);
    // Nothing of the queues under the plain prefix: only the rate limits' counters are there.
    const plain = (await keysByMaster(`${env.QUEUE_PREFIX}:*`)).flatMap((m) => m.keys);
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((k) => k.startsWith(`${env.QUEUE_PREFIX}:rate:`))).toBe(true);
  });
});
