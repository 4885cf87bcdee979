import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import sharp from 'sharp';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO } from '../src/database/seed/demo.js';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../src/common/auth/auth-user.js';
import { DocumentScans } from '../src/modules/documents/document-scans.service.js';
import { DocumentsService, type OwnedSubject } from '../src/modules/documents/documents.service.js';
import { VirusScanner } from '../src/modules/documents/virus-scanner.js';
import { AuditService } from '../src/common/audit/audit.service.js';
import { FileStorage } from '../src/common/storage/file-storage.js';
import { JobQueue } from '../src/jobs/job-queue.js';
import { EICAR } from './support/clamav.js';
import { baseOf, downloadFile, pdf, startDocumentSuite, uploadFile } from './support/documents.js';
import { verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';

const STORAGE_DIR = `/tmp/sanshe-test-documents-${process.pid}`;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let env: Env;
let db: DataSource;
let api: Api;
let scans: DocumentScans;
let stop: () => Promise<void>;
let worker: string;
let orgAdmin: string;
let officer: string;
let otherAdmin: string;
let otherAdminEmail: string;

/** A JPEG whose EXIF carries a GPS position (30°15'N 120°10'E) and a camera make. */
const gpsJpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '30/1 15/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '120/1 10/1 0/1',
      },
    })
    .toBuffer();

/** Does the EXIF (or the whole file) hold the GPSInfo tag 0x8825, in either byte order? */
const hasGpsIfd = (bytes: Buffer) =>
  bytes.includes(Buffer.from([0x88, 0x25, 0x00, 0x04])) ||
  bytes.includes(Buffer.from([0x25, 0x88, 0x04, 0x00]));

const base = () => baseOf(api);
const upload = (token: string | null, query: Record<string, string>, bytes: Buffer, name?: string) =>
  uploadFile(api, token, query, bytes, name);
const download = (id: string, token: string | null, what?: string) => downloadFile(api, id, token, what);

const evidence = (organizationId = DEMO.organization) => ({
  purpose: 'service_record_evidence',
  organizationId,
});

beforeAll(
  async () => {
    ({ env, db, api, scans, stop } = await startDocumentSuite(STORAGE_DIR));
    worker = await tokenFor(api, 'worker@demo.sanshe.cn');
    orgAdmin = await tokenFor(api, 'orgadmin@demo.sanshe.cn');
    officer = await tokenFor(api, 'officer@demo.sanshe.cn');
    const other = await verifiedOrganization(db, '另一家社工机构');
    otherAdminEmail = other.adminEmail;
    otherAdmin = await tokenFor(api, other.adminEmail);
  },
  15 * 60 * 1000,
);

afterAll(() => stop());

describe('the virus scanner', () => {
  it('is the real clamd, with the EICAR test signatures', async () => {
    const scanner = api.app.get(VirusScanner);
    expect(await scanner.version()).toMatch(/^ClamAV \d+\.\d+/);
    // The file itself matches both test signatures: its MD5 (eicar.com) and its body (EICAR.Embedded).
    expect(await scanner.scan(Buffer.from(EICAR))).toEqual({
      infected: true,
      signature: expect.stringMatching(/^(eicar\.com|EICAR\.Embedded)\.UNOFFICIAL$/),
    });
    expect(await scanner.scan(pdf())).toEqual({ infected: false });
  });
});

