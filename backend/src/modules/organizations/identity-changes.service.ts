import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import type {
  IdentityChangeDecisionDto,
  IdentityChangeDto,
  IdentityChangeReviewDto,
  IdentityDto,
  OrganizationDto,
} from './dto/organization.dto.js';
import {
  closeIdentityChange,
  insertIdentityChange,
  selectIdentityChange,
  selectIdentityChangeOrganization,
  selectIdentityChangePage,
  selectIdentityChangeQueue,
  selectOpenIdentityChange,
  updateIdentityProposal,
} from './identity-changes.sql.js';
import {
  IDENTITY_LOCKED,
  identityOf,
  loadOrganization,
  officerScope,
  organizationView,
  requireViewer,
  rethrowIdentityConflict,
  writeOrganization,
} from './organization-records.js';
import { replaceOrganizationLinks } from './organizations.sql.js';

/**
 * Identity changes of verified (or suspended) organizations (PRODUCT §2): the org admin's edit of
 * name, legal representative, credit code or categories waits as the organization's one open change
 * until a street officer of its home street approves it (then it applies) or rejects it.
 */
@Injectable()
export class IdentityChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records the edit of a verified identity as the organization's one pending change (a new edit updates it);
   * an edit back to the verified identity withdraws it. Runs in the caller's transaction, the organization locked.
   */
  async propose(
    m: EntityManager,
    user: AuthUser,
    current: OrganizationDto,
    edit: Partial<IdentityDto>,
  ): Promise<void> {
    const open = await selectOpenIdentityChange(m, current.id);
    const base = open?.proposed ?? current;
    const proposed: IdentityDto = {
      name: edit.name ?? base.name,
      legalRepresentative: edit.legalRepresentative ?? base.legalRepresentative,
      creditCode: edit.creditCode ?? base.creditCode,
      categoryCodes: [...(edit.categoryCodes ?? base.categoryCodes)].sort(),
    };
    // Saving the same proposal again (the form sends every field) changes nothing.
    if (open && sameIdentity(proposed, open.proposed)) return;
    const unchanged = sameIdentity(proposed, current);
    let changeId = open?.id;
    if (unchanged) {
      if (!open) return;
      await closeIdentityChange(m, open.id, { status: 'withdrawn', decidedBy: user.id, reason: null });
    } else if (open) {
      await updateIdentityProposal(m, open.id, proposed, user.id);
    } else {
      changeId = await insertIdentityChange(m, current.id, proposed, user.id);
    }
    await this.audit.record(m, {
      actorId: user.id,
      action: unchanged ? 'organization.identity_change_withdrawn' : 'organization.identity_change_requested',
      entityType: 'organization',
      entityId: current.id,
      before: identityOf(current),
      after: { changeId, ...(unchanged ? {} : proposed) },
    });
  }

  /** An organization's identity changes, newest first, for its admins and the street office of its home street. */
  async ofOrganization(
    user: AuthUser,
    organizationId: string,
    query: PageQueryDto,
  ): Promise<Page<IdentityChangeDto>> {
    await requireViewer(this.access, user, await loadOrganization(this.dataSource.manager, organizationId));
    return timeKeyedPage(query, (keyset) =>
      selectIdentityChangePage(this.dataSource, organizationId, keyset),
    );
  }

  /** The street officer's queue of identity changes waiting for a decision, in the officer's streets. */
  async identityChangeQueue(user: AuthUser, query: PageQueryDto): Promise<Page<IdentityChangeReviewDto>> {
    const scope = officerScope(this.access, user);
    return timeKeyedPage(query, (keyset) => selectIdentityChangeQueue(this.dataSource, scope, keyset));
  }

  /** A street officer of the home street approves (the identity applies, audited) or rejects with a reason. */
  async decideIdentityChange(
    user: AuthUser,
    changeId: string,
    dto: IdentityChangeDecisionDto,
  ): Promise<IdentityChangeDto> {
    return this.dataSource
      .transaction(async (m) => {
        const organizationId = await selectIdentityChangeOrganization(m, changeId);
        if (!organizationId) throw notFound('Identity change', changeId);
        // The organization first, as an edit locks it, so the two never wait on each other.
        const org = await loadOrganization(m, organizationId, true);
        await this.access.requireRegion(user, ['street_officer'], org.homeStreetId, m);
        const change = (await selectIdentityChange(m, changeId, true))!;
        if (change.status !== 'pending')
          throw new DomainError(
            'state.invalid_transition',
            `The identity change was already ${change.status}`,
          );
        if (dto.approve && !IDENTITY_LOCKED.includes(org.status))
          throw new DomainError(
            'state.invalid_transition',
            `An organization that is ${org.status} cannot take a new identity`,
          );
        const current = await organizationView(m, org.id);
        const { proposed } = change;
        if (dto.approve) {
          await writeOrganization(m, org.id, {
            name: proposed.name,
            legalRepresentative: proposed.legalRepresentative,
            creditCode: proposed.creditCode,
          });
          await replaceOrganizationLinks(m, org.id, proposed.categoryCodes, current.communityIds);
        }
        const status = dto.approve ? 'approved' : 'rejected';
        await closeIdentityChange(m, changeId, { status, decidedBy: user.id, reason: dto.reason ?? null });
        await this.audit.record(m, {
          actorId: user.id,
          action: `organization.identity_change_${status}`,
          entityType: 'organization',
          entityId: org.id,
          before: identityOf(current),
          after: { changeId, status, reason: dto.reason ?? null, ...(dto.approve ? proposed : {}) },
        });
        return (await selectIdentityChange(m, changeId))!;
      })
      .catch(rethrowIdentityConflict);
  }
}

const sameIdentity = (a: IdentityDto, b: IdentityDto): boolean =>
  a.name === b.name &&
  a.legalRepresentative === b.legalRepresentative &&
  a.creditCode === b.creditCode &&
  [...a.categoryCodes].sort().join() === [...b.categoryCodes].sort().join();
