import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo, seedDemoContract } from '../src/database/seed/demo.js';
import { userWithRoles, verifiedOrganization } from './support/fixtures.js';
import { Api, idsOfEveryPage, tokenFor } from './support/http.js';
import { pdfEmbeddedText } from './support/pdf-text.js';
import { certificateFont } from '../src/modules/volunteers/certificate-pdf.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// Volunteers, their hours under 谁记录谁证明 with a 7-day objection window, signed certificates
// checked by a public endpoint, and the time bank (时间银行): a ledger of minutes of its own.

let env: Env;
let db: DataSource;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};
const [HOME, FAR] = [DEMO.communities[0], DEMO.communities[3]];

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const activityBody = (overrides: Record<string, unknown> = {}) => ({
  communityId: HOME,
  title: '重阳节敬老探访',
  description: '陪伴独居老人。',
  location: '春晖社区活动中心',
  startsAt: hourAgo(),
  endsAt: inHours(3),
  capacity: 5,
  ...overrides,
});
const profile = (overrides: Record<string, unknown> = {}) => ({
  communityId: HOME,
  skills: ['陪伴老人'],
  availability: '周末',
  publishName: false,
  ...overrides,
});
const post = (token: string, path: string, body?: unknown) => api.request('POST', path, { token, body });
const get = (token: string, path: string) => api.request('GET', path, { token });
const del = (token: string, path: string) => api.request('DELETE', path, { token });
/** Counted places and sign-up rows of an activity: they must always agree. */
const places = async (activityId: string) =>
  (
    await db.query(
      `SELECT a.signed_up AS "signedUp", (SELECT count(*)::int FROM volunteer_signups s WHERE s.activity_id = a.id) AS rows FROM volunteer_activities a WHERE id = $1`,
      [activityId],
    )
  )[0] as { signedUp: number; rows: number };

