import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import type { Env } from '../../src/config/env.js';
import { seedDemo } from '../../src/database/seed/demo.js';
import type { StatusAction } from '../../src/modules/organizations/dto/organization.dto.js';
import { STATUS_TRANSITIONS } from '../../src/modules/organizations/organization-status.js';
import type { OrganizationStatus } from '../../src/modules/organizations/organization.entity.js';
import type { OrganizationsService } from '../../src/modules/organizations/organizations.service.js';
import type { VerificationService } from '../../src/modules/organizations/verification.service.js';
import { userWithRoles } from '../support/fixtures.js';
import { auditActions, callerFor, domainError } from '../support/callers.js';
import { registration, registryServices } from '../support/registry.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../support/test-env.js';

// The verification state machine (organization-status.ts) run through VerificationService on real
// PostgreSQL: who may move an organization, every move the table forbids, and the database's
// "one verified name per district".

let env: Env;
let db: DataSource;
let organizations: OrganizationsService;
let verification: VerificationService;
let officer: AuthUser; // street officer of street 0
let otherOfficer: AuthUser; // street officer of street 1
let finance: AuthUser; // street finance of street 0: reads, never decides

const ACTIONS = Object.keys(STATUS_TRANSITIONS) as StatusAction[];

/** A new account registers an organization of street 0; returns it with its admin as the caller. */
async function registered(name: string): Promise<{ id: string; admin: AuthUser }> {
  const email = `founder-${Math.random().toString(36).slice(2, 10)}@example.cn`;
  await userWithRoles(db, email, []);
  const org = await organizations.register(
    await callerFor(db, email),
    registration({ name, description: '' }),
  );
  return { id: org.id, admin: await callerFor(db, email) };
}

const statusOf = async (id: string): Promise<OrganizationStatus> =>
  (await db.query(`SELECT status FROM organizations WHERE id = $1`, [id]))[0].status;

/** An organization of street 0 brought into `status` by the allowed moves. */
async function organizationIn(status: OrganizationStatus, name: string): Promise<string> {
  const { id } = await registered(name);
  const path: Record<OrganizationStatus, StatusAction[]> = {
    pending: [],
    verified: ['verify'],
    suspended: ['verify', 'suspend'],
    deregistered: ['deregister'],
  };
  for (const action of path[status])
    await verification.changeStatus(officer, id, { action, reason: 'set-up' });
  return id;
}

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  ({ organizations, verification, officer, otherOfficer } = await registryServices(db));
  finance = await callerFor(db, 'finance@demo.sanshe.cn');
});

afterAll(() => dropSchema(db, env));

describe('who may move an organization', () => {
  it('refuses the officer of another street, the street finance and the organization itself; nothing changes', async () => {
    const { id, admin } = await registered('越界核验测试中心');
    for (const caller of [otherOfficer, finance, admin]) {
      const err = await domainError(
        verification.changeStatus(caller, id, { action: 'verify', reason: '试图核验' }),
      );
      expect(err.code).toBe('auth.out_of_scope');
    }
    expect(await statusOf(id)).toBe('pending');
    expect(await auditActions(db, id)).toEqual(['organization.registered']);
  });

  it('a missing organization is not found, not forbidden', async () => {
    const err = await domainError(
      verification.changeStatus(officer, '00000000-0000-4000-8000-999999999999', {
        action: 'verify',
        reason: 'x',
      }),
    );
    expect(err.code).toBe('resource.not_found');
  });
});

