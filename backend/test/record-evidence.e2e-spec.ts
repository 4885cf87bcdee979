import type { DataSource } from 'typeorm';
import { DEMO } from '../src/database/seed/demo.js';
import { DocumentScans } from '../src/modules/documents/document-scans.service.js';
import { EICAR } from './support/clamav.js';
import { deliveryProject, visit } from './support/delivery.js';
import { downloadFile, pdf, photo, startDocumentSuite, uploadFile } from './support/documents.js';
import { verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';

const STORAGE_DIR = `/tmp/sanshe-test-record-evidence-${process.pid}`;

let db: DataSource;
let api: Api;
let scans: DocumentScans;
let stop: () => Promise<void>;
let projectId: string;
let residentId: string;
const tokens: Record<string, string> = {};

/** Uploads evidence of the demo organization (as the lead unless told) and lets the scanner decide. */
async function evidence(bytes: Buffer, name: string, scan = true, token = tokens.lead): Promise<string> {
  const up = await uploadFile(
    api,
    token,
    { purpose: 'service_record_evidence', organizationId: DEMO.organization },
    bytes,
    name,
  );
  expect(up.status).toBe(201);
  if (scan) await scans.scan(up.body.id);
  return up.body.id;
}

const log = (documentIds: string[], token = tokens.lead) =>
  api.request('POST', `/api/projects/${projectId}/records`, {
    token,
    body: { ...visit([residentId]), documentIds },
  });

const recordCount = async () =>
  (await db.query(`SELECT count(*)::int AS n FROM service_records WHERE project_id = $1`, [projectId]))[0].n;

beforeAll(
  async () => {
    ({ db, api, scans, stop } = await startDocumentSuite(STORAGE_DIR));
    const cast = await deliveryProject(db, api.app);
    projectId = cast.projectId;
    residentId = cast.resident.id;
    const other = await verifiedOrganization(db, '另一家社工机构');
    for (const [who, email] of Object.entries({
      lead: 'worker@demo.sanshe.cn',
      colleague: 'colleague@example.cn',
      orgAdmin: 'orgadmin@demo.sanshe.cn',
      officer: 'officer@demo.sanshe.cn',
      resident: 'resident@demo.sanshe.cn',
      neighbour: 'neighbour@example.cn',
      otherAdmin: other.adminEmail,
    }))
      tokens[who] = await tokenFor(api, email);
  },
  15 * 60 * 1000,
);

afterAll(() => stop());

describe('evidence of a service record', () => {
  let recordId: string;
  let photoId: string;
  let sheetId: string;

  it('is attached when the record is logged, and listed on it with its counts', async () => {
    photoId = await evidence(await photo(), '探访.jpg');
    sheetId = await evidence(pdf('签到表'), '签到表.pdf');
    const res = await log([photoId, sheetId]);
    expect(res.status).toBe(201);
    recordId = res.body.id;
    expect(res.body).toMatchObject({ documentCount: 2, photoCount: 1 });
    // Attached together, they are listed by id.
    expect(res.body.documents).toEqual(
      [
        {
          id: photoId,
          fileName: '探访.jpg',
          contentType: 'image/jpeg',
          size: expect.any(Number),
          hasThumbnail: true,
        },
        {
          id: sheetId,
          fileName: '签到表.pdf',
          contentType: 'application/pdf',
          size: pdf('签到表').length,
          hasThumbnail: false,
        },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    // The same in the project's list, and nothing for a record without evidence.
    const page = await api.request('GET', `/api/projects/${projectId}/records`, { token: tokens.orgAdmin });
    expect(page.body.items.find((r: { id: string }) => r.id === recordId).documentCount).toBe(2);
    const bare = await log([]);
    expect(bare.body).toMatchObject({ documents: [], documentCount: 0, photoCount: 0 });
    const audit = await db.query(`SELECT action, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
      recordId,
    ]);
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual([
      'document.attached',
      'service_record.logged',
    ]);
  });

  it('is read by whoever sees the record: the organization, the lead, the street office, listed residents', async () => {
    for (const who of ['lead', 'orgAdmin', 'officer', 'resident']) {
      const got = await downloadFile(api, sheetId, tokens[who]);
      expect([who, got.status]).toEqual([who, 200]);
      expect(got.bytes.equals(pdf('签到表'))).toBe(true);
    }
    expect((await downloadFile(api, photoId, tokens.officer, 'thumbnail')).status).toBe(200);
  });

  it('is not read by a resident not listed or another organization', async () => {
    for (const who of ['neighbour', 'otherAdmin']) {
      const got = await downloadFile(api, sheetId, tokens[who]);
      expect([who, got.status]).toEqual([who, 404]);
      const details = await api.request('GET', `/api/documents/${photoId}`, { token: tokens[who] });
      expect([who, details.status]).toEqual([who, 404]);
    }
  });

  it('refuses another organization’s document, one still in quarantine and an infected one; no record is stored', async () => {
    const before = await recordCount();
    const foreign = await uploadFile(
      api,
      tokens.otherAdmin,
      { purpose: 'service_record_evidence', organizationId: await otherOrganization() },
      pdf('foreign'),
      'foreign.pdf',
    );
    expect(foreign.status).toBe(201);
    await scans.scan(foreign.body.id);
    const wrong = await log([foreign.body.id]);
    expect([wrong.status, wrong.body.code]).toEqual([422, 'document.wrong_purpose']);

    const pending = await log([await evidence(pdf('pending'), 'pending.pdf', false)]);
    expect([pending.status, pending.body.code]).toEqual([409, 'document.not_scanned']);

    const infected = await log([await evidence(pdf(EICAR), 'bad.pdf')]);
    expect([infected.status, infected.body.code]).toEqual([410, 'document.infected']);

    const missing = await log(['00000000-0000-4000-8000-00000000dead']);
    expect(missing.status).toBe(404);
    expect(await recordCount()).toBe(before);
  });

  it('a correction carries the evidence it is given', async () => {
    expect(
      (await api.request('POST', `/api/records/${recordId}/approve`, { token: tokens.lead })).status,
    ).toBe(200);
    const fresh = await evidence(await photo(90), '更正.jpg');
    const corrected = await api.request('POST', `/api/records/${recordId}/correction`, {
      token: tokens.lead,
      body: { ...visit([residentId]), documentIds: [fresh], reason: '服务时长填错了' },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.documents.map((d: { id: string }) => d.id)).toEqual([fresh]);
  });
});

async function otherOrganization(): Promise<string> {
  const [{ id }] = await db.query(
    `SELECT organization_id AS id FROM role_memberships WHERE role = 'org_admin' AND organization_id <> $1 LIMIT 1`,
    [DEMO.organization],
  );
  return id;
}