async function activity(token = t.staff, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await post(token, '/api/volunteer-activities', activityBody(overrides));
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Makes the entry look recorded `days` ago (the objection window is a query on dates). */
const age = (hoursId: string, days: number) =>
  db.query(`UPDATE volunteer_hours SET recorded_at = now() - make_interval(days => $2) WHERE id = $1`, [
    hoursId,
    days,
  ]);

/** A certified hours entry of `who` (signed up, recorded by the staff, 8 days old). */
async function certifiedHours(who: string, minutes: number): Promise<string> {
  const a = await activity();
  expect((await post(t[who], `/api/volunteer-activities/${a}/signups`)).status).toBe(201);
  const res = await post(t.staff, `/api/volunteer-activities/${a}/hours`, { volunteerId: ids[who], minutes });
  expect(res.status).toBe(201);
  await age(res.body.id, 8);
  return res.body.id;
}

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  await seedDemoContract(db);
  api = await Api.start();
  for (const name of ['ann', 'bob', 'cat', 'dan', 'eve']) {
    ids[name] = await userWithRoles(db, `${name}@example.cn`, [['resident', { regionId: HOME }]]);
    t[name] = await tokenFor(api, `${name}@example.cn`);
  }
  ids.far = await userWithRoles(db, 'far@example.cn', [['resident', { regionId: FAR }]]);
  await userWithRoles(db, 'staff-far@example.cn', [['community_staff', { regionId: FAR }]]);
  const other = await verifiedOrganization(db, '别家机构');
  for (const [key, email] of Object.entries({
    far: 'far@example.cn',
    staffFar: 'staff-far@example.cn',
    staff: 'staff@demo.sanshe.cn',
    orgadmin: 'orgadmin@demo.sanshe.cn',
    otherOrg: other.adminEmail,
    officer: 'officer@demo.sanshe.cn',
  }))
    t[key] = await tokenFor(api, email);
  for (const name of ['ann', 'bob', 'cat', 'dan', 'eve'])
    expect((await api.request('PUT', '/api/volunteers/me', { token: t[name], body: profile() })).status).toBe(
      200,
    );
}, 300_000);
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('volunteer profile', () => {
  it('registers a resident of the community and edits with If-Match', async () => {
    const res = await api.request('PUT', '/api/volunteers/me', {
      token: t.ann,
      body: profile({ skills: ['电脑维修', '电脑维修'], publishName: true }),
      headers: { 'if-match': '"1"' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ skills: ['电脑维修'], publishName: true, version: 2 });
    expect(res.headers.get('etag')).toBe('"2"');
    const stale = await api.request('PUT', '/api/volunteers/me', {
      token: t.ann,
      body: profile(),
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
  });

  it('refuses a community the resident does not live in, and other roles', async () => {
    const res = await api.request('PUT', '/api/volunteers/me', { token: t.far, body: profile() });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.out_of_scope');
    expect((await api.request('PUT', '/api/volunteers/me', { token: t.staff, body: profile() })).status).toBe(
      403,
    );
    expect((await get(t.far, '/api/volunteers/me')).status).toBe(404);
  });
});

describe('activities and sign-up', () => {
  it("lets staff post in their community and an org admin only in its organization's project", async () => {
    expect((await post(t.staffFar, '/api/volunteer-activities', activityBody())).status).toBe(403);
    expect((await post(t.ann, '/api/volunteer-activities', activityBody())).status).toBe(403);
    const foreign = await post(
      t.otherOrg,
      '/api/volunteer-activities',
      activityBody({ projectId: DEMO.project }),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('auth.out_of_scope');
    const noProject = await post(t.orgadmin, '/api/volunteer-activities', activityBody());
    expect(noProject.status).toBe(400);
    const own = await post(
      t.orgadmin,
      '/api/volunteer-activities',
      activityBody({ projectId: DEMO.project }),
    );
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ organizationId: DEMO.organization, organizedByMe: true, signedUp: 0 });
    expect(own.headers.get('location')).toBe(`/api/volunteer-activities/${own.body.id}`);
    const over = await post(
      t.staff,
      '/api/volunteer-activities',
      activityBody({ endsAt: hourAgo(), startsAt: '2020-01-01T00:00:00Z' }),
    );
    expect(over.status).toBe(400);
  });

  it('lists the community activities to its residents only', async () => {
    const a = await activity();
    const list = await get(t.bob, `/api/communities/${HOME}/volunteer-activities?limit=100`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(a);
    expect((await get(t.far, `/api/communities/${HOME}/volunteer-activities`)).status).toBe(403);
    expect((await get(t.far, `/api/volunteer-activities/${a}`)).status).toBe(403);
  });

  it('searches the activities by title, place or description, a page at a time', async () => {
    const ids3 = [
      await activity(t.staff, { title: '社区读书会 第一期' }),
      await activity(t.staff, { title: '周末义诊', location: '读书角' }),
      await activity(t.staff, { title: '清洁楼道', description: '顺便整理读书角的书架' }),
    ];
    await activity(t.staff, { title: '理发服务' });
    const q = encodeURIComponent('读书');
    const community = await idsOfEveryPage(
      api,
      `/api/communities/${HOME}/volunteer-activities?q=${q}&limit=2`,
      t.bob,
    );
    expect([...community].sort()).toEqual([...ids3].sort());
    const organized = await idsOfEveryPage(
      api,
      `/api/volunteer-activities/organized?q=${q}&limit=2`,
      t.staff,
    );
    expect([...organized].sort()).toEqual([...ids3].sort());
    // Wildcards are words; the search keeps the scope; bad input is refused.
    expect((await get(t.bob, `/api/communities/${HOME}/volunteer-activities?q=%25`)).body.items).toEqual([]);
    expect((await get(t.far, `/api/communities/${HOME}/volunteer-activities?q=${q}`)).status).toBe(403);
    expect((await get(t.bob, `/api/volunteer-activities/organized?q=${q}`)).status).toBe(403);
    const tooLong = await get(t.bob, `/api/communities/${HOME}/volunteer-activities?q=${'读'.repeat(51)}`);
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'validation.failed']);
  });

  it('signs a volunteer up once, refuses residents elsewhere and non-volunteers', async () => {
    const a = await activity();
    expect((await post(t.ann, `/api/volunteer-activities/${a}/signups`)).status).toBe(201);
    const again = await post(t.ann, `/api/volunteer-activities/${a}/signups`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('state.conflict');
    expect((await post(t.far, `/api/volunteer-activities/${a}/signups`)).status).toBe(403);
    const staffSignup = await post(t.staff, `/api/volunteer-activities/${a}/signups`);
    expect(staffSignup.status).toBe(403);
    expect((await get(t.bob, `/api/volunteer-activities/${a}`)).body.signedUp).toBe(1);
  });

  it('never passes the capacity under concurrent sign-ups (the database decides)', async () => {
    const a = await activity(t.staff, { capacity: 2 });
    const results = await Promise.all(
      ['ann', 'bob', 'cat', 'dan', 'eve'].map((n) => post(t[n], `/api/volunteer-activities/${a}/signups`)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'activity.full')).toBe(true);
    const [{ signed_up, n }] = await db.query(
      `SELECT a.signed_up, (SELECT count(*)::int FROM volunteer_signups s WHERE s.activity_id = a.id) AS n FROM volunteer_activities a WHERE id = $1`,
      [a],
    );
    expect([signed_up, n]).toEqual([2, 2]);
  });

  it('refuses the same volunteer signing up twice at once', async () => {
    const a = await activity();
    const results = await Promise.all(
      [1, 2, 3].map(() => post(t.cat, `/api/volunteer-activities/${a}/signups`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await get(t.staff, `/api/volunteer-activities/${a}/participants`)).body).toHaveLength(1);
  });
});

describe('withdrawing a sign-up', () => {
  const upcoming = { startsAt: inHours(1), endsAt: inHours(3) };
  const signup = (a: string, who: string) => `/api/volunteer-activities/${a}/signups/${ids[who]}`;

  it('frees the place before the activity starts; only the volunteer withdraws their own', async () => {
    const a = await activity(t.staff, { ...upcoming, capacity: 1 });
    expect((await post(t.ann, `/api/volunteer-activities/${a}/signups`)).status).toBe(201);
    expect((await post(t.bob, `/api/volunteer-activities/${a}/signups`)).body.code).toBe('activity.full');
    const someoneElse = await del(t.bob, signup(a, 'ann'));
    expect([someoneElse.status, someoneElse.body.code]).toEqual([403, 'auth.out_of_scope']);
    const staff = await del(t.staff, signup(a, 'ann'));
    expect(staff.status).toBe(403);
    const notSigned = await del(t.bob, signup(a, 'bob'));
    expect([notSigned.status, notSigned.body.code]).toEqual([404, 'resource.not_found']);
    expect(await places(a)).toEqual({ signedUp: 1, rows: 1 });

    expect((await del(t.ann, signup(a, 'ann'))).status).toBe(204);
    expect(await places(a)).toEqual({ signedUp: 0, rows: 0 });
    expect((await get(t.ann, `/api/volunteer-activities/${a}`)).body).toMatchObject({
      signedUp: 0,
      signedUpByMe: false,
    });
    expect((await post(t.bob, `/api/volunteer-activities/${a}/signups`)).status).toBe(201);
    const [audit] = await db.query(
      `SELECT actor_id FROM audit_log WHERE action = 'volunteer.withdrawn' AND entity_id = $1`,
      [a],
    );
    expect(audit.actor_id).toBe(ids.ann);
  });

  it('gives the place back once under concurrent withdrawals (the row lock decides)', async () => {
    const a = await activity(t.staff, { ...upcoming, capacity: 3 });
    for (const n of ['ann', 'bob'])
      expect((await post(t[n], `/api/volunteer-activities/${a}/signups`)).status).toBe(201);
    const results = await Promise.all([1, 2, 3].map(() => del(t.ann, signup(a, 'ann'))));
    expect(results.map((r) => r.status).sort()).toEqual([204, 404, 404]);
    expect(await places(a)).toEqual({ signedUp: 1, rows: 1 });
    // Withdrawals and sign-ups at once: the count still matches the rows.
    const mixed = await Promise.all([
      del(t.bob, signup(a, 'bob')),
      ...['cat', 'dan', 'eve', 'ann'].map((n) => post(t[n], `/api/volunteer-activities/${a}/signups`)),
    ]);
    expect(mixed[0].status).toBe(204);
    const after = await places(a);
    expect(after.signedUp).toBe(after.rows);
    expect(after.signedUp).toBe(mixed.slice(1).filter((r) => r.status === 201).length);
    expect(after.signedUp).toBeGreaterThanOrEqual(2);
    expect(after.signedUp).toBeLessThanOrEqual(3);
  });

  it('is refused once the activity has started or hours are recorded', async () => {
    const started = await activity();
    expect((await post(t.cat, `/api/volunteer-activities/${started}/signups`)).status).toBe(201);
    const late = await del(t.cat, signup(started, 'cat'));
    expect([late.status, late.body.code]).toEqual([409, 'state.invalid_transition']);
    expect(await places(started)).toEqual({ signedUp: 1, rows: 1 });

    const a = await activity(t.staff, upcoming);
    expect((await post(t.cat, `/api/volunteer-activities/${a}/signups`)).status).toBe(201);
    expect(
      (await post(t.staff, `/api/volunteer-activities/${a}/hours`, { volunteerId: ids.cat, minutes: 60 }))
        .status,
    ).toBe(201);
    const recorded = await del(t.cat, signup(a, 'cat'));
    expect([recorded.status, recorded.body.code]).toEqual([409, 'state.invalid_transition']);
    expect(await places(a)).toEqual({ signedUp: 1, rows: 1 });
  });
});

describe("an organization's admin and its volunteers", () => {
  it("sees the sign-ups and hours of activities in the organization's projects, not another's", async () => {
    // Posted by the community staff in the organization's project: the org admin sees it too.
    const a = await activity(t.staff, { projectId: DEMO.project, title: '机构项目里的社区活动' });
    expect((await post(t.eve, `/api/volunteer-activities/${a}/signups`)).status).toBe(201);
    const mine = await get(t.orgadmin, '/api/volunteer-activities/organized?limit=100');
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((i: { id: string }) => i.id === a)).toMatchObject({
      organizedByMe: false,
      projectId: DEMO.project,
      // Its volunteers come with it: the page asks for no list of its own per activity.
      participants: [{ volunteerId: ids.eve, hoursId: null, minutes: null, status: null }],
    });
    const seen = await get(t.orgadmin, `/api/volunteer-activities/${a}/participants`);
    expect(seen.status).toBe(200);
    expect(seen.body.map((p: { volunteerId: string }) => p.volunteerId)).toEqual([ids.eve]);

    const other = await get(t.otherOrg, `/api/volunteer-activities/${a}/participants`);
    expect([other.status, other.body.code]).toEqual([403, 'auth.out_of_scope']);
    const otherList = await get(t.otherOrg, '/api/volunteer-activities/organized?limit=100');
    expect(otherList.body.items.map((i: { id: string }) => i.id)).not.toContain(a);
    expect((await get(t.ann, '/api/volunteer-activities/organized')).status).toBe(403);
    // Only the organizer records hours (谁记录谁证明), not the organization's admin.
    const record = await post(t.orgadmin, `/api/volunteer-activities/${a}/hours`, {
      volunteerId: ids.eve,
      minutes: 30,
    });
    expect(record.status).toBe(403);
  });

  it("posts only in communities the organization's project serves", async () => {
    // Neither the organization nor the staff of a community the project does not serve.
    for (const poster of [t.orgadmin, t.staffFar]) {
      const elsewhere = await post(
        poster,
        '/api/volunteer-activities',
        activityBody({ communityId: FAR, projectId: DEMO.project }),
      );
      expect([elsewhere.status, elsewhere.body.code, elsewhere.body.details?.field]).toEqual([
        400,
        'validation.failed',
        'communityId',
      ]);
    }
    const own = await activity(t.orgadmin, { projectId: DEMO.project, title: '机构自己组织的活动' });
    const list = await get(t.orgadmin, '/api/volunteer-activities/organized?limit=100');
    expect(list.body.items.find((i: { id: string }) => i.id === own)).toMatchObject({ organizedByMe: true });
  });
});

describe('hours, objections and certificates', () => {
  let a: string;
  let hoursId: string;

  beforeAll(async () => {
    a = await activity(t.orgadmin, { projectId: DEMO.project });
    for (const n of ['ann', 'bob'])
      expect((await post(t[n], `/api/volunteer-activities/${a}/signups`)).status).toBe(201);
  });

  it('are recorded only by the activity organizer, for signed-up volunteers, once', async () => {
    const body = { volunteerId: ids.ann, minutes: 150 };
    expect((await post(t.staff, `/api/volunteer-activities/${a}/hours`, body)).status).toBe(403);
    expect((await post(t.otherOrg, `/api/volunteer-activities/${a}/hours`, body)).status).toBe(403);
    expect((await post(t.ann, `/api/volunteer-activities/${a}/hours`, body)).status).toBe(403);
    const notSigned = await post(t.orgadmin, `/api/volunteer-activities/${a}/hours`, {
      volunteerId: ids.cat,
      minutes: 60,
    });
    expect(notSigned.status).toBe(400);
    const res = await post(t.orgadmin, `/api/volunteer-activities/${a}/hours`, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ minutes: 150, state: 'pending', deposited: false });
    hoursId = res.body.id;
    expect((await post(t.orgadmin, `/api/volunteer-activities/${a}/hours`, body)).status).toBe(409);
    expect(
      (await post(t.orgadmin, `/api/volunteer-activities/${a}/hours`, { volunteerId: ids.bob, minutes: 90 }))
        .status,
    ).toBe(201);
    // The organizer's list shows each volunteer with the minutes recorded, as the activity's own list does.
    const organized = await get(t.orgadmin, '/api/volunteer-activities/organized?limit=100');
    const listed = organized.body.items.find((i: { id: string }) => i.id === a).participants;
    expect(listed).toEqual((await get(t.orgadmin, `/api/volunteer-activities/${a}/participants`)).body);
    expect(listed.map((p: { volunteerId: string; minutes: number }) => [p.volunteerId, p.minutes])).toEqual([
      [ids.ann, 150],
      [ids.bob, 90],
    ]);
  });

  it('are published to the community for 7 days, with names only by consent', async () => {
    const list = await get(t.cat, `/api/communities/${HOME}/volunteer-hours?limit=100`);
    expect(list.status).toBe(200);
    const ann = list.body.items.find((i: { id: string }) => i.id === hoursId);
    expect(ann).toMatchObject({ volunteerName: 'ann@example.cn', state: 'pending' });
    expect(list.body.items.find((i: { minutes: number }) => i.minutes === 90).volunteerName).toBeNull();
    expect((await get(t.far, `/api/communities/${HOME}/volunteer-hours`)).status).toBe(403);
  });

  it('do not count during the window, nor while objected; staff decide objections', async () => {
    expect((await get(t.ann, '/api/volunteers/me')).body).toMatchObject({
      certifiedMinutes: 0,
      pendingMinutes: 150,
    });
    expect(
      (await post(t.far, `/api/volunteer-hours/${hoursId}/objection`, { reason: '当天活动只进行了一小时。' }))
        .status,
    ).toBe(403);
    expect(
      (await post(t.cat, `/api/volunteer-hours/${hoursId}/objection`, { reason: '当天活动只进行了一小时。' }))
        .status,
    ).toBe(204);
    await age(hoursId, 8);
    expect((await get(t.ann, '/api/volunteers/me')).body.certifiedMinutes).toBe(0);
    const resolution = { decision: 'dismiss', reason: '签到表显示服务两个半小时。' };
    expect((await post(t.cat, `/api/volunteer-hours/${hoursId}/resolution`, resolution)).status).toBe(403);
    expect((await post(t.staffFar, `/api/volunteer-hours/${hoursId}/resolution`, resolution)).status).toBe(
      403,
    );
    expect((await post(t.staff, `/api/volunteer-hours/${hoursId}/resolution`, resolution)).status).toBe(204);
    expect((await get(t.ann, '/api/volunteers/me')).body).toMatchObject({
      certifiedMinutes: 150,
      pendingMinutes: 0,
    });
    const late = await post(t.cat, `/api/volunteer-hours/${hoursId}/objection`, {
      reason: '过了七天再提出异议。',
    });
    expect(late.status).toBe(409);
  });

  it('an upheld objection voids the entry', async () => {
    const [bobHours] = await db.query(
      `SELECT id FROM volunteer_hours WHERE volunteer_id = $1 AND activity_id = $2`,
      [ids.bob, a],
    );
    expect(
      (await post(t.staff, `/api/volunteer-hours/${bobHours.id}/objection`, { reason: '本人当天不在场。' }))
        .status,
    ).toBe(204);
    expect(
      (
        await post(t.staff, `/api/volunteer-hours/${bobHours.id}/resolution`, {
          decision: 'uphold',
          reason: '核实不在场。',
        })
      ).status,
    ).toBe(204);
    await age(bobHours.id, 8);
    const mine = await get(t.bob, '/api/volunteers/me/hours');
    expect(mine.body.items.find((i: { id: string }) => i.id === bobHours.id).state).toBe('void');
  });

  it('a certificate verifies through the public endpoint and a tampered one does not', async () => {
    expect((await post(t.cat, '/api/volunteers/me/certificates')).status).toBe(409);
    const issued = await post(t.ann, '/api/volunteers/me/certificates');
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ minutes: 150, entries: 1 });
    const { id, signature } = issued.body;
    expect(issued.body.verifyUrl).toContain(`/volunteer-certificates/${id}/verify?sig=${signature}`);

    const ok = await api.request('GET', `/api/volunteer-certificates/${id}/verify?sig=${signature}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, minutes: 150, hours: 2.5, volunteerName: 'ann@example.cn' });
    expect(Object.keys(ok.body).sort()).toEqual(
      ['hours', 'issuedAt', 'minutes', 'periodFrom', 'periodTo', 'valid', 'volunteerName'].sort(),
    );
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    const tampered = await api.request('GET', `/api/volunteer-certificates/${id}/verify?sig=${flipped}`);
    expect(tampered.body).toEqual({
      valid: false,
      minutes: null,
      hours: null,
      periodFrom: null,
      periodTo: null,
      issuedAt: null,
      volunteerName: null,
    });
    // A row altered in the database no longer matches its signature either.
    await db.query(`UPDATE volunteer_certificates SET minutes = 1500 WHERE id = $1`, [id]);
    expect(
      (await api.request('GET', `/api/volunteer-certificates/${id}/verify?sig=${signature}`)).body.valid,
    ).toBe(false);
    await db.query(`UPDATE volunteer_certificates SET minutes = 150 WHERE id = $1`, [id]);

    // Without consent the check names no one.
    const me = await get(t.ann, '/api/volunteers/me');
    await api.request('PUT', '/api/volunteers/me', {
      token: t.ann,
      body: profile({ publishName: false }),
      headers: { 'if-match': `"${me.body.version}"` },
    });
    const anonymous = await api.request('GET', `/api/volunteer-certificates/${id}/verify?sig=${signature}`);
    expect(anonymous.body).toMatchObject({ valid: true, volunteerName: null });

    const pdf = await fetch(
      `${api.baseUrl.replace('[::1]', '127.0.0.1')}/api/volunteer-certificates/${id}/pdf`,
      {
        headers: { authorization: `Bearer ${t.ann}` },
      },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await get(t.bob, `/api/volunteer-certificates/${id}/pdf`)).status).toBe(404);
  });
});

describe('certificate PDF', () => {
  const pdfOf = async (token: string, id: string) => {
    const res = await fetch(
      `${api.baseUrl.replace('[::1]', '127.0.0.1')}/api/volunteer-certificates/${id}/pdf`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it("writes the volunteer's Chinese name in an embedded CJK font only with their consent", async () => {
    ids.fay = await userWithRoles(db, 'fay@example.cn', [['resident', { regionId: HOME }]]);
    await db.query(`UPDATE users SET display_name = '方小雨' WHERE id = $1`, [ids.fay]);
    t.fay = await tokenFor(api, 'fay@example.cn');
    const registered = await api.request('PUT', '/api/volunteers/me', {
      token: t.fay,
      body: profile({ publishName: true }),
    });
    expect(registered.status).toBe(200);
    await certifiedHours('fay', 45);
    const issued = await post(t.fay, '/api/volunteers/me/certificates');
    expect(issued.status).toBe(201);

    const named = await pdfOf(t.fay, issued.body.id);
    expect(named.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
    expect(named.toString('latin1')).toContain('/ToUnicode');
    expect(pdfEmbeddedText(named)).toContain('志愿者 Volunteer: 方小雨');
    const check = await api.request(
      'GET',
      `/api/volunteer-certificates/${issued.body.id}/verify?sig=${issued.body.signature}`,
    );
    expect(check.body).toMatchObject({ valid: true, volunteerName: '方小雨' });

    await api.request('PUT', '/api/volunteers/me', {
      token: t.fay,
      body: profile({ publishName: false }),
      headers: { 'if-match': `"${registered.body.version}"` },
    });
    const anonymous = await pdfOf(t.fay, issued.body.id);
    expect(pdfEmbeddedText(anonymous)).not.toContain('方小雨');
    expect(anonymous.toString('latin1')).not.toContain('NotoSansCJK');
    expect(
      (
        await api.request(
          'GET',
          `/api/volunteer-certificates/${issued.body.id}/verify?sig=${issued.body.signature}`,
        )
      ).body.volunteerName,
    ).toBeNull();
  });

  it('my certificates page through, newest first, each once, mine only', async () => {
    // Five more certificates of ann's, a second apart (issuing needs new hours each time).
    await db.query(
      `INSERT INTO volunteer_certificates (volunteer_id, minutes, entries, period_from, period_to, issued_at)
       SELECT $1, 60 * i, 1, '2026-01-01', '2026-01-31', now() - i * interval '1 second' FROM generate_series(1, 5) i`,
      [ids.ann],
    );
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM volunteer_certificates WHERE volunteer_id = $1`,
      [ids.ann],
    );
    const paged = await idsOfEveryPage(api, '/api/volunteers/me/certificates?limit=2', t.ann);
    expect(paged).toHaveLength(n);
    expect(new Set(paged).size).toBe(n);
    const all = await get(t.ann, '/api/volunteers/me/certificates?limit=100');
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual(paged);
    const issued = all.body.items.map((c: { issuedAt: string }) => c.issuedAt);
    expect([...issued].sort().reverse()).toEqual(issued);
    expect(all.body.items[1].verifyUrl).toContain(`/volunteer-certificates/${paged[1]}/verify?sig=`);
    // Someone else sees none of them; a staff member has no certificates to list; bad pages are refused.
    expect((await get(t.bob, '/api/volunteers/me/certificates')).body.items).toEqual([]);
    expect((await get(t.staff, '/api/volunteers/me/certificates')).status).toBe(403);
    for (const bad of ['limit=0', 'limit=101', 'cursor=nonsense']) {
      const res = await get(t.ann, `/api/volunteers/me/certificates?${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation.failed');
    }
  });

  it('a missing font stops the start in production and is reported elsewhere, never silently', () => {
    const missing = { path: '/nonexistent/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' };
    expect(() => certificateFont(missing, true, () => undefined)).toThrow(/fonts-noto-cjk/);
    const warnings: string[] = [];
    expect(certificateFont(missing, false, (m) => warnings.push(m))).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/CERTIFICATE_FONT/)]);
    const present = { path: env.CERTIFICATE_FONT, face: env.CERTIFICATE_FONT_FACE };
    expect(certificateFont(present, true, () => undefined)).toEqual(present);
  });
});

describe('time bank', () => {
  it('a volunteer earns certified hours as credits, once, and spends them on help another volunteer gives', async () => {
    const pending = await activity();
    expect((await post(t.dan, `/api/volunteer-activities/${pending}/signups`)).status).toBe(201);
    const fresh = await post(t.staff, `/api/volunteer-activities/${pending}/hours`, {
      volunteerId: ids.dan,
      minutes: 30,
    });
    const notYet = await post(t.dan, '/api/time-bank/deposits', { hoursId: fresh.body.id });
    expect(notYet.status).toBe(409);
    expect(notYet.body.code).toBe('state.invalid_transition');

    const hoursId = await certifiedHours('dan', 120);
    expect((await post(t.eve, '/api/time-bank/deposits', { hoursId })).status).toBe(404);
    const deposits = await Promise.all(
      [1, 2, 3].map(() => post(t.dan, '/api/time-bank/deposits', { hoursId })),
    );
    expect(deposits.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await get(t.dan, '/api/time-bank/me')).body).toMatchObject({
      balanceMinutes: 120,
      heldMinutes: 0,
    });

    const request = await post(t.dan, '/api/help-requests', {
      title: '帮忙取药',
      description: '周三上午',
      minutes: 90,
    });
    expect(request.status).toBe(201);
    const id = request.body.id;
    expect((await get(t.dan, '/api/time-bank/me')).body).toMatchObject({
      balanceMinutes: 30,
      heldMinutes: 90,
    });

    expect((await post(t.dan, `/api/help-requests/${id}/accept`)).status).toBe(403);
    expect((await post(t.far, `/api/help-requests/${id}/accept`)).status).toBe(403);
    expect((await post(t.eve, `/api/help-requests/${id}/accept`)).status).toBe(200);
    expect((await post(t.cat, `/api/help-requests/${id}/accept`)).status).toBe(409);
    expect((await post(t.dan, `/api/help-requests/${id}/confirm`)).status).toBe(409);
    expect((await post(t.dan, `/api/help-requests/${id}/fulfil`)).status).toBe(403);
    expect((await post(t.eve, `/api/help-requests/${id}/fulfil`)).status).toBe(200);
    expect((await post(t.eve, `/api/help-requests/${id}/confirm`)).status).toBe(403);
    const confirmed = await post(t.dan, `/api/help-requests/${id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', helperId: ids.eve });
    expect((await get(t.eve, '/api/time-bank/me')).body.balanceMinutes).toBe(90);
    expect((await get(t.dan, '/api/time-bank/me')).body).toMatchObject({
      balanceMinutes: 30,
      heldMinutes: 0,
    });

    // Every journal balances, nothing came from nowhere, and credits never touched the money ledger.
    const [unbalanced] = await db.query(
      `SELECT count(*)::int AS n FROM (SELECT journal_id FROM time_postings GROUP BY journal_id HAVING sum(minutes) <> 0) j`,
    );
    expect(unbalanced.n).toBe(0);
    const [issued] = await db.query(
      `SELECT -sum(p.minutes)::int AS minutes FROM time_postings p JOIN time_accounts a ON a.id = p.account_id WHERE a.kind = 'issued'`,
    );
    const [earned] = await db.query(
      `SELECT sum(h.minutes)::int AS minutes FROM time_journal j JOIN volunteer_hours h ON h.id = j.hours_id`,
    );
    expect(issued.minutes).toBe(earned.minutes);
  });

  it('refuses a double spend under concurrency (the account row lock decides)', async () => {
    await post(t.cat, '/api/time-bank/deposits', { hoursId: await certifiedHours('cat', 60) });
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        post(t.cat, '/api/help-requests', { title: `帮忙 ${i}`, description: '', minutes: 60 }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(
      results.filter((r) => r.status === 409).every((r) => r.body.code === 'time_bank.insufficient_credits'),
    ).toBe(true);
    expect((await get(t.cat, '/api/time-bank/me')).body).toMatchObject({
      balanceMinutes: 0,
      heldMinutes: 60,
    });

    // Cancelling gives the held credits back, once.
    const id = results.find((r) => r.status === 201)!.body.id;
    const cancels = await Promise.all([1, 2].map(() => post(t.cat, `/api/help-requests/${id}/cancel`)));
    expect(cancels.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await get(t.cat, '/api/time-bank/me')).body).toMatchObject({
      balanceMinutes: 60,
      heldMinutes: 0,
    });
  });

  it('my statement of account pages through my postings with what for and the balance after each', async () => {
    // cat: earned 60 (an activity), held 60 for a request, released 60 when cancelling it.
    const paged = await idsOfEveryPage(api, '/api/time-bank/me/postings?limit=2', t.cat);
    expect(paged).toHaveLength(3);
    expect(new Set(paged).size).toBe(3);
    const all = await get(t.cat, '/api/time-bank/me/postings?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.items.map((p: { id: string }) => p.id)).toEqual(paged);
    expect(all.body.items).toMatchObject([
      { kind: 'release', minutes: 60, balanceMinutes: 60, about: expect.stringMatching(/^帮忙 \d$/) },
      { kind: 'hold', minutes: -60, balanceMinutes: 0, about: expect.stringMatching(/^帮忙 \d$/) },
      { kind: 'earn', minutes: 60, balanceMinutes: 60, about: '重阳节敬老探访' },
    ]);
    // The newest balance is the balance.
    expect((await get(t.cat, '/api/time-bank/me')).body.balanceMinutes).toBe(
      all.body.items[0].balanceMinutes,
    );
    // Each sees only their own statement; staff have none; bad pages are refused.
    const dans = (await get(t.dan, '/api/time-bank/me/postings?limit=100')).body.items.map(
      (p: { id: string }) => p.id,
    );
    expect(dans.length).toBeGreaterThan(0);
    expect(dans.filter((id: string) => paged.includes(id))).toEqual([]);
    expect((await get(t.officer, '/api/time-bank/me/postings')).status).toBe(403);
    expect((await get(t.staff, '/api/time-bank/me/postings')).status).toBe(403);
    for (const bad of ['limit=0', 'limit=abc', 'cursor=WyJ4Il0']) {
      const res = await get(t.cat, `/api/time-bank/me/postings?${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation.failed');
    }
  });

  it('the ledger itself refuses unbalanced journals, negative members and edits', async () => {
    const [{ id: account }] = await db.query(`SELECT id FROM time_accounts WHERE user_id = $1`, [ids.cat]);
    const [{ id: issued }] = await db.query(`SELECT id FROM time_accounts WHERE kind = 'issued'`);
    const [{ id: dan }] = await db.query(`SELECT id FROM time_accounts WHERE user_id = $1`, [ids.dan]);
    const attempt = (postings: [string, number][]) =>
      db.transaction(async (m) => {
        const [{ id }] = await m.query(
          `INSERT INTO time_journal (kind, help_request_id, created_by) SELECT 'settle', id, requester_id FROM help_requests WHERE status = 'cancelled' LIMIT 1 RETURNING id`,
        );
        for (const [acc, minutes] of postings)
          await m.query(`INSERT INTO time_postings (journal_id, account_id, minutes) VALUES ($1, $2, $3)`, [
            id,
            acc,
            minutes,
          ]);
      });
    await expect(attempt([[account, 10]])).rejects.toThrow(/does not balance/);
    await expect(
      attempt([
        [account, -1000],
        [dan, 1000],
      ]),
    ).rejects.toThrow(/below zero/);
    await expect(
      db.query(`UPDATE time_postings SET minutes = minutes * 2 WHERE account_id = $1`, [issued]),
    ).rejects.toThrow(/append-only/);
  });

  it('help requests are seen only within their community', async () => {
    expect((await get(t.far, `/api/communities/${HOME}/help-requests`)).status).toBe(403);
    const list = await get(t.bob, `/api/communities/${HOME}/help-requests`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect((await get(t.far, `/api/help-requests/${list.body.items[0].id}`)).status).toBe(403);
    expect((await get(t.officer, '/api/time-bank/me')).status).toBe(403);
  });
});