describe('the transition table', () => {
  const states: OrganizationStatus[] = ['pending', 'verified', 'suspended', 'deregistered'];
  const forbidden = states.flatMap((from) =>
    ACTIONS.filter((action) => !STATUS_TRANSITIONS[action].from.includes(from)).map(
      (action) => [from, action] as const,
    ),
  );

  it('lists forbidden moves from every state (deregistered is final)', () => {
    expect(forbidden.filter(([from]) => from === 'deregistered').map(([, a]) => a)).toEqual(ACTIONS);
    expect(forbidden.length).toBeGreaterThanOrEqual(8);
  });

  it.each(forbidden)(
    'refuses from %s: %s, with the allowed states, leaving the status and the audit as they were',
    async (from, action) => {
      const id = await organizationIn(from, `禁止${from}${action}中心`);
      const before = await auditActions(db, id);
      const err = await domainError(verification.changeStatus(officer, id, { action, reason: '不应生效' }));
      expect(err.code).toBe('state.invalid_transition');
      expect(err.details).toEqual({ status: from, action, allowedFrom: STATUS_TRANSITIONS[action].from });
      expect(await statusOf(id)).toBe(from);
      expect(await auditActions(db, id)).toEqual(before);
    },
  );

  it('walks verify → suspend → reinstate → deregister, each move audited with its reason', async () => {
    const { id } = await registered('全程状态测试中心');
    const moves: [StatusAction, OrganizationStatus][] = [
      ['verify', 'verified'],
      ['suspend', 'suspended'],
      ['reinstate', 'verified'],
      ['deregister', 'deregistered'],
    ];
    for (const [action, to] of moves) {
      const view = await verification.changeStatus(officer, id, { action, reason: `理由 ${action}` });
      expect(view.status).toBe(to);
    }
    const entries: { action: string; before: unknown; after: unknown }[] = await db.query(
      `SELECT action, before, after FROM audit_log WHERE entity_id = $1 AND action <> 'organization.registered' ORDER BY id`,
      [id],
    );
    expect(entries).toEqual(
      moves.map(([action, to], i) => ({
        action: `organization.${action}`,
        before: { status: i ? moves[i - 1][1] : 'pending' },
        after: { status: to, reason: `理由 ${action}` },
      })),
    );
  });

  it('a deregistered organization can no longer be edited by its admin', async () => {
    const { id, admin } = await registered('注销后编辑测试中心');
    await verification.changeStatus(officer, id, { action: 'deregister', reason: '自行解散' });
    const err = await domainError(organizations.update(admin, id, { contactPhone: '057100000001' }));
    expect(err.code).toBe('state.invalid_transition');
  });
});

describe('one verified name per district', () => {
  it('refuses verifying a second organization of the same (normalised) name, which stays pending', async () => {
    const first = await registered('同名核验互助中心');
    const second = await registered('同名核验互助中心 ');
    await verification.changeStatus(officer, first.id, { action: 'verify', reason: '材料齐全' });
    const err = await domainError(
      verification.changeStatus(officer, second.id, { action: 'verify', reason: '材料齐全' }),
    );
    expect(err.code).toBe('organization.name_taken');
    expect(await statusOf(second.id)).toBe('pending');
    expect(await auditActions(db, second.id)).toEqual(['organization.registered']);
  });
});

describe('the review queue', () => {
  const queue = (caller: AuthUser, status: OrganizationStatus, limit = 100, cursor?: string) =>
    verification.reviewQueue(caller, { status, limit, cursor, sort: 'oldest' });

  it('shows the officer only the streets in scope, and refuses callers who are not officers', async () => {
    const { id } = await registered('队列范围测试中心');
    expect((await queue(officer, 'pending')).items.map((o) => o.id)).toContain(id);
    expect((await queue(otherOfficer, 'pending')).items.map((o) => o.id)).not.toContain(id);
    expect((await domainError(queue(finance, 'pending'))).code).toBe('auth.forbidden');
  });

  it('pages oldest first: every organization once, even those registered in the same transaction', async () => {
    const { id } = await registered('队列分页测试中心');
    // Two more with the very same registration time: the id breaks the tie.
    await db.query(
      `INSERT INTO organizations (name, type, home_street_id, filed_only, created_at)
       SELECT n, 'mutual_aid', home_street_id, true, created_at FROM organizations, unnest(ARRAY['同刻甲', '同刻乙']) n WHERE id = $1`,
      [id],
    );
    const all = (await queue(officer, 'pending')).items.map((o) => o.id);
    expect(all.length).toBeGreaterThan(4);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue(officer, 'pending', 2, cursor);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
    expect((await domainError(queue(officer, 'pending', 2, 'bm90IGEgY3Vyc29y'))).code).toBe(
      'validation.failed',
    );
  });
});
