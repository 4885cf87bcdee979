import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/common/audit/audit.service.js';
import { AccessService } from '../../src/common/auth/access.service.js';
import { DEMO } from '../../src/database/seed/demo.js';
import { IdentityChangesService } from '../../src/modules/organizations/identity-changes.service.js';
import { OrganizationsService } from '../../src/modules/organizations/organizations.service.js';
import { VerificationService } from '../../src/modules/organizations/verification.service.js';
import { callerFor } from './callers.js';
import { validCreditCode } from './credit-codes.js';
import { userWithRoles } from './fixtures.js';

/** A registration of an organization of the demo street 0 (a fresh credit code each time). */
export const registration = (overrides: Record<string, unknown> = {}) => ({
  name: '春晖长者养老互助中心',
  type: 'mutual_aid' as const,
  description: '为春晖社区独居老人提供上门探访与助餐服务',
  legalRepresentative: '陈华',
  contactPhone: '057188112233',
  categoryCodes: ['elderly.home_care'],
  communityIds: [DEMO.communities[0]],
  filedOnly: false,
  creditCode: validCreditCode(),
  homeStreetId: DEMO.streets[0],
  ...overrides,
});

/**
 * The registry's services wired as Nest wires them, on the suite's database, with the demo street
 * officer of street 0 and a second officer of street 1 (for crossing street boundaries).
 */
export async function registryServices(db: DataSource) {
  const access = new AccessService(db);
  const audit = new AuditService(db);
  const identity = new IdentityChangesService(db, access, audit);
  await userWithRoles(db, 'officer2@example.cn', [['street_officer', { regionId: DEMO.streets[1] }]]);
  return {
    identity,
    organizations: new OrganizationsService(db, access, audit, identity),
    verification: new VerificationService(db, access, audit),
    officer: await callerFor(db, 'officer@demo.sanshe.cn'),
    otherOfficer: await callerFor(db, 'officer2@example.cn'),
  };
}
