import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO } from '../src/database/seed/demo.js';
import { receiptDocument, receiptHash } from '../src/modules/bids/bids.service.js';
import { DocumentScans } from '../src/modules/documents/document-scans.service.js';
import { DocumentSeals } from '../src/modules/documents/document-seals.service.js';
import { TendersService } from '../src/modules/tenders/tenders.service.js';
import { FileStorage } from '../src/common/storage/file-storage.js';
import { EICAR } from './support/clamav.js';
import { downloadFile, pdf, startDocumentSuite, uploadFile } from './support/documents.js';
import { verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import { bidInput, passDeadline, tenderInput } from './support/procurement.js';

const STORAGE_DIR = `/tmp/sanshe-test-sealed-bids-${process.pid}`;

let env: Env;
let db: DataSource;
let api: Api;
let scans: DocumentScans;
let stop: () => Promise<void>;
let officer: string;
let admin: string;
const orgs: { id: string; token: string; memberId: string }[] = [];

/** Uploads a file for a purpose and lets the scanner decide; returns its id. */
async function uploaded(token: string, query: Record<string, string>, bytes: Buffer, name: string) {
  const up = await uploadFile(api, token, query, bytes, name);
  expect(up.status).toBe(201);
  await scans.scan(up.body.id);
  return up.body.id as string;
}

const tenderFile = (bytes: Buffer, name: string) =>
  uploaded(officer, { purpose: 'tender_document', streetId: DEMO.streets[0] }, bytes, name);
const bidFile = (org: { id: string; token: string }, bytes: Buffer, name: string) =>
  uploaded(org.token, { purpose: 'bid_document', organizationId: org.id }, bytes, name);

async function draftTender(): Promise<string> {
  const created = await api.request('POST', '/api/tenders', { token: officer, body: tenderInput() });
  expect(created.status).toBe(201);
  return created.body.id;
}

const publish = async (id: string) =>
  expect((await api.request('POST', `/api/tenders/${id}/publish`, { token: officer })).status).toBe(200);

beforeAll(
  async () => {
    ({ env, db, api, scans, stop } = await startDocumentSuite(STORAGE_DIR));
    officer = await tokenFor(api, 'officer@demo.sanshe.cn');
    admin = await tokenFor(api, 'admin@demo.sanshe.cn');
    for (const name of ['甲社工事务所', '乙养老服务社']) {
      const org = await verifiedOrganization(db, name);
      orgs.push({ id: org.id, memberId: org.memberId, token: await tokenFor(api, org.adminEmail) });
    }
  },
  15 * 60 * 1000,
);

afterAll(() => stop());

describe('tender documents', () => {
  it('are attached by the street officer to a draft, seen by the street office only until published, then by anyone', async () => {
    const tenderId = await draftTender();
    const terms = pdf('采购需求书');
    const fileId = await tenderFile(terms, '采购需求书.pdf');
    // An organization neither attaches to a tender nor sees a draft's documents.
    const foreign = await api.request('POST', `/api/tenders/${tenderId}/documents`, {
      token: orgs[0].token,
      body: { documentIds: [fileId] },
    });
    expect(foreign.status).toBe(403);
    const attached = await api.request('POST', `/api/tenders/${tenderId}/documents`, {
      token: officer,
      body: { documentIds: [fileId] },
    });
    expect(attached.status).toBe(200);
    expect(attached.body.documents).toEqual([
      expect.objectContaining({
        id: fileId,
        fileName: '采购需求书.pdf',
        contentType: 'application/pdf',
        sealed: false,
      }),
    ]);
    expect((await downloadFile(api, fileId, orgs[0].token)).status).toBe(404);
    expect((await downloadFile(api, fileId, officer)).status).toBe(200);

    await publish(tenderId);
    const read = await downloadFile(api, fileId, orgs[0].token);
    expect(read.status).toBe(200);
    expect(read.bytes.equals(terms)).toBe(true);
    const tender = await api.request('GET', `/api/tenders/${tenderId}`, { token: orgs[1].token });
    expect(tender.body.documents.map((d: { id: string }) => d.id)).toEqual([fileId]);
  });

  it('refuses an infected file, a bid document, and a tender past bidding', async () => {
    const tenderId = await draftTender();
    const up = await uploadFile(
      api,
      officer,
      { purpose: 'tender_document', streetId: DEMO.streets[0] },
      pdf(EICAR),
      'bad.pdf',
    );
    await scans.scan(up.body.id);
    const infected = await api.request('POST', `/api/tenders/${tenderId}/documents`, {
      token: officer,
      body: { documentIds: [up.body.id] },
    });
    expect([infected.status, infected.body.code]).toEqual([410, 'document.infected']);
    const bidDoc = await bidFile(orgs[0], pdf('not a tender document'), 'bid.pdf');
    const wrong = await api.request('POST', `/api/tenders/${tenderId}/documents`, {
      token: officer,
      body: { documentIds: [bidDoc] },
    });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'document.wrong_purpose']);
    await api.request('POST', `/api/tenders/${tenderId}/cancel`, {
      token: officer,
      body: { reason: '需求变更，取消采购' },
    });
    const late = await api.request('POST', `/api/tenders/${tenderId}/documents`, {
      token: officer,
      body: { documentIds: [await tenderFile(pdf('late'), 'late.pdf')] },
    });
    expect(late.status).toBe(409);
  });
});

