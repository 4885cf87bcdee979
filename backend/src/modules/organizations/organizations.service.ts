import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireLiveCategories } from '../catalog/live-categories.js';
import { requireLiveRegions } from '../regions/live-regions.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { creditCodeProblem } from './credit-code.js';
import {
  CreditDto,
  DocumentDto,
  GradeDto,
  IdentityChangeDecisionDto,
  IdentityChangeDto,
  IdentityChangeReviewDto,
  IdentityDto,
  ObjectionDecisionDto,
  ObjectionDto,
  ObjectionViewDto,
  OrganizationDto,
  RegisterOrganizationDto,
  ReviewItemDto,
  StatusChangeDto,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import { checkEligibility, type EligibilityRequirements } from './eligibility.js';
import { nextStatus } from './organization-status.js';
import { Organization, type OrganizationStatus } from './organization.entity.js';

/** Roles of the street office that may read an organization's private file. */
const STREET_ROLES = ['street_officer', 'street_finance', 'street_director'] as const;

/**
 * The statuses in which the organization's identity is the one its street office verified: edits to it
 * wait for the office's approval instead of applying (PRODUCT §2).
 */
const IDENTITY_LOCKED: readonly OrganizationStatus[] = ['verified', 'suspended'];

export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Accepted uploads, recognised by their first bytes rather than by the client's claim. */
const FILE_SIGNATURES: { type: string; magic: number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
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
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO organizations (name, credit_code, filed_only, type, description, legal_representative, contact_phone, home_street_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (credit_code) DO NOTHING RETURNING id`,
        [
          dto.name,
          dto.filedOnly ? null : dto.creditCode,
          dto.filedOnly,
          dto.type,
          dto.description ?? '',
          dto.legalRepresentative,
          dto.contactPhone,
          dto.homeStreetId,
        ],
      );
      if (inserted.length === 0) {
        throw new DomainError(
          'state.conflict',
          'An organization with this credit code is already registered',
          { field: 'creditCode' },
        );
      }
      const orgId = inserted[0].id;
      await this.replaceLinks(m, orgId, dto.categoryCodes, dto.communityIds);
      await m.query(
        `INSERT INTO role_memberships (user_id, role, organization_id) VALUES ($1, 'org_admin', $2)`,
        [user.id, orgId],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'organization.registered',
        entityType: 'organization',
        entityId: orgId,
        after: { ...dto, status: 'pending' },
      });
      return orgId;
    });
    return this.view(this.dataSource.manager, id);
  }

  /** Its own admins and the street office see why an organization may not bid or be paid. */
  async eligibilityFor(user: AuthUser, id: string) {
    await this.requireViewer(user, await this.load(this.dataSource.manager, id));
    return this.eligibility(id);
  }

  async get(user: AuthUser, id: string): Promise<OrganizationDto> {
    await this.requireViewer(user, await this.load(this.dataSource.manager, id));
    return this.view(this.dataSource.manager, id);
  }

  /**
   * The org admin edits the organization. While it is pending every field applies at once; once verified,
   * its identity (name, legal representative, credit code, service categories) becomes a pending identity
   * change for the street office and everything else applies at once.
   */
  async update(user: AuthUser, id: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    this.access.requireOrganization(user, ['org_admin'], id);
    await this.dataSource
      .transaction(async (m) => {
        const org = await this.load(m, id, true);
        if (org.status === 'deregistered')
          throw new DomainError('state.invalid_transition', 'A deregistered organization cannot be edited');
        if (dto.creditCode !== undefined) {
          if (org.filedOnly)
            throw new DomainError('validation.failed', 'A filed-only (备案) group has no credit code', {
              field: 'creditCode',
            });
          requireValidCreditCode(dto.creditCode);
        }
        const before = await this.view(m, id);
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
        if (locked && Object.keys(identity).length) await this.proposeIdentity(m, user, before, identity);
        const applied: UpdateOrganizationDto = locked ? defined({ ...other, communityIds }) : defined(dto);
        const { categoryCodes: newCategories, communityIds: newCommunities, ...fields } = applied;
        if (Object.keys(fields).length) await m.update(Organization, { id }, fields);
        if (newCategories || newCommunities) {
          await this.replaceLinks(
            m,
            id,
            newCategories ?? before.categoryCodes,
            newCommunities ?? before.communityIds,
          );
        }
        if (Object.keys(applied).length) {
          await this.audit.record(m, {
            actorId: user.id,
            action: 'organization.updated',
            entityType: 'organization',
            entityId: id,
            before: pick(before, applied),
            after: applied,
          });
        }
      })
      .catch(rethrowIdentityConflict);
    return this.view(this.dataSource.manager, id);
  }

  /**
   * Records the edit of a verified identity as the organization's one pending change (a new edit updates it);
   * an edit back to the verified identity withdraws it.
   */
  private async proposeIdentity(
    m: EntityManager,
    user: AuthUser,
    current: OrganizationDto,
    edit: Partial<IdentityDto>,
  ): Promise<void> {
    const [open]: IdentityChangeDto[] = await m.query(
      `${IDENTITY_CHANGE_SELECT} WHERE c.organization_id = $1 AND c.status = 'pending'`,
      [current.id],
    );
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
      await m.query(
        `UPDATE organization_identity_changes SET status = 'withdrawn', decided_by = $2, decided_at = now(), updated_at = now() WHERE id = $1`,
        [open.id, user.id],
      );
    } else if (open) {
      await m.query(
        `UPDATE organization_identity_changes SET name = $2, legal_representative = $3, credit_code = $4, category_codes = $5, requested_by = $6, updated_at = now() WHERE id = $1`,
        [
          open.id,
          proposed.name,
          proposed.legalRepresentative,
          proposed.creditCode,
          proposed.categoryCodes,
          user.id,
        ],
      );
    } else {
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO organization_identity_changes (organization_id, name, legal_representative, credit_code, category_codes, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          current.id,
          proposed.name,
          proposed.legalRepresentative,
          proposed.creditCode,
          proposed.categoryCodes,
          user.id,
        ],
      );
      changeId = row.id;
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

  /** The street officer's queue of identity changes waiting for a decision, in the officer's streets. */
  async identityChangeQueue(user: AuthUser): Promise<IdentityChangeReviewDto[]> {
    const scope = this.officerScope(user);
    return this.dataSource.query(
      `${IDENTITY_CHANGE_SELECT.replace(
        ' FROM ',
        `, s.name AS "homeStreetName",
           json_build_object('name', o.name, 'legalRepresentative', o.legal_representative, 'creditCode', o.credit_code,
             'categoryCodes', ARRAY(SELECT category_code FROM organization_categories WHERE organization_id = o.id ORDER BY 1)) AS current
         FROM `,
      )}
         JOIN organizations o ON o.id = c.organization_id JOIN regions s ON s.id = o.home_street_id
        WHERE c.status = 'pending' AND o.status IN ('verified', 'suspended') AND ($1 OR s.path LIKE ANY ($2::text[]))
        ORDER BY c.updated_at
        LIMIT 500`,
      [scope.everywhere, scope.paths.map((p) => `${p}%`)],
    );
  }

  /** A street officer of the home street approves (the identity applies, audited) or rejects with a reason. */
  async decideIdentityChange(
    user: AuthUser,
    changeId: string,
    dto: IdentityChangeDecisionDto,
  ): Promise<IdentityChangeDto> {
    return this.dataSource
      .transaction(async (m) => {
        const [found]: { organization_id: string }[] = await m.query(
          `SELECT organization_id FROM organization_identity_changes WHERE id = $1`,
          [changeId],
        );
        if (!found) throw notFound('Identity change', changeId);
        // The organization first, as update() locks it, so the two never wait on each other.
        const org = await this.load(m, found.organization_id, true);
        await this.access.requireRegion(user, ['street_officer'], org.homeStreetId);
        const [change]: IdentityChangeDto[] = await m.query(
          `${IDENTITY_CHANGE_SELECT} WHERE c.id = $1 FOR UPDATE`,
          [changeId],
        );
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
        const current = await this.view(m, org.id);
        const { proposed } = change;
        if (dto.approve) {
          await m.update(
            Organization,
            { id: org.id },
            {
              name: proposed.name,
              legalRepresentative: proposed.legalRepresentative,
              creditCode: proposed.creditCode,
            },
          );
          await this.replaceLinks(m, org.id, proposed.categoryCodes, current.communityIds);
        }
        const status = dto.approve ? 'approved' : 'rejected';
        await m.query(
          `UPDATE organization_identity_changes SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now(), updated_at = now() WHERE id = $1`,
          [changeId, status, user.id, dto.reason ?? null],
        );
        await this.audit.record(m, {
          actorId: user.id,
          action: `organization.identity_change_${status}`,
          entityType: 'organization',
          entityId: org.id,
          before: identityOf(current),
          after: { changeId, status, reason: dto.reason ?? null, ...(dto.approve ? proposed : {}) },
        });
        const [decided]: IdentityChangeDto[] = await m.query(`${IDENTITY_CHANGE_SELECT} WHERE c.id = $1`, [
          changeId,
        ]);
        return decided;
      })
      .catch(rethrowIdentityConflict);
  }

  /** Verify, suspend, reinstate or deregister: a street officer of the home street, always with a reason. */
  async changeStatus(user: AuthUser, id: string, dto: StatusChangeDto): Promise<OrganizationDto> {
    await this.dataSource
      .transaction(async (m) => {
        const org = await this.load(m, id, true);
        await this.access.requireRegion(user, ['street_officer'], org.homeStreetId);
        const status = nextStatus(org.status, dto.action);
        await m.update(Organization, { id }, { status });
        await this.audit.record(m, {
          actorId: user.id,
          action: `organization.${dto.action}`,
          entityType: 'organization',
          entityId: id,
          before: { status: org.status },
          after: { status, reason: dto.reason },
        });
      })
      .catch(rethrowIdentityConflict);
    return this.view(this.dataSource.manager, id);
  }

  async setGrade(user: AuthUser, id: string, dto: GradeDto): Promise<OrganizationDto> {
    await this.dataSource.transaction(async (m) => {
      const org = await this.load(m, id, true);
      await this.access.requireRegion(user, ['street_officer'], org.homeStreetId);
      const after = { grade: dto.grade, gradeExpiresOn: dto.grade ? (dto.expiresOn ?? null) : null };
      await m.update(Organization, { id }, after);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'organization.grade_set',
        entityType: 'organization',
        entityId: id,
        before: { grade: org.grade, gradeExpiresOn: org.gradeExpiresOn },
        after: { ...after, reason: dto.reason },
      });
    });
    return this.view(this.dataSource.manager, id);
  }

  async setCredit(user: AuthUser, id: string, dto: CreditDto): Promise<OrganizationDto> {
    await this.dataSource.transaction(async (m) => {
      const org = await this.load(m, id, true);
      await this.access.requireRegion(user, ['street_officer'], org.homeStreetId);
      const after = { creditStatus: dto.status, creditSince: dto.since, creditReason: dto.reason };
      await m.update(Organization, { id }, after);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'organization.credit_set',
        entityType: 'organization',
        entityId: id,
        before: {
          creditStatus: org.creditStatus,
          creditSince: org.creditSince,
          creditReason: org.creditReason,
        },
        after,
      });
    });
    return this.view(this.dataSource.manager, id);
  }

  /** The organization objects to its credit listing; one open objection at a time. */
  async fileObjection(user: AuthUser, id: string, dto: ObjectionDto): Promise<ObjectionViewDto> {
    this.access.requireOrganization(user, ['org_admin'], id);
    return this.dataSource.transaction(async (m) => {
      const org = await this.load(m, id, true);
      if (org.creditStatus === 'normal') {
        throw new DomainError(
          'state.invalid_transition',
          'The organization is not on a credit list: there is nothing to object to',
        );
      }
      const pending: unknown[] = await m.query(
        `SELECT 1 FROM credit_objections WHERE organization_id = $1 AND status = 'pending'`,
        [id],
      );
      if (pending.length)
        throw new DomainError('state.conflict', 'An objection is already waiting for a decision');
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO credit_objections (organization_id, reason, filed_by) VALUES ($1, $2, $3) RETURNING id`,
        [id, dto.reason, user.id],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'organization.objection_filed',
        entityType: 'credit_objection',
        entityId: row.id,
        after: { organizationId: id, reason: dto.reason },
      });
      return this.objection(m, row.id);
    });
  }

  async decideObjection(
    user: AuthUser,
    objectionId: string,
    dto: ObjectionDecisionDto,
  ): Promise<ObjectionViewDto> {
    return this.dataSource.transaction(async (m) => {
      const [objection]: { organization_id: string; status: string }[] = await m.query(
        `SELECT organization_id, status FROM credit_objections WHERE id = $1 FOR UPDATE`,
        [objectionId],
      );
      if (!objection) throw notFound('Objection', objectionId);
      const org = await this.load(m, objection.organization_id, true);
      await this.access.requireRegion(user, ['street_officer'], org.homeStreetId);
      if (objection.status !== 'pending')
        throw new DomainError('state.invalid_transition', `The objection was already ${objection.status}`);
      const status = dto.uphold ? 'upheld' : 'dismissed';
      await m.query(
        `UPDATE credit_objections SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1`,
        [objectionId, status, user.id, dto.reason],
      );
      if (dto.uphold) {
        await m.update(
          Organization,
          { id: org.id },
          { creditStatus: 'normal', creditSince: today(), creditReason: `objection upheld: ${dto.reason}` },
        );
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: `organization.objection_${status}`,
        entityType: 'credit_objection',
        entityId: objectionId,
        before: { status: 'pending', creditStatus: org.creditStatus },
        after: { status, reason: dto.reason, creditStatus: dto.uphold ? 'normal' : org.creditStatus },
      });
      return this.objection(m, objectionId);
    });
  }

  /** The street officer's queue: organizations of the streets in the officer's scope, in a given state. */
  async reviewQueue(user: AuthUser, status: string): Promise<ReviewItemDto[]> {
    const { everywhere, paths } = this.officerScope(user);
    return this.dataSource.query(
      `SELECT o.id, o.name, o.credit_code AS "creditCode", o.filed_only AS "filedOnly", o.type, o.status, s.name AS "homeStreetName",
              (SELECT count(*)::int FROM organization_documents d WHERE d.organization_id = o.id) AS "documentCount",
              (SELECT count(*)::int FROM credit_objections c WHERE c.organization_id = o.id AND c.status = 'pending') AS "pendingObjections",
              o.created_at AS "createdAt"
         FROM organizations o JOIN regions s ON s.id = o.home_street_id
        WHERE ($1 OR s.path LIKE ANY ($2::text[]))
          AND (o.status = $3 OR ($3 = 'verified' AND EXISTS (SELECT 1 FROM credit_objections c WHERE c.organization_id = o.id AND c.status = 'pending')))
        ORDER BY o.created_at
        LIMIT 500`,
      [everywhere, paths.map((p) => `${p}%`), status],
    );
  }

  /** The region paths a street officer reviews, or everywhere for the platform admin. */
  private officerScope(user: AuthUser): { everywhere: boolean; paths: string[] } {
    const paths = user.memberships
      .filter((m) => m.role === 'street_officer' && m.regionPath)
      .map((m) => m.regionPath as string);
    const everywhere = this.access.isPlatformAdmin(user);
    if (!everywhere && paths.length === 0)
      throw new DomainError('auth.forbidden', 'Only street officers review organizations');
    return { everywhere, paths };
  }

  /** The organizations the caller administers. */
  async mine(user: AuthUser): Promise<OrganizationDto[]> {
    const ids = this.access.orgAdminOf(user);
    return Promise.all(ids.map((id) => this.view(this.dataSource.manager, id)));
  }

  eligibility(organizationId: string, requirements: EligibilityRequirements = {}) {
    return checkEligibility(this.dataSource.manager, organizationId, requirements);
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

  async uploadDocument(
    user: AuthUser,
    id: string,
    file: { filename: string; data: Buffer },
  ): Promise<DocumentDto> {
    this.access.requireOrganization(user, ['org_admin'], id);
    await this.load(this.dataSource.manager, id);
    if (file.data.length === 0)
      throw new DomainError('validation.failed', 'The file is empty', { field: 'file' });
    const type = FILE_SIGNATURES.find((s) => s.magic.every((byte, i) => file.data[i] === byte))?.type;
    if (!type) throw new DomainError('file.unsupported_type', 'Upload a PDF, PNG or JPEG file');
    const docId = randomUUID();
    const storageKey = `organizations/${id}/${docId}`;
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    await this.storage.put(storageKey, file.data);
    const fileName = file.filename.replace(/[\\/\r\n\0]/g, '_').slice(0, 200) || 'document';
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO organization_documents (id, organization_id, file_name, content_type, size, sha256, storage_key, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [docId, id, fileName, type, file.data.length, sha256, storageKey, user.id],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'organization.document_uploaded',
        entityType: 'organization',
        entityId: id,
        after: { documentId: docId, fileName, sha256 },
      });
      const [doc] = await this.documents(m, id, docId);
      return doc;
    });
  }

  async downloadDocument(
    user: AuthUser,
    id: string,
    docId: string,
  ): Promise<{ document: DocumentDto; data: Buffer }> {
    await this.requireViewer(user, await this.load(this.dataSource.manager, id));
    const [row]: { storage_key: string }[] = await this.dataSource.query(
      `SELECT storage_key FROM organization_documents WHERE id = $1 AND organization_id = $2`,
      [docId, id],
    );
    if (!row) throw notFound('Document', docId);
    const [document] = await this.documents(this.dataSource.manager, id, docId);
    return { document, data: await this.storage.get(row.storage_key) };
  }

  private async requireViewer(user: AuthUser, org: Organization): Promise<void> {
    if (this.access.isOrgAdmin(user, org.id)) return;
    await this.access.requireRegion(user, STREET_ROLES, org.homeStreetId);
  }

  private async load(m: EntityManager, id: string, lock = false): Promise<Organization> {
    const org = await m.findOne(Organization, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!org) throw notFound('Organization', id);
    return org;
  }

  private async view(m: EntityManager, id: string): Promise<OrganizationDto> {
    const [row] = await m.query(
      `SELECT o.id, o.name, o.credit_code AS "creditCode", o.filed_only AS "filedOnly", o.type, o.description,
              o.legal_representative AS "legalRepresentative", o.contact_phone AS "contactPhone",
              o.home_street_id AS "homeStreetId", s.name AS "homeStreetName", o.status, o.grade,
              to_char(o.grade_expires_on, 'YYYY-MM-DD') AS "gradeExpiresOn",
              (o.grade IS NOT NULL AND o.grade_expires_on >= current_date) AS "gradeValid",
              o.credit_status AS "creditStatus", to_char(o.credit_since, 'YYYY-MM-DD') AS "creditSince", o.credit_reason AS "creditReason",
              ARRAY(SELECT category_code FROM organization_categories WHERE organization_id = o.id ORDER BY 1) AS "categoryCodes",
              ARRAY(SELECT community_id FROM organization_communities WHERE organization_id = o.id ORDER BY 1) AS "communityIds",
              o.created_at AS "createdAt"
         FROM organizations o JOIN regions s ON s.id = o.home_street_id WHERE o.id = $1`,
      [id],
    );
    if (!row) throw notFound('Organization', id);
    const objections: ObjectionViewDto[] = await m.query(
      `${OBJECTION_SELECT} WHERE organization_id = $1 ORDER BY created_at DESC`,
      [id],
    );
    const identityChanges: IdentityChangeDto[] = await m.query(
      `${IDENTITY_CHANGE_SELECT} WHERE c.organization_id = $1 AND c.status <> 'withdrawn' ORDER BY c.updated_at DESC LIMIT 10`,
      [id],
    );
    return { ...row, documents: await this.documents(m, id), objections, identityChanges };
  }

  private documents(m: EntityManager, orgId: string, docId?: string): Promise<DocumentDto[]> {
    return m.query(
      `SELECT id, file_name AS "fileName", content_type AS "contentType", size, sha256, created_at AS "createdAt"
         FROM organization_documents WHERE organization_id = $1 AND ($2::uuid IS NULL OR id = $2) ORDER BY created_at`,
      [orgId, docId ?? null],
    );
  }

  private async objection(m: EntityManager, id: string): Promise<ObjectionViewDto> {
    const [row] = await m.query(`${OBJECTION_SELECT} WHERE id = $1`, [id]);
    return row;
  }

  private async replaceLinks(
    m: EntityManager,
    orgId: string,
    categories: string[],
    communities: string[],
  ): Promise<void> {
    await m.query(`DELETE FROM organization_categories WHERE organization_id = $1`, [orgId]);
    await m.query(`DELETE FROM organization_communities WHERE organization_id = $1`, [orgId]);
    await m.query(
      `INSERT INTO organization_categories (organization_id, category_code) SELECT $1, unnest($2::text[])`,
      [orgId, categories],
    );
    await m.query(
      `INSERT INTO organization_communities (organization_id, community_id) SELECT $1, unnest($2::uuid[])`,
      [orgId, communities],
    );
  }
}

