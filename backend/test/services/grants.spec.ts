import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/common/audit/audit.service.js';
import { AccessService } from '../../src/common/auth/access.service.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import type { Env } from '../../src/config/env.js';
import { DEMO, seedDemo } from '../../src/database/seed/demo.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { GrantsService } from '../../src/modules/grants/grants.service.js';
import { auditActions, callerFor, domainError } from '../support/callers.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../support/test-env.js';

// Role grants through GrantsService on real PostgreSQL: who may grant what where, segregation of
// duties (finance and director of one street), revocation with a reason and its history.

let env: Env;
let db: DataSource;
let grants: GrantsService;
let admin: AuthUser;
let director: AuthUser; // street director of street 0
const [STREET_1, STREET_2] = DEMO.streets;
/** The mails the service asked for, by grant id (the job queue is the workers' business). */
const mailed: string[] = [];

const rolesOf = async (email: string): Promise<string[]> =>
  (
    await db.query(
      `SELECT m.role || ':' || coalesce(m.region_id::text, '') AS r FROM role_memberships m JOIN users u ON u.id = m.user_id
        WHERE u.email = $1 ORDER BY 1`,
      [email],
    )
  ).map((r: { r: string }) => r.r);
const grantsOf = async (email: string): Promise<number> =>
  (
    await db.query(
      `SELECT count(*)::int AS n FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = $1`,
      [email],
    )
  )[0].n;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  const jobs = {
    add: async (_name: string, payload: { grantId: string }) => {
      mailed.push(payload.grantId);
      return payload.grantId;
    },
  } as unknown as JobQueue;
  grants = new GrantsService(db, new AccessService(db), new AuditService(db), jobs);
  admin = await callerFor(db, 'admin@demo.sanshe.cn');
  director = await callerFor(db, 'director@demo.sanshe.cn');
});

afterAll(() => dropSchema(db, env));

describe('who grants what', () => {
  it('a street director grants neither directors, nor on another street, nor to themselves', async () => {
    const cases: [Parameters<GrantsService['grant']>[1], Parameters<GrantsService['grant']>[2], string][] = [
      [STREET_1, { email: 'next-director@example.cn', role: 'street_director' }, 'auth.forbidden'],
      [STREET_2, { email: 'far-officer@example.cn', role: 'street_officer' }, 'auth.out_of_scope'],
      [STREET_1, { email: 'director@demo.sanshe.cn', role: 'street_officer' }, 'auth.forbidden'],
      [DEMO.district, { email: 'district-officer@example.cn', role: 'street_officer' }, 'validation.failed'],
    ];
    for (const [region, input, code] of cases) {
      expect((await domainError(grants.grant(director, region, input))).code).toBe(code);
    }
    expect(await grantsOf('next-director@example.cn')).toBe(0);
    expect(await grantsOf('far-officer@example.cn')).toBe(0);
  });

  it('a grant to a new address makes its account and mails it; the role is in force once the address is verified', async () => {
    const made = await grants.grant(director, STREET_1, {
      email: 'new-officer@example.cn',
      role: 'street_officer',
    });
    expect(made).toMatchObject({
      role: 'street_officer',
      status: 'active',
      emailVerified: false,
      regionId: STREET_1,
    });
    expect(mailed).toContain(made.id);
    expect(await rolesOf('new-officer@example.cn')).toEqual([]);
    await db.query(`UPDATE users SET email_verified_at = now() WHERE email = 'new-officer@example.cn'`);
    expect(await rolesOf('new-officer@example.cn')).toEqual([`street_officer:${STREET_1}`]);
    const err = await domainError(
      grants.grant(admin, STREET_1, { email: 'new-officer@example.cn', role: 'street_officer' }),
    );
    expect(err.code).toBe('state.conflict');
  });
});

