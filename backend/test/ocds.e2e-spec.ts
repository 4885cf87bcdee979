import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo, seedDemoContract } from '../src/database/seed/demo.js';
import { OcdsBulkService } from '../src/modules/ocds/ocds-bulk.service.js';
import { OcdsService } from '../src/modules/ocds/ocds.service.js';
import { TAGS } from '../src/modules/ocds/ocds-releases.js';
import { Api } from './support/http.js';
import {
  checkCodes,
  codelistFiles,
  OPEN_CODELISTS,
  ocdsReleaseValidator,
  ocdsValidator,
  schemaCodelists,
  walkRelease,
} from './support/ocds.js';
import { payFirstMilestone, tenderedDemoContract } from './support/public-record.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let ids: Awaited<ReturnType<typeof tenderedDemoContract>>;
let ocid: string;

type Release = Record<string, any>;

const STORAGE_DIR = `/tmp/sanshe-test-ocds-${process.pid}`;

beforeAll(async () => {
  process.env.OCDS_PUBLISHER_NAME = '阳光街道办事处（测试）';
  process.env.OCDS_PUBLISHER_URI = 'https://sanshe.example.cn';
  process.env.OCDS_LICENSE = 'https://opendatacommons.org/licenses/pddl/1-0/';
  env = useTestEnv({ STORAGE_DIR });
  db = await migratedDataSource(env);
  await seedDemo(db);
  await seedDemoContract(db);
  ids = await tenderedDemoContract(db);
  ocid = `ocds-sanshe-${ids.tender}`;
  api = await Api.start();
});
afterAll(async () => {
  delete process.env.OCDS_PUBLISHER_NAME;
  delete process.env.OCDS_PUBLISHER_URI;
  delete process.env.OCDS_LICENSE;
  await api?.close();
  await dropSchema(db, env);
  await rm(STORAGE_DIR, { recursive: true, force: true });
});

const record = async () => {
  const res = await api.request('GET', `/api/ocds/records/${ocid}`);
  expect(res.status).toBe(200);
  return res.body;
};

/** Every tag the product publishes: each stage's first and later releases, and a cancelled tender's. */
const PUBLISHED_TAGS = [...Object.values(TAGS).flat(), 'tenderCancellation'].sort();

/** Values of open code lists outside them: allowed by OCDS, reported once per value. */
const warned = new Set<string>();

/**
 * Every release (and the compiled one) valid against the schema, with every codelist-typed field
 * (found by walking the schema, not listed by hand) in its code list: strictly for closed lists,
 * a warning for open ones. No field beyond the core schema: no extension is declared, so none may
 * be used.
 */
function expectValid(releases: Release[]) {
  const validate = ocdsReleaseValidator();
  for (const r of releases) {
    expect([r.id, validate(r) ? [] : validate.errors]).toEqual([r.id, []]);
    const { errors, warnings } = checkCodes(r);
    expect([r.id, errors]).toEqual([r.id, []]);
    for (const w of warnings.map((x) => x.replace(/^\S*: /, '')))
      if (!warned.has(w) && warned.add(w)) console.warn(`OCDS open code list: ${w}`);
    expect([r.id, walkRelease(r).beyondCore]).toEqual([r.id, []]);
  }
}

describe('OCDS code lists', () => {
  it('keeps every code list of the standard, and one for each codelist field of the schema', () => {
    const shared = readdirSync(new URL('./fixtures/ocds/codelists/', import.meta.url)).filter((f) =>
      f.endsWith('.csv'),
    );
    expect(shared).toHaveLength(31);
    const fields = schemaCodelists();
    expect(fields.length).toBeGreaterThan(30);
    for (const f of fields) expect(codelistFiles()).toContain(f.codelist);
    // The open lists named in the test support are the ones the schema marks open, no more, no less.
    expect([...new Set(fields.filter((f) => f.open).map((f) => f.codelist))].sort()).toEqual([
      ...OPEN_CODELISTS,
    ]);
    expect(new Set(fields.filter((f) => !f.open).map((f) => f.codelist)).size).toBeGreaterThan(10);
  });

  it('refuses a code outside a closed list, only warns outside an open one, and finds fields beyond core', () => {
    const release = {
      tag: ['tender', 'ourOwnTag'],
      tender: {
        status: 'open for bids',
        procurementMethod: 'open',
        items: [{ id: '1', classification: { scheme: 'Ours' } }],
      },
      parties: [{ id: 'a', roles: ['buyer'], identifier: { scheme: 'CN-USCC', extra: 1 } }],
      contracts: [{ id: 'c', awardID: 'a', milestones: [{ id: 'm', status: 'met', type: 'payment' }] }],
      planned: true,
    };
    expect(checkCodes(release)).toEqual({
      errors: ['/tender/status: "open for bids" is not in tenderStatus'],
      warnings: [
        '/tag: "ourOwnTag" is not in releaseTag',
        '/tender/items/0/classification/scheme: "Ours" is not in classificationScheme',
      ],
    });
    expect(walkRelease(release).beyondCore).toEqual(['/parties/0/identifier/extra', '/planned']);
  });
});

