import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import type { Env } from '../../src/config/env.js';
import { DEMO, seedDemo } from '../../src/database/seed/demo.js';
import { ConsultationsService } from '../../src/modules/deliberation/consultations.service.js';
import { DiscussionService } from '../../src/modules/deliberation/discussion.service.js';
import { MeetingsService } from '../../src/modules/deliberation/meetings.service.js';
import { userWithRoles } from '../support/fixtures.js';
import { auditTrail, principal, refusal, serviceContext } from '../support/services.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../support/test-env.js';

/**
 * A consultation's states: open (residents propose, comment and vote inside the period) → closed
 * by staff once the period is over, with minutes and needs; every step audited. A meeting:
 * scheduled → held, once.
 */
let env: Env;
let db: DataSource;
let app: INestApplicationContext;
let consultations: ConsultationsService;
let discussion: DiscussionService;
let meetings: MeetingsService;
let resident: AuthUser;
let staff: AuthUser;
let officer: AuthUser;

const community = DEMO.communities[0];
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const question = (overrides = {}) => ({
  regionId: community,
  title: '楼道照明',
  question: '楼道灯改为声控灯还是常亮灯？',
  options: ['声控灯', '常亮灯'],
  allowProposals: false,
  secret: false,
  closesAt: inAnHour(),
  ...overrides,
});

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  app = await serviceContext();
  consultations = app.get(ConsultationsService);
  discussion = app.get(DiscussionService);
  meetings = app.get(MeetingsService);
  await userWithRoles(db, 'late@example.cn', [['resident', { regionId: community }]]);
  resident = await principal(db, 'resident@demo.sanshe.cn');
  staff = await principal(db, 'staff@demo.sanshe.cn');
  officer = await principal(db, 'officer@demo.sanshe.cn');
});
afterAll(async () => {
  await app?.close();
  await dropSchema(db, env);
});

describe('a consultation', () => {
  it('opens only for staff, and not before it opens for votes', async () => {
    expect(await refusal(consultations.open(officer, community, question()))).toBe('auth.out_of_scope');
    const later = await consultations.open(
      staff,
      community,
      question({ opensAt: new Date(Date.now() + 600_000).toISOString() }),
    );
    expect(later.canVote).toBe(false);
    const read = await consultations.get(resident, later.id);
    expect(read.canVote).toBe(false);
    expect(await refusal(discussion.vote(resident, later.id, { optionId: later.options[0].id }))).toBe(
      'state.invalid_transition',
    );
  });

  it('goes open → closed with minutes and needs, each step audited; the street office reads it', async () => {
    const c = await consultations.open(staff, community, question());
    const voted = await discussion.vote(resident, c.id, { optionId: c.options[0].id });
    expect(voted).toMatchObject({ votedByMe: true, voterCount: 1, canVote: false });
    expect(await refusal(discussion.vote(resident, c.id, { optionId: c.options[1].id }))).toBe(
      'vote.already_cast',
    );
    await db.query(
      `UPDATE consultations SET opens_at = now() - interval '1 hour', closes_at = now() - interval '1 second' WHERE id = $1`,
      [c.id],
    );
    const late = await principal(db, 'late@example.cn');
    expect(await refusal(discussion.comment(late, c.id, { body: '晚了' }))).toBe('state.invalid_transition');
    const closed = await consultations.close(staff, c.id, {
      minutes: '多数居民选择声控灯。',
      needs: [{ categoryCode: 'elderly.home_care', title: '楼道改装声控灯', text: '按决议改装声控灯。' }],
    });
    expect(closed.options.map((o) => o.votes)).toEqual([1, 0]);
    expect(await auditTrail(db, c.id)).toEqual([
      'consultation.opened',
      'consultation.voted',
      'consultation.closed',
    ]);
    expect(await auditTrail(db, closed.needs[0].id)).toEqual(['need.resolved']);
    const read = await consultations.get(officer, c.id);
    expect(read).toMatchObject({ status: 'closed', needs: [{ title: '楼道改装声控灯' }] });
  });
});

describe('a meeting', () => {
  it('is scheduled, then held once', async () => {
    const m = await meetings.schedule(staff, community, {
      title: '四月议事会',
      startsAt: inAnHour(),
      place: '活动中心',
      agenda: ['楼道照明'],
    });
    const held = await meetings.recordMinutes(staff, m.id, {
      minutes: '到会2人，通报楼道照明决议。',
      attendance: [
        { name: '张阿姨', capacity: 'resident', userId: resident.id },
        { name: '刘书记', capacity: 'staff' },
      ],
    });
    expect(held).toMatchObject({ status: 'held', attendance: [{ name: '刘书记' }, { name: '张阿姨' }] });
    expect(
      await refusal(meetings.recordMinutes(staff, m.id, { minutes: '再记一次纪要', attendance: [] })),
    ).toBe('state.invalid_transition');
    expect(await auditTrail(db, m.id)).toEqual(['meeting.scheduled', 'meeting.held']);
  });
});
