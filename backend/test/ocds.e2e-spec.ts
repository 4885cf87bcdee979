import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo, seedDemoContract } from '../src/database/seed/demo.js';
import { Api } from './support/http.js';
import { codelist, ocdsReleaseValidator, ocdsValidator } from './support/ocds.js';
import { payFirstMilestone, tenderedDemoContract } from './support/public-record.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let ids: Awaited<ReturnType<typeof tenderedDemoContract>>;
let ocid: string;

type Release = Record<string, any>;

beforeAll(async () => {
  process.env.OCDS_PUBLISHER_NAME = '阳光街道办事处（测试）';
  process.env.OCDS_PUBLISHER_URI = 'https://sanshe.example.cn';
  process.env.OCDS_LICENSE = 'https://opendatacommons.org/licenses/pddl/1-0/';
  env = useTestEnv();
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
});

const record = async () => {
  const res = await api.request('GET', `/api/ocds/records/${ocid}`);
  expect(res.status).toBe(200);
  return res.body;
};

/** Every release (and the compiled one) valid against the schema, with every coded field in its code list. */
function expectValid(releases: Release[]) {
  const validate = ocdsReleaseValidator();
  for (const r of releases) {
    expect([r.id, validate(r) ? [] : validate.errors]).toEqual([r.id, []]);
    for (const tag of r.tag) expect(codelist('releaseTag')).toContain(tag);
    expect(codelist('initiationType')).toContain(r.initiationType);
    for (const p of r.parties) for (const role of p.roles) expect(codelist('partyRole')).toContain(role);
    expect(codelist('method')).toContain(r.tender.procurementMethod);
    expect(codelist('tenderStatus')).toContain(r.tender.status);
    expect(codelist('procurementCategory')).toContain(r.tender.mainProcurementCategory);
    expect(codelist('currency')).toContain(r.tender.value.currency);
    for (const a of r.awards ?? []) expect(codelist('awardStatus')).toContain(a.status);
    for (const c of r.contracts ?? []) {
      expect(codelist('contractStatus')).toContain(c.status);
      for (const m of [...(c.milestones ?? []), ...(c.implementation?.milestones ?? [])]) {
        expect(codelist('milestoneStatus')).toContain(m.status);
        expect(codelist('milestoneType')).toContain(m.type);
      }
    }
  }
}

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

  it('answers 404 for an unknown or malformed ocid', async () => {
    expect((await api.request('GET', `/api/ocds/records/ocds-sanshe-${DEMO.contract}`)).status).toBe(404);
    const bad = await api.request('GET', '/api/ocds/records/not-an-ocid');
    expect(bad.status).toBe(404);
    expect(bad.body.code).toBe('resource.not_found');
  });
});
