import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import {
  decideObjection,
  hasPendingObjection,
  insertObjection,
  lockObjection,
  selectObjection,
} from './credit-objections.sql.js';
import type {
  CreditDto,
  GradeDto,
  ObjectionDecisionDto,
  ObjectionDto,
  ObjectionViewDto,
  OrganizationDto,
} from './dto/organization.dto.js';
import { loadOrganization, organizationView, writeOrganization } from './organization-records.js';
import { Organization } from './organization.entity.js';

/**
 * An organization's standing as its street office records it: its grade (评估等级) with an expiry,
 * its credit listing, and the organization's objections to that listing (one open at a time).
 */
@Injectable()
export class StandingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  setGrade(user: AuthUser, id: string, dto: GradeDto, expectedVersion?: number): Promise<OrganizationDto> {
    const after = { grade: dto.grade, gradeExpiresOn: dto.grade ? (dto.expiresOn ?? null) : null };
    return this.officerSets(user, id, expectedVersion, 'organization.grade_set', (org) => ({
      before: { grade: org.grade, gradeExpiresOn: org.gradeExpiresOn },
      fields: after,
      after: { ...after, reason: dto.reason },
    }));
  }

  setCredit(user: AuthUser, id: string, dto: CreditDto, expectedVersion?: number): Promise<OrganizationDto> {
    const after = { creditStatus: dto.status, creditSince: dto.since, creditReason: dto.reason };
    return this.officerSets(user, id, expectedVersion, 'organization.credit_set', (org) => ({
      before: {
        creditStatus: org.creditStatus,
        creditSince: org.creditSince,
        creditReason: org.creditReason,
      },
      fields: after,
      after,
    }));
  }

  /** The organization objects to its credit listing; one open objection at a time. */
  async fileObjection(user: AuthUser, id: string, dto: ObjectionDto): Promise<ObjectionViewDto> {
    this.access.requireOrganization(user, ['org_admin'], id);
    return this.dataSource.transaction(async (m) => {
      const org = await loadOrganization(m, id, true);
      if (org.creditStatus === 'normal') {
        throw new DomainError(
          'state.invalid_transition',
          'The organization is not on a credit list: there is nothing to object to',
        );
      }
      if (await hasPendingObjection(m, id))
        throw new DomainError('state.conflict', 'An objection is already waiting for a decision');
      const objectionId = await insertObjection(m, id, dto.reason, user.id);
      await this.audit.recordChange(
        m,
        user.id,
        'organization.objection_filed',
        ['credit_objection', objectionId],
        {
          after: { organizationId: id, reason: dto.reason },
        },
      );
      return (await selectObjection(m, objectionId))!;
    });
  }

  /** A street officer of the home street upholds (credit back to normal) or dismisses an objection. */
  async decideObjection(
    user: AuthUser,
    objectionId: string,
    dto: ObjectionDecisionDto,
  ): Promise<ObjectionViewDto> {
    return this.dataSource.transaction(async (m) => {
      const objection = await lockObjection(m, objectionId);
      if (!objection) throw notFound('Objection', objectionId);
      const org = await loadOrganization(m, objection.organization_id, true);
      await this.access.requireRegion(user, ['street_officer'], org.homeStreetId, m);
      if (objection.status !== 'pending')
        throw new DomainError('state.invalid_transition', `The objection was already ${objection.status}`);
      const status = dto.uphold ? 'upheld' : 'dismissed';
      await decideObjection(m, objectionId, { status, decidedBy: user.id, reason: dto.reason });
      if (dto.uphold) {
        await writeOrganization(m, org.id, {
          creditStatus: 'normal',
          creditSince: today(),
          creditReason: `objection upheld: ${dto.reason}`,
        });
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: `organization.objection_${status}`,
        entityType: 'credit_objection',
        entityId: objectionId,
        before: { status: 'pending', creditStatus: org.creditStatus },
        after: { status, reason: dto.reason, creditStatus: dto.uphold ? 'normal' : org.creditStatus },
      });
      return (await selectObjection(m, objectionId))!;
    });
  }

  /** A street officer of the home street sets fields of the organization, audited with what they replace. */
  private async officerSets(
    user: AuthUser,
    id: string,
    expectedVersion: number | undefined,
    action: string,
    change: (org: Organization) => { before: object; fields: Partial<Organization>; after: object },
  ): Promise<OrganizationDto> {
    await this.dataSource.transaction(async (m: EntityManager) => {
      const org = await loadOrganization(m, id, true);
      await this.access.requireRegion(user, ['street_officer'], org.homeStreetId);
      requireVersion(expectedVersion, org.version);
      const { before, fields, after } = change(org);
      await writeOrganization(m, id, fields);
      await this.audit.record(m, {
        actorId: user.id,
        action,
        entityType: 'organization',
        entityId: id,
        before,
        after,
      });
    });
    return organizationView(this.dataSource, id);
  }
}

const today = () => new Date().toISOString().slice(0, 10);