describe('sealed bid documents', () => {
  let tenderId: string;
  let bidId: string;
  let fileId: string;
  let receipt: { hash: string; document: string };
  const proposal = pdf('技术方案：每周两次上门探访');

  beforeAll(async () => {
    tenderId = await draftTender();
    await publish(tenderId);
    // A second bid, so that the tender goes on to evaluation when bidding closes.
    const second = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: orgs[1].token,
      body: bidInput(orgs[1], 46_000_000),
    });
    expect(second.status).toBe(201);
  });

  it('a tender gets its key pair at publication, its private key wrapped for the workers only', async () => {
    const [seal] = await db.query(
      `SELECT s.public_key, s.wrapped_private_key, s.private_key, s.opened_at FROM tenders t JOIN document_seals s ON s.id = t.seal_id WHERE t.id = $1`,
      [tenderId],
    );
    expect(seal).toMatchObject({ private_key: null, opened_at: null });
    expect(seal.public_key).toMatch(/^MCowBQYDK2VuAyEA/);
    expect(seal.wrapped_private_key.length).toBeGreaterThan(100);
  });

  it('a bid’s files are encrypted at rest, and its receipt covers their SHA-256', async () => {
    fileId = await bidFile(orgs[0], proposal, '技术方案.pdf');
    const res = await api.request('POST', `/api/tenders/${tenderId}/bids`, {
      token: orgs[0].token,
      body: { ...bidInput(orgs[0], 45_000_000), documentIds: [fileId] },
    });
    expect(res.status).toBe(201);
    bidId = res.body.bid.id;
    receipt = res.body.receipt;
    const sha256 = createHash('sha256').update(proposal).digest('hex');
    expect(JSON.parse(receipt.document).files).toEqual([{ fileName: '技术方案.pdf', sha256 }]);
    expect(receipt.hash).toBe(receiptHash(receipt.document));
    expect(res.body.bid.documents).toEqual([
      { id: fileId, fileName: '技术方案.pdf', contentType: 'application/pdf', size: proposal.length, sha256 },
    ]);
    // The same bid without the file would have had another receipt.
    const withoutFile = { ...JSON.parse(receipt.document), files: undefined };
    expect(
      receiptHash(receiptDocument({ ...withoutFile, submittedAt: new Date(withoutFile.submittedAt) })),
    ).not.toBe(receipt.hash);
    // Stored: only the ciphertext, under the sealed key; the plain copy is gone.
    const [row] = await db.query(`SELECT storage_key, seal_id, sealed_key FROM documents WHERE id = $1`, [
      fileId,
    ]);
    expect(row.storage_key).toBe(`documents/sealed/${fileId}`);
    expect(row.seal_id).not.toBeNull();
    const stored = readFileSync(join(STORAGE_DIR, row.storage_key));
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.includes(proposal.subarray(20, 60))).toBe(false);
    expect(existsSync(join(STORAGE_DIR, `documents/clean/${fileId}`))).toBe(false);
    const check = await api.request('POST', `/api/bids/${bidId}/receipt/verify`, {
      token: orgs[0].token,
      body: { hash: receipt.hash },
    });
    expect(check.body.valid).toBe(true);
  });

  it('before the deadline nobody reads the file’s bytes: not the bidder, not a platform admin (409), not the officer (404)', async () => {
    for (const token of [orgs[0].token, admin]) {
      const got = await downloadFile(api, fileId, token);
      expect(got.status).toBe(409);
      expect(JSON.parse(got.bytes.toString()).code).toBe('document.sealed');
    }
    expect((await downloadFile(api, fileId, officer)).status).toBe(404);
    expect((await downloadFile(api, fileId, orgs[1].token)).status).toBe(404);
    const details = await api.request('GET', `/api/documents/${fileId}`, { token: orgs[0].token });
    expect(details.body).toMatchObject({ sealed: true, hasThumbnail: false });
    // The API's process cannot open the seal: it has no BID_SEAL_SECRET.
    const apiSeals = new DocumentSeals({ ...env, NODE_ENV: 'production' } as Env, api.app.get(FileStorage));
    const [{ seal_id }] = await db.query(`SELECT seal_id FROM tenders WHERE id = $1`, [tenderId]);
    await expect(db.transaction((m) => apiSeals.open(m, seal_id))).rejects.toThrow(/BID_SEAL_SECRET/);
  });

  it('a file changed behind the receipt no longer verifies', async () => {
    await db.query(`UPDATE documents SET sha256 = repeat('0', 64) WHERE id = $1`, [fileId]);
    const check = await api.request('POST', `/api/bids/${bidId}/receipt/verify`, {
      token: orgs[0].token,
      body: { hash: receipt.hash },
    });
    expect(check.body.valid).toBe(false);
    await db.query(`UPDATE documents SET sha256 = $2 WHERE id = $1`, [
      fileId,
      createHash('sha256').update(proposal).digest('hex'),
    ]);
  });

  it('the deadline job (the workers) opens the seal: the officers read the files, decrypted', async () => {
    await passDeadline(db, tenderId);
    await api.app.get(TendersService).closeBidding(tenderId);
    const [seal] = await db.query(
      `SELECT s.private_key, s.opened_at FROM tenders t JOIN document_seals s ON s.id = t.seal_id WHERE t.id = $1`,
      [tenderId],
    );
    expect(seal.private_key).toMatch(/^MC4CAQAwBQYDK2VuBCIEI/);
    for (const token of [officer, orgs[0].token, admin]) {
      const got = await downloadFile(api, fileId, token);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(proposal)).toBe(true);
    }
    expect((await downloadFile(api, fileId, orgs[1].token)).status).toBe(404);
  });

  it('the evaluation panel reads them once its member has declared no conflict of interest', async () => {
    const evaluator = await tokenFor(api, 'evaluator@demo.sanshe.cn');
    expect((await downloadFile(api, fileId, evaluator)).status).toBe(404); // not on the panel
    // Seated on the panel (the draw itself has its own suite), not yet declared: still nothing.
    await db.query(
      `INSERT INTO tender_evaluators (tender_id, user_id, assigned_by)
       SELECT $1, e.id, o.id FROM users e, users o WHERE e.email = $2 AND o.email = $3`,
      [tenderId, 'evaluator@demo.sanshe.cn', 'officer@demo.sanshe.cn'],
    );
    expect((await downloadFile(api, fileId, evaluator)).status).toBe(404);
    const declared = await api.request('POST', `/api/tenders/${tenderId}/panel/declaration`, {
      token: evaluator,
    });
    expect(declared.status).toBe(200);
    const got = await downloadFile(api, fileId, evaluator);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(proposal)).toBe(true);
  });
});
