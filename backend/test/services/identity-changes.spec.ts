import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import type { Env } from '../../src/config/env.js';
import { seedDemo } from '../../src/database/seed/demo.js';
import type { IdentityChangesService } from '../../src/modules/organizations/identity-changes.service.js';
import type { OrganizationsService } from '../../src/modules/organizations/organizations.service.js';
import type { VerificationService } from '../../src/modules/organizations/verification.service.js';
import { validCreditCode } from '../support/credit-codes.js';
import { userWithRoles, verifiedOrganization } from '../support/fixtures.js';
import { auditActions, callerFor, domainError } from '../support/callers.js';
import { registration, registryServices } from '../support/registry.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../support/test-env.js';

// Identity changes of verified organizations (PRODUCT §2), through the services on real
// PostgreSQL: the edit waits as the one open change, the verified identity stays in force until a
// street officer of the home street approves; rejection, withdrawal and decided changes.

let env: Env;
let db: DataSource;
let organizations: OrganizationsService;
let identity: IdentityChangesService;
let verification: VerificationService;
let officer: AuthUser;
let otherOfficer: AuthUser;

/** A verified organization of street 0 and its admin as the caller. */
async function verified(name: string): Promise<{ id: string; admin: AuthUser }> {
  const org = await verifiedOrganization(db, name);
  return { id: org.id, admin: await callerFor(db, org.adminEmail) };
}

const row = async (id: string) =>
  (
    await db.query(
      `SELECT name, legal_representative AS "legalRepresentative", credit_code AS "creditCode", contact_phone AS "contactPhone"
         FROM organizations WHERE id = $1`,
      [id],
    )
  )[0];

const changesOf = async (id: string): Promise<{ id: string; status: string; name: string }[]> =>
  db.query(
    `SELECT id, status, name FROM organization_identity_changes WHERE organization_id = $1 ORDER BY created_at`,
    [id],
  );

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  ({ identity, organizations, verification, officer, otherOfficer } = await registryServices(db));
});

afterAll(() => dropSchema(db, env));

describe('an edit of a verified identity', () => {
  it('waits as one open change; other fields apply at once; a second edit updates the same change', async () => {
    const { id, admin } = await verified('身份变更等待中心');
    const before = await row(id);
    const view = await organizations.update(admin, id, {
      name: '身份变更新名中心',
      contactPhone: '057100000002',
    });
    expect(view.name).toBe('身份变更等待中心');
    expect(view.contactPhone).toBe('057100000002');
    expect(view.identityChanges).toMatchObject([
      { status: 'pending', proposed: { name: '身份变更新名中心' } },
    ]);
    expect(await row(id)).toEqual({ ...before, contactPhone: '057100000002' });

    await organizations.update(admin, id, { legalRepresentative: '新代表' });
    const changes = await changesOf(id);
    expect(changes).toHaveLength(1);
    const [{ proposed }] = (await organizations.get(admin, id)).identityChanges;
    expect(proposed).toMatchObject({ name: '身份变更新名中心', legalRepresentative: '新代表' });
    expect(await auditActions(db, id)).toEqual([
      'organization.identity_change_requested',
      'organization.updated',
      'organization.identity_change_requested',
    ]);
  });

  it('saving the same proposal again changes nothing; editing back to the verified identity withdraws it', async () => {
    const { id, admin } = await verified('身份撤回测试中心');
    await organizations.update(admin, id, { name: '身份撤回新名中心' });
    await organizations.update(admin, id, { name: '身份撤回新名中心' });
    expect(await auditActions(db, id)).toEqual(['organization.identity_change_requested']);
    await organizations.update(admin, id, { name: '身份撤回测试中心' });
    expect((await changesOf(id)).map((c) => c.status)).toEqual(['withdrawn']);
    expect(await auditActions(db, id)).toEqual([
      'organization.identity_change_requested',
      'organization.identity_change_withdrawn',
    ]);
    // Withdrawn changes are not listed with the organization.
    expect((await organizations.get(admin, id)).identityChanges).toEqual([]);
  });

  it('a pending organization edits its identity freely, without a change', async () => {
    const email = 'pending-founder@example.cn';
    await userWithRoles(db, email, []);
    const registered = await organizations.register(
      await callerFor(db, email),
      registration({ name: '待核验自由编辑中心' }),
    );
    const admin = await callerFor(db, email);
    const view = await organizations.update(admin, registered.id, { name: '待核验已改名中心' });
    expect(view.name).toBe('待核验已改名中心');
    expect(await changesOf(registered.id)).toEqual([]);
  });
});

