import { rm } from 'node:fs/promises';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { DEMO, seedDemo } from '@sanshe/backend/database/seed/demo.js';
import { Api, tokenFor } from '../../backend/test/support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';

const STORAGE_DIR = `/tmp/sanshe-test-worker-exports-${process.pid}`;

let env: Env;
let db: DataSource;
let api: Api;
let workers: INestApplicationContext;

beforeAll(async () => {
  env = useTestEnv({ STORAGE_DIR });
  db = await migratedDataSource(env);
  await seedDemo(db);
  // Seven records of the demo organization under a contract of street 0.
  const [{ worker }] = await db.query(`SELECT id AS worker FROM users WHERE email = 'worker@demo.sanshe.cn'`);
  const [{ id: contract }] = await db.query(
    `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
     VALUES ($1, $2, '导出合同', 1000000, '2024-01-01', '2024-12-31', '{"serviceHours": 10, "beneficiaries": 1, "minSatisfaction": 4}', $3) RETURNING id`,
    [DEMO.organization, DEMO.streets[0], worker],
  );
  const [{ id: project }] = await db.query(
    `INSERT INTO projects (contract_id, organization_id, title, lead_user_id) VALUES ($1, $2, '导出项目', $3) RETURNING id`,
    [contract, DEMO.organization, worker],
  );
  await db.query(
    `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, status)
     SELECT $1, $2, 'casework', $3, timestamptz '2024-03-01 00:00Z' + make_interval(hours => 2 * n),
            timestamptz '2024-03-01 01:00Z' + make_interval(hours => 2 * n), 'approved'
       FROM generate_series(1, 7) n`,
    [project, worker, DEMO.communities[0]],
  );
  api = await Api.start();
  workers = await createWorkers({ logger: false });
  await workers.init();
});
afterAll(async () => {
  await workers?.close();
  await api?.close();
  await dropSchema(db, env);
  await rm(STORAGE_DIR, { recursive: true, force: true });
});

describe('export jobs', () => {
  it('builds a queued export in the workers: progress reaches 100 and the file downloads', async () => {
    const token = await tokenFor(api, 'officer@demo.sanshe.cn');
    const created = await api.request('POST', '/api/exports', {
      token,
      body: { dataset: 'service_records', format: 'csv', streetId: DEMO.streets[0] },
    });
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('queued');

    let current = created.body;
    const until = Date.now() + 20000;
    while (current.status !== 'done' && current.status !== 'failed') {
      if (Date.now() > until) throw new Error(`export still ${current.status} at ${current.progress} %`);
      await new Promise((r) => setTimeout(r, 50));
      current = (await api.request('GET', `/api/exports/${created.body.id}`, { token })).body;
    }
    expect(current).toMatchObject({ status: 'done', progress: 100, downloadable: true, error: null });
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM service_records sr JOIN projects p ON p.id = sr.project_id
         JOIN contracts k ON k.id = p.contract_id WHERE k.street_id = $1`,
      [DEMO.streets[0]],
    );
    expect(n).toBeGreaterThanOrEqual(7);
    expect(current.rowCount).toBe(n);

    const file = await api.request('GET', `/api/exports/${created.body.id}/file`, { token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [firstLine, ...rest] = (file.body as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(firstLine.startsWith('记录编号 (Record ID),项目 (Project)')).toBe(true);
    expect(rest.filter(Boolean)).toHaveLength(n);
  });
});
