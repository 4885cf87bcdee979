import { rm } from 'node:fs/promises';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { DEMO, seedDemo } from '@sanshe/backend/database/seed/demo.js';
import { EICAR, startClamd } from '../../backend/test/support/clamav.js';
import { Api, tokenFor } from '../../backend/test/support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';

const STORAGE_DIR = `/tmp/sanshe-test-worker-documents-${process.pid}`;

let env: Env;
let db: DataSource;
let api: Api;
let workers: INestApplicationContext | undefined;
let token: string;

const pdf = (extra = '') =>
  Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n%${extra}\ntrailer <</Root 1 0 R>>\n%%EOF\n`);

const base = () => api.baseUrl.replace('[::1]', '127.0.0.1');

async function upload(bytes: Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(
    `${base()}/api/documents?purpose=service_record_evidence&organizationId=${DEMO.organization}`,
    { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form },
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Polls the document until the scan has decided, as the web app does. */
async function verdictOf(id: string): Promise<{ status: string; verdict: string | null }> {
  for (let i = 0; i < 100; i++) {
    const res = await api.request('GET', `/api/documents/${id}`, { token });
    if (res.body.status !== 'pending_scan') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`document ${id} was never scanned`);
}

beforeAll(
  async () => {
    env = useTestEnv({ STORAGE_DIR, CLAMAV_URL: startClamd() });
    db = await migratedDataSource(env);
    await seedDemo(db);
    api = await Api.start();
    token = await tokenFor(api, 'worker@demo.sanshe.cn');
  },
  15 * 60 * 1000,
);
afterAll(async () => {
  await workers?.close();
  await api?.close();
  await dropSchema(db, env);
  await rm(STORAGE_DIR, { recursive: true, force: true });
});

describe('the documents.scan job', () => {
  it('scans in the workers: a document whose job was lost is scanned once they start, EICAR is found', async () => {
    const lost = await upload(pdf('签到表'), 'sheet.pdf');
    const queue = api.app.get<Queue>(getQueueToken('documents'), { strict: false });
    await (await queue.getJob(`scan-${lost}`))!.remove();

    workers = await createWorkers({ logger: false });
    await workers.init();
    expect(await verdictOf(lost)).toMatchObject({ status: 'clean', verdict: null });
    const clean = await fetch(`${base()}/api/documents/${lost}/content`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(clean.status).toBe(200);
    expect(clean.headers.get('content-type')).toBe('application/pdf');

    const infected = await upload(pdf(EICAR), 'infected.pdf');
    expect(await verdictOf(infected)).toMatchObject({
      status: 'infected',
      verdict: 'EICAR.Embedded.UNOFFICIAL',
    });
    const refused = await fetch(`${base()}/api/documents/${infected}/content`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(410);
    const [row] = await db.query(`SELECT storage_key FROM documents WHERE id = $1`, [infected]);
    expect(row.storage_key).toBeNull();
  });
});
