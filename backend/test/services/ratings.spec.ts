import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Env } from '../../src/config/env.js';
import { DEMO, seedDemo } from '../../src/database/seed/demo.js';
import { RatingsService } from '../../src/modules/ratings/ratings.service.js';
import { ServiceRecordsService } from '../../src/modules/service-records/service-records.service.js';
import { type DeliveryCast, deliveryProject, visit } from '../support/delivery.js';
import { userWithRoles, verifiedOrganization } from '../support/fixtures.js';
import { auditTrail, principal, refusal, serviceContext } from '../support/services.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../support/test-env.js';

/**
 * Ratings of service records: one per listed beneficiary, editable by its author for a week; a
 * comment reported by someone who can see it is hidden until community staff of the service's
 * community decide (hidden or visible again); the delivering organization may reply.
 */
let env: Env;
let db: DataSource;
let app: INestApplicationContext;
let ratings: RatingsService;
let records: ServiceRecordsService;
let cast: DeliveryCast;

const scores = { attitude: 5, professionalism: 4, effect: 4, comment: '王社工很耐心' };

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  app = await serviceContext();
  ratings = app.get(RatingsService);
  records = app.get(ServiceRecordsService);
  cast = await deliveryProject(db, app);
});
afterAll(async () => {
  await app?.close();
  await dropSchema(db, env);
});

/** A record of the colleague's listing the resident, approved by the lead, and the resident's rating of it. */
async function ratedRecord(): Promise<{ recordId: string; ratingId: string }> {
  const record = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
  await records.decide(cast.lead, record.id, true);
  const rating = await ratings.rate(cast.resident, record.id, scores);
  return { recordId: record.id, ratingId: rating.id };
}

describe('rating a service', () => {
  it('is for residents listed on the record only: to anyone else the record does not exist', async () => {
    const record = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    expect(await refusal(ratings.rate(cast.neighbour, record.id, scores))).toBe('resource.not_found');
    expect(await refusal(ratings.rate(cast.lead, record.id, scores))).toBe('resource.not_found');
  });

  it('is refused on a rejected record', async () => {
    const record = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    await records.decide(cast.lead, record.id, false, '重复登记');
    expect(await refusal(ratings.rate(cast.resident, record.id, scores))).toBe('state.invalid_transition');
  });

  it('happens once per resident and record, tells the organization’s admins and is audited', async () => {
    const { recordId, ratingId } = await ratedRecord();
    expect(await refusal(ratings.rate(cast.resident, recordId, scores))).toBe('state.conflict');
    expect(await auditTrail(db, ratingId)).toEqual(['rating.created']);
    const [notice] = await db.query(
      `SELECT type, params FROM notifications WHERE recipient_id = $1 AND dedup_key = $2`,
      [cast.orgAdmin.id, `rating_received:${ratingId}`],
    );
    expect(notice).toMatchObject({ type: 'rating_received', params: { ratingId, stars: 4 } });
  });
});

describe('editing a rating', () => {
  it('is for its author only: anyone else is told it does not exist', async () => {
    const { ratingId } = await ratedRecord();
    expect(await refusal(ratings.edit(cast.neighbour, ratingId, scores))).toBe('resource.not_found');
    expect(await refusal(ratings.edit(cast.staff, ratingId, scores))).toBe('resource.not_found');
  });

  it('is refused once the week is over', async () => {
    const { ratingId } = await ratedRecord();
    await db.query(`UPDATE ratings SET created_at = now() - interval '8 days' WHERE id = $1`, [ratingId]);
    expect(await refusal(ratings.edit(cast.resident, ratingId, { ...scores, attitude: 1 }))).toBe(
      'state.invalid_transition',
    );
    const [{ attitude }] = await db.query(`SELECT attitude FROM ratings WHERE id = $1`, [ratingId]);
    expect(attitude).toBe(5);
  });

  it('is refused against a version someone else has replaced (the stale write), and bumps the version', async () => {
    const { ratingId } = await ratedRecord();
    const first = await ratings.edit(cast.resident, ratingId, { ...scores, effect: 3 }, 1);
    expect(first.version).toBe(2);
    // A second tab still showing version 1:
    expect(await refusal(ratings.edit(cast.resident, ratingId, { ...scores, effect: 1 }, 1))).toBe(
      'precondition.failed',
    );
    const [{ effect }] = await db.query(`SELECT effect FROM ratings WHERE id = $1`, [ratingId]);
    expect(effect).toBe(3);
    // The organization's reply changes the rating too: what the author saw is stale.
    await ratings.reply(cast.orgAdmin, ratingId, '谢谢');
    expect(await refusal(ratings.edit(cast.resident, ratingId, scores, 2))).toBe('precondition.failed');
    expect(await ratings.edit(cast.resident, ratingId, scores, 3)).toMatchObject({ version: 4, effect: 4 });
  });

  it('changes the scores and the comment within the week', async () => {
    const { ratingId } = await ratedRecord();
    expect(
      await ratings.edit(cast.resident, ratingId, { ...scores, effect: 2, comment: '效果一般' }),
    ).toMatchObject({ effect: 2, comment: '效果一般', moderation: 'visible' });
    expect(await auditTrail(db, ratingId)).toEqual(['rating.created', 'rating.edited']);
  });
});