const OBJECTION_SELECT = `SELECT id, organization_id AS "organizationId", reason, status, decision_reason AS "decisionReason",
  created_at AS "createdAt", decided_at AS "decidedAt" FROM credit_objections`;

const IDENTITY_CHANGE_SELECT = `SELECT c.id, c.organization_id AS "organizationId", c.status,
  json_build_object('name', c.name, 'legalRepresentative', c.legal_representative, 'creditCode', c.credit_code, 'categoryCodes', c.category_codes) AS proposed,
  c.decision_reason AS "decisionReason", c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.decided_at AS "decidedAt"
  FROM organization_identity_changes c`;

const sameIdentity = (a: IdentityDto, b: IdentityDto): boolean =>
  a.name === b.name &&
  a.legalRepresentative === b.legalRepresentative &&
  a.creditCode === b.creditCode &&
  [...a.categoryCodes].sort().join() === [...b.categoryCodes].sort().join();

const identityOf = (o: IdentityDto): IdentityDto => ({
  name: o.name,
  legalRepresentative: o.legalRepresentative,
  creditCode: o.creditCode,
  categoryCodes: o.categoryCodes,
});

/**
 * The database is the last word on identity uniqueness (so concurrent verifications cannot both pass):
 * its unique violations become coded errors.
 */
function rethrowIdentityConflict(err: unknown): never {
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

function requireValidCreditCode(code: string): void {
  const problem = creditCodeProblem(code);
  if (problem)
    throw new DomainError('validation.failed', creditCodeMessages[problem], { field: 'creditCode', problem });
}

/** The object without its undefined entries (absent fields of a partial update). */
const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const creditCodeMessages = {
  length: 'The unified social credit code has 18 characters',
  character: 'The unified social credit code uses digits and capital letters except I, O, S, V and Z',
  check: 'The unified social credit code is mistyped: its check character does not match',
};

const today = () => new Date().toISOString().slice(0, 10);

const pick = (from: object, keysOf: object) =>
  Object.fromEntries(Object.keys(keysOf).map((k) => [k, (from as Record<string, unknown>)[k]]));