describe('uploading and scanning', () => {
  it('a clean PDF: quarantined, scanned by its job, then offered inline as application/pdf', async () => {
    const bytes = pdf('服务签到表');
    const up = await upload(worker, evidence(), bytes, '签到表.pdf');
    expect(up.status).toBe(201);
    expect(up.headers.get('location')).toBe(`/api/documents/${up.body.id}`);
    expect(up.body).toMatchObject({
      purpose: 'service_record_evidence',
      status: 'pending_scan',
      contentType: 'application/pdf',
      fileName: '签到表.pdf',
      size: bytes.length,
      ownerOrganizationId: DEMO.organization,
    });
    // Not offered before the verdict; its scan job waits in the documents queue.
    expect((await download(up.body.id, worker)).status).toBe(409);
    const queue = api.app.get<Queue>(getQueueToken('documents'), { strict: false });
    const job = await queue.getJob(`scan-${up.body.id}`);
    expect(job?.name).toBe('documents.scan');
    expect(job?.data).toEqual({ documentId: up.body.id });

    expect(await scans.scan(up.body.id)).toBe('clean');
    const got = await download(up.body.id, orgAdmin);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(/^inline; filename=".*"; filename\*=UTF-8''/);
    expect(got.bytes.equals(bytes)).toBe(true);
    const [row] = await db.query(`SELECT status, scanner, storage_key FROM documents WHERE id = $1`, [
      up.body.id,
    ]);
    expect(row).toMatchObject({ status: 'clean', storage_key: `documents/clean/${up.body.id}` });
    expect(row.scanner).toMatch(/^ClamAV/);
    // Scanning again changes nothing.
    expect(await scans.scan(up.body.id)).toBe('clean');
  });

  it('a PDF carrying EICAR: infected, its bytes deleted, never downloadable, the verdict audited', async () => {
    const up = await upload(
      orgAdmin,
      { purpose: 'milestone_deliverable', organizationId: DEMO.organization },
      pdf(EICAR),
      'report.pdf',
    );
    expect(up.status).toBe(201);
    expect(await scans.scan(up.body.id)).toBe('infected');
    const [row] = await db.query(
      `SELECT status, verdict, storage_key, thumbnail_key FROM documents WHERE id = $1`,
      [up.body.id],
    );
    expect(row).toEqual({
      status: 'infected',
      verdict: 'EICAR.Embedded.UNOFFICIAL',
      storage_key: null,
      thumbnail_key: null,
    });
    const res = await download(up.body.id, orgAdmin);
    expect(res.status).toBe(410);
    expect(JSON.parse(res.bytes.toString()).code).toBe('document.infected');
    const details = await fetch(`${base()}/api/documents/${up.body.id}`, {
      headers: { authorization: `Bearer ${orgAdmin}` },
    });
    expect(await details.json()).toMatchObject({ status: 'infected', verdict: 'EICAR.Embedded.UNOFFICIAL' });
    const audit = await db.query(`SELECT action, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
      up.body.id,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'document.uploaded',
      'document.infected',
    ]);
    expect(audit[1].after).toMatchObject({ verdict: 'EICAR.Embedded.UNOFFICIAL' });
  });

  it('keeps a document in quarantine while no scanner answers: the job fails (to be retried), nothing is offered', async () => {
    const up = await upload(worker, evidence(), pdf('while clamd is away'), 'away.pdf');
    for (const url of ['tcp://127.0.0.1:1', undefined]) {
      const away = new DocumentScans(
        db,
        api.app.get(AuditService),
        api.app.get(FileStorage),
        new VirusScanner({ ...env, CLAMAV_URL: url }),
        api.app.get(JobQueue),
      );
      await expect(away.scan(up.body.id)).rejects.toMatchObject({ code: 'scanner.unavailable' });
    }
    expect((await download(up.body.id, worker)).status).toBe(409);
    const [row] = await db.query(`SELECT status, storage_key FROM documents WHERE id = $1`, [up.body.id]);
    expect(row).toEqual({ status: 'pending_scan', storage_key: `documents/quarantine/${up.body.id}` });
    // Once the scanner is back, the retried job decides.
    expect(await scans.scan(up.body.id)).toBe('clean');
  });

  it('refuses a type the purpose does not take (415), judged by the bytes, not the name', async () => {
    const text = await upload(worker, evidence(), Buffer.from('just some text'), 'photo.jpg');
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('file.unsupported_type');
    const docx = await upload(worker, evidence(), Buffer.from('PK\u0003\u0004 not really'), 'notes.docx');
    expect(docx.status).toBe(415);
    // A photo is no tender document.
    const photo = await upload(
      officer,
      { purpose: 'tender_document', streetId: DEMO.streets[0] },
      await gpsJpeg(),
      'x.pdf',
    );
    expect(photo.status).toBe(415);
    expect(
      await db.query(
        `SELECT count(*)::int AS n FROM documents WHERE file_name IN ('photo.jpg', 'notes.docx', 'x.pdf')`,
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('refuses a file over the purpose’s limit (413) without storing anything', async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(worker, evidence(), big, 'big.pdf');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('file.too_large');
    expect(await db.query(`SELECT count(*)::int AS n FROM documents WHERE file_name = 'big.pdf'`)).toEqual([
      { n: 0 },
    ]);
  });

  it('re-encodes a photo without its EXIF and GPS, and with a thumbnail', async () => {
    const original = await gpsJpeg();
    expect((await sharp(original).metadata()).exif?.includes('TestCam')).toBe(true);
    const up = await upload(worker, evidence(), original, 'visit.jpg');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ contentType: 'image/jpeg', width: 64, height: 48, locationKept: false });
    await scans.scan(up.body.id);
    const got = await download(up.body.id, worker);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toMatch(/^inline/);
    const meta = await sharp(got.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(hasGpsIfd(original)).toBe(true);
    expect(hasGpsIfd(got.bytes)).toBe(false);
    const thumb = await download(up.body.id, worker, 'thumbnail');
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(thumb.bytes).metadata()).format).toBe('webp');
  });

  it('re-encoding drops whatever rides behind a photo’s pixels (here EICAR): the stored photo is clean', async () => {
    const carrier = Buffer.concat([await gpsJpeg(), Buffer.from(EICAR)]);
    const up = await upload(worker, evidence(), carrier, 'carrier.jpg');
    expect(up.status).toBe(201);
    expect(up.body.size).not.toBe(carrier.length);
    expect(await scans.scan(up.body.id)).toBe('clean');
    expect((await download(up.body.id, worker)).bytes.includes(EICAR)).toBe(false);
  });

  it('keeps the EXIF, GPS included, only when the uploader says keepLocation=true', async () => {
    const up = await upload(worker, { ...evidence(), keepLocation: 'true' }, await gpsJpeg(), 'site.jpg');
    expect(up.status).toBe(201);
    expect(up.body.locationKept).toBe(true);
    await scans.scan(up.body.id);
    const got = await download(up.body.id, worker);
    const exif = (await sharp(got.bytes).metadata()).exif;
    expect(exif).toBeDefined();
    // The camera make and the pointer to the GPS IFD (tag 0x8825) survived.
    expect(exif!.includes('TestCam')).toBe(true);
    expect(hasGpsIfd(exif!)).toBe(true);
  });

  it('takes office files for tenders, from the street’s officer, offered as attachments', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    book.addWorksheet('预算').addRow(['项目', '金额']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const up = await upload(
      officer,
      { purpose: 'tender_document', streetId: DEMO.streets[0] },
      xlsx,
      '预算表.xlsx',
    );
    expect(up.status).toBe(201);
    expect(up.body.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(up.body.ownerRegionId).toBe(DEMO.streets[0]);
    await scans.scan(up.body.id);
    const got = await download(up.body.id, officer);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(DOCX).not.toBe(up.body.contentType);
  });
});

describe('who may upload and download', () => {
  let clean: string;

  beforeAll(async () => {
    const up = await upload(worker, evidence(), pdf('scope'), 'scope.pdf');
    clean = up.body.id;
    await scans.scan(clean);
  });

  it('anonymous callers get 401 for uploads and downloads', async () => {
    expect((await upload(null, evidence(), pdf(), 'a.pdf')).status).toBe(401);
    const res = await download(clean, null);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('another organization neither uploads for this one (403) nor sees its documents (404)', async () => {
    const up = await upload(
      otherAdmin,
      { purpose: 'bid_document', organizationId: DEMO.organization },
      pdf(),
      'a.pdf',
    );
    expect(up.status).toBe(403);
    expect(up.body.code).toBe('auth.out_of_scope');
    expect((await download(clean, otherAdmin)).status).toBe(404);
    const details = await fetch(`${base()}/api/documents/${clean}`, {
      headers: { authorization: `Bearer ${otherAdmin}` },
    });
    expect(details.status).toBe(404);
  });

  it('roles are per purpose: a social worker uploads evidence but not bid documents; a street officer sees no organization’s files', async () => {
    expect(
      (await upload(worker, { purpose: 'bid_document', organizationId: DEMO.organization }, pdf(), 'b.pdf'))
        .status,
    ).toBe(403);
    expect((await download(clean, officer)).status).toBe(404);
    // The owner is named as the purpose wants it.
    const wrongOwner = await upload(
      orgAdmin,
      { purpose: 'service_record_evidence', streetId: DEMO.streets[0] },
      pdf(),
      'c.pdf',
    );
    expect(wrongOwner.status).toBe(400);
  });
});

describe('attaching to what they support', () => {
  const caller = { id: '', email: 'orgadmin@demo.sanshe.cn', sessionId: '', memberships: [] } as AuthUser;
  let service: DocumentsService;
  let clean: string;
  const record: OwnedSubject = {
    type: 'service_record',
    id: randomUUID(),
    organizationId: DEMO.organization,
  };
  const attach = (ids: string[], subject: OwnedSubject) =>
    db.transaction((m) => service.attach(m, caller, ids, subject));
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: { code?: string }) => e.code,
    );

  beforeAll(async () => {
    service = api.app.get(DocumentsService);
    [{ id: caller.id }] = await db.query(`SELECT id FROM users WHERE email = 'orgadmin@demo.sanshe.cn'`);
    clean = (await upload(worker, evidence(), pdf('attach'), 'attach.pdf')).body.id;
    await scans.scan(clean);
  });

  it('links a clean document of the subject’s purpose and owner, once, audited', async () => {
    await attach([clean], record);
    await attach([clean, clean], record);
    expect((await service.listFor(db, record)).map((d) => d.id)).toEqual([clean]);
    const audit = await db.query(`SELECT action, after FROM audit_log WHERE entity_id = $1`, [record.id]);
    expect(audit).toEqual([{ action: 'document.attached', after: { documentIds: [clean] } }]);
  });

  it('refuses another purpose, another owner, a document in quarantine and an infected one', async () => {
    expect(
      await failure(
        attach([clean], { type: 'milestone', id: randomUUID(), organizationId: DEMO.organization }),
      ),
    ).toBe('document.wrong_purpose');
    const [{ id: otherOrg }] = await db.query(
      `SELECT organization_id AS id FROM role_memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1`,
      [otherAdminEmail],
    );
    expect(await failure(attach([clean], { ...record, id: randomUUID(), organizationId: otherOrg }))).toBe(
      'document.wrong_purpose',
    );
    const pending = (await upload(worker, evidence(), pdf('pending'), 'pending.pdf')).body.id;
    expect(await failure(attach([pending], record))).toBe('document.not_scanned');
    const infected = (await upload(worker, evidence(), pdf(EICAR), 'bad.pdf')).body.id;
    await scans.scan(infected);
    expect(await failure(attach([infected], record))).toBe('document.infected');
    expect(await failure(attach([randomUUID()], record))).toBe('resource.not_found');
    // Nothing of a refused attachment was written.
    expect((await service.listFor(db, record)).map((d) => d.id)).toEqual([clean]);
  });

  it('opens a linked document to the readers its subject’s module names, and only through that subject', async () => {
    // The disbursements module names a milestone's readers (the signers of its payment; opened in
    // milestone-deliverables.e2e-spec.ts): a milestone that does not exist opens nothing to anyone.
    const deliverable = (
      await upload(
        orgAdmin,
        { purpose: 'milestone_deliverable', organizationId: DEMO.organization },
        pdf('deliverable'),
        'd.pdf',
      )
    ).body.id;
    await scans.scan(deliverable);
    const milestone: OwnedSubject = {
      type: 'milestone',
      id: randomUUID(),
      organizationId: DEMO.organization,
    };
    await attach([deliverable], milestone);
    expect((await download(deliverable, orgAdmin)).status).toBe(200);
    expect((await download(deliverable, otherAdmin)).status).toBe(404);
    expect((await download(deliverable, officer)).status).toBe(404);
    const unlinked = (await upload(worker, evidence(), pdf('unlinked'), 'unlinked.pdf')).body.id;
    await scans.scan(unlinked);
    expect((await download(unlinked, otherAdmin)).status).toBe(404);
  });
});
