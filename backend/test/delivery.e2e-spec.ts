import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { directContract, teamColleague } from './support/delivery.js';
import { userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { Api, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let orgAdmin: string;
let lead: string; // worker@demo.sanshe.cn, the project lead
let colleague: string; // a second social worker of the demo organization
let resident: string;
let neighbour: string; // a resident of the same community not listed on the records
let staff: string;
let contractId: string;
let projectId: string;
const ids: Record<string, string> = {};

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600 * 1000).toISOString();

/** A user holding one role, signed in with the demo password. */
const addUser = (email: string, role: string, scope: { regionId?: string; organizationId?: string }) =>
  userWithRoles(db, email, [[role, scope]]);

const record = (overrides: Record<string, unknown> = {}) => ({
  activityType: 'home_visit',
  communityId: DEMO.communities[0],
  startedAt: hoursAgo(30),
  endedAt: hoursAgo(28),
  beneficiaryUserIds: [ids.resident],
  anonymousCount: 1,
  location: '春晖社区3栋',
  notes: '上门探访，测量血压，协助整理药品。',
  ...overrides,
});

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  ids.lead = (await db.query(`SELECT id FROM users WHERE email = 'worker@demo.sanshe.cn'`))[0].id;
  ids.resident = (await db.query(`SELECT id FROM users WHERE email = 'resident@demo.sanshe.cn'`))[0].id;
  ids.colleague = await teamColleague(db);
  ids.neighbour = await addUser('neighbour@example.cn', 'resident', { regionId: DEMO.communities[0] });
  contractId = await directContract(db, ids.lead);
  orgAdmin = await tokenFor(api, 'orgadmin@demo.sanshe.cn');
  lead = await tokenFor(api, 'worker@demo.sanshe.cn');
  colleague = await tokenFor(api, 'colleague@example.cn');
  resident = await tokenFor(api, 'resident@demo.sanshe.cn');
  neighbour = await tokenFor(api, 'neighbour@example.cn');
  staff = await tokenFor(api, 'staff@demo.sanshe.cn');
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('projects', () => {
  it('are set up by the contracted organization with a team of its own workers', async () => {
    const other = await verifiedOrganization(db, '别家机构');
    expect(
      (
        await api.request('POST', `/api/contracts/${contractId}/project`, {
          token: await tokenFor(api, other.adminEmail),
          body: { leadUserId: ids.lead, memberUserIds: [] },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/contracts/${contractId}/project`, {
          token: orgAdmin,
          body: { leadUserId: ids.lead, memberUserIds: [ids.resident] },
        })
      ).status,
    ).toBe(400);
    const res = await api.request('POST', `/api/contracts/${contractId}/project`, {
      token: orgAdmin,
      body: { leadUserId: ids.lead, memberUserIds: [ids.colleague] },
    });
    expect(res.status).toBe(201);
    projectId = res.body.id;
    expect(
      res.body.milestones.map((m: Record<string, unknown>) => [
        m.minApprovedHours,
        m.minConfirmedBeneficiaries,
        m.ruleMet,
      ]),
    ).toEqual([
      [5, 1, false],
      [10, 2, false],
    ]);
    expect(
      (
        await api.request('POST', `/api/contracts/${contractId}/project`, {
          token: orgAdmin,
          body: { leadUserId: ids.lead, memberUserIds: [] },
        })
      ).status,
    ).toBe(409);
  });
});

describe('finding projects and beneficiaries', () => {
  it('lists my projects and the residents the team may list, to the team only', async () => {
    expect((await api.request('GET', '/api/me/projects', { token: lead })).body).toEqual([
      expect.objectContaining({ id: projectId, isLead: true }),
    ]);
    expect((await api.request('GET', '/api/me/projects', { token: colleague })).body).toEqual([
      expect.objectContaining({ id: projectId, isLead: false }),
    ]);
    expect((await api.request('GET', '/api/me/projects', { token: resident })).body).toEqual([]);
    const residents = await api.request('GET', `/api/projects/${projectId}/residents`, { token: colleague });
    expect(residents.body.items.map((r: { userId: string }) => r.userId).sort()).toEqual(
      [ids.resident, ids.neighbour].sort(),
    );
    expect(
      (await api.request('GET', `/api/projects/${projectId}/residents`, { token: resident })).status,
    ).toBe(403);
    // The communities it serves: a direct commission serves every community of its street.
    const project = await api.request('GET', `/api/projects/${projectId}`, { token: colleague });
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM regions WHERE parent_id = $1 AND level = 'community'`,
      [DEMO.streets[0]],
    );
    expect(project.body.communityIds).toHaveLength(count);
    expect(project.body.communityIds).toContain(DEMO.communities[0]);
  });

  it('finds every resident by community and name, a page at a time, however many there are', async () => {
    // 1,050 more residents in a second community: more than a picker could ever hold at once.
    await db.query(
      `WITH u AS (INSERT INTO users (email, display_name, password_hash, email_verified_at)
                  SELECT 'many' || i || '@example.cn', '居民' || lpad(i::text, 4, '0'), 'x', now() FROM generate_series(1, 1050) i
                  RETURNING id)
       INSERT INTO role_memberships (user_id, role, region_id) SELECT id, 'resident', $1 FROM u`,
      [DEMO.communities[1]],
    );
    const seen: string[] = [];
    let next: string | null =
      `/api/projects/${projectId}/residents?communityId=${DEMO.communities[1]}&limit=100`;
    while (next) {
      const page: {
        status: number;
        body: { items: { displayName: string }[]; links: { next: string | null } };
      } = await api.request('GET', next, { token: colleague });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r) => r.displayName));
      next = page.body.links.next;
    }
    expect(seen).toHaveLength(1050);
    expect(seen[0]).toBe('居民0001');
    expect(seen.at(-1)).toBe('居民1050');

    const found = await api.request(
      'GET',
      `/api/projects/${projectId}/residents?communityId=${DEMO.communities[1]}&q=${encodeURIComponent('居民104')}`,
      { token: colleague },
    );
    expect(found.body.items.map((r: { displayName: string }) => r.displayName)).toEqual(
      Array.from({ length: 10 }, (_, i) => `居民104${i}`),
    );
    // A name is matched as text: % and _ are not wildcards.
    const literal = await api.request(
      'GET',
      `/api/projects/${projectId}/residents?q=${encodeURIComponent('%')}`,
      {
        token: colleague,
      },
    );
    expect(literal.body.items).toEqual([]);
  });
});

describe('service records', () => {
  it('are logged by team members only, never in the future, at most 24 hours, with resident beneficiaries', async () => {
    const ok = await api.request('POST', `/api/projects/${projectId}/records`, {
      token: colleague,
      body: record(),
    });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('location')).toBe(`/api/records/${ok.body.id}`);
    expect((await api.request('GET', `/api/records/${ok.body.id}`, { token: colleague })).body.id).toBe(
      ok.body.id,
    );
    expect(ok.body).toMatchObject({
      status: 'submitted',
      hours: 2,
      beneficiaries: [expect.objectContaining({ userId: ids.resident, response: 'pending' })],
    });
    ids.first = ok.body.id;
    const future = await api.request('POST', `/api/projects/${projectId}/records`, {
      token: colleague,
      body: record({ startedAt: hoursAgo(1), endedAt: hoursAgo(-1) }),
    });
    expect(future.status).toBe(400);
    expect(future.body.message).toContain('future');
    const long = await api.request('POST', `/api/projects/${projectId}/records`, {
      token: colleague,
      body: record({ startedAt: hoursAgo(100), endedAt: hoursAgo(75) }),
    });
    expect(long.status).toBe(400);
    const backwards = await api.request('POST', `/api/projects/${projectId}/records`, {
      token: colleague,
      body: record({ startedAt: hoursAgo(40), endedAt: hoursAgo(41) }),
    });
    expect(backwards.status).toBe(400);
    const notResident = await api.request('POST', `/api/projects/${projectId}/records`, {
      token: colleague,
      body: record({ startedAt: hoursAgo(50), endedAt: hoursAgo(49), beneficiaryUserIds: [ids.lead] }),
    });
    expect(notResident.status).toBe(400);
    const outsider = await addUser('outsider-worker@example.cn', 'social_worker', {
      organizationId: DEMO.organization,
    });
    expect(outsider).toBeTruthy();
    const notOnTeam = await api.request('POST', `/api/projects/${projectId}/records`, {
      token: await tokenFor(api, 'outsider-worker@example.cn'),
      body: record({ startedAt: hoursAgo(60), endedAt: hoursAgo(59) }),
    });
    expect(notOnTeam.status).toBe(403);
    expect(
      (await api.request('POST', `/api/projects/${projectId}/records`, { token: resident, body: record() }))
        .status,
    ).toBe(403);
  });

  it('store exactly one of 100 concurrent overlapping submissions', async () => {
    const base = Date.now() - 10 * 3600 * 1000;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api.request('POST', `/api/projects/${projectId}/records`, {
          token: colleague,
          body: record({
            startedAt: new Date(base + i * 1000).toISOString(),
            endedAt: new Date(base + 3600 * 1000 + i * 1000).toISOString(),
          }),
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('state.conflict');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM service_records WHERE worker_user_id = $1 AND started_at >= to_timestamp($2 / 1000.0) - interval '1 second'`,
      [ids.colleague, base],
    );
    expect(n).toBe(1);
    ids.second = results.find((r) => r.status === 201)!.body.id;
  });

  it('are approved or rejected by the project lead only', async () => {
    expect(
      (await api.request('POST', `/api/records/${ids.first}/approve`, { token: colleague })).status,
    ).toBe(403);
    expect((await api.request('POST', `/api/records/${ids.first}/approve`, { token: orgAdmin })).status).toBe(
      403,
    );
    expect(
      (await api.request('POST', `/api/records/${ids.second}/reject`, { token: lead, body: {} })).status,
    ).toBe(400);
    expect(
      (
        await api.request('POST', `/api/records/${ids.second}/reject`, {
          token: lead,
          body: { reason: '时间记录有误' },
        })
      ).body.status,
    ).toBe('rejected');
    expect(
      (await api.request('POST', `/api/records/${ids.first}/approve`, { token: lead })).body.status,
    ).toBe('approved');
    expect((await api.request('POST', `/api/records/${ids.first}/approve`, { token: lead })).status).toBe(
      409,
    );
  });

  it('once approved, change only by a reversal plus a new record, both audited', async () => {
    const corrected = await api.request('POST', `/api/records/${ids.first}/correction`, {
      token: colleague,
      body: { ...record({ startedAt: hoursAgo(30), endedAt: hoursAgo(27) }), reason: '实际服务三小时' },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ status: 'submitted', hours: 3, correctsRecordId: ids.first });
    const [{ status }] = await db.query(`SELECT status FROM service_records WHERE id = $1`, [ids.first]);
    expect(status).toBe('reversed');
    const actions = await db.query(
      `SELECT action, entity_id FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY id`,
      [ids.first, corrected.body.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'service_record.logged',
      'service_record.approved',
      'service_record.reversed',
      'service_record.logged',
    ]);
    expect(
      (
        await api.request('POST', `/api/records/${ids.first}/correction`, {
          token: colleague,
          body: { ...record(), reason: '再改一次' },
        })
      ).status,
    ).toBe(409);
    ids.corrected = corrected.body.id;
    expect((await api.request('POST', `/api/records/${ids.corrected}/approve`, { token: lead })).status).toBe(
      200,
    );
  });
});

describe('beneficiaries', () => {
  it('see the services that list them, and confirm or dispute them', async () => {
    const mine = await api.request('GET', '/api/me/services', { token: resident });
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(ids.corrected);
    expect(mine.body.items.find((r: { id: string }) => r.id === ids.corrected).myRating).toBeNull();
    expect((await api.request('GET', '/api/me/services', { token: neighbour })).body).toEqual({
      items: [],
      nextCursor: null,
      links: { next: null },
    });
    expect(
      (await api.request('POST', `/api/records/${ids.corrected}/confirm`, { token: neighbour })).status,
    ).toBe(404);
    const confirmed = await api.request('POST', `/api/records/${ids.corrected}/confirm`, { token: resident });
    expect(confirmed.body.beneficiaries).toEqual([
      expect.objectContaining({ userId: ids.resident, response: 'confirmed' }),
    ]);
  });
});

describe('ratings', () => {
  let ratingId: string;

  it('come from listed beneficiaries only, one each even when posted concurrently', async () => {
    const body = { attitude: 5, professionalism: 4, effect: 5, comment: '小吴很耐心，服务很周到' };
    expect(
      (await api.request('POST', `/api/records/${ids.corrected}/ratings`, { token: neighbour, body })).status,
    ).toBe(404);
    expect(
      (
        await api.request('POST', `/api/records/${ids.corrected}/ratings`, {
          token: resident,
          body: { ...body, effect: 6 },
        })
      ).status,
    ).toBe(400);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.request('POST', `/api/records/${ids.corrected}/ratings`, { token: resident, body }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const created = results.find((r) => r.status === 201)!;
    ratingId = created.body.id;
    expect(created.headers.get('location')).toBe(`/api/records/${ids.corrected}/ratings`);
    expect(created.headers.get('etag')).toBe('"1"');
  });

  it('can be edited for seven days, against the version shown (a stale write is refused)', async () => {
    const edited = await api.request('PUT', `/api/ratings/${ratingId}`, {
      token: resident,
      headers: { 'if-match': '"1"' },
      body: { attitude: 5, professionalism: 5, effect: 5, comment: '非常满意' },
    });
    expect(edited.body).toMatchObject({ professionalism: 5, comment: '非常满意', version: 2 });
    expect(edited.headers.get('etag')).toBe('"2"');
    const stale = await api.request('PUT', `/api/ratings/${ratingId}`, {
      token: resident,
      headers: { 'if-match': '"1"' },
      body: { attitude: 1, professionalism: 1, effect: 1 },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'precondition.failed', details: { currentVersion: 2 } });
    expect((await db.query(`SELECT effect FROM ratings WHERE id = $1`, [ratingId]))[0].effect).toBe(5);
    expect(
      (
        await api.request('PUT', `/api/ratings/${ratingId}`, {
          token: neighbour,
          body: { attitude: 1, professionalism: 1, effect: 1 },
        })
      ).status,
    ).toBe(404);
    await db.query(`UPDATE ratings SET created_at = now() - interval '8 days' WHERE id = $1`, [ratingId]);
    expect(
      (
        await api.request('PUT', `/api/ratings/${ratingId}`, {
          token: resident,
          body: { attitude: 1, professionalism: 1, effect: 1 },
        })
      ).status,
    ).toBe(409);
  });

  it('are seen and reported only by who may see the record: its residents, its community staff, its organization', async () => {
    const other = await verifiedOrganization(db, '别家机构一');
    const stranger = await tokenFor(api, other.adminEmail);
    for (const token of [neighbour, stranger]) {
      const list = await api.request('GET', `/api/records/${ids.corrected}/ratings`, { token });
      expect(list.status).toBe(404);
      expect(list.body.code).toBe('resource.not_found');
      const report = await api.request('POST', `/api/ratings/${ratingId}/report`, { token });
      expect(report.status).toBe(404);
    }
    // Nothing was reported by them.
    expect((await db.query(`SELECT moderation FROM ratings WHERE id = $1`, [ratingId]))[0].moderation).toBe(
      'visible',
    );
    for (const token of [resident, staff, orgAdmin])
      expect((await api.request('GET', `/api/records/${ids.corrected}/ratings`, { token })).status).toBe(200);
  });

  it('hide a reported comment until the community staff decide, and take the organization reply', async () => {
    await api.request('POST', `/api/ratings/${ratingId}/report`, { token: orgAdmin });
    const listed = await api.request('GET', `/api/records/${ids.corrected}/ratings`, { token: resident });
    expect(listed.body[0]).toMatchObject({ moderation: 'reported', comment: null, attitude: 5 });
    const queue = await api.request('GET', `/api/communities/${DEMO.communities[0]}/rating-reports`, {
      token: staff,
    });
    expect(queue.body.items.map((r: { id: string; comment: string }) => [r.id, r.comment])).toEqual([
      [ratingId, '非常满意'],
    ]);
    const otherStaffId = await addUser('staff2@example.cn', 'community_staff', {
      regionId: DEMO.communities[1],
    });
    expect(otherStaffId).toBeTruthy();
    expect(
      (
        await api.request('POST', `/api/ratings/${ratingId}/moderation`, {
          token: await tokenFor(api, 'staff2@example.cn'),
          body: { hide: false },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/ratings/${ratingId}/moderation`, {
          token: staff,
          body: { hide: false },
        })
      ).body.moderation,
    ).toBe('visible');
    expect(
      (await api.request('GET', `/api/records/${ids.corrected}/ratings`, { token: staff })).body[0].comment,
    ).toBe('非常满意');
    const reply = await api.request('POST', `/api/ratings/${ratingId}/reply`, {
      token: orgAdmin,
      body: { reply: '感谢您的认可！' },
    });
    expect(reply.body.orgReply).toBe('感谢您的认可！');
    const other = await verifiedOrganization(db, '别家机构二');
    expect(
      (
        await api.request('POST', `/api/ratings/${ratingId}/reply`, {
          token: await tokenFor(api, other.adminEmail),
          body: { reply: '冒名回复' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('my services', () => {
  const myService = async (token: string) =>
    (await api.request('GET', '/api/me/services', { token })).body.items.find(
      (r: { id: string }) => r.id === ids.corrected,
    );

  it('come with the rating I gave, my comment shown to me even while it is hidden from others', async () => {
    const [{ id: ratingId }] = await db.query(`SELECT id FROM ratings WHERE record_id = $1`, [ids.corrected]);
    await db.query(`UPDATE ratings SET moderation = 'hidden' WHERE id = $1`, [ratingId]);
    try {
      expect((await myService(resident)).myRating).toMatchObject({
        id: ratingId,
        moderation: 'hidden',
        comment: '非常满意',
        orgReply: '感谢您的认可！',
      });
    } finally {
      await db.query(`UPDATE ratings SET moderation = 'visible' WHERE id = $1`, [ratingId]);
    }
  });

  it('never with another beneficiary’s rating: a listed neighbour who gave none sees none', async () => {
    await db.query(`INSERT INTO record_beneficiaries (record_id, resident_user_id) VALUES ($1, $2)`, [
      ids.corrected,
      ids.neighbour,
    ]);
    try {
      expect(await myService(neighbour)).toMatchObject({ id: ids.corrected, myRating: null });
      expect((await myService(resident)).myRating).not.toBeNull();
    } finally {
      await db.query(`DELETE FROM record_beneficiaries WHERE record_id = $1 AND resident_user_id = $2`, [
        ids.corrected,
        ids.neighbour,
      ]);
    }
  });
});

describe('milestone progress', () => {
  it('moves with approved hours, confirmed beneficiaries and satisfaction, against each acceptance rule', async () => {
    const before = (await api.request('GET', `/api/projects/${projectId}/progress`, { token: orgAdmin }))
      .body;
    expect(before[0]).toMatchObject({
      approvedHours: 3,
      confirmedBeneficiaries: 1,
      satisfaction: 5,
      ruleMet: false,
    });
    const more = await api.request('POST', `/api/projects/${projectId}/records`, {
      token: lead,
      body: record({
        startedAt: hoursAgo(20),
        endedAt: hoursAgo(17),
        beneficiaryUserIds: [ids.neighbour],
        activityType: 'group_work',
      }),
    });
    await api.request('POST', `/api/records/${more.body.id}/approve`, { token: lead });
    await api.request('POST', `/api/records/${more.body.id}/confirm`, { token: neighbour });
    const after = (await api.request('GET', `/api/projects/${projectId}/progress`, { token: orgAdmin })).body;
    expect(
      after.map((m: Record<string, unknown>) => [m.approvedHours, m.confirmedBeneficiaries, m.ruleMet]),
    ).toEqual([
      [6, 2, true],
      [6, 2, false],
    ]);
    expect(
      (await api.request('GET', `/api/projects/${projectId}/progress`, { token: resident })).status,
    ).toBe(403);
  });
});
