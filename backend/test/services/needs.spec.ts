import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import type { Env } from '../../src/config/env.js';
import { DEMO, seedDemo } from '../../src/database/seed/demo.js';
import { NeedsService } from '../../src/modules/needs/needs.service.js';
import { userWithRoles } from '../support/fixtures.js';
import { auditTrail, principal, refusal, serviceContext } from '../support/services.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../support/test-env.js';

/**
 * The needs list: residents and community staff post needs (open), residents upvote open and
 * accepted ones, community staff triage an open need once (accepted or declined), a tender
 * addresses accepted needs of its street. And the task admission list: a street's task not on the
 * community's list is refused, and the refusal kept.
 */
let env: Env;
let db: DataSource;
let app: INestApplicationContext;
let needs: NeedsService;
let resident: AuthUser;
let neighbour: AuthUser;
let staff: AuthUser;
let officer: AuthUser;
let farResident: AuthUser;

const community = DEMO.communities[0];
const need = (title = '楼道灯坏了') => ({
  communityId: community,
  categoryCode: 'elderly.home_care',
  title,
  text: '三栋楼道灯坏了一周，老人晚上出门不方便。',
});

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  app = await serviceContext();
  needs = app.get(NeedsService);
  await userWithRoles(db, 'neighbour@example.cn', [['resident', { regionId: community }]]);
  await userWithRoles(db, 'far@example.cn', [['resident', { regionId: DEMO.communities[3] }]]);
  resident = await principal(db, 'resident@demo.sanshe.cn');
  neighbour = await principal(db, 'neighbour@example.cn');
  staff = await principal(db, 'staff@demo.sanshe.cn');
  officer = await principal(db, 'officer@demo.sanshe.cn');
  farResident = await principal(db, 'far@example.cn');
});
afterAll(async () => {
  await app?.close();
  await dropSchema(db, env);
});

describe('posting a need', () => {
  it('is for residents and staff of the community only', async () => {
    expect(await refusal(needs.post(farResident, need()))).toBe('auth.out_of_scope');
    expect(await refusal(needs.post(officer, need()))).toBe('auth.out_of_scope');
  });

  it('refuses a category that is not in the catalog', async () => {
    expect(await refusal(needs.post(resident, { ...need(), categoryCode: 'no.such_category' }))).toBe(
      'validation.failed',
    );
  });

  it('opens it on the community’s board, audited', async () => {
    const posted = await needs.post(resident, need());
    expect(posted).toMatchObject({ status: 'open', upvotes: 0, upvotedByMe: false, communityId: community });
    expect(await auditTrail(db, posted.id)).toEqual(['need.posted']);
    expect((await needs.board(staff, community, { limit: 100 })).items.map((n) => n.id)).toContain(posted.id);
    expect(await refusal(needs.board(farResident, community, { limit: 100 }))).toBe('auth.out_of_scope');
  });
});

describe('upvoting', () => {
  it('is for residents of the community, once each', async () => {
    const posted = await needs.post(resident, need('小区缺少休息座椅'));
    expect(await refusal(needs.upvote(staff, posted.id))).toBe('auth.out_of_scope');
    expect(await refusal(needs.upvote(farResident, posted.id))).toBe('auth.out_of_scope');
    await needs.upvote(neighbour, posted.id);
    expect(await needs.upvote(neighbour, posted.id)).toMatchObject({ upvotes: 1, upvotedByMe: true });
    expect(await needs.upvote(resident, posted.id)).toMatchObject({ upvotes: 2 });
  });

  it('counts every one of concurrent upvotes exactly once', async () => {
    const posted = await needs.post(resident, need('希望增加助餐点'));
    await Promise.all(
      [1, 2, 3].flatMap(() => [needs.upvote(resident, posted.id), needs.upvote(neighbour, posted.id)]),
    );
    const [{ upvotes }] = await db.query(`SELECT upvotes FROM needs WHERE id = $1`, [posted.id]);
    expect(upvotes).toBe(2);
  });

  it('is refused once the need is declined', async () => {
    const posted = await needs.post(resident, need('想要一个篮球场'));
    await needs.triage(staff, posted.id, { decision: 'decline', reason: '场地不足' });
    expect(await refusal(needs.upvote(neighbour, posted.id))).toBe('state.invalid_transition');
  });
});

describe('the board', () => {
  it('pages by upvotes then age, every need once, with no page past the last', async () => {
    const all = (await needs.board(staff, community, { limit: 100 })).items;
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await needs.board(staff, community, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.map((n) => n.id));
    const votes = all.map((n) => n.upvotes);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect(await refusal(needs.board(staff, community, { limit: 2, cursor: 'not-a-cursor' }))).toBe(
      'validation.failed',
    );
  });

  it('filters by status', async () => {
    const declined = (await needs.board(staff, community, { limit: 100, status: 'declined' })).items;
    expect(declined.length).toBeGreaterThan(0);
    expect(declined.every((n) => n.status === 'declined')).toBe(true);
  });
});

