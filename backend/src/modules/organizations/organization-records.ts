import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { Queryable } from '../../common/database/queryable.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { creditCodeProblem } from './credit-code.js';
import { selectObjectionsOf } from './credit-objections.sql.js';
import type { IdentityDto, OrganizationDto } from './dto/organization.dto.js';
import { selectIdentityChangesOf } from './identity-changes.sql.js';
import { Organization, type OrganizationStatus } from './organization.entity.js';
import { type OfficerScope, selectDocuments, selectOrganizationProfile } from './organizations.sql.js';

/**
 * What the services of the organization registry share: reading an organization (its row, locked
 * for a change, or its whole profile), who may read its private file, and the rules on its identity.
 */

/** Roles of the street office that may read an organization's private file. */
const STREET_ROLES = ['street_officer', 'street_finance', 'street_director'] as const;

/**
 * The statuses in which the organization's identity is the one its street office verified: edits to it
 * wait for the office's approval instead of applying (PRODUCT §2).
 */
export const IDENTITY_LOCKED: readonly OrganizationStatus[] = ['verified', 'suspended'];

/** The organization's row, locked for a change when asked. */
export async function loadOrganization(m: EntityManager, id: string, lock = false): Promise<Organization> {
  const org = await m.findOne(Organization, {
    where: { id },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!org) throw notFound('Organization', id);
  return org;
}

/** Writes fields of the organization (none: only its version), +1 on its version as every write does. */
export async function writeOrganization(
  m: EntityManager,
  id: string,
  fields: QueryDeepPartialEntity<Organization> = {},
): Promise<void> {
  await m.update(Organization, { id }, { ...fields, version: () => 'version + 1' });
}

/** The organization as the API shows it, with its documents, objections and latest identity changes. */
export async function organizationView(db: Queryable, id: string): Promise<OrganizationDto> {
  const row = await selectOrganizationProfile(db, id);
  if (!row) throw notFound('Organization', id);
  return {
    ...row,
    documents: await selectDocuments(db, id),
    objections: await selectObjectionsOf(db, id),
    identityChanges: await selectIdentityChangesOf(db, id),
  };
}

/** Its own admins and the street office of its home street read an organization's file. */
export async function requireViewer(access: AccessService, user: AuthUser, org: Organization): Promise<void> {
  if (access.isOrgAdmin(user, org.id)) return;
  await access.requireRegion(user, STREET_ROLES, org.homeStreetId);
}

/** The region paths a street officer reviews, or everywhere for the platform admin. */
export function officerScope(access: AccessService, user: AuthUser): OfficerScope {
  const paths = user.memberships
    .filter((m) => m.role === 'street_officer' && m.regionPath)
    .map((m) => m.regionPath as string);
  const everywhere = access.isPlatformAdmin(user);
  if (!everywhere && paths.length === 0)
    throw new DomainError('auth.forbidden', 'Only street officers review organizations');
  return { everywhere, paths };
}

export const identityOf = (o: IdentityDto): IdentityDto => ({
  name: o.name,
  legalRepresentative: o.legalRepresentative,
  creditCode: o.creditCode,
  categoryCodes: o.categoryCodes,
});

/**
 * The database is the last word on identity uniqueness (so concurrent verifications cannot both pass):
 * its unique violations become coded errors.
 */
export function rethrowIdentityConflict(err: unknown): never {
  const pg = (err as { driverError?: { code?: string; constraint?: string; detail?: string } })?.driverError;
  if (pg?.code === '23505' && pg.constraint === 'organizations_verified_name_unique')
    throw new DomainError(
      'organization.name_taken',
      'A verified organization of this district already has this name',
      { field: 'name' },
    );
  if (pg?.code === '23505' && pg.detail?.includes('(credit_code)'))
    throw new DomainError('state.conflict', 'An organization with this credit code is already registered', {
      field: 'creditCode',
    });
  throw err;
}

export function requireValidCreditCode(code: string): void {
  const problem = creditCodeProblem(code);
  if (problem)
    throw new DomainError('validation.failed', creditCodeMessages[problem], { field: 'creditCode', problem });
}

const creditCodeMessages = {
  length: 'The unified social credit code has 18 characters',
  character: 'The unified social credit code uses digits and capital letters except I, O, S, V and Z',
  check: 'The unified social credit code is mistyped: its check character does not match',
};
