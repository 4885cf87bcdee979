import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { DEMO, seedDemo } from '@sanshe/backend/database/seed/demo.js';
import { Api, tokenFor } from '../../backend/test/support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';
import { queueConnection } from '../../backend/src/jobs/queue-connection.js';

let env: Env;
let db: DataSource;
let api: Api;
let officer: string;
let workers: INestApplicationContext | undefined;

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

async function publish(bidDeadlineMs: number): Promise<string> {
  const created = await api.request('POST', '/api/tenders', {
    token: officer,
    body: {
      title: '社区矛盾调解服务项目',
      description: '为明德社区提供矛盾纠纷调解与法律咨询服务，每月驻点四次。',
      categoryCode: 'mediation',
      streetId: DEMO.streets[0],
      communityIds: [DEMO.communities[2]],
      budgetCeilingFen: 9_000_000,
      method: 'public_tender',
      kpis: { serviceHours: 300, beneficiaries: 80, minSatisfaction: 4 },
      weights: {
        price: 40,
        technical: 60,
        performance: 0,
        criteria: [{ key: 'plan', name: '方案', weight: 60 }],
      },
      milestonePlan: [{ name: '全部', shareBp: 10000, dueInDays: 90 }],
      enquiryDeadline: inMs(bidDeadlineMs / 2),
      bidDeadline: inMs(bidDeadlineMs),
      standstillDays: 5,
    },
  });
  expect(created.status).toBe(201);
  expect(
    (await api.request('POST', `/api/tenders/${created.body.id}/publish`, { token: officer })).status,
  ).toBe(200);
  return created.body.id;
}

const statusOf = async (id: string) =>
  (await db.query(`SELECT status FROM tenders WHERE id = $1`, [id]))[0].status;
const closings = async (id: string) =>
  (
    await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action IN ('tender.bidding_closed', 'tender.unsuccessful')`,
      [id],
    )
  )[0].n;

async function waitForStatus(id: string, status: string, ms = 15000): Promise<void> {
  const until = Date.now() + ms;
  while ((await statusOf(id)) !== status) {
    if (Date.now() > until) throw new Error(`tender ${id} still ${await statusOf(id)}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startWorkers(): Promise<void> {
  workers = await createWorkers({ logger: false });
  await workers.init();
}

beforeAll(async () => {
  env = useTestEnv({ AMENDMENT_MIN_DAYS: '0' });
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  officer = await tokenFor(api, 'officer@demo.sanshe.cn');
});
afterAll(async () => {
  await workers?.close();
  await api?.close();
  await dropSchema(db, env);
});

describe('deadline scheduler', () => {
  it('closes a tender at its deadline through a delayed job', async () => {
    await startWorkers();
    const id = await publish(1500);
    expect(await statusOf(id)).toBe('published');
    await waitForStatus(id, 'unsuccessful'); // no bids: a public tender needs three
    expect(await closings(id)).toBe(1);
  });

  it('follows an amendment that moves the deadline', async () => {
    const id = await publish(1500);
    const amended = await api.request('POST', `/api/tenders/${id}/amendments`, {
      token: officer,
      body: { summary: '延长投标期限', bidDeadline: inMs(4000) },
    });
    expect(amended.status).toBe(201);
    await new Promise((r) => setTimeout(r, 2500));
    // The job for the old deadline fired and found nothing to do.
    expect(await statusOf(id)).toBe('published');
    await waitForStatus(id, 'unsuccessful');
    expect(await closings(id)).toBe(1);
  });

  it('catches up on a deadline missed while the workers were down, without doubling on restart', async () => {
    await workers!.close();
    workers = undefined;
    const id = await publish(800);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await statusOf(id)).toBe('published');
    await startWorkers();
    await waitForStatus(id, 'unsuccessful');
    // Restart again: the catch-up re-adds nothing that runs twice.
    await workers!.close();
    await startWorkers();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await closings(id)).toBe(1);
  });

  it('rebuilds the schedule when the queue lost its jobs', async () => {
    await workers!.close();
    workers = undefined;
    const id = await publish(1500);
    const { Queue } = await import('bullmq');
    const queue = new Queue('tenders', queueConnection(env));
    await queue.obliterate({ force: true });
    await queue.close();
    await startWorkers();
    await waitForStatus(id, 'unsuccessful');
    expect(await closings(id)).toBe(1);
  });
});