describe('triage', () => {
  it('is for the community’s staff only', async () => {
    const posted = await needs.post(resident, need('垃圾分类指导'));
    expect(await refusal(needs.triage(resident, posted.id, { decision: 'accept' }))).toBe(
      'auth.out_of_scope',
    );
    expect(await refusal(needs.triage(officer, posted.id, { decision: 'accept' }))).toBe('auth.out_of_scope');
    const [{ status }] = await db.query(`SELECT status FROM needs WHERE id = $1`, [posted.id]);
    expect(status).toBe('open');
  });

  it('decides an open need once: accepted stays accepted', async () => {
    const posted = await needs.post(resident, need('老人助浴服务'));
    expect(await needs.triage(staff, posted.id, { decision: 'accept' })).toMatchObject({
      status: 'accepted',
    });
    expect(await refusal(needs.triage(staff, posted.id, { decision: 'decline', reason: '改主意了' }))).toBe(
      'state.invalid_transition',
    );
    // An accepted need still takes votes.
    expect(await needs.upvote(neighbour, posted.id)).toMatchObject({ status: 'accepted', upvotes: 1 });
    expect(await auditTrail(db, posted.id)).toEqual(['need.posted', 'need.accepted']);
  });

  it('keeps the reason of a decline', async () => {
    const posted = await needs.post(resident, need('建一个游泳池'));
    expect(
      await needs.triage(staff, posted.id, { decision: 'decline', reason: '超出社区能力' }),
    ).toMatchObject({
      status: 'declined',
      triageReason: '超出社区能力',
    });
    expect(await refusal(needs.triage(staff, posted.id, { decision: 'accept' }))).toBe(
      'state.invalid_transition',
    );
  });

  it('answers not found for a need that does not exist', async () => {
    expect(
      await refusal(needs.triage(staff, '00000000-0000-4000-8000-000000000000', { decision: 'accept' })),
    ).toBe('resource.not_found');
  });
});

describe('addressing needs by a tender', () => {
  it('refuses needs that are not accepted, or not of the tender’s street, and changes none of them', async () => {
    const open = await needs.post(resident, need('社区义诊'));
    const accepted = await needs.post(resident, need('儿童托管'));
    await needs.triage(staff, accepted.id, { decision: 'accept' });
    const tenderId = '00000000-0000-4000-8000-000000000001';
    const attempt = (streetId: string, ids: string[]) =>
      db.transaction((m) => needs.addressBy(m, officer.id, tenderId, streetId, ids));
    expect(await refusal(attempt(DEMO.streets[0], [accepted.id, open.id]))).toBe('validation.failed');
    expect(await refusal(attempt(DEMO.streets[1], [accepted.id]))).toBe('validation.failed');
    const rows: { status: string }[] = await db.query(
      `SELECT status FROM needs WHERE id = ANY($1::uuid[]) ORDER BY title`,
      [[open.id, accepted.id]],
    );
    expect(rows.map((r) => r.status).sort()).toEqual(['accepted', 'open']);
  });
});

describe('the admission list', () => {
  it('is kept by the community’s staff, without duplicates', async () => {
    expect(
      await refusal(needs.admit(officer, community, { code: 'census', title: '人口普查入户登记' })),
    ).toBe('auth.out_of_scope');
    expect(await needs.admit(staff, community, { code: 'census', title: '人口普查入户登记' })).toMatchObject({
      code: 'census',
    });
    expect(await refusal(needs.admit(staff, community, { code: 'census', title: '再来一次' }))).toBe(
      'state.conflict',
    );
  });

  it('refuses a street’s task that is not on it, and keeps the refusal; assigns one that is', async () => {
    expect(await refusal(needs.pushTask(staff, community, { code: 'census', title: '人口普查' }))).toBe(
      'auth.out_of_scope',
    );
    expect(await refusal(needs.pushTask(officer, community, { code: 'fire_drill', title: '消防演练' }))).toBe(
      'task.not_admitted',
    );
    expect(await needs.pushTask(officer, community, { code: 'census', title: '人口普查' })).toMatchObject({
      status: 'assigned',
      refusalReason: null,
    });
    const { items: tasks } = await needs.tasks(staff, community, { limit: 20 });
    expect(tasks.map((t) => [t.code, t.status])).toEqual([
      ['census', 'assigned'],
      ['fire_drill', 'refused'],
    ]);
    expect(await auditTrail(db, tasks[1].id)).toEqual(['task.refused']);
  });
});
