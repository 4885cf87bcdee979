import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Env } from '../../src/config/env.js';
import { DEMO, seedDemo } from '../../src/database/seed/demo.js';
import { ServiceRecordsService } from '../../src/modules/service-records/service-records.service.js';
import { type DeliveryCast, deliveryProject, visit } from '../support/delivery.js';
import { userWithRoles } from '../support/fixtures.js';
import { auditTrail, principal, refusal, serviceContext } from '../support/services.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../support/test-env.js';

/**
 * The life of a service record: logged (submitted) by a team member, approved or rejected by the
 * project lead, corrected once approved (reversed and replaced), answered by its beneficiaries.
 */
let env: Env;
let db: DataSource;
let app: INestApplicationContext;
let records: ServiceRecordsService;
let cast: DeliveryCast;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  app = await serviceContext();
  records = app.get(ServiceRecordsService);
  cast = await deliveryProject(db, app);
});
afterAll(async () => {
  await app?.close();
  await dropSchema(db, env);
});

const statusOf = async (id: string) =>
  ((await db.query(`SELECT status FROM service_records WHERE id = $1`, [id])) as { status: string }[])[0]
    .status;

describe('logging a record', () => {
  it('is refused to anyone off the team, even a worker of the same organization', async () => {
    await userWithRoles(db, 'off-team@example.cn', [
      ['social_worker', { organizationId: DEMO.organization }],
    ]);
    const offTeam = await principal(db, 'off-team@example.cn');
    expect(await refusal(records.log(offTeam, cast.projectId, visit([cast.resident.id])))).toBe(
      'auth.out_of_scope',
    );
    expect(await refusal(records.log(cast.resident, cast.projectId, visit([cast.resident.id])))).toBe(
      'auth.out_of_scope',
    );
  });

  it('is refused when a beneficiary is not a resident of the community, or the service is in the future', async () => {
    expect(await refusal(records.log(cast.colleague, cast.projectId, visit([cast.lead.id])))).toBe(
      'validation.failed',
    );
    const future = visit([cast.resident.id], {
      startedAt: new Date(Date.now() - 3600 * 1000),
      endedAt: new Date(Date.now() + 3600 * 1000),
    });
    expect(await refusal(records.log(cast.colleague, cast.projectId, future))).toBe('validation.failed');
  });

  it('refuses a second record of the same worker overlapping the first', async () => {
    const first = visit([cast.resident.id]);
    await records.log(cast.colleague, cast.projectId, first);
    const overlapping = {
      ...first,
      startedAt: new Date(first.startedAt.getTime() + 1800 * 1000),
      endedAt: new Date(first.endedAt.getTime() + 1800 * 1000),
    };
    expect(await refusal(records.log(cast.colleague, cast.projectId, overlapping))).toBe('state.conflict');
  });

  it('starts a team member’s record as submitted, its beneficiaries pending, and audits it', async () => {
    const logged = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    expect(logged).toMatchObject({
      status: 'submitted',
      workerUserId: cast.colleague.id,
      hours: 2,
      beneficiaries: [expect.objectContaining({ userId: cast.resident.id, response: 'pending' })],
    });
    expect(await auditTrail(db, logged.id)).toEqual(['service_record.logged']);
  });
});

describe('the lead’s decision', () => {
  it('is the lead’s alone: a team member or the organization admin cannot approve', async () => {
    const logged = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    expect(await refusal(records.decide(cast.colleague, logged.id, true))).toBe('auth.out_of_scope');
    expect(await refusal(records.decide(cast.orgAdmin, logged.id, true))).toBe('auth.out_of_scope');
    expect(await statusOf(logged.id)).toBe('submitted');
  });

  it('approves a submitted record once; an approved record cannot be decided again', async () => {
    const logged = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    expect(await records.decide(cast.lead, logged.id, true)).toMatchObject({ status: 'approved' });
    expect(await refusal(records.decide(cast.lead, logged.id, true))).toBe('state.invalid_transition');
    expect(await refusal(records.decide(cast.lead, logged.id, false, 'late'))).toBe(
      'state.invalid_transition',
    );
    expect(await auditTrail(db, logged.id)).toEqual(['service_record.logged', 'service_record.approved']);
  });

  it('rejects with a reason, and a rejected record cannot be approved afterwards', async () => {
    const logged = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    expect(await records.decide(cast.lead, logged.id, false, '时间填写有误')).toMatchObject({
      status: 'rejected',
      decisionReason: '时间填写有误',
    });
    expect(await refusal(records.decide(cast.lead, logged.id, true))).toBe('state.invalid_transition');
  });

  it('answers not found for a record that does not exist', async () => {
    expect(await refusal(records.decide(cast.lead, '00000000-0000-4000-8000-000000000000', true))).toBe(
      'resource.not_found',
    );
  });
});