describe('the decision', () => {
  it('refuses the officer of another street and the organization admin; the change stays pending', async () => {
    const { id, admin } = await verified('身份越界决定中心');
    await organizations.update(admin, id, { name: '身份越界新名中心' });
    const [change] = await changesOf(id);
    for (const caller of [otherOfficer, admin]) {
      const err = await domainError(identity.decideIdentityChange(caller, change.id, { approve: true }));
      expect(err.code).toBe('auth.out_of_scope');
    }
    expect((await changesOf(id))[0].status).toBe('pending');
    expect((await row(id)).name).toBe('身份越界决定中心');
    expect((await identity.identityChangeQueue(officer, { limit: 100 })).items.map((c) => c.id)).toContain(
      change.id,
    );
    expect(
      (await identity.identityChangeQueue(otherOfficer, { limit: 100 })).items.map((c) => c.id),
    ).not.toContain(change.id);
  });

  it('approval applies the identity (categories too), audited; a decided change cannot be decided again', async () => {
    const { id, admin } = await verified('身份批准测试中心');
    const creditCode = validCreditCode();
    await organizations.update(admin, id, {
      name: '身份批准新名中心',
      creditCode,
      categoryCodes: ['elderly.home_care', 'elderly'],
    });
    const [change] = await changesOf(id);
    const decided = await identity.decideIdentityChange(officer, change.id, {
      approve: true,
      reason: '材料核实',
    });
    expect(decided).toMatchObject({ status: 'approved', decisionReason: '材料核实' });
    expect(await row(id)).toMatchObject({ name: '身份批准新名中心', creditCode });
    expect((await organizations.get(admin, id)).categoryCodes).toEqual(['elderly', 'elderly.home_care']);
    expect(await auditActions(db, id)).toContain('organization.identity_change_approved');
    for (const approve of [true, false]) {
      const err = await domainError(
        identity.decideIdentityChange(officer, change.id, { approve, reason: '再次' }),
      );
      expect(err.code).toBe('state.invalid_transition');
    }
  });

  it('rejection keeps the verified identity and records the reason', async () => {
    const { id, admin } = await verified('身份驳回测试中心');
    await organizations.update(admin, id, { name: '身份驳回新名中心' });
    const [change] = await changesOf(id);
    const decided = await identity.decideIdentityChange(officer, change.id, {
      approve: false,
      reason: '证照不符',
    });
    expect(decided).toMatchObject({ status: 'rejected', decisionReason: '证照不符' });
    expect((await row(id)).name).toBe('身份驳回测试中心');
    // A new edit opens a new change.
    await organizations.update(admin, id, { name: '身份驳回再改中心' });
    expect((await changesOf(id)).map((c) => c.status)).toEqual(['rejected', 'pending']);
  });

  it('a deregistered organization cannot take a new identity, but its change can still be rejected', async () => {
    const { id, admin } = await verified('身份注销测试中心');
    await organizations.update(admin, id, { name: '身份注销新名中心' });
    const [change] = await changesOf(id);
    await verification.changeStatus(officer, id, { action: 'deregister', reason: '解散' });
    const err = await domainError(identity.decideIdentityChange(officer, change.id, { approve: true }));
    expect(err.code).toBe('state.invalid_transition');
    expect((await row(id)).name).toBe('身份注销测试中心');
    await identity.decideIdentityChange(officer, change.id, { approve: false, reason: '已注销' });
    expect((await changesOf(id))[0].status).toBe('rejected');
  });

  it('approving a name another verified organization of the district holds is refused by the database', async () => {
    await verified('身份重名占用中心');
    const { id, admin } = await verified('身份重名申请中心');
    await organizations.update(admin, id, { name: '身份重名占用中心' });
    const [change] = await changesOf(id);
    const err = await domainError(identity.decideIdentityChange(officer, change.id, { approve: true }));
    expect(err.code).toBe('organization.name_taken');
    expect((await changesOf(id))[0].status).toBe('pending');
    expect((await row(id)).name).toBe('身份重名申请中心');
  });

  it('an unknown change is not found', async () => {
    const err = await domainError(
      identity.decideIdentityChange(officer, '00000000-0000-4000-8000-999999999999', { approve: true }),
    );
    expect(err.code).toBe('resource.not_found');
  });
});
