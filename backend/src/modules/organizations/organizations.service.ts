import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import { requireLiveCategories } from '../catalog/live-categories.js';
import { insertOwnMembership } from '../identity/role-memberships.sql.js';
import { requireLiveRegions } from '../regions/live-regions.js';
import { OrganizationDto, RegisterOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto.js';
import { checkEligibility, type EligibilityRequirements } from './eligibility.js';
import { IdentityChangesService } from './identity-changes.service.js';
import {
  IDENTITY_LOCKED,
  loadOrganization,
  organizationView,
  requireValidCreditCode,
  requireViewer,
  rethrowIdentityConflict,
  writeOrganization,
} from './organization-records.js';
import { insertOrganization, replaceOrganizationLinks } from './organizations.sql.js';

/**
 * The registry of organizations: registration, the profile its admins keep, and whether it may bid
 * or be paid. Verification, identity changes, grades and credit, and documents have their own services.
 */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly identityChanges: IdentityChangesService,
  ) {}

  /** An org admin registers an organization; it starts pending and the registrant becomes its admin. */
  async register(user: AuthUser, dto: RegisterOrganizationDto): Promise<OrganizationDto> {
    if (dto.filedOnly && dto.creditCode) {
      throw new DomainError('validation.failed', 'A filed-only (备案) group has no credit code', {
        field: 'creditCode',
      });
    }
    if (!dto.filedOnly) requireValidCreditCode(dto.creditCode ?? '');
    const id = await this.dataSource.transaction(async (m) => {
      await requireLiveRegions(m, [dto.homeStreetId], { level: 'street', field: 'homeStreetId' });
      await requireLiveRegions(m, dto.communityIds, { level: 'community', field: 'communityIds' });
      await requireLiveCategories(m, dto.categoryCodes, 'categoryCodes');
      const orgId = await insertOrganization(m, {
        name: dto.name,
        creditCode: dto.filedOnly ? null : (dto.creditCode ?? null),
        filedOnly: dto.filedOnly,
        type: dto.type,
        description: dto.description ?? '',
        legalRepresentative: dto.legalRepresentative,
        contactPhone: dto.contactPhone,
        homeStreetId: dto.homeStreetId,
      });
      if (!orgId) {
        throw new DomainError(
          'state.conflict',
          'An organization with this credit code is already registered',
          { field: 'creditCode' },
        );
      }
      await replaceOrganizationLinks(m, orgId, dto.categoryCodes, dto.communityIds);
      await insertOwnMembership(m, user.id, 'org_admin', { organizationId: orgId });
      await this.audit.recordChange(m, user.id, 'organization.registered', ['organization', orgId], {
        after: { ...dto, status: 'pending' },
      });
      return orgId;
    });
    return organizationView(this.dataSource, id);
  }

  /** Its own admins and the street office see why an organization may not bid or be paid. */
  async eligibilityFor(user: AuthUser, id: string) {
    await requireViewer(this.access, user, await loadOrganization(this.dataSource.manager, id));
    return this.eligibility(id);
  }

  async get(user: AuthUser, id: string): Promise<OrganizationDto> {
    await requireViewer(this.access, user, await loadOrganization(this.dataSource.manager, id));
    return organizationView(this.dataSource, id);
  }

  /**
   * The org admin edits the organization. While it is pending every field applies at once; once verified,
   * its identity (name, legal representative, credit code, service categories) becomes a pending identity
   * change for the street office and everything else applies at once.
   */
  async update(
    user: AuthUser,
    id: string,
    dto: UpdateOrganizationDto,
    expectedVersion?: number,
  ): Promise<OrganizationDto> {
    this.access.requireOrganization(user, ['org_admin'], id);
    await this.dataSource
      .transaction(async (m) => {
        const org = await loadOrganization(m, id, true);
        requireVersion(expectedVersion, org.version);
        if (org.status === 'deregistered')
          throw new DomainError('state.invalid_transition', 'A deregistered organization cannot be edited');
        if (dto.creditCode !== undefined) {
          if (org.filedOnly)
            throw new DomainError('validation.failed', 'A filed-only (备案) group has no credit code', {
              field: 'creditCode',
            });
          requireValidCreditCode(dto.creditCode);
        }
        const before = await organizationView(m, id);
        // Regions and categories it already names may stay after their retirement; new ones must be live.
        if (dto.communityIds)
          await requireLiveRegions(m, dto.communityIds, {
            level: 'community',
            field: 'communityIds',
            kept: before.communityIds,
          });
        if (dto.categoryCodes)
          await requireLiveCategories(m, dto.categoryCodes, 'categoryCodes', before.categoryCodes);
        const { name, legalRepresentative, creditCode, categoryCodes, communityIds, ...other } = dto;
        const identity = defined({ name, legalRepresentative, creditCode, categoryCodes });
        const locked = IDENTITY_LOCKED.includes(org.status);
        if (locked && Object.keys(identity).length)
          await this.identityChanges.propose(m, user, before, identity);
        const applied: UpdateOrganizationDto = locked ? defined({ ...other, communityIds }) : defined(dto);
        const { categoryCodes: newCategories, communityIds: newCommunities, ...fields } = applied;
        await writeOrganization(m, id, fields);
        if (newCategories || newCommunities) {
          await replaceOrganizationLinks(
            m,
            id,
            newCategories ?? before.categoryCodes,
            newCommunities ?? before.communityIds,
          );
        }
        if (Object.keys(applied).length) {
          await this.audit.recordChange(m, user.id, 'organization.updated', ['organization', id], {
            before: pick(before, applied),
            after: applied,
          });
        }
      })
      .catch(rethrowIdentityConflict);
    return organizationView(this.dataSource, id);
  }

  /** The organizations the caller administers. */
  async mine(user: AuthUser): Promise<OrganizationDto[]> {
    const ids = this.access.orgAdminOf(user);
    return Promise.all(ids.map((id) => organizationView(this.dataSource, id)));
  }

  eligibility(organizationId: string, requirements: EligibilityRequirements = {}) {
    return checkEligibility(this.dataSource, organizationId, requirements);
  }

  /** Throws organization.ineligible with every reason when the organization may not bid or be paid. */
  async requireEligible(
    manager: EntityManager,
    organizationId: string,
    requirements: EligibilityRequirements = {},
  ): Promise<void> {
    const result = await checkEligibility(manager, organizationId, requirements);
    if (!result.eligible) {
      throw new DomainError('organization.ineligible', result.reasons.map((r) => r.message).join('; '), {
        reasons: result.reasons,
      });
    }
  }
}

/** The object without its undefined entries (absent fields of a partial update). */
const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const pick = (from: object, keysOf: object) =>
  Object.fromEntries(Object.keys(keysOf).map((k) => [k, (from as Record<string, unknown>)[k]]));