describe('correcting a record', () => {
  const correction = (reason: string) => ({ ...visit([cast.resident.id]), reason });

  it('is only for approved records: a submitted one is rejected instead', async () => {
    const logged = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    expect(await refusal(records.correct(cast.colleague, logged.id, correction('填错了时间')))).toBe(
      'state.invalid_transition',
    );
  });

  it('is for the worker or the lead only', async () => {
    const logged = await records.log(cast.lead, cast.projectId, visit([cast.resident.id]));
    await records.decide(cast.lead, logged.id, true);
    expect(await refusal(records.correct(cast.colleague, logged.id, correction('填错了时间')))).toBe(
      'auth.out_of_scope',
    );
  });

  it('reverses the approved record and submits its replacement, once', async () => {
    const logged = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    await records.decide(cast.lead, logged.id, true);
    const replacement = await records.correct(cast.colleague, logged.id, correction('服务时长填错了'));
    expect(replacement).toMatchObject({
      status: 'submitted',
      correctsRecordId: logged.id,
      workerUserId: cast.colleague.id,
    });
    expect(await statusOf(logged.id)).toBe('reversed');
    expect(await auditTrail(db, logged.id)).toEqual([
      'service_record.logged',
      'service_record.approved',
      'service_record.reversed',
    ]);
    expect(await refusal(records.correct(cast.colleague, logged.id, correction('再改一次')))).toBe(
      'state.invalid_transition',
    );
    expect(await refusal(records.decide(cast.lead, logged.id, true))).toBe('state.invalid_transition');
  });
});

describe('a beneficiary’s answer', () => {
  it('is not possible for a resident not listed on the record: it does not exist for them', async () => {
    const logged = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    expect(await refusal(records.respond(cast.neighbour, logged.id, true))).toBe('resource.not_found');
    expect(await refusal(records.respond(cast.staff, logged.id, true))).toBe('resource.not_found');
  });

  it('confirms a submitted or approved record, and may dispute it with a reason', async () => {
    const logged = await records.log(
      cast.colleague,
      cast.projectId,
      visit([cast.resident.id, cast.neighbour.id]),
    );
    const confirmed = await records.respond(cast.resident, logged.id, true, 'ignored');
    expect(confirmed.beneficiaries).toContainEqual(
      expect.objectContaining({ userId: cast.resident.id, response: 'confirmed', disputeReason: null }),
    );
    await records.decide(cast.lead, logged.id, true);
    const disputed = await records.respond(cast.neighbour, logged.id, false, '当天没有人来');
    expect(disputed.beneficiaries).toContainEqual(
      expect.objectContaining({
        userId: cast.neighbour.id,
        response: 'disputed',
        disputeReason: '当天没有人来',
      }),
    );
  });

  it('is refused on a rejected or a reversed record', async () => {
    const rejected = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    await records.decide(cast.lead, rejected.id, false, '重复登记');
    expect(await refusal(records.respond(cast.resident, rejected.id, true))).toBe('state.invalid_transition');
    const reversed = await records.log(cast.colleague, cast.projectId, visit([cast.resident.id]));
    await records.decide(cast.lead, reversed.id, true);
    await records.correct(cast.lead, reversed.id, { ...visit([cast.resident.id]), reason: '地点写错了' });
    expect(await refusal(records.respond(cast.resident, reversed.id, true))).toBe('state.invalid_transition');
    const mine = (await records.myServices(cast.resident, { limit: 100 })).items.map((r) => r.id);
    expect(mine).not.toContain(rejected.id);
    expect(mine).not.toContain(reversed.id);
  });
});

describe('who sees which records', () => {
  const all = { limit: 100 };

  it('shows a team member only their own records, the lead and the organization all of them', async () => {
    const own = (await records.list(cast.colleague, cast.projectId, all)).items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.workerUserId === cast.colleague.id)).toBe(true);
    const every = (await records.list(cast.lead, cast.projectId, all)).items;
    expect(every.some((r) => r.workerUserId === cast.lead.id)).toBe(true);
    expect((await records.list(cast.orgAdmin, cast.projectId, all)).items.length).toBe(every.length);
    expect(await refusal(records.list(cast.resident, cast.projectId, all))).toBe('auth.out_of_scope');
    const leads = every.find((r) => r.workerUserId === cast.lead.id)!;
    expect(await refusal(records.get(cast.colleague, leads.id))).toBe('resource.not_found');
    expect(await records.get(cast.lead, own[0].id)).toMatchObject({ id: own[0].id });
  });

  it('pages newest service first, every record once', async () => {
    const every = (await records.list(cast.lead, cast.projectId, all)).items;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await records.list(cast.lead, cast.projectId, { limit: 3, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(every.map((r) => r.id));
    const starts = every.map((r) => new Date(r.startedAt).getTime());
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const approved = (await records.list(cast.lead, cast.projectId, { ...all, status: 'approved' })).items;
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.every((r) => r.status === 'approved')).toBe(true);
  });
});