describe('OCDS records', () => {
  it('publishes the tender, award and contract releases of a process, valid and from the configured publisher', async () => {
    const pkg = await record();
    expect(pkg).toMatchObject({
      uri: `${env.WEB_URL}/api/ocds/records/${ocid}`,
      version: '1.1',
      publisher: { name: '阳光街道办事处（测试）', uri: 'https://sanshe.example.cn' },
      license: 'https://opendatacommons.org/licenses/pddl/1-0/',
    });
    const [rec] = pkg.records;
    expect(rec.ocid).toBe(ocid);
    expect(rec.releases.map((r: Release) => r.tag)).toEqual([['tender'], ['award'], ['contract']]);
    expect(new Set(rec.releases.map((r: Release) => r.id)).size).toBe(3);
    expectValid([...rec.releases, rec.compiledRelease]);
    // The release validator does refuse what breaks the standard.
    const broken = structuredClone(rec.releases[0]);
    broken.date = 'yesterday';
    expect(ocdsReleaseValidator()(broken)).toBe(false);
  });

  it('names no supplier in the tender release, dates the award at the decision and identifies organizations by USCC', async () => {
    const [tender, award, contract] = (await record()).records[0].releases;
    expect(tender.parties.flatMap((p: Release) => p.roles)).not.toContain('supplier');
    expect(tender.awards).toBeUndefined();
    const [{ decided }] = await db.query(
      `SELECT standstill_ends_at - make_interval(days => standstill_days) AS decided FROM tenders WHERE id = $1`,
      [ids.tender],
    );
    expect(award.awards[0].date).toBe(decided.toISOString());
    expect(award.date).toBe(decided.toISOString());
    const supplier = award.parties.find((p: Release) => p.roles.includes('supplier'));
    expect(supplier.identifier).toEqual({
      scheme: 'CN-USCC',
      id: '52330100MJ00000011',
      legalName: '阳光居家养老服务中心',
    });
    expect(contract.contracts[0].milestones.map((m: Release) => [m.title, m.status, m.value.amount])).toEqual(
      [
        ['首期', 'scheduled', 72000],
        ['中期', 'scheduled', 96000],
        ['终期', 'scheduled', 72000],
      ],
    );
  });

  it('never changes a published release: a change is a new release, with its own id, date and tag', async () => {
    const before = (await record()).records[0].releases;
    expect((await record()).records[0].releases).toEqual(before);
    await expect(db.query(`UPDATE ocds_releases SET date = now()`)).rejects.toThrow(/immutable/);
    await expect(db.query(`DELETE FROM ocds_releases`)).rejects.toThrow(/immutable/);

    const paymentId = await payFirstMilestone(db, ids.worker);
    const paid = (await record()).records[0];
    expect(paid.releases.slice(0, 3)).toEqual(before);
    expect(paid.releases.slice(3).map((r: Release) => r.tag)).toEqual([['implementation']]);

    // The title is repeated by the award and the contract: all three are amended.
    await db.query(`UPDATE tenders SET title = '高龄老人居家探访（更正）' WHERE id = $1`, [ids.tender]);
    const rec = (await record()).records[0];
    expect(rec.releases.slice(0, 4)).toEqual(paid.releases);
    expect(rec.releases.slice(4).map((r: Release) => r.tag[0])).toEqual([
      'tenderAmendment',
      'awardUpdate',
      'contractAmendment',
    ]);
    expect(new Set(rec.releases.map((r: Release) => r.id)).size).toBe(7);
    const amendment = rec.releases.find((r: Release) => r.tag[0] === 'tenderAmendment');
    expect(amendment.date > before[2].date).toBe(true);
    expectValid([...rec.releases, rec.compiledRelease]);

    const implementation = rec.compiledRelease.contracts[0].implementation;
    expect(implementation.transactions).toEqual([
      expect.objectContaining({ id: paymentId, value: { amount: 72000, currency: 'CNY' } }),
    ]);
    expect(implementation.milestones.map((m: Release) => m.status)).toEqual([
      'met',
      'scheduled',
      'scheduled',
    ]);
    expect(rec.compiledRelease.tender.title).toBe('高龄老人居家探访（更正）');
    expect(rec.compiledRelease.tag).toEqual(['compiled']);
    expect(rec.versionedRelease.tender.title.map((v: Release) => [v.value, v.releaseTag[0]])).toEqual([
      ['高龄老人居家探访', 'tender'],
      ['高龄老人居家探访（更正）', 'tenderAmendment'],
    ]);
    expect(rec.versionedRelease.ocid).toBe(ocid);

    const list = await api.request('GET', `/api/ocds/records/${ocid}/releases`);
    expect(list.status).toBe(200);
    expect(list.body.releases.map((r: Release) => r.id)).toEqual(rec.releases.map((r: Release) => r.id));
    expect(ocdsValidator()(list.body)).toBe(true);
  });

  it('publishes a cancellation, and a single-source tender as a direct procurement', async () => {
    const [{ id: single }] = await db.query(
      `INSERT INTO tenders (title, description, category_code, street_id, budget_ceiling_fen, method, kpis, weights, milestone_plan,
                            enquiry_deadline, bid_deadline, created_by, status, published_at)
       SELECT '单一来源采购', '说明', category_code, street_id, 100000, 'single_source', '{}', '{}', '[]',
              now() + interval '5 days', now() + interval '10 days', created_by, 'cancelled', now() FROM tenders WHERE id = $1 RETURNING id`,
      [ids.tender],
    );
    const res = await api.request('GET', `/api/ocds/records/ocds-sanshe-${single}`);
    const [release] = res.body.records[0].releases;
    expect(release.tag).toEqual(['tenderCancellation']);
    expect(release.tender).toMatchObject({ procurementMethod: 'direct', status: 'cancelled' });
    expectValid([release]);
  });

  it('pages the release package with links.next, nothing left out', async () => {
    const first = await api.request('GET', '/api/ocds/releases?limit=1');
    expect(first.status).toBe(200);
    expect(ocdsValidator()(first.body)).toBe(true);
    expect(first.body.releases[0].ocid).toBe(ocid);
    expect(first.body.releases.map((r: Release) => r.tag[0])).toEqual([
      'tenderAmendment',
      'awardUpdate',
      'contractAmendment',
      'implementation',
    ]);
    expect(first.body.links.next).toContain('cursor=');
    const second = await api.request('GET', first.body.links.next);
    expect(second.body.releases.map((r: Release) => r.tag[0])).toEqual(['tenderCancellation']);
    expect(second.body.links.next).toBeNull();
  });

  it('publishes a later payment as an implementation update; every tag the product uses is covered and valid', async () => {
    await db.query(
      `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, currency, status, method, deliverables, requested_by, kind)
       VALUES ($1, $2, $3, $4, 9600000, 'CNY', 'paid', 'treasury', '中期交付', $5, 'milestone')`,
      [DEMO.milestones[1], DEMO.contract, DEMO.organization, DEMO.streets[0], ids.worker],
    );
    const rec = (await record()).records[0];
    expect(rec.releases.at(-1).tag).toEqual(['implementationUpdate']);
    expect(rec.releases.at(-1).contracts[0].implementation.transactions).toHaveLength(2);
    expectValid([...rec.releases, rec.compiledRelease]);

    const stored = await db.query(`SELECT release FROM ocds_releases`);
    expect([...new Set(stored.flatMap((r: Release) => r.release.tag))].sort()).toEqual(PUBLISHED_TAGS);
    expectValid(stored.map((r: Release) => r.release));
  });

  it('asks for the bulk download to be rewritten once releases are published, once per window', async () => {
    const queue = api.app.get<Queue>(getQueueToken('exports'), { strict: false });
    const waiting = (await queue.getJobs(['delayed', 'waiting'])).filter((j) => j.name === 'ocds.bulk_build');
    expect(waiting).toHaveLength(1);
  });

  it('answers 404 for an unknown or malformed ocid', async () => {
    expect((await api.request('GET', `/api/ocds/records/ocds-sanshe-${DEMO.contract}`)).status).toBe(404);
    const bad = await api.request('GET', '/api/ocds/records/not-an-ocid');
    expect(bad.status).toBe(404);
    expect(bad.body.code).toBe('resource.not_found');
  });
});

