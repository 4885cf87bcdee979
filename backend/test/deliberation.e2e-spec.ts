import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { userWithRoles } from './support/fixtures.js';
import { Api, idsOfEveryPage, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
const COMMUNITY = DEMO.communities[0];
const OTHER_COMMUNITY = DEMO.communities[1];
const GRID = randomUUID();
const t: Record<string, string> = {};

/** The period of a consultation made to be over, as time would do. */
const endPeriod = (id: string) =>
  db.query(
    `UPDATE consultations SET opens_at = now() - interval '2 hours', closes_at = now() - interval '1 second' WHERE id = $1`,
    [id],
  );

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  await db.query(
    `INSERT INTO regions (id, name, level, parent_id, path) SELECT $1::uuid, '一网格', 'grid', id, path || $1::text || '/' FROM regions WHERE id = $2`,
    [GRID, COMMUNITY],
  );
  await userWithRoles(db, 'neighbour@example.cn', [['resident', { regionId: COMMUNITY }]]);
  await userWithRoles(db, 'gridder@example.cn', [['resident', { regionId: GRID }]]);
  await userWithRoles(db, 'outsider@example.cn', [['resident', { regionId: OTHER_COMMUNITY }]]);
  await userWithRoles(db, 'other-staff@example.cn', [['community_staff', { regionId: OTHER_COMMUNITY }]]);
  api = await Api.start();
  t.staff = await tokenFor(api, 'staff@demo.sanshe.cn');
  t.resident = await tokenFor(api, 'resident@demo.sanshe.cn');
  for (const who of ['neighbour', 'gridder', 'outsider', 'other-staff'])
    t[who] = await tokenFor(api, `${who}@example.cn`);
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

const open = (token: string, body: Record<string, unknown>, community = COMMUNITY) =>
  api.request('POST', `/api/communities/${community}/consultations`, {
    token,
    body: {
      regionId: COMMUNITY,
      title: '南门空地怎么用',
      question: '南门外空地改为停车位还是休闲区？',
      options: ['停车位', '休闲区'],
      allowProposals: true,
      secret: true,
      closesAt: inAnHour(),
      ...body,
    },
  });

describe('consultations', () => {
  let secretId: string;
  let parking: string;

  it('are opened by the staff of that community only', async () => {
    expect((await open(t.resident, {})).body.code).toBe('auth.forbidden');
    expect((await open(t['other-staff'], {})).body.code).toBe('auth.out_of_scope');
    const foreignRegion = await open(t.staff, { regionId: OTHER_COMMUNITY });
    expect([foreignRegion.status, foreignRegion.body.code]).toEqual([400, 'validation.failed']);
    const past = await open(t.staff, { closesAt: new Date(Date.now() - 1000).toISOString() });
    expect([past.status, past.body.details.field]).toEqual([400, 'closesAt']);
    const oneOption = await open(t.staff, { options: ['停车位'], allowProposals: false });
    expect(oneOption.status).toBe(400);

    const created = await open(t.staff, {});
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/consultations/${created.body.id}`);
    expect(created.body).toMatchObject({ status: 'open', secret: true, canVote: false, voterCount: 0 });
    secretId = created.body.id;
    parking = created.body.options[0].id;
  });

  it('are read by the residents of the community, not by those of another', async () => {
    const mine = await api.request('GET', `/api/consultations/${secretId}`, { token: t.resident });
    expect(mine.body).toMatchObject({ canVote: true, votedByMe: false });
    expect(mine.body.options.map((o: { votes: number | null }) => o.votes)).toEqual([null, null]);
    const theirs = await api.request('GET', `/api/consultations/${secretId}`, { token: t.outsider });
    expect([theirs.status, theirs.body.code]).toEqual([403, 'auth.out_of_scope']);
    const list = await api.request('GET', `/api/communities/${COMMUNITY}/consultations?status=open`, {
      token: t.neighbour,
    });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([secretId]);
  });

  /** The consultation's comments as `token` reads them, newest first. */
  const commentsOf = async (id: string, token: string) => {
    const res = await api.request('GET', `/api/consultations/${id}/comments?limit=100`, { token });
    expect(res.status).toBe(200);
    return res.body.items as { id: string; body: string | null; moderation: string }[];
  };

  it('are found by part of their title, in the community only', async () => {
    const ids = async (query: string, token = t.neighbour, community = COMMUNITY) => {
      const res = await api.request('GET', `/api/communities/${community}/consultations?${query}`, { token });
      return res.body.items.map((c: { id: string }) => c.id);
    };
    expect(await ids(`q=${encodeURIComponent('空地')}`)).toEqual([secretId]);
    expect(await ids(`q=${encodeURIComponent('空地')}&status=closed`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('电梯')}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([]); // a wildcard is a plain character
    expect(await ids(`q=${encodeURIComponent('空地')}`, t['other-staff'], OTHER_COMMUNITY)).toEqual([]);

    const theirs = await api.request('GET', `/api/communities/${COMMUNITY}/consultations?q=x`, {
      token: t.outsider,
    });
    expect([theirs.status, theirs.body.code]).toEqual([403, 'auth.out_of_scope']);
    const tooLong = await api.request(
      'GET',
      `/api/communities/${COMMUNITY}/consultations?q=${'x'.repeat(51)}`,
      {
        token: t.neighbour,
      },
    );
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'validation.failed']);
  });

  it('take proposals and comments from residents, moderated as ratings are', async () => {
    const proposed = await api.request('POST', `/api/consultations/${secretId}/proposals`, {
      token: t.neighbour,
      body: { label: '一半停车一半休闲' },
    });
    expect(proposed.status).toBe(200);
    const proposal = proposed.body.options[2];
    expect(proposal).toMatchObject({ label: '一半停车一半休闲', proposed: true, moderation: 'visible' });

    const commented = await api.request('POST', `/api/consultations/${secretId}/comments`, {
      token: t.neighbour,
      body: { body: '晚上停车太难了' },
    });
    expect(commented.status).toBe(200);
    const [comment] = await commentsOf(secretId, t.neighbour);
    expect(comment).toMatchObject({ body: '晚上停车太难了', moderation: 'visible' });

    const staffComment = await api.request('POST', `/api/consultations/${secretId}/comments`, {
      token: t.staff,
      body: { body: '员工不能评论' },
    });
    expect(staffComment.body.code).toBe('auth.forbidden');

    const reported = await api.request('POST', `/api/consultation-comments/${comment.id}/report`, {
      token: t.resident,
    });
    expect(reported.status).toBe(200);
    expect((await commentsOf(secretId, t.resident))[0]).toMatchObject({ body: null, moderation: 'reported' });
    expect((await commentsOf(secretId, t.neighbour))[0].body).toBe('晚上停车太难了');
    const foreign = await api.request('POST', `/api/consultation-comments/${comment.id}/moderate`, {
      token: t['other-staff'],
      body: { hide: false },
    });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'auth.out_of_scope']);
    const outsiderReport = await api.request('POST', `/api/consultation-comments/${comment.id}/report`, {
      token: t.outsider,
    });
    expect(outsiderReport.status).toBe(404);
    const shown = await api.request('POST', `/api/consultation-comments/${comment.id}/moderate`, {
      token: t.staff,
      body: { hide: false },
    });
    expect(shown.status).toBe(200);
    expect((await commentsOf(secretId, t.resident))[0]).toMatchObject({
      body: '晚上停车太难了',
      moderation: 'visible',
    });

    // A reported proposal takes no votes until staff decide; a staff-listed option is not moderated.
    await api.request('POST', `/api/consultation-proposals/${proposal.id}/report`, { token: t.resident });
    const onReported = await api.request('POST', `/api/consultations/${secretId}/votes`, {
      token: t.gridder,
      body: { optionId: proposal.id },
    });
    expect([onReported.status, onReported.body.details.field]).toEqual([400, 'optionId']);
    const staffOption = await api.request('POST', `/api/consultation-proposals/${parking}/report`, {
      token: t.resident,
    });
    expect(staffOption.status).toBe(404);
    await api.request('POST', `/api/consultation-proposals/${proposal.id}/moderate`, {
      token: t.staff,
      body: { hide: false },
    });
  });

  it("page through a consultation's comments, newest first, for its readers only", async () => {
    // Thirty more comments of the neighbour's, a second apart: more than a page and the old cap's worth.
    const [{ author }] = await db.query(
      `SELECT id AS author FROM users WHERE email = 'neighbour@example.cn'`,
    );
    await db.query(
      `INSERT INTO consultation_comments (consultation_id, author_id, body, created_at)
       SELECT $1, $2, '第' || i || '条', now() - i * interval '1 second' FROM generate_series(1, 30) i`,
      [secretId, author],
    );
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM consultation_comments WHERE consultation_id = $1`,
      [secretId],
    );
    const paged = await idsOfEveryPage(api, `/api/consultations/${secretId}/comments?limit=7`, t.resident);
    expect(paged).toHaveLength(n);
    expect(new Set(paged).size).toBe(n);
    const all = await commentsOf(secretId, t.gridder);
    expect(all.map((c) => c.id)).toEqual(paged);
    expect(all.slice(-2).map((c) => c.body)).toEqual(['第29条', '第30条']);

    const forbidden = async (token: string, status: number, code: string) => {
      const res = await api.request('GET', `/api/consultations/${secretId}/comments`, { token });
      expect([res.status, res.body.code]).toEqual([status, code]);
    };
    await forbidden(t.outsider, 403, 'auth.out_of_scope');
    await forbidden(t['other-staff'], 403, 'auth.out_of_scope');
    await forbidden(await tokenFor(api, 'orgadmin@demo.sanshe.cn'), 403, 'auth.forbidden');
    const unknown = await api.request('GET', `/api/consultations/${randomUUID()}/comments`, {
      token: t.resident,
    });
    expect(unknown.status).toBe(404);
    for (const bad of ['limit=0', 'limit=1000', 'cursor=%5B%5D']) {
      const res = await api.request('GET', `/api/consultations/${secretId}/comments?${bad}`, {
        token: t.resident,
      });
      expect([res.status, res.body.code]).toEqual([400, 'validation.failed']);
    }
  });

  it('take one vote per resident, the database deciding between concurrent ones', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.request('POST', `/api/consultations/${secretId}/votes`, {
          token: t.resident,
          body: { optionId: parking },
        }),
      ),
    );
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    expect(attempts.filter((a) => a.status === 409).every((a) => a.body.code === 'vote.already_cast')).toBe(
      true,
    );
    const [{ voters }] = await db.query(
      `SELECT count(*)::int AS voters FROM consultation_voters WHERE consultation_id = $1`,
      [secretId],
    );
    const [{ ballots }] = await db.query(
      `SELECT count(*)::int AS ballots FROM consultation_ballots WHERE consultation_id = $1`,
      [secretId],
    );
    expect([voters, ballots]).toEqual([1, 1]);

    const staffVote = await api.request('POST', `/api/consultations/${secretId}/votes`, {
      token: t.staff,
      body: { optionId: parking },
    });
    expect(staffVote.body.code).toBe('auth.forbidden');
    const outsiderVote = await api.request('POST', `/api/consultations/${secretId}/votes`, {
      token: t.outsider,
      body: { optionId: parking },
    });
    expect(outsiderVote.body.code).toBe('auth.out_of_scope');
    // A grid's resident lives in the community: a community-wide question is theirs too.
    const gridVote = await api.request('POST', `/api/consultations/${secretId}/votes`, {
      token: t.gridder,
      body: { optionId: parking },
    });
    expect(gridVote.body).toMatchObject({ votedByMe: true, canVote: false, voterCount: 2 });
    expect(gridVote.body.options.every((o: { votes: number | null }) => o.votes === null)).toBe(true);
  });

  it('keep a secret ballot apart from its voter, in the tables and in the audit trail', async () => {
    const ballots = await db.query(`SELECT * FROM consultation_ballots WHERE consultation_id = $1`, [
      secretId,
    ]);
    expect(ballots.map((b: { voter_id: string | null }) => b.voter_id)).toEqual([null, null]);
    expect(Object.keys(ballots[0]).sort()).toEqual([
      'consultation_id',
      'id',
      'option_id',
      'secret',
      'voter_id',
    ]);
    const audit = await db.query(
      `SELECT after FROM audit_log WHERE action = 'consultation.voted' AND entity_id = $1`,
      [secretId],
    );
    expect(audit.map((a: { after: unknown }) => a.after)).toEqual([{ secret: true }, { secret: true }]);
  });

  it('put a grid question to the residents of that grid only', async () => {
    const grid = await open(t.staff, { regionId: GRID, secret: false, allowProposals: false });
    expect(grid.status).toBe(201);
    const [first] = grid.body.options;
    const communityResident = await api.request('POST', `/api/consultations/${grid.body.id}/votes`, {
      token: t.resident,
      body: { optionId: first.id },
    });
    expect([communityResident.status, communityResident.body.code]).toEqual([403, 'vote.not_eligible']);
    const noProposals = await api.request('POST', `/api/consultations/${grid.body.id}/proposals`, {
      token: t.gridder,
      body: { label: '别的' },
    });
    expect(noProposals.body.code).toBe('state.invalid_transition');
    const voted = await api.request('POST', `/api/consultations/${grid.body.id}/votes`, {
      token: t.gridder,
      body: { optionId: first.id },
    });
    expect(voted.status).toBe(200);
    const [ballot] = await db.query(`SELECT voter_id FROM consultation_ballots WHERE consultation_id = $1`, [
      grid.body.id,
    ]);
    const [{ id: gridderId }] = await db.query(`SELECT id FROM users WHERE email = 'gridder@example.cn'`);
    expect(ballot.voter_id).toBe(gridderId); // an open ballot names its voter
  });

  it('close into minutes once over, creating needs traceable both ways, and only then show the result', async () => {
    const minutes = '多数居民同意改建停车位。';
    const needs = [
      { categoryCode: 'elderly.home_care', title: '南门改建停车位', text: '按议事结果改建20个停车位。' },
    ];
    const early = await api.request('POST', `/api/consultations/${secretId}/close`, {
      token: t.staff,
      body: { minutes, needs },
    });
    expect([early.status, early.body.code]).toEqual([409, 'state.invalid_transition']);
    await endPeriod(secretId);
    const late = await api.request('POST', `/api/consultations/${secretId}/votes`, {
      token: t.neighbour,
      body: { optionId: parking },
    });
    expect(late.body.code).toBe('state.invalid_transition');
    const foreign = await api.request('POST', `/api/consultations/${secretId}/close`, {
      token: t['other-staff'],
      body: { minutes, needs },
    });
    expect(foreign.body.code).toBe('auth.out_of_scope');
    const badCategory = await api.request('POST', `/api/consultations/${secretId}/close`, {
      token: t.staff,
      body: { minutes, needs: [{ ...needs[0], categoryCode: 'no.such' }] },
    });
    expect(badCategory.status).toBe(400);

    const closed = await api.request('POST', `/api/consultations/${secretId}/close`, {
      token: t.staff,
      body: { minutes, needs },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      minutes,
      needs: [{ title: '南门改建停车位', status: 'accepted' }],
    });
    expect(closed.body.options.map((o: { votes: number }) => o.votes)).toEqual([2, 0, 0]);
    const need = await api.request('GET', `/api/needs/${closed.body.needs[0].id}`, { token: t.resident });
    expect(need.body).toMatchObject({
      sourceConsultationId: secretId,
      status: 'accepted',
      communityId: COMMUNITY,
    });
    const again = await api.request('POST', `/api/consultations/${secretId}/close`, {
      token: t.staff,
      body: { minutes, needs },
    });
    expect(again.body.code).toBe('state.invalid_transition');
  });
});