describe('segregation of duties', () => {
  it('refuses street director to the street finance of the same street, and nothing is granted', async () => {
    await grants.grant(admin, STREET_1, { email: 'both@example.cn', role: 'street_finance' });
    const err = await domainError(
      grants.grant(admin, STREET_1, { email: 'both@example.cn', role: 'street_director' }),
    );
    expect(err.code).toBe('grant.duties_conflict');
    expect(await grantsOf('both@example.cn')).toBe(1);
    // Another street is another pair of duties.
    await grants.grant(admin, STREET_2, { email: 'both@example.cn', role: 'street_director' });
    expect(await grantsOf('both@example.cn')).toBe(2);
  });

  it('refuses overlapping periods, not consecutive ones', async () => {
    const inAMonth = new Date(Date.now() + 30 * 86_400_000);
    await grants.grant(admin, STREET_1, {
      email: 'later@example.cn',
      role: 'street_director',
      startsAt: inAMonth,
    });
    const overlapping = await domainError(
      grants.grant(admin, STREET_1, { email: 'later@example.cn', role: 'street_finance' }),
    );
    expect(overlapping.code).toBe('grant.duties_conflict');
    const before = await grants.grant(admin, STREET_1, {
      email: 'later@example.cn',
      role: 'street_finance',
      endsAt: new Date(inAMonth.getTime() - 86_400_000),
    });
    expect(before.status).toBe('active');
  });

  it('the database refuses the pair even when written past the service', async () => {
    const [{ id }] = await db.query(`SELECT id FROM users WHERE email = 'both@example.cn'`);
    const err = await db
      .query(`INSERT INTO role_grants (user_id, role, region_id) VALUES ($1, 'street_director', $2)`, [
        id,
        STREET_1,
      ])
      .catch((e: { driverError?: { constraint?: string } }) => e);
    expect(err.driverError?.constraint).toBe('role_grants_finance_director_apart');
  });
});

describe('revocation', () => {
  it('needs someone who may grant the role there; the grant stays in force meanwhile', async () => {
    const grant = await grants.grant(admin, STREET_1, {
      email: 'keeps-director@example.cn',
      role: 'street_director',
    });
    const err = await domainError(grants.revoke(director, grant.id, '越权撤销'));
    expect(err.code).toBe('auth.forbidden');
    expect((await grants.list(admin, STREET_1)).items.find((g) => g.id === grant.id)?.status).toBe('active');
  });

  it('revokes with a reason, keeps the history, stops the role at once, and only once', async () => {
    const grant = await grants.grant(director, STREET_1, {
      email: 'leaving@example.cn',
      role: 'street_finance',
    });
    await db.query(`UPDATE users SET email_verified_at = now() WHERE email = 'leaving@example.cn'`);
    expect(await rolesOf('leaving@example.cn')).toEqual([`street_finance:${STREET_1}`]);
    const revoked = await grants.revoke(director, grant.id, '调离岗位');
    expect(revoked).toMatchObject({
      status: 'revoked',
      revokeReason: '调离岗位',
      revokedByName: '赵主任 (街道)',
    });
    expect(await rolesOf('leaving@example.cn')).toEqual([]);
    expect(
      (await grants.list(director, STREET_1)).items.filter((g) => g.email === 'leaving@example.cn'),
    ).toHaveLength(1);
    expect(await auditActions(db, grant.id)).toEqual(['role.granted', 'role.revoked']);
    const again = await domainError(grants.revoke(director, grant.id, '再次'));
    expect(again.code).toBe('state.invalid_transition');
    expect(await auditActions(db, grant.id)).toEqual(['role.granted', 'role.revoked']);
  });

  it('a revoked finance grant no longer stands in the way of the director role, and the role can be granted again', async () => {
    const finance = await grants.grant(admin, STREET_1, {
      email: 'moves-up@example.cn',
      role: 'street_finance',
    });
    await grants.revoke(admin, finance.id, '升任主任');
    const promoted = await grants.grant(admin, STREET_1, {
      email: 'moves-up@example.cn',
      role: 'street_director',
    });
    expect(promoted.status).toBe('active');
    const again = await grants.grant(director, STREET_1, {
      email: 'leaving@example.cn',
      role: 'street_finance',
    });
    expect(again.status).toBe('active');
  });

  it('pages through the history in the list order: each grant once, revoked ones after those in force', async () => {
    const all = (await grants.list(admin, STREET_1, { limit: 100 })).items;
    expect(all.length).toBeGreaterThan(5);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await grants.list(admin, STREET_1, { limit: 2, cursor });
      paged.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.map((g) => g.id));
    const street = all.filter((g) => g.regionId === STREET_1).map((g) => g.status === 'revoked');
    expect(street.indexOf(true)).toBeGreaterThan(street.lastIndexOf(false));
  });

  it('platform-level and organization roles are not grants of this service', async () => {
    const [{ id }] = await db.query(
      `SELECT g.id FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = 'orgadmin@demo.sanshe.cn' AND g.role = 'org_admin'`,
    );
    expect((await domainError(grants.revoke(admin, id, 'x'))).code).toBe('resource.not_found');
  });
});
