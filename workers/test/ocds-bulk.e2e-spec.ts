import { readdir, readFile, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { seedDemo, seedDemoContract } from '@sanshe/backend/database/seed/demo.js';
import { JobQueue } from '@sanshe/backend/jobs/job-queue.js';
import { OcdsBulkService, type OcdsBulkFile } from '@sanshe/backend/modules/ocds/ocds-bulk.service.js';
import {
  checkCodes,
  ocdsReleaseValidator,
  ocdsValidator,
  walkRelease,
} from '../../backend/test/support/ocds.js';
import { payFirstMilestone, tenderedDemoContract } from '../../backend/test/support/public-record.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';

const STORAGE_DIR = `/tmp/sanshe-test-worker-ocds-${process.pid}`;

let env: Env;
let db: DataSource;
let workers: INestApplicationContext;
let tender: string;

type Release = Record<string, any>;

beforeAll(async () => {
  env = useTestEnv({ STORAGE_DIR });
  db = await migratedDataSource(env);
  await seedDemo(db);
  await seedDemoContract(db);
  const ids = await tenderedDemoContract(db);
  tender = ids.tender;
  await payFirstMilestone(db, ids.worker);
  // Nobody has read these processes yet: no release is stored before the job publishes them.
  workers = await createWorkers({ logger: false });
  await workers.init();
});
afterAll(async () => {
  await workers?.close();
  await dropSchema(db, env);
  await rm(STORAGE_DIR, { recursive: true, force: true });
});

/** Waits for a bulk file other than `previous` to be the current one. */
async function nextFile(previous: string | null): Promise<OcdsBulkFile> {
  const bulk = workers.get(OcdsBulkService);
  const until = Date.now() + 20000;
  for (;;) {
    const file = await bulk.current();
    if (file && file.sha256 !== previous) return file;
    if (Date.now() > until) throw new Error('no new OCDS bulk file was written');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The file's lines, each parsed, after checking it is gzip of UTF-8 JSON lines ending in a newline. */
async function linesOf(file: OcdsBulkFile): Promise<Release[]> {
  const text = gunzipSync(await readFile(`${STORAGE_DIR}/${file.key}`)).toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('the OCDS bulk job', () => {
  it('writes the first file when the workers start: every line a valid release package, every release valid', async () => {
    const file = await nextFile(null);
    const packages = await linesOf(file);
    expect(packages).toHaveLength(1);
    const validatePackage = ocdsValidator();
    const validateRelease = ocdsReleaseValidator();
    for (const pkg of packages) {
      expect(validatePackage(pkg) ? [] : validatePackage.errors).toEqual([]);
      for (const release of pkg.releases) {
        expect([release.id, validateRelease(release) ? [] : validateRelease.errors]).toEqual([
          release.id,
          [],
        ]);
        expect([release.id, checkCodes(release).errors]).toEqual([release.id, []]);
        expect([release.id, walkRelease(release).beyondCore]).toEqual([release.id, []]);
      }
    }
    // The job published what was due: the tender, award, contract and payment of the process.
    expect(packages[0].releases.map((r: Release) => r.tag[0])).toEqual([
      'tender',
      'award',
      'contract',
      'implementation',
    ]);
    expect(packages[0].releases[0].ocid).toBe(`ocds-sanshe-${tender}`);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ocds_releases`);
    expect(file).toMatchObject({ processes: 1, releases: n });
  });

  it('rewrites the file when the job runs again, with the new releases, and deletes the one it replaced', async () => {
    const before = await nextFile(null);
    await db.query(`UPDATE tenders SET title = '高龄老人居家探访（更正）' WHERE id = $1`, [tender]);
    await workers.get(JobQueue).add('ocds.bulk_build', {});
    const after = await nextFile(before.sha256);
    const [pkg] = await linesOf(after);
    expect(pkg.releases.map((r: Release) => r.tag[0]).slice(4)).toEqual([
      'tenderAmendment',
      'awardUpdate',
      'contractAmendment',
    ]);
    expect(pkg.releases.at(-1).contracts[0].title).toBe('高龄老人居家探访（更正）');
    expect((await readdir(`${STORAGE_DIR}/ocds/bulk`)).sort()).toEqual([
      'current',
      after.key.replace('ocds/bulk/', ''),
    ]);
  });
});
