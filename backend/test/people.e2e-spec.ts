import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { Api, idsOfEveryPage, newUser, tokenFor, verifyEmail } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
let orgAdmin: string;
const org = DEMO.organization;

const rolesOf = async (token: string) =>
  (await api.request('GET', '/api/me', { token })).body.memberships.map((m: { role: string }) => m.role);

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  orgAdmin = await tokenFor(api, 'orgadmin@demo.sanshe.cn');
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('social workers', () => {
  let invitee: string;
  let memberId: string;

  it('are invited by e-mail, see the invitation and accept it, gaining the social_worker role', async () => {
    invitee = await newUser(api, 'xiao.li@example.cn');
    const invited = await api.request('POST', `/api/organizations/${org}/members`, {
      token: orgAdmin,
      body: { email: 'Xiao.Li@example.cn' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      status: 'invited',
      invitedEmail: 'xiao.li@example.cn',
      organizationName: '阳光居家养老服务中心',
    });
    memberId = invited.body.id;

    const again = await api.request('POST', `/api/organizations/${org}/members`, {
      token: orgAdmin,
      body: { email: 'xiao.li@example.cn' },
    });
    expect(again.status).toBe(409);

    // Anyone may register with any address: until its owner follows the mailed link, the
    // invitation is neither shown nor accepted.
    expect((await api.request('GET', '/api/me/memberships', { token: invitee })).body.items).toEqual([]);
    const unverified = await api.request('POST', `/api/invitations/${memberId}/accept`, { token: invitee });
    expect(unverified.status).toBe(404);
    expect(
      (await api.request('POST', `/api/invitations/${memberId}/decline`, { token: invitee })).status,
    ).toBe(404);
    expect(await rolesOf(invitee)).toEqual([]);

    await verifyEmail(api, db, 'xiao.li@example.cn');
    const mine = await api.request('GET', '/api/me/memberships', { token: invitee });
    expect(mine.body.items).toEqual([expect.objectContaining({ id: memberId, status: 'invited' })]);

    // A verified account of another address cannot take it either.
    const someoneElse = await newUser(api, 'nosy@example.cn');
    await verifyEmail(api, db, 'nosy@example.cn');
    expect(
      (await api.request('POST', `/api/invitations/${memberId}/accept`, { token: someoneElse })).status,
    ).toBe(404);
    expect((await api.request('GET', '/api/me/memberships', { token: someoneElse })).body.items).toEqual([]);

    const accepted = await api.request('POST', `/api/invitations/${memberId}/accept`, { token: invitee });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('active');
    expect(await rolesOf(invitee)).toEqual(['social_worker']);
    expect(
      (await api.request('POST', `/api/invitations/${memberId}/accept`, { token: invitee })).status,
    ).toBe(409);
  });

  it('are invited by e-mail only: a phone is a contact note that never matches an account', async () => {
    const phoneOnly = await api.request('POST', `/api/organizations/${org}/members`, {
      token: orgAdmin,
      body: { phone: '13700002222' },
    });
    expect(phoneOnly.status).toBe(400);
    expect(JSON.stringify(phoneOnly.body.details)).toContain('email');

    const withNote = await api.request('POST', `/api/organizations/${org}/members`, {
      token: orgAdmin,
      body: { email: 'real.worker@example.cn', phone: '13700002222' },
    });
    expect(withNote.status).toBe(201);
    expect(withNote.body.invitedPhone).toBe('13700002222');
    // Someone who registered (and verified their own e-mail) with that phone gets nothing.
    const squatter = await newUser(api, 'squatter@example.cn', '13700002222');
    await verifyEmail(api, db, 'squatter@example.cn');
    expect((await api.request('GET', '/api/me/memberships', { token: squatter })).body.items).toEqual([]);
    expect(
      (await api.request('POST', `/api/invitations/${withNote.body.id}/accept`, { token: squatter })).status,
    ).toBe(404);
    expect(await rolesOf(squatter)).toEqual([]);
  });

  it('are searched by the admin by name, invited e-mail or phone, a page at a time, and by nobody else', async () => {
    const list = async (query: string, token = orgAdmin) =>
      api.request('GET', `/api/organizations/${org}/members?${query}`, { token });
    const emails = async (query: string) =>
      (await list(query)).body.items.map((m: { invitedEmail: string }) => m.invitedEmail).sort();

    expect(await emails('q=xiao.LI')).toEqual(['xiao.li@example.cn']);
    expect(await emails('q=13700002')).toEqual(['real.worker@example.cn']);
    expect(await emails('q=%25')).toEqual([]); // a wildcard is a plain character
    const all = await emails('limit=100');
    expect(all).toEqual(expect.arrayContaining(['real.worker@example.cn', 'xiao.li@example.cn']));

    // A row a page: the cursor walks the search's rows once each.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`q=example.cn&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      walked.push(...page.body.items.map((m: { invitedEmail: string }) => m.invitedEmail));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked.sort()).toEqual(all.filter((e: string) => e.includes('example.cn')));

    const stranger = await newUser(api, 'member-searcher@example.cn');
    expect((await list('q=xiao', stranger)).status).toBe(403);
  });

  it('can belong to several organizations', async () => {
    const token = await newUser(api, 'multi@example.cn', '13900001111');
    await verifyEmail(api, db, 'multi@example.cn');
    const other = await newUser(api, 'other-founder@example.cn');
    const orgB = (
      await api.request('POST', '/api/organizations', {
        token: other,
        body: {
          name: '和睦社工事务所',
          type: 'social_work_agency',
          legalRepresentative: '李',
          contactPhone: '01088886666',
          categoryCodes: ['mediation'],
          communityIds: [],
          filedOnly: true,
          homeStreetId: DEMO.streets[1],
        },
      })
    ).body.id;
    const otherAdmin = await tokenFor(api, 'other-founder@example.cn', 'long-enough-1');
    const a = await api.request('POST', `/api/organizations/${org}/members`, {
      token: orgAdmin,
      body: { email: 'multi@example.cn', phone: '13900001111' },
    });
    const b = await api.request('POST', `/api/organizations/${orgB}/members`, {
      token: otherAdmin,
      body: { email: 'multi@example.cn' },
    });
    expect((await api.request('POST', `/api/invitations/${a.body.id}/accept`, { token })).status).toBe(200);
    expect((await api.request('POST', `/api/invitations/${b.body.id}/accept`, { token })).status).toBe(200);
    const me = await api.request('GET', '/api/me', { token });
    expect(
      me.body.memberships
        .filter((m: { role: string }) => m.role === 'social_worker')
        .map((m: { organizationId: string }) => m.organizationId)
        .sort(),
    ).toEqual([org, orgB].sort());
    // Their memberships, oldest first, a page at a time: each once.
    expect(await idsOfEveryPage(api, '/api/me/memberships?limit=1', token)).toEqual([a.body.id, b.body.id]);
  });

  it('record a qualification that only their organization admin verifies', async () => {
    const set = await api.request('PUT', `/api/organizations/${org}/members/${memberId}/qualification`, {
      token: invitee,
      body: { level: 'senior', certificateNo: 'S2025330100777' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ qualificationLevel: 'senior', qualificationVerified: false });
    expect(
      (
        await api.request('POST', `/api/organizations/${org}/members/${memberId}/qualification/verify`, {
          token: invitee,
        })
      ).status,
    ).toBe(403);
    const bad = await api.request('PUT', `/api/organizations/${org}/members/${memberId}/qualification`, {
      token: invitee,
      body: { level: 'wizard', certificateNo: 'X1' },
    });
    expect(bad.status).toBe(400);
    // A second edit prepared against the version before the first one is refused (412).
    const shown = (
      await api.request('GET', `/api/organizations/${org}/members`, { token: orgAdmin })
    ).body.items.find((m: { id: string }) => m.id === memberId);
    const edit = (certificateNo: string) =>
      api.request('PUT', `/api/organizations/${org}/members/${memberId}/qualification`, {
        token: orgAdmin,
        headers: { 'if-match': `"${shown.version}"` },
        body: { level: 'social_worker', certificateNo },
      });
    const first = await edit('SW2026000001');
    expect([first.status, first.headers.get('etag')]).toEqual([200, `"${shown.version + 1}"`]);
    const stale = await edit('SW2026000002');
    expect([stale.status, stale.body.code]).toEqual([412, 'precondition.failed']);
    const verified = await api.request(
      'POST',
      `/api/organizations/${org}/members/${memberId}/qualification/verify`,
      { token: orgAdmin },
    );
    expect(verified.body.qualificationVerified).toBe(true);
  });

  it('are private to their organization', async () => {
    const outsider = await tokenFor(api, 'other-founder@example.cn', 'long-enough-1');
    const res = await api.request('GET', `/api/organizations/${org}/members`, { token: outsider });
    expect(res.status).toBe(403);
    expect((await api.request('GET', `/api/organizations/${org}/members`, { token: invitee })).status).toBe(
      403,
    );
    expect(
      (
        await api.request('PUT', `/api/organizations/${org}/members/${memberId}/qualification`, {
          token: outsider,
          body: { level: 'senior', certificateNo: 'S2025000000' },
        })
      ).status,
    ).toBe(403);
    const list = await api.request('GET', `/api/organizations/${org}/members`, { token: orgAdmin });
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(memberId);
    // One at a time, the pages hold the same members in the same order.
    const paged: string[] = [];
    let next: string | null = `/api/organizations/${org}/members?limit=1`;
    while (next) {
      const page: { body: { items: { id: string }[]; links: { next: string | null } } } = await api.request(
        'GET',
        next,
        { token: orgAdmin },
      );
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.body.items.map((m) => m.id));
      next = page.body.links.next;
    }
    expect(paged).toEqual(list.body.items.map((m: { id: string }) => m.id));
  });

  it('lose the role when removed, and the time they left is kept (staff retention in the score)', async () => {
    expect(
      (await api.request('DELETE', `/api/organizations/${org}/members/${memberId}`, { token: orgAdmin }))
        .status,
    ).toBe(204);
    expect(await rolesOf(invitee)).toEqual([]);
    const [member] = await db.query(
      `SELECT status, now() - left_at < interval '1 minute' AS just_left FROM organization_members WHERE id = $1`,
      [memberId],
    );
    expect(member).toEqual({ status: 'removed', just_left: true });
  });
});

describe('residents', () => {
  let applicant: string;
  let staff: string;

  beforeAll(async () => {
    applicant = await newUser(api, 'new.neighbour@example.cn');
    staff = await tokenFor(api, 'staff@demo.sanshe.cn');
  });

  it('ask to join a community; the staff of that community alone see and decide it', async () => {
    const asked = await api.request('POST', `/api/communities/${DEMO.communities[0]}/resident-requests`, {
      token: applicant,
      body: { note: '3栋2单元501' },
    });
    expect(asked.status).toBe(201);
    expect(
      (
        await api.request('POST', `/api/communities/${DEMO.communities[0]}/resident-requests`, {
          token: applicant,
          body: {},
        })
      ).status,
    ).toBe(409);

    const queue = await api.request('GET', `/api/communities/${DEMO.communities[0]}/resident-requests`, {
      token: staff,
    });
    expect(queue.body.items).toEqual([
      expect.objectContaining({ id: asked.body.id, note: '3栋2单元501', communityName: '春晖社区' }),
    ]);
    expect(
      (
        await api.request('GET', `/api/communities/${DEMO.communities[1]}/resident-requests`, {
          token: staff,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('GET', `/api/communities/${DEMO.communities[0]}/resident-requests`, {
          token: applicant,
        })
      ).status,
    ).toBe(403);

    // Refusing needs a reason; then staff approve and the applicant becomes a resident of that community.
    const noReason = await api.request('POST', `/api/resident-requests/${asked.body.id}/decision`, {
      token: staff,
      body: { approve: false },
    });
    expect(noReason.status).toBe(400);
    const approved = await api.request('POST', `/api/resident-requests/${asked.body.id}/decision`, {
      token: staff,
      body: { approve: true },
    });
    expect(approved.body.status).toBe('verified');
    const me = await api.request('GET', '/api/me', { token: applicant });
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ role: 'resident', regionId: DEMO.communities[0], scopeName: '春晖社区' }),
    ]);
    expect(
      (
        await api.request('POST', `/api/resident-requests/${asked.body.id}/decision`, {
          token: staff,
          body: { approve: true },
        })
      ).status,
    ).toBe(409);
  });

  it('are listed a page at a time: the staff queue oldest first, one’s own requests newest first', async () => {
    const community = DEMO.communities[1];
    const asked: string[] = [];
    for (const email of ['paged.one@example.cn', 'paged.two@example.cn', 'paged.three@example.cn']) {
      const token = await newUser(api, email);
      const res = await api.request('POST', `/api/communities/${community}/resident-requests`, {
        token,
        body: { note: email },
      });
      asked.push(res.body.id);
    }
    const staffThere = await api.request('GET', `/api/communities/${community}/resident-requests?limit=100`, {
      token: await tokenFor(api, 'admin@demo.sanshe.cn'),
    });
    expect(staffThere.status).toBe(200);
    expect(staffThere.body.items.map((r: { id: string }) => r.id)).toEqual(asked);
    expect(
      await idsOfEveryPage(
        api,
        `/api/communities/${community}/resident-requests?limit=2`,
        await tokenFor(api, 'admin@demo.sanshe.cn'),
      ),
    ).toEqual(asked);

    const wanderer = await newUser(api, 'wanderer@example.cn');
    const mine: string[] = [];
    for (const c of DEMO.communities.slice(1, 4)) {
      mine.push(
        (await api.request('POST', `/api/communities/${c}/resident-requests`, { token: wanderer, body: {} }))
          .body.id,
      );
    }
    expect(await idsOfEveryPage(api, '/api/me/resident-requests?limit=1', wanderer)).toEqual(mine.reverse());
  });

  it('are found in the staff queue by part of the name or e-mail, in the status asked for', async () => {
    const community = DEMO.communities[2];
    const asked = await api.request('POST', `/api/communities/${community}/resident-requests`, {
      token: await newUser(api, 'searchable.neighbour@example.cn'),
      body: {},
    });
    const admin = await tokenFor(api, 'admin@demo.sanshe.cn');
    const queue = (query: string, token = admin) =>
      api.request('GET', `/api/communities/${community}/resident-requests?${query}`, { token });
    const ids = async (query: string) => (await queue(query)).body.items.map((r: { id: string }) => r.id);
    expect(await ids('q=searchable')).toEqual([asked.body.id]);
    expect(await ids('q=SEARCHABLE.NEIGH')).toEqual([asked.body.id]);
    expect(await ids('q=nobody-like-this')).toEqual([]);
    expect(await ids('q=%25')).toEqual([]); // a wildcard is a plain character
    expect(await ids('q=searchable&status=verified')).toEqual([]);

    const tooLong = await queue(`q=${'x'.repeat(51)}`);
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'validation.failed']);
    const badStatus = await queue('status=everything');
    expect([badStatus.status, badStatus.body.code]).toEqual([400, 'validation.failed']);
    // Staff of another community, and a resident, see none of it, search or not.
    const otherStaff = await queue('q=searchable', await tokenFor(api, 'staff@demo.sanshe.cn'));
    expect([otherStaff.status, otherStaff.body.code]).toEqual([403, 'auth.out_of_scope']);
    const resident = await queue('q=searchable', await tokenFor(api, 'resident@demo.sanshe.cn'));
    expect([resident.status, resident.body.code]).toEqual([403, 'auth.forbidden']);
  });

  it('cannot join a street or an unknown place as if it were a community', async () => {
    expect(
      (
        await api.request('POST', `/api/communities/${DEMO.streets[0]}/resident-requests`, {
          token: applicant,
          body: {},
        })
      ).status,
    ).toBe(404);
  });
});