describe('OCDS bulk download', () => {
  const url = '/api/ocds/bulk/releases.jsonl.gz';
  const get = (headers: Record<string, string> = {}) =>
    fetch(`${api.baseUrl.replace('[::1]', '127.0.0.1')}${url}`, { headers });

  it('answers 503 ocds.bulk_unavailable with Retry-After until the file is first written, to anyone', async () => {
    const res = await get();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('300');
    expect((await res.json()).code).toBe('ocds.bulk_unavailable');
  });

  it('serves the gzip JSON lines file: one valid release package per process, every release once', async () => {
    const written = await api.app.get(OcdsBulkService).build();
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    // The gzip is the file itself, not a transfer coding: clients save the .jsonl.gz as sent.
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-disposition')).toContain('.jsonl.gz');
    expect(res.headers.get('etag')).toBe(`"${written.sha256}"`);
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBe(
      Math.floor(new Date(written.generatedAt).getTime() / 1000) * 1000,
    );
    const gz = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(gz.length);
    const text = gunzipSync(gz).toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(2);
    const validatePackage = ocdsValidator();
    const releases: Release[] = [];
    for (const line of lines) {
      const pkg = JSON.parse(line);
      expect(validatePackage(pkg) ? [] : validatePackage.errors).toEqual([]);
      expect(pkg.publisher.name).toBe('阳光街道办事处（测试）');
      releases.push(...pkg.releases);
    }
    expectValid(releases);
    const stored = await db.query(`SELECT id FROM ocds_releases ORDER BY id`);
    expect(releases.map((r) => r.id).sort()).toEqual(stored.map((r: Release) => r.id));
    expect([...new Set(releases.flatMap((r) => r.tag))].sort()).toEqual(PUBLISHED_TAGS);
    expect(written).toMatchObject({ processes: 2, releases: stored.length, bytes: gz.length });
  });

  it('answers 304 to a client that has the file, by ETag or by date; a new file has a new ETag', async () => {
    const first = await get();
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    await first.arrayBuffer();
    const same = await get({ 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(same.headers.get('etag')).toBe(etag);
    expect((await get({ 'if-modified-since': lastModified })).status).toBe(304);
    expect(
      (await get({ 'if-none-match': '"something-else"', 'if-modified-since': lastModified })).status,
    ).toBe(200);

    await db.query(`UPDATE tenders SET title = '高龄老人居家探访（再更正）' WHERE id = $1`, [ids.tender]);
    const rewritten = await api.app.get(OcdsBulkService).build();
    const res = await get({ 'if-none-match': etag });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${rewritten.sha256}"`);
    const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
    expect(text).toContain('高龄老人居家探访（再更正）');
    // The file it replaced is gone: the current description and one file remain.
    expect(readdirSync(`${STORAGE_DIR}/ocds/bulk`).sort()).toEqual([
      'current',
      rewritten.key.replace('ocds/bulk/', ''),
    ]);
  });

  it('reads the processes for the file a page at a time, none left out or repeated', async () => {
    const ocids = async (pageSize: number) => {
      const out: string[] = [];
      for await (const pkg of api.app.get(OcdsService).processPackages(pageSize))
        out.push(pkg.releases[0].ocid as string);
      return out;
    };
    const all = await ocids(100);
    expect(all).toEqual([`ocds-sanshe-${ids.tender}`, expect.stringMatching(/^ocds-sanshe-/)]);
    expect(await ocids(1)).toEqual(all);
  });
});