describe('meetings', () => {
  let meetingId: string;

  it('are scheduled by the staff of that community only', async () => {
    const body = {
      title: '三月议事会',
      startsAt: inAnHour(),
      place: '活动中心',
      agenda: ['停车位', '楼道照明'],
    };
    const foreign = await api.request('POST', `/api/communities/${COMMUNITY}/meetings`, {
      token: t['other-staff'],
      body,
    });
    expect(foreign.body.code).toBe('auth.out_of_scope');
    const resident = await api.request('POST', `/api/communities/${COMMUNITY}/meetings`, {
      token: t.resident,
      body,
    });
    expect(resident.body.code).toBe('auth.forbidden');
    const created = await api.request('POST', `/api/communities/${COMMUNITY}/meetings`, {
      token: t.staff,
      body,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/meetings/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: 'scheduled',
      agenda: ['停车位', '楼道照明'],
      attendance: [],
    });
    meetingId = created.body.id;
  });

  it('are held once, with attendance and minutes, read by residents', async () => {
    const [{ id: outsider }] = await db.query(`SELECT id FROM users WHERE email = 'outsider@example.cn'`);
    const [{ id: gridder }] = await db.query(`SELECT id FROM users WHERE email = 'gridder@example.cn'`);
    const minutes = '到会3人，通报停车位议题结果。';
    const stranger = await api.request('POST', `/api/meetings/${meetingId}/minutes`, {
      token: t.staff,
      body: { minutes, attendance: [{ name: '外人', capacity: 'resident', userId: outsider }] },
    });
    expect([stranger.status, stranger.body.details.userIds]).toEqual([400, [outsider]]);
    const attendance = [
      { name: '王大伯', capacity: 'resident', userId: gridder },
      { name: '刘书记', capacity: 'staff' },
      { name: '阳光社工', capacity: 'organization' },
    ];
    const foreign = await api.request('POST', `/api/meetings/${meetingId}/minutes`, {
      token: t['other-staff'],
      body: { minutes, attendance },
    });
    expect(foreign.body.code).toBe('auth.out_of_scope');
    const held = await api.request('POST', `/api/meetings/${meetingId}/minutes`, {
      token: t.staff,
      body: { minutes, attendance },
    });
    expect(held.body).toMatchObject({ status: 'held', minutes });
    expect(held.body.attendance).toHaveLength(3);
    const twice = await api.request('POST', `/api/meetings/${meetingId}/minutes`, {
      token: t.staff,
      body: { minutes, attendance },
    });
    expect(twice.body.code).toBe('state.invalid_transition');

    const list = await api.request('GET', `/api/communities/${COMMUNITY}/meetings`, { token: t.neighbour });
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([meetingId]);
    const theirs = await api.request('GET', `/api/meetings/${meetingId}`, { token: t.outsider });
    expect(theirs.body.code).toBe('auth.out_of_scope');
  });
});
