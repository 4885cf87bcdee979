import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO } from '../src/database/seed/demo.js';
import type { DocumentScans } from '../src/modules/documents/document-scans.service.js';
import { EICAR } from './support/clamav.js';
import { downloadFile, pdf, startDocumentSuite, uploadFile } from './support/documents.js';
import { userWithRoles } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import { ACCEPTANCE_RATING, contractOf, testOrganization, type TestOrg } from './support/payments.js';

// Evidence behind the acceptance (验收): a milestone whose rule asks for deliverable files is requested
// with them attached and accepted only once enough of them are checked clean by the real clamd.

const STORAGE_DIR = `/tmp/sanshe-test-deliverables-${process.pid}`;

let env: Env;
let db: DataSource;
let api: Api;
let scans: DocumentScans;
let stop: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;
let milestoneId: string;
const t: Record<string, string> = {};

const deliverable = (token: string, organizationId: string, bytes: Buffer, name: string) =>
  uploadFile(api, token, { purpose: 'milestone_deliverable', organizationId }, bytes, name);

const request = (documentIds?: string[]) =>
  api.request('POST', '/api/disbursements', {
    token: org.token,
    body: { milestoneId, method: 'treasury', deliverables: '中期服务报告、服务对象签收表', documentIds },
  });

const accept = (id: string, token: string) =>
  api.request('POST', `/api/disbursements/${id}/accept`, { token, body: ACCEPTANCE_RATING });

beforeAll(
  async () => {
    ({ env, db, api, scans, stop } = await startDocumentSuite(STORAGE_DIR));
    void env;
    t.staff = await tokenFor(api, 'staff@demo.sanshe.cn');
    t.finance = await tokenFor(api, 'finance@demo.sanshe.cn');
    await userWithRoles(db, 'staff-far@example.cn', [['community_staff', { regionId: DEMO.communities[4] }]]);
    t.far = await tokenFor(api, 'staff-far@example.cn');
    const budget = await api.request('POST', `/api/streets/${DEMO.streets[0]}/budget/allocations`, {
      token: t.finance,
      body: { year: 2026, amountFen: 50_000_000, reference: 'B-DELIVERABLES' },
    });
    expect(budget.status).toBe(201);
    org = await testOrganization(db, api, '成果材料测试机构');
    other = await testOrganization(db, api, '另一家测试机构');
    ({ milestoneId } = await contractOf(db, api, org, 2_000_000));
    // The rule asks for two deliverable files (a tender's milestone plan sets this: minDeliverables).
    await db.query(`UPDATE milestones SET min_deliverables = 2 WHERE id = $1`, [milestoneId]);
  },
  15 * 60 * 1000,
);

afterAll(() => stop());

describe('deliverables of a milestone payment', () => {
  let clean: string;
  let pending: string;
  let disbursementId: string;

  it('are required by the request as many as the rule asks, of the right purpose and owner, never infected', async () => {
    const none = await request();
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({
      code: 'disbursement.deliverables_missing',
      details: { required: 2, clean: 0, pending: 0, infected: 0 },
    });

    const report = await deliverable(org.token, org.id, pdf('中期服务报告'), '中期服务报告.pdf');
    expect(report.status).toBe(201);
    clean = report.body.id;
    expect(await scans.scan(clean)).toBe('clean');

    // Another organization's deliverable, or this organization's file of another purpose, is refused.
    const foreign = await deliverable(other.token, other.id, pdf('别人的报告'), '别人的报告.pdf');
    const evidence = await uploadFile(
      api,
      org.token,
      { purpose: 'service_record_evidence', organizationId: org.id },
      pdf('签到表'),
      '签到表.pdf',
    );
    for (const wrong of [foreign.body.id, evidence.body.id]) {
      const refused = await request([clean, wrong]);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('document.wrong_purpose');
    }

    const infected = await deliverable(org.token, org.id, pdf(EICAR), '带毒.pdf');
    expect(await scans.scan(infected.body.id)).toBe('infected');
    const withVirus = await request([clean, infected.body.id]);
    expect(withVirus.status).toBe(410);
    expect(withVirus.body.code).toBe('document.infected');

    // One clean file is not two; nothing of the refused requests was kept.
    const short = await request([clean]);
    expect(short.status).toBe(422);
    expect(short.body.details).toMatchObject({ required: 2, clean: 1, pending: 0 });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM disbursements WHERE milestone_id = $1`, [
      milestoneId,
    ]);
    expect(n).toBe(0);
  });

  it('may go with a file still in quarantine; the signers see the files with their scan status', async () => {
    const sheet = await deliverable(org.token, org.id, pdf('服务对象签收表'), '签收表.pdf');
    pending = sheet.body.id;
    const res = await request([clean, pending]);
    expect(res.status).toBe(201);
    disbursementId = res.body.id;
    expect(res.body).toMatchObject({
      minDeliverables: 2,
      contractRemainingFen: 2_000_000,
    });
    // Files attached together come in a stable order (by id); each carries its scan status.
    expect(res.body.deliverableFiles).toHaveLength(2);
    expect(res.body.deliverableFiles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: clean,
          fileName: '中期服务报告.pdf',
          status: 'clean',
          purpose: 'milestone_deliverable',
        }),
        expect.objectContaining({ id: pending, fileName: '签收表.pdf', status: 'pending_scan' }),
      ]),
    );
    expect(res.body.contractProjectId).toEqual(expect.any(String));

    const inbox = await api.request('GET', '/api/disbursements/inbox', { token: t.staff });
    const item = inbox.body.items.find((d: { id: string }) => d.id === disbursementId);
    expect(item.deliverableFiles.map((f: { id: string }) => f.id).sort()).toEqual([clean, pending].sort());
  });

  it('are read by the signers of the payment, and by nobody else', async () => {
    for (const token of [t.staff, t.finance, org.token])
      expect((await downloadFile(api, clean, token)).status).toBe(200);
    for (const token of [t.far, other.token])
      expect((await downloadFile(api, clean, token)).status).toBe(404);
  });

  it('hold the acceptance until enough are clean; staff of another community are refused first', async () => {
    const far = await accept(disbursementId, t.far);
    expect(far.status).toBe(403);

    const early = await accept(disbursementId, t.staff);
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      code: 'disbursement.deliverables_missing',
      details: { required: 2, clean: 1, pending: 1, infected: 0 },
    });
    expect(early.body.message).toContain('still being checked');
    // Refused in its transaction: neither the signature nor the rating was kept.
    const [row] = await db.query(`SELECT status, accepted_by FROM disbursements WHERE id = $1`, [
      disbursementId,
    ]);
    expect(row).toEqual({ status: 'requested', accepted_by: null });
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM acceptance_ratings WHERE milestone_id = $1`,
      [milestoneId],
    );
    expect(n).toBe(0);

    expect(await scans.scan(pending)).toBe('clean');
    const accepted = await accept(disbursementId, t.staff);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.deliverableFiles.map((f: { status: string }) => f.status)).toEqual([
      'clean',
      'clean',
    ]);
  });
});
