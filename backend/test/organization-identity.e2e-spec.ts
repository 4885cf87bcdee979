import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { validCreditCode } from './support/credit-codes.js';
import { verifiedOrganization } from './support/fixtures.js';
import { Api, idsOfEveryPage, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

/** PRODUCT §2: once verified, an organization's identity changes only with its street office's approval. */

let env: Env;
let db: DataSource;
let api: Api;
let officer: string; // street officer of street 0
let otherOfficer: string; // street officer of street 1, same district
let otherDistrictStreet: string;

beforeAll(async () => {
  env = useTestEnv({ STORAGE_DIR: `/tmp/sanshe-test-${process.pid}` });
  db = await migratedDataSource(env);
  await seedDemo(db);
  await db.query(
    `INSERT INTO users (email, display_name, password_hash) SELECT 'officer2@demo.sanshe.cn', '和平街道科长', password_hash FROM users WHERE email = 'officer@demo.sanshe.cn'`,
  );
  await db.query(
    `INSERT INTO role_memberships (user_id, role, region_id) SELECT id, 'street_officer', $1 FROM users WHERE email = 'officer2@demo.sanshe.cn'`,
    [DEMO.streets[1]],
  );
  // A second district with one street, to show that names are unique per district only.
  const [district] = await db.query(
    `INSERT INTO regions (name, level, path) VALUES ('临江区', 'district', '') RETURNING id`,
  );
  await db.query(`UPDATE regions SET path = '/' || id || '/' WHERE id = $1`, [district.id]);
  const [street] = await db.query(
    `INSERT INTO regions (name, level, parent_id, path) VALUES ('江畔街道', 'street', $1, '') RETURNING id`,
    [district.id],
  );
  await db.query(`UPDATE regions SET path = '/' || $2::text || '/' || id || '/' WHERE id = $1`, [
    street.id,
    district.id,
  ]);
  otherDistrictStreet = street.id;
  api = await Api.start();
  officer = await tokenFor(api, 'officer@demo.sanshe.cn');
  otherOfficer = await tokenFor(api, 'officer2@demo.sanshe.cn');
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

async function verifiedWithAdmin(name: string) {
  const org = await verifiedOrganization(db, name);
  return { id: org.id, admin: await tokenFor(api, org.adminEmail) };
}

async function pendingOrganization(name: string, streetId: string = DEMO.streets[0]): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO organizations (name, credit_code, type, legal_representative, contact_phone, home_street_id)
     VALUES ($1, $2, 'social_work_agency', '负责人', '057100000000', $3) RETURNING id`,
    [name, validCreditCode(), streetId],
  );
  return id;
}

const verify = (id: string, token = officer) =>
  api.request('POST', `/api/organizations/${id}/status`, {
    token,
    body: { action: 'verify', reason: '材料齐全' },
  });

const decide = (changeId: string, token: string, body: Record<string, unknown>) =>
  api.request('POST', `/api/organizations/identity-changes/${changeId}/decision`, { token, body });

const publicName = async (id: string) => (await api.request('GET', `/api/directory/${id}`)).body.name;

describe('editing a verified identity', () => {
  it('waits for the street office: directory, profile and private file keep the verified values, other fields apply at once', async () => {
    const org = await verifiedWithAdmin('晨光社工服务中心');
    const res = await api.request('PATCH', `/api/organizations/${org.id}`, {
      token: org.admin,
      body: {
        name: '晨光冒名服务中心',
        legalRepresentative: '李四',
        categoryCodes: ['housekeeping'],
        description: '新的简介',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '晨光社工服务中心',
      legalRepresentative: '负责人',
      categoryCodes: ['elderly.home_care'],
      description: '新的简介',
      status: 'verified',
    });
    expect(res.body.identityChanges).toEqual([
      expect.objectContaining({
        status: 'pending',
        proposed: {
          name: '晨光冒名服务中心',
          legalRepresentative: '李四',
          creditCode: expect.any(String),
          categoryCodes: ['housekeeping'],
        },
      }),
    ]);
    const profile = await api.request('GET', `/api/directory/${org.id}`);
    expect(profile.body).toMatchObject({ name: '晨光社工服务中心', description: '新的简介' });
    expect(profile.body.categories).not.toContain('housekeeping');
    const listing = await api.request('GET', `/api/directory?q=${encodeURIComponent('冒名')}`);
    expect(listing.body.items).toEqual([]);

    // A second edit updates the one open change rather than opening another.
    const again = await api.request('PATCH', `/api/organizations/${org.id}`, {
      token: org.admin,
      body: { name: '晨光新名服务中心' },
    });
    expect(again.body.identityChanges).toHaveLength(1);
    // Saving the proposal again with another field, as the web form does, keeps it; reverting withdraws it.
    const resend = await api.request('PATCH', `/api/organizations/${org.id}`, {
      token: org.admin,
      body: { name: '晨光新名服务中心', contactPhone: '057199999999' },
    });
    expect(resend.body).toMatchObject({ contactPhone: '057199999999', name: '晨光社工服务中心' });
    expect(resend.body.identityChanges[0].id).toBe(again.body.identityChanges[0].id);
    const reverted = await api.request('PATCH', `/api/organizations/${org.id}`, {
      token: org.admin,
      body: { name: '晨光社工服务中心', legalRepresentative: '负责人', categoryCodes: ['elderly.home_care'] },
    });
    expect(reverted.body.identityChanges).toEqual([]);
    expect(again.body.identityChanges[0].proposed).toMatchObject({
      name: '晨光新名服务中心',
      legalRepresentative: '李四',
    });
  });

  it('is approved only by a street officer of the home street, then applies everywhere, audited', async () => {
    const org = await verifiedWithAdmin('朝阳助残服务社');
    const edit = await api.request('PATCH', `/api/organizations/${org.id}`, {
      token: org.admin,
      body: { name: '朝阳助残综合服务社', legalRepresentative: '王五' },
    });
    const changeId = edit.body.identityChanges[0].id;

    const queue = await api.request('GET', '/api/organizations/identity-changes', { token: officer });
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({
        id: changeId,
        current: expect.objectContaining({ name: '朝阳助残服务社' }),
        proposed: expect.objectContaining({ name: '朝阳助残综合服务社' }),
      }),
    );
    const otherQueue = await api.request('GET', '/api/organizations/identity-changes', {
      token: otherOfficer,
    });
    expect(otherQueue.body.items.map((c: { id: string }) => c.id)).not.toContain(changeId);
    expect(
      (await api.request('GET', '/api/organizations/identity-changes', { token: org.admin })).status,
    ).toBe(403);

    const byOtherStreet = await decide(changeId, otherOfficer, { approve: true });
    expect(byOtherStreet.status).toBe(403);
    const byAdmin = await decide(changeId, org.admin, { approve: true });
    expect(byAdmin.status).toBe(403);
    expect(await publicName(org.id)).toBe('朝阳助残服务社');

    const approved = await decide(changeId, officer, { approve: true });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(await publicName(org.id)).toBe('朝阳助残综合服务社');
    const file = await api.request('GET', `/api/organizations/${org.id}`, { token: org.admin });
    expect(file.body).toMatchObject({ name: '朝阳助残综合服务社', legalRepresentative: '王五' });
    const [audit] = await db.query(
      `SELECT actor_id IS NOT NULL AS actor, before, after FROM audit_log WHERE entity_id = $1 AND action = 'organization.identity_change_approved'`,
      [org.id],
    );
    expect(audit.before).toMatchObject({ name: '朝阳助残服务社' });
    expect(audit.after).toMatchObject({ name: '朝阳助残综合服务社', changeId });

    expect((await decide(changeId, officer, { approve: false, reason: '再议' })).status).toBe(409);
  });

  it('is rejected with a reason only, keeping the verified values, and the reason reaches the organization', async () => {
    const org = await verifiedWithAdmin('绿叶环保志愿者协会');
    const edit = await api.request('PATCH', `/api/organizations/${org.id}`, {
      token: org.admin,
      body: { name: '绿叶环保基金会' },
    });
    const changeId = edit.body.identityChanges[0].id;
    const noReason = await decide(changeId, officer, { approve: false });
    expect(noReason.status).toBe(400);
    const rejected = await decide(changeId, officer, { approve: false, reason: '名称与登记证书不符' });
    expect(rejected.status).toBe(200);
    expect(await publicName(org.id)).toBe('绿叶环保志愿者协会');
    const file = await api.request('GET', `/api/organizations/${org.id}`, { token: org.admin });
    expect(file.body.name).toBe('绿叶环保志愿者协会');
    expect(file.body.identityChanges[0]).toMatchObject({
      status: 'rejected',
      decisionReason: '名称与登记证书不符',
    });
    const actions = await db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [org.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'organization.identity_change_requested',
      'organization.identity_change_rejected',
    ]);
  });

  it('checks a new credit code at once, holds a valid one for review, and refuses a taken one at approval', async () => {
    const org = await verifiedWithAdmin('长青公益服务社');
    const mistyped = await api.request('PATCH', `/api/organizations/${org.id}`, {
      token: org.admin,
      body: { creditCode: '91350100M000100Y44' },
    });
    expect(mistyped.status).toBe(400);
    expect(mistyped.body.details).toMatchObject({ field: 'creditCode' });

    const [{ credit_code: taken }] = await db.query(
      `SELECT credit_code FROM organizations WHERE id <> $1 AND credit_code IS NOT NULL LIMIT 1`,
      [org.id],
    );
    const edit = await api.request('PATCH', `/api/organizations/${org.id}`, {
      token: org.admin,
      body: { creditCode: taken.toLowerCase() },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.creditCode).not.toBe(taken);
    expect(edit.body.identityChanges[0].proposed.creditCode).toBe(taken);
    const res = await decide(edit.body.identityChanges[0].id, officer, { approve: true });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'state.conflict', details: { field: 'creditCode' } });
  });

  it('waits in the officer’s queue oldest edit first, a page at a time, each once', async () => {
    for (const name of ['分页一号服务社', '分页二号服务社', '分页三号服务社']) {
      const org = await verifiedWithAdmin(name);
      await api.request('PATCH', `/api/organizations/${org.id}`, {
        token: org.admin,
        body: { name: `${name}新名`, legalRepresentative: '赵六' },
      });
    }
    const all = await api.request('GET', '/api/organizations/identity-changes?limit=100', { token: officer });
    const ids = all.body.items.map((c: { id: string }) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(all.body.items.slice(-3).map((c: { proposed: { name: string } }) => c.proposed.name)).toEqual([
      '分页一号服务社新名',
      '分页二号服务社新名',
      '分页三号服务社新名',
    ]);
    expect(await idsOfEveryPage(api, '/api/organizations/identity-changes?limit=2', officer)).toEqual(ids);
  });

  it("pages through an organization's identity changes, newest first, for its admins and its street office", async () => {
    const org = await verifiedWithAdmin('多次改名服务社');
    // Twelve edits, each rejected: more than the file lists.
    for (let i = 1; i <= 12; i++) {
      const edit = await api.request('PATCH', `/api/organizations/${org.id}`, {
        token: org.admin,
        body: { name: `多次改名服务社${i}号` },
      });
      expect(edit.status).toBe(200);
      const res = await decide(edit.body.identityChanges[0].id, officer, {
        approve: false,
        reason: `第${i}次不符`,
      });
      expect(res.status).toBe(200);
    }
    const first = `/api/organizations/${org.id}/identity-changes?limit=5`;
    const paged = await idsOfEveryPage(api, first, org.admin);
    expect(paged).toHaveLength(12);
    expect(new Set(paged).size).toBe(12);
    expect(await idsOfEveryPage(api, first, officer)).toEqual(paged);
    const all = await api.request('GET', `/api/organizations/${org.id}/identity-changes?limit=100`, {
      token: org.admin,
    });
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual(paged);
    expect(all.body.items[0]).toMatchObject({ status: 'rejected', decisionReason: '第12次不符' });
    expect(all.body.items.at(-1).proposed.name).toBe('多次改名服务社1号');

    // Another street's officer, another organization's admin and a resident are refused; so are bad pages.
    const someoneElse = await verifiedWithAdmin('旁观服务社');
    for (const token of [otherOfficer, someoneElse.admin, await tokenFor(api, 'resident@demo.sanshe.cn')]) {
      const res = await api.request('GET', first, { token });
      expect(res.status).toBe(403);
    }
    const unknown = await api.request('GET', `/api/organizations/${crypto.randomUUID()}/identity-changes`, {
      token: officer,
    });
    expect(unknown.status).toBe(404);
    for (const bad of ['limit=0', 'limit=500', 'cursor=abc']) {
      const res = await api.request('GET', `/api/organizations/${org.id}/identity-changes?${bad}`, {
        token: org.admin,
      });
      expect([res.status, res.body.code]).toEqual([400, 'validation.failed']);
    }
  });

  it('lets a pending organization edit its identity at once', async () => {
    const id = await pendingOrganization('初创社区服务站');
    const adminEmail = `pending-${id.slice(0, 8)}@example.cn`;
    const [{ id: userId }] = await db.query(
      `INSERT INTO users (email, display_name, password_hash, email_verified_at) SELECT $1, 'x', password_hash, now() FROM users WHERE email = 'officer@demo.sanshe.cn' RETURNING id`,
      [adminEmail],
    );
    await db.query(
      `INSERT INTO role_memberships (user_id, role, organization_id) VALUES ($1, 'org_admin', $2)`,
      [userId, id],
    );
    const res = await api.request('PATCH', `/api/organizations/${id}`, {
      token: await tokenFor(api, adminEmail),
      body: { name: '初创社区综合服务站', legalRepresentative: '赵六' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '初创社区综合服务站',
      legalRepresentative: '赵六',
      identityChanges: [],
    });
  });
});

describe('one verified name per district', () => {
  it('refuses to verify a second organization whose name reads the same in the district', async () => {
    expect((await verify(await pendingOrganization('阳光家园服务中心'))).status).toBe(200);
    const same = await verify(await pendingOrganization('阳光家园服务中心'));
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({ code: 'organization.name_taken', details: { field: 'name' } });
    // Another street of the same district, surrounding spaces: still the same name.
    const trimmed = await verify(
      await pendingOrganization(' 阳光家园服务中心 ', DEMO.streets[1]),
      otherOfficer,
    );
    expect(trimmed.body.code).toBe('organization.name_taken');
    // A space inside makes another name; doubled or full-width spaces do not make a third.
    expect((await verify(await pendingOrganization('阳光家园 服务中心'))).status).toBe(200);
    const spaced = await verify(await pendingOrganization('阳光家园　  服务中心'));
    expect(spaced.body.code).toBe('organization.name_taken');
    // Full-width letters and another case read the same.
    expect((await verify(await pendingOrganization('Sunshine Home'))).status).toBe(200);
    const wide = await verify(await pendingOrganization('ＳＵＮＳＨＩＮＥ　ｈｏｍｅ'));
    expect(wide.body.code).toBe('organization.name_taken');
  });

  it('lets exactly one of two concurrent verifications of the same name through', async () => {
    const a = await pendingOrganization('同名竞速服务社', DEMO.streets[0]);
    const b = await pendingOrganization('同名竞速服务社', DEMO.streets[1]);
    const results = await Promise.all([verify(a, officer), verify(b, otherOfficer)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('organization.name_taken');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM organizations WHERE name = '同名竞速服务社' AND status = 'verified'`,
    );
    expect(n).toBe(1);
  });

  it('allows the same name in another district', async () => {
    await pendingOrganization('跨区同名服务社').then(verify);
    const elsewhere = await pendingOrganization('跨区同名服务社', otherDistrictStreet);
    await db.query(
      `INSERT INTO role_memberships (user_id, role, region_id) SELECT id, 'street_officer', $1 FROM users WHERE email = 'officer@demo.sanshe.cn'`,
      [otherDistrictStreet],
    );
    const res = await verify(elsewhere, await tokenFor(api, 'officer@demo.sanshe.cn'));
    expect(res.status).toBe(200);
  });

  it('refuses to approve a rename onto a name the district already has verified, and keeps the change pending', async () => {
    await verifiedWithAdmin('金秋敬老服务中心');
    const org = await verifiedWithAdmin('银杏敬老服务中心');
    const edit = await api.request('PATCH', `/api/organizations/${org.id}`, {
      token: org.admin,
      body: { name: '金秋敬老服务中心' },
    });
    const changeId = edit.body.identityChanges[0].id;
    const res = await decide(changeId, officer, { approve: true });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('organization.name_taken');
    expect(await publicName(org.id)).toBe('银杏敬老服务中心');
    const [change] = await db.query(`SELECT status FROM organization_identity_changes WHERE id = $1`, [
      changeId,
    ]);
    expect(change.status).toBe('pending');
  });
});
