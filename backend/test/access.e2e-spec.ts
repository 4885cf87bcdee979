import type { DataSource } from 'typeorm';
import { AccessService } from '../src/common/auth/access.service.js';
import { loadMemberships } from '../src/common/auth/principal.service.js';
import type { AuthUser } from '../src/common/auth/auth-user.js';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let access: AccessService;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  access = new AccessService(db);
});
afterAll(() => dropSchema(db, env));

const userWithEmail = async (email: string): Promise<AuthUser> => {
  const [{ id }] = await db.query(`SELECT id FROM users WHERE email = $1`, [email]);
  return { id, email, sessionId: 'n/a', memberships: await loadMemberships(db, id) };
};

describe('scope checks', () => {
  it('lets a street officer act on the communities of the street and nowhere else', async () => {
    const officer = await userWithEmail('officer@demo.sanshe.cn');
    await expect(
      access.requireRegion(officer, ['street_officer'], DEMO.communities[0]),
    ).resolves.toBeUndefined();
    await expect(access.requireRegion(officer, ['street_officer'], DEMO.streets[0])).resolves.toBeUndefined();
    await expect(
      access.requireRegion(officer, ['street_officer'], DEMO.communities[3]),
    ).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    await expect(access.requireRegion(officer, ['street_officer'], DEMO.district)).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
    // The right place but the wrong role is refused too.
    await expect(access.requireRegion(officer, ['street_finance'], DEMO.streets[0])).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
  });

  it('keeps community staff inside their own community', async () => {
    const staff = await userWithEmail('staff@demo.sanshe.cn');
    await expect(
      access.requireRegion(staff, ['community_staff'], DEMO.communities[0]),
    ).resolves.toBeUndefined();
    await expect(access.requireRegion(staff, ['community_staff'], DEMO.communities[1])).rejects.toMatchObject(
      { code: 'auth.out_of_scope' },
    );
  });

  it('ties organization roles to their organization', async () => {
    const orgAdmin = await userWithEmail('orgadmin@demo.sanshe.cn');
    expect(() => access.requireOrganization(orgAdmin, ['org_admin'], DEMO.organization)).not.toThrow();
    expect(() =>
      access.requireOrganization(orgAdmin, ['org_admin'], '00000000-0000-4000-8000-000000099999'),
    ).toThrow(expect.objectContaining({ code: 'auth.out_of_scope' }));
    const worker = await userWithEmail('worker@demo.sanshe.cn');
    expect(() => access.requireOrganization(worker, ['org_admin'], DEMO.organization)).toThrow();
  });

  it('lets the platform admin through everywhere', async () => {
    const admin = await userWithEmail('admin@demo.sanshe.cn');
    await expect(
      access.requireRegion(admin, ['street_officer'], DEMO.communities[5]),
    ).resolves.toBeUndefined();
  });

  it('answers an unknown region with not found', async () => {
    const officer = await userWithEmail('officer@demo.sanshe.cn');
    await expect(
      access.requireRegion(officer, ['street_officer'], '00000000-0000-4000-8000-000000099999'),
    ).rejects.toMatchObject({
      code: 'resource.not_found',
    });
  });

  it('answers the same questions yes or no, without throwing', async () => {
    const officer = await userWithEmail('officer@demo.sanshe.cn');
    const unknown = '00000000-0000-4000-8000-000000099999';
    await expect(access.canActInRegion(officer, ['street_officer'], DEMO.communities[0])).resolves.toBe(true);
    await expect(access.canActInRegion(officer, ['street_officer'], DEMO.communities[3])).resolves.toBe(
      false,
    );
    await expect(access.canActInRegion(officer, ['street_finance'], DEMO.streets[0])).resolves.toBe(false);
    await expect(access.canActInRegion(officer, ['street_officer'], unknown)).resolves.toBe(false);
    const admin = await userWithEmail('admin@demo.sanshe.cn');
    await expect(access.canActInRegion(admin, ['street_officer'], DEMO.communities[5])).resolves.toBe(true);
    const orgAdmin = await userWithEmail('orgadmin@demo.sanshe.cn');
    expect(access.canActForOrganization(orgAdmin, ['org_admin'], DEMO.organization)).toBe(true);
    expect(access.canActForOrganization(orgAdmin, ['org_admin'], unknown)).toBe(false);
    expect(access.canActForOrganization(admin, ['org_admin'], DEMO.organization)).toBe(true);
  });

  it('knows an organization admin by their own organization only', async () => {
    const orgAdmin = await userWithEmail('orgadmin@demo.sanshe.cn');
    expect(access.isOrgAdmin(orgAdmin, DEMO.organization)).toBe(true);
    expect(access.isOrgAdmin(orgAdmin, '00000000-0000-4000-8000-000000099999')).toBe(false);
    expect(access.orgAdminOf(orgAdmin)).toContain(DEMO.organization);
    // A worker of the organization, and the platform admin, are not its admins.
    expect(access.isOrgAdmin(await userWithEmail('worker@demo.sanshe.cn'), DEMO.organization)).toBe(false);
    expect(access.isOrgAdmin(await userWithEmail('admin@demo.sanshe.cn'), DEMO.organization)).toBe(false);
    expect(access.orgAdminOf(await userWithEmail('admin@demo.sanshe.cn'))).toEqual([]);
  });
});
