import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { validCreditCode } from './support/credit-codes.js';
import { registration } from './support/registry.js';
import { Api, newUser, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let officer: string; // street officer of street 0
let otherOfficer: string; // street officer of street 1
let finance: string;
let founder: string; // registers the organization under test
let stranger: string; // admin of another organization
let orgId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function upload(token: string, id: string, fileName: string, data: Buffer, type = 'application/pdf') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), fileName);
  const res = await fetch(`${api.baseUrl}/api/organizations/${id}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

const auditActions = async (entityId: string): Promise<string[]> =>
  (await db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [entityId])).map(
    (r: { action: string }) => r.action,
  );

beforeAll(async () => {
  env = useTestEnv({ STORAGE_DIR: `/tmp/sanshe-test-${process.pid}` });
  db = await migratedDataSource(env);
  await seedDemo(db);
  // A second street office with its own officer, to try crossing street boundaries.
  await db.query(
    `INSERT INTO users (email, display_name, password_hash) SELECT 'officer2@demo.sanshe.cn', '和平街道科长', password_hash FROM users WHERE email = 'officer@demo.sanshe.cn'`,
  );
  await db.query(
    `INSERT INTO role_memberships (user_id, role, region_id) SELECT id, 'street_officer', $1 FROM users WHERE email = 'officer2@demo.sanshe.cn'`,
    [DEMO.streets[1]],
  );
  api = await Api.start();
  officer = await tokenFor(api, 'officer@demo.sanshe.cn');
  otherOfficer = await tokenFor(api, 'officer2@demo.sanshe.cn');
  finance = await tokenFor(api, 'finance@demo.sanshe.cn');
  stranger = await tokenFor(api, 'orgadmin@demo.sanshe.cn');
  founder = await newUser(api, 'founder@example.cn');
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('registration', () => {
  it('registers a pending organization and makes the registrant its admin', async () => {
    const res = await api.request('POST', '/api/organizations', { token: founder, body: registration() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      filedOnly: false,
      homeStreetName: '阳光街道',
      categoryCodes: ['elderly.home_care'],
    });
    orgId = res.body.id;
    const me = await api.request('GET', '/api/me', { token: founder });
    expect(me.body.memberships).toContainEqual(
      expect.objectContaining({ role: 'org_admin', organizationId: orgId }),
    );
    expect(await auditActions(orgId)).toEqual(['organization.registered']);
  });

  it.each([
    ['a mistyped check character', { creditCode: '91350100M000100Y44' }, 'creditCode'],
    ['a letter outside the alphabet', { creditCode: '91350100I000100Y43' }, 'creditCode'],
    ['17 characters', { creditCode: '91350100M000100Y4' }, 'creditCode'],
    ['no code while not filed-only', { creditCode: undefined }, 'creditCode'],
    ['a code while filed-only', { filedOnly: true }, 'creditCode'],
    ['a community as home street', { homeStreetId: DEMO.communities[0] }, 'homeStreetId'],
    ['an unknown category', { categoryCodes: ['space_travel'] }, 'categoryCodes'],
    ['a status of its own choosing', { status: 'verified' }, 'status'],
  ])('refuses %s with a 400 and writes nothing', async (_, overrides, field) => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM organizations`))[0].n;
    const res = await api.request('POST', '/api/organizations', {
      token: founder,
      body: registration(overrides),
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(JSON.stringify(res.body)).toContain(field);
    expect((await db.query(`SELECT count(*)::int AS n FROM organizations`))[0].n).toBe(before);
  });

  it('registers a filed-only (备案) community group without a code', async () => {
    const res = await api.request('POST', '/api/organizations', {
      token: await newUser(api, 'group@example.cn'),
      body: registration({ name: '翠园楼道互助小组', filedOnly: true, creditCode: undefined }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ filedOnly: true, creditCode: null });
  });

  it('lets exactly one of several concurrent registrations with the same credit code through', async () => {
    const creditCode = validCreditCode();
    const tokens = await Promise.all([1, 2, 3, 4, 5].map((i) => newUser(api, `racer${i}@example.cn`)));
    const results = await Promise.all(
      tokens.map((token, i) =>
        api.request('POST', '/api/organizations', {
          token,
          body: registration({ name: `竞速${i}`, creditCode }),
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('state.conflict');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM role_memberships WHERE role = 'org_admin' AND organization_id IN (SELECT id FROM organizations WHERE credit_code = $1)`,
      [creditCode],
    );
    expect(n).toBe(1);
  });
});

describe('private file', () => {
  it('is readable by its admin and its street office, by nobody else', async () => {
    expect((await api.request('GET', `/api/organizations/${orgId}`, { token: founder })).status).toBe(200);
    expect((await api.request('GET', `/api/organizations/${orgId}`, { token: officer })).status).toBe(200);
    expect((await api.request('GET', `/api/organizations/${orgId}`, { token: finance })).status).toBe(200);
    const other = await api.request('GET', `/api/organizations/${orgId}`, { token: otherOfficer });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('auth.out_of_scope');
    expect((await api.request('GET', `/api/organizations/${orgId}`, { token: stranger })).status).toBe(403);
    expect(
      (
        await api.request('GET', `/api/organizations/${orgId}`, {
          token: await tokenFor(api, 'resident@demo.sanshe.cn'),
        })
      ).status,
    ).toBe(403);
    expect((await api.request('GET', `/api/organizations/${orgId}`)).status).toBe(401);
    expect((await api.request('GET', `/api/organizations/not-a-uuid`, { token: officer })).status).toBe(400);
  });

  it('is editable by its admin only', async () => {
    const res = await api.request('PATCH', `/api/organizations/${orgId}`, {
      token: founder,
      body: { description: '新的简介：居家养老' },
    });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe('新的简介：居家养老');
    expect(
      (
        await api.request('PATCH', `/api/organizations/${orgId}`, {
          token: stranger,
          body: { description: 'hijack' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('PATCH', `/api/organizations/${orgId}`, {
          token: founder,
          body: { status: 'verified' },
        })
      ).status,
    ).toBe(400);
  });

  it('refuses a stale write (If-Match) with 412 and keeps the newer one; the ETag follows each write', async () => {
    const read = await api.request('GET', `/api/organizations/${orgId}`, { token: founder });
    const etag = read.headers.get('etag');
    expect(etag).toBe(`"${read.body.version}"`);
    const first = await api.request('PATCH', `/api/organizations/${orgId}`, {
      token: founder,
      headers: { 'if-match': etag! },
      body: { description: '先保存的简介' },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(read.body.version + 1);
    expect(first.headers.get('etag')).toBe(`"${read.body.version + 1}"`);
    // A second tab still showing the first version.
    const stale = await api.request('PATCH', `/api/organizations/${orgId}`, {
      token: founder,
      headers: { 'if-match': etag! },
      body: { description: '过时的简介' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({
      code: 'precondition.failed',
      details: { expectedVersion: read.body.version, currentVersion: read.body.version + 1 },
    });
    const after = await api.request('GET', `/api/organizations/${orgId}`, { token: founder });
    expect(after.body).toMatchObject({ description: '先保存的简介', version: read.body.version + 1 });
    const malformed = await api.request('PATCH', `/api/organizations/${orgId}`, {
      token: founder,
      headers: { 'if-match': 'yesterday' },
      body: { description: 'x' },
    });
    expect(malformed.status).toBe(400);
  });
});

describe('documents', () => {
  let documentId: string;

  it('stores a PDF and serves it back to the street office byte for byte', async () => {
    const res = await upload(founder, orgId, '登记证书.pdf', PDF);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      fileName: '登记证书.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });
    documentId = res.body.id;
    const download = await fetch(`${api.baseUrl}/api/organizations/${orgId}/documents/${documentId}`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('refuses files that are not PDF, PNG or JPEG whatever they claim, and files over 10 MB', async () => {
    const fake = await upload(founder, orgId, 'virus.pdf', Buffer.from('MZ this is an exe'));
    expect(fake.status).toBe(415);
    expect(fake.body.code).toBe('file.unsupported_type');
    const big = await upload(founder, orgId, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('file.too_large');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM organization_documents WHERE organization_id = $1`,
      [orgId],
    );
    expect(n).toBe(1);
  });

  it('keeps documents from other organizations and other streets', async () => {
    expect((await upload(stranger, orgId, 'x.pdf', PDF)).status).toBe(403);
    const res = await fetch(`${api.baseUrl}/api/organizations/${orgId}/documents/${documentId}`, {
      headers: { authorization: `Bearer ${otherOfficer}` },
    });
    expect(res.status).toBe(403);
  });
});

describe('verification by the street office', () => {
  it('refuses the wrong street, the wrong role and the organization itself', async () => {
    const body = { action: 'verify', reason: '材料齐全' };
    expect(
      (await api.request('POST', `/api/organizations/${orgId}/status`, { token: otherOfficer, body })).status,
    ).toBe(403);
    expect(
      (await api.request('POST', `/api/organizations/${orgId}/status`, { token: finance, body })).status,
    ).toBe(403);
    expect(
      (await api.request('POST', `/api/organizations/${orgId}/status`, { token: founder, body })).status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/organizations/${orgId}/status`, {
          token: officer,
          body: { action: 'verify' },
        })
      ).status,
    ).toBe(400);
  });

  it('shows the pending organization in the queue of its street only', async () => {
    const mine = await api.request('GET', '/api/organizations/review-queue?status=pending', {
      token: officer,
    });
    expect(mine.body.items.map((o: { id: string }) => o.id)).toContain(orgId);
    expect(mine.body.links).toEqual({ next: null });
    const theirs = await api.request('GET', '/api/organizations/review-queue?status=pending', {
      token: otherOfficer,
    });
    expect(theirs.body.items.map((o: { id: string }) => o.id)).not.toContain(orgId);
  });

  it('searches the queue by name or credit code, sorts it either way and pages it by cursor', async () => {
    const registrant = await newUser(api, 'queue-search@example.cn');
    const names = ['青藤助残服务社', '青藤邻里互助会'];
    const codes: string[] = [];
    for (const name of names) {
      const res = await api.request('POST', '/api/organizations', {
        token: registrant,
        body: registration({ name }),
      });
      expect(res.status).toBe(201);
      codes.push(res.body.creditCode);
    }
    const queue = async (query: string, token = officer) => {
      const res = await api.request('GET', `/api/organizations/review-queue?status=pending&${query}`, {
        token,
      });
      expect(res.status).toBe(200);
      return res.body as { items: { name: string; createdAt: string }[]; nextCursor: string | null };
    };
    const shown = (page: { items: { name: string }[] }) => page.items.map((o) => o.name);

    expect(shown(await queue(`q=${encodeURIComponent('青藤')}`))).toEqual(names);
    expect(shown(await queue(`q=${encodeURIComponent('青藤')}&sort=newest`))).toEqual([...names].reverse());
    expect(shown(await queue(`q=${codes[1].slice(2, 14)}`))).toEqual([names[1]]);
    expect(shown(await queue(`q=${encodeURIComponent('青藤%')}`))).toEqual([]);

    // Newest first, a row a page: the cursor walks the whole queue once, in order.
    const all = (await queue('sort=newest&limit=100')).items;
    const times = all.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queue(`sort=newest&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      walked.push(...shown(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(shown({ items: all }));

    // Another street's officer finds nothing of this street; another role may not look at all.
    expect(shown(await queue(`q=${encodeURIComponent('青藤')}`, otherOfficer))).toEqual([]);
    const forbidden = await api.request('GET', '/api/organizations/review-queue?q=x', { token: finance });
    expect(forbidden.status).toBe(403);
    const badSort = await api.request('GET', '/api/organizations/review-queue?sort=name', { token: officer });
    expect(badSort.status).toBe(400);
  });

  it('verifies, suspends and reinstates, each audited, and refuses moves the state machine does not allow', async () => {
    const search = async () =>
      (await api.request('GET', `/api/directory?q=${encodeURIComponent('春晖长者')}`)).body.items.map(
        (o: { id: string }) => o.id,
      );
    expect(await search()).not.toContain(orgId);
    const step = (action: string) =>
      api.request('POST', `/api/organizations/${orgId}/status`, {
        token: officer,
        body: { action, reason: `理由：${action}` },
      });
    expect((await step('verify')).body.status).toBe('verified');
    expect(await search()).toContain(orgId);
    const again = await step('verify');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('state.invalid_transition');
    expect((await step('suspend')).body.status).toBe('suspended');
    expect(await search()).not.toContain(orgId);
    expect(
      (await api.request('GET', `/api/organizations/${orgId}/eligibility`, { token: founder })).body.reasons,
    ).toContainEqual(expect.objectContaining({ code: 'not_verified' }));
    expect((await step('reinstate')).body.status).toBe('verified');
    expect(await auditActions(orgId)).toEqual(
      expect.arrayContaining(['organization.verify', 'organization.suspend', 'organization.reinstate']),
    );
    const [entry] = await db.query(
      `SELECT actor_id, before, after FROM audit_log WHERE entity_id = $1 AND action = 'organization.suspend'`,
      [orgId],
    );
    expect(entry).toMatchObject({
      before: { status: 'verified' },
      after: { status: 'suspended', reason: '理由：suspend' },
    });
  });

  it('serializes concurrent decisions: each success is a legal move, audited once, the rest 409', async () => {
    const results = await Promise.all(
      ['suspend', 'suspend', 'deregister', 'suspend'].map((action) =>
        api.request('POST', `/api/organizations/${orgId}/status`, {
          token: officer,
          body: { action, reason: 'race' },
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    // Whatever won, the final state is one the machine can reach and the audit has one entry per success.
    const [{ status }] = await db.query(`SELECT status FROM organizations WHERE id = $1`, [orgId]);
    expect(['suspended', 'deregistered']).toContain(status);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND after->>'reason' = 'race'`,
      [orgId],
    );
    expect(n).toBe(ok.length);
    if (status === 'suspended')
      await api.request('POST', `/api/organizations/${orgId}/status`, {
        token: officer,
        body: { action: 'reinstate', reason: 'back' },
      });
  });
});

describe('grades, credit lists and objections', () => {
  let liveOrg: string;

  beforeAll(async () => {
    const token = await newUser(api, 'graded@example.cn');
    liveOrg = (
      await api.request('POST', '/api/organizations', {
        token,
        body: registration({ name: '明德青少年成长服务社', categoryCodes: ['youth'] }),
      })
    ).body.id;
    await api.request('POST', `/api/organizations/${liveOrg}/status`, {
      token: officer,
      body: { action: 'verify', reason: 'ok' },
    });
    founder = token;
  });

  it('counts an expired grade as none', async () => {
    const expired = await api.request('PUT', `/api/organizations/${liveOrg}/grade`, {
      token: officer,
      body: { grade: '4A', expiresOn: '2020-01-01', reason: '2017年评估' },
    });
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({ grade: '4A', gradeValid: false });
    const elig = (await api.request('GET', `/api/organizations/${liveOrg}/eligibility`, { token: founder }))
      .body;
    expect(elig.eligible).toBe(true);
    const { OrganizationsService } = await import('../src/modules/organizations/organizations.service.js');
    const service = api.app.get(OrganizationsService);
    await expect(service.requireEligible(db.manager, liveOrg, { minGrade: '3A' })).rejects.toMatchObject({
      code: 'organization.ineligible',
      details: { reasons: [expect.objectContaining({ code: 'grade_too_low' })] },
    });
    await api.request('PUT', `/api/organizations/${liveOrg}/grade`, {
      token: officer,
      body: { grade: '4A', expiresOn: '2099-12-31', reason: '2026年评估' },
    });
    await expect(
      service.requireEligible(db.manager, liveOrg, { minGrade: '3A', categories: ['youth'] }),
    ).resolves.toBeUndefined();
    await expect(
      service.requireEligible(db.manager, liveOrg, { categories: ['elderly'] }),
    ).rejects.toMatchObject({
      details: { reasons: [expect.objectContaining({ code: 'category_not_served' })] },
    });
  });

  it('makes a listed organization ineligible until an objection is upheld', async () => {
    const listed = await api.request('PUT', `/api/organizations/${liveOrg}/credit`, {
      token: officer,
      body: { status: 'abnormal', since: '2026-11-01', reason: '未按时提交年度报告' },
    });
    expect(listed.body.creditStatus).toBe('abnormal');
    expect(
      (await api.request('GET', `/api/organizations/${liveOrg}/eligibility`, { token: founder })).body,
    ).toEqual({
      eligible: false,
      reasons: [expect.objectContaining({ code: 'credit_abnormal' })],
    });

    const objection = await api.request('POST', `/api/organizations/${liveOrg}/objections`, {
      token: founder,
      body: { reason: '年度报告已于10月提交，附回执' },
    });
    expect(objection.status).toBe(201);
    expect(
      (
        await api.request('POST', `/api/organizations/${liveOrg}/objections`, {
          token: founder,
          body: { reason: '再次申诉一下' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await api.request('POST', `/api/organizations/${liveOrg}/objections`, {
          token: stranger,
          body: { reason: '替别人申诉' },
        })
      ).status,
    ).toBe(403);

    const decide = (token: string, uphold: boolean) =>
      api.request('POST', `/api/organizations/objections/${objection.body.id}/decision`, {
        token,
        body: { uphold, reason: '核实回执属实' },
      });
    expect((await decide(otherOfficer, true)).status).toBe(403);
    const upheld = await decide(officer, true);
    expect(upheld.status).toBe(200);
    expect(upheld.body.status).toBe('upheld');
    expect((await decide(officer, false)).status).toBe(409);
    expect(
      (await api.request('GET', `/api/organizations/${liveOrg}/eligibility`, { token: founder })).body
        .eligible,
    ).toBe(true);
    expect(await auditActions(objection.body.id)).toEqual([
      'organization.objection_filed',
      'organization.objection_upheld',
    ]);
  });

  it('refuses an objection when there is no listing', async () => {
    const res = await api.request('POST', `/api/organizations/${liveOrg}/objections`, {
      token: founder,
      body: { reason: '没有被列入也申诉' },
    });
    expect(res.status).toBe(409);
  });
});
