import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, DEMO_ACCOUNTS, seedDemo, seedDemoContract } from '../src/database/seed/demo.js';
import { Api } from './support/http.js';
import { payFirstMilestone, tenderedDemoContract } from './support/public-record.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;
const ids: Record<string, string> = {};

const RESIDENT_PHONE = '13900001111';
const NEIGHBOUR = { name: '李大爷', email: 'li.neighbour@example.cn', phone: '13700002222' };

/**
 * The demo project, made into the full story of a tendered project: a resident's need answered by
 * a tender, won by the demo organization, its first milestone paid, a rated and answered visit.
 */
beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  await seedDemoContract(db);
  const cast = await tenderedDemoContract(db);
  Object.assign(ids, cast);
  await db.query(`UPDATE users SET phone = $1 WHERE id = $2`, [RESIDENT_PHONE, ids.resident]);
  [{ id: ids.neighbour }] = await db.query(
    `INSERT INTO users (email, display_name, password_hash, phone) VALUES ($1, $2, 'x', $3) RETURNING id`,
    [NEIGHBOUR.email, NEIGHBOUR.name, NEIGHBOUR.phone],
  );
  await payFirstMilestone(db, ids.worker);
  await db.query(
    `INSERT INTO record_beneficiaries (record_id, resident_user_id, response, responded_at) VALUES ($1, $2, 'confirmed', now())`,
    [DEMO.serviceRecord, ids.neighbour],
  );
  await db.query(
    `INSERT INTO ratings (record_id, resident_user_id, attitude, professionalism, effect, comment, moderation, org_reply)
     VALUES ($1, $2, 5, 5, 4, '吴社工很耐心', 'visible', '感谢您的肯定，我们会继续努力'),
            ($1, $3, 2, 2, 2, '来得太晚', 'hidden', NULL)`,
    [DEMO.serviceRecord, ids.resident, ids.neighbour],
  );
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('public project record', () => {
  it('tells the story from need to money to anyone, signed in or not', async () => {
    const res = await api.request('GET', `/api/public/projects/${DEMO.project}`);
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p).toMatchObject({
      id: DEMO.project,
      organizationName: '阳光居家养老服务中心',
      streetName: '阳光街道',
      ocid: `ocds-sanshe-${ids.tender}`,
      needs: [{ id: ids.need, title: '独居老人需要有人定期探访', communityName: '春晖社区', upvotes: 7 }],
      tender: {
        id: ids.tender,
        numberOfBids: 1,
        winner: { organizationId: DEMO.organization, priceFen: 24_000_000 },
      },
      contract: { id: DEMO.contract, amountFen: 24_000_000 },
      money: {
        committedFen: 24_000_000,
        paidFen: 7_200_000,
        payments: [{ kind: 'milestone', amountFen: 7_200_000, milestoneSeq: 1 }],
      },
      beneficiaries: { confirmed: 2, anonymous: 0 },
      approvedHours: 2,
    });
    expect(p.milestones.map((m: { seq: number; paidFen: number }) => [m.seq, m.paidFen])).toEqual([
      [1, 7_200_000],
      [2, 0],
      [3, 0],
    ]);
    expect(p.hoursByMonth).toHaveLength(1);
    expect(p.hoursByMonth[0]).toMatchObject({ hours: 2, records: 1 });
    expect(p.communities).toEqual([{ id: DEMO.communities[0], name: '春晖社区' }]);
  });

  it('summarises the ratings, hidden ones counted, and shows only visible comments with the replies', async () => {
    const { ratings } = (await api.request('GET', `/api/public/projects/${DEMO.project}`)).body;
    expect(ratings.count).toBe(2);
    expect(ratings.distribution).toEqual([0, 1, 0, 0, 1]);
    expect(ratings.average).toBeCloseTo((14 / 3 + 2) / 2, 2);
    const replies = (await api.request('GET', `/api/public/projects/${DEMO.project}/replies`)).body;
    expect(replies.items).toEqual([
      expect.objectContaining({ comment: '吴社工很耐心', reply: '感谢您的肯定，我们会继续努力' }),
    ]);
    expect(JSON.stringify([ratings, replies])).not.toContain('来得太晚');
  });

  it('pages through every reply, newest first, however many there are', async () => {
    // 25 more residents rate the record and are answered, a second apart.
    await db.query(
      `WITH u AS (INSERT INTO users (email, display_name, password_hash)
                  SELECT 'rater' || i || '@example.cn', '评价人' || i, 'x' FROM generate_series(1, 25) i RETURNING id, email)
       INSERT INTO ratings (record_id, resident_user_id, attitude, professionalism, effect, comment, moderation, org_reply, created_at)
       SELECT $1, u.id, 4, 4, 4, '不错', 'visible', '谢谢 ' || i, now() + i * interval '1 second'
         FROM u JOIN generate_series(1, 25) i ON u.email = 'rater' || i || '@example.cn'`,
      [DEMO.serviceRecord],
    );
    const seen: string[] = [];
    let next: string | null = `/api/public/projects/${DEMO.project}/replies?limit=10`;
    while (next) {
      const page: { status: number; body: { items: { reply: string }[]; links: { next: string | null } } } =
        await api.request('GET', next);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r) => r.reply));
      next = page.body.links.next;
    }
    expect(seen).toHaveLength(26);
    expect(seen.slice(0, 2)).toEqual(['谢谢 25', '谢谢 24']);
    expect(seen.at(-1)).toBe('感谢您的肯定，我们会继续努力');
    const unknown = await api.request(
      'GET',
      '/api/public/projects/00000000-0000-4000-8000-000000000000/replies',
    );
    expect(unknown.status).toBe(404);
  });

  it("never lets a resident's name, phone, e-mail, id or address out, nor the need's private text", async () => {
    const text = JSON.stringify([
      (await api.request('GET', `/api/public/projects/${DEMO.project}`)).body,
      (await api.request('GET', `/api/public/projects?limit=100`)).body,
    ]);
    const residents = [...DEMO_ACCOUNTS.filter((a) => a.role === 'resident'), NEIGHBOUR];
    expect(residents.length).toBeGreaterThan(1);
    for (const r of residents) {
      expect(text).not.toContain(r.email);
      expect(text).not.toContain(r.name);
      expect(text).not.toContain(r.name.split(' ')[0]);
    }
    for (const secret of [
      RESIDENT_PHONE,
      NEIGHBOUR.phone,
      ids.resident,
      ids.neighbour,
      '春晖社区5栋',
      '电话',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('lists projects by street, community and words, paged with links.next', async () => {
    const list = (q: string) => api.request('GET', `/api/public/projects?${q}`);
    const all = await list('limit=20');
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([DEMO.project]);
    expect(all.body.items[0]).toMatchObject({ paidFen: 7_200_000, approvedHours: 2, amountFen: 24_000_000 });
    expect((await list(`streetId=${DEMO.streets[1]}`)).body.items).toEqual([]);
    expect((await list(`communityId=${DEMO.communities[0]}`)).body.items).toHaveLength(1);
    expect((await list(`communityId=${DEMO.communities[1]}`)).body.items).toEqual([]);
    expect((await list(`q=${encodeURIComponent('阳光居家')}`)).body.items).toHaveLength(1);
    expect((await list(`q=${encodeURIComponent('%')}`)).body.items).toEqual([]);

    // A second project (a direct commission, no tender) makes two pages of one.
    [{ id: ids.contract2 }] = await db.query(
      `INSERT INTO contracts (organization_id, street_id, title, amount_fen, currency, starts_on, ends_on, kpis, created_by)
       VALUES ($1, $2, '社区助餐', 100000, 'CNY', current_date, current_date + 30, '{}', $3) RETURNING id`,
      [DEMO.organization, DEMO.streets[0], ids.officer],
    );
    [{ id: ids.project2 }] = await db.query(
      `INSERT INTO projects (contract_id, organization_id, title, lead_user_id) VALUES ($1, $2, '社区助餐', $3) RETURNING id`,
      [ids.contract2, DEMO.organization, ids.worker],
    );
    const first = await list('limit=1');
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([ids.project2]);
    expect(first.body.links.next).toContain('cursor=');
    const second = await api.request('GET', first.body.links.next);
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([DEMO.project]);
    expect(second.body.links.next).toBeNull();

    const direct = await api.request('GET', `/api/public/projects/${ids.project2}`);
    expect(direct.body).toMatchObject({
      ocid: null,
      tender: null,
      needs: [],
      ratings: { count: 0, average: null },
    });
  });

  it('answers 404 for an unknown project and 400 for a bad id or cursor', async () => {
    const unknown = await api.request('GET', `/api/public/projects/${DEMO.contract}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('resource.not_found');
    expect((await api.request('GET', '/api/public/projects/nope')).status).toBe(400);
    const bad = await api.request('GET', '/api/public/projects?cursor=xyz');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation.failed');
  });
});