describe('moderation of a comment', () => {
  it('cannot be started by someone who cannot see the record’s ratings', async () => {
    const { ratingId } = await ratedRecord();
    await userWithRoles(db, 'far-resident@example.cn', [['resident', { regionId: DEMO.communities[3] }]]);
    const farResident = await principal(db, 'far-resident@example.cn');
    expect(await refusal(ratings.report(farResident, ratingId))).toBe('resource.not_found');
    expect(await refusal(ratings.report(cast.neighbour, ratingId))).toBe('resource.not_found');
  });

  it('hides a reported comment from everyone but the moderators until they decide', async () => {
    const { recordId, ratingId } = await ratedRecord();
    expect(await ratings.report(cast.colleague, ratingId)).toMatchObject({
      moderation: 'reported',
      comment: null,
    });
    // Reporting again changes nothing and audits nothing more.
    expect(await ratings.report(cast.staff, ratingId)).toMatchObject({ moderation: 'reported' });
    expect(await auditTrail(db, ratingId)).toEqual(['rating.created', 'rating.reported']);
    expect(await ratings.ofRecord(cast.orgAdmin, recordId)).toEqual([
      expect.objectContaining({ id: ratingId, comment: null, moderation: 'reported' }),
    ]);
    expect(
      (await ratings.moderationQueue(cast.staff, DEMO.communities[0], { limit: 100 })).items,
    ).toContainEqual(expect.objectContaining({ id: ratingId, comment: scores.comment }));
  });

  it('is decided by community staff of the service’s community only', async () => {
    const { ratingId } = await ratedRecord();
    await ratings.report(cast.resident, ratingId);
    await userWithRoles(db, 'other-staff@example.cn', [
      ['community_staff', { regionId: DEMO.communities[1] }],
    ]);
    const otherStaff = await principal(db, 'other-staff@example.cn');
    expect(await refusal(ratings.moderate(otherStaff, ratingId, true))).toBe('auth.out_of_scope');
    expect(await refusal(ratings.moderate(cast.orgAdmin, ratingId, false))).toBe('auth.out_of_scope');
    expect(await refusal(ratings.moderationQueue(otherStaff, DEMO.communities[0], { limit: 100 }))).toBe(
      'auth.out_of_scope',
    );
    const [{ moderation }] = await db.query(`SELECT moderation FROM ratings WHERE id = $1`, [ratingId]);
    expect(moderation).toBe('reported');
  });

  it('hides the comment for good, or makes it visible again', async () => {
    const hidden = await ratedRecord();
    await ratings.report(cast.resident, hidden.ratingId);
    expect(await ratings.moderate(cast.staff, hidden.ratingId, true)).toMatchObject({ moderation: 'hidden' });
    expect((await ratings.ofRecord(cast.resident, hidden.recordId))[0]).toMatchObject({ comment: null });
    // A hidden comment is not reported back into the queue.
    expect(await ratings.report(cast.resident, hidden.ratingId)).toMatchObject({ moderation: 'hidden' });
    const restored = await ratedRecord();
    await ratings.report(cast.resident, restored.ratingId);
    expect(await ratings.moderate(cast.staff, restored.ratingId, false)).toMatchObject({
      moderation: 'visible',
      comment: scores.comment,
    });
    const queue = (await ratings.moderationQueue(cast.staff, DEMO.communities[0], { limit: 100 })).items.map(
      (r) => r.id,
    );
    expect(queue).not.toContain(hidden.ratingId);
    expect(queue).not.toContain(restored.ratingId);
  });
});

describe('the organization’s reply', () => {
  it('is for the admins of the organization that delivered the service', async () => {
    const { ratingId } = await ratedRecord();
    const other = await verifiedOrganization(db, '别家机构');
    expect(await refusal(ratings.reply(await principal(db, other.adminEmail), ratingId, '谢谢'))).toBe(
      'auth.out_of_scope',
    );
    expect(await refusal(ratings.reply(cast.lead, ratingId, '谢谢'))).toBe('auth.out_of_scope');
    expect(await ratings.reply(cast.orgAdmin, ratingId, '感谢您的反馈')).toMatchObject({
      orgReply: '感谢您的反馈',
    });
  });
});
