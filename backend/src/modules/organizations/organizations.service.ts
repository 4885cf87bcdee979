import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { creditCodeProblem } from './credit-code.js';
import {
  CreditDto,
  DocumentDto,
  GradeDto,
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
import { Organization } from './organization.entity.js';

/** Roles of the street office that may read an organization's private file. */
const STREET_ROLES = ['street_officer', 'street_finance', 'street_director'] as const;

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
    if (!dto.filedOnly) {
      const problem = creditCodeProblem(dto.creditCode ?? '');
      if (problem) {
        throw new DomainError('validation.failed', creditCodeMessages[problem], {
          field: 'creditCode',
          problem,
        });
      }
    }
    const id = await this.dataSource.transaction(async (m) => {
      await this.requireRegions(m, [dto.homeStreetId], 'street', 'homeStreetId');
      await this.requireRegions(m, dto.communityIds, 'community', 'communityIds');
      await this.requireCategories(m, dto.categoryCodes);
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

  async get(user: AuthUser, id: string): Promise<OrganizationDto> {
    await this.requireViewer(user, await this.load(this.dataSource.manager, id));
    return this.view(this.dataSource.manager, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    this.access.requireOrganization(user, ['org_admin'], id);
    await this.dataSource.transaction(async (m) => {
      const org = await this.load(m, id, true);
      if (org.status === 'deregistered')
        throw new DomainError('state.invalid_transition', 'A deregistered organization cannot be edited');
      if (dto.communityIds) await this.requireRegions(m, dto.communityIds, 'community', 'communityIds');
      if (dto.categoryCodes) await this.requireCategories(m, dto.categoryCodes);
      const before = await this.view(m, id);
      const { categoryCodes, communityIds, ...fields } = dto;
      if (Object.keys(fields).length) await m.update(Organization, { id }, fields);
      if (categoryCodes || communityIds) {
        await this.replaceLinks(
          m,
          id,
          categoryCodes ?? before.categoryCodes,
          communityIds ?? before.communityIds,
        );
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: 'organization.updated',
        entityType: 'organization',
        entityId: id,
        before: pick(before, dto),
        after: dto,
      });
    });
    return this.view(this.dataSource.manager, id);
  }

  /** Verify, suspend, reinstate or deregister: a street officer of the home street, always with a reason. */
  async changeStatus(user: AuthUser, id: string, dto: StatusChangeDto): Promise<OrganizationDto> {
    await this.dataSource.transaction(async (m) => {
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
    });
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
    const paths = user.memberships
      .filter((m) => m.role === 'street_officer' && m.regionPath)
      .map((m) => m.regionPath as string);
    const everywhere = this.access.isPlatformAdmin(user);
    if (!everywhere && paths.length === 0)
      throw new DomainError('auth.forbidden', 'Only street officers review organizations');
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

  /** The organizations the caller administers. */
  async mine(user: AuthUser): Promise<OrganizationDto[]> {
    const ids = user.memberships
      .filter((m) => m.role === 'org_admin' && m.organizationId)
      .map((m) => m.organizationId as string);
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
    if (user.memberships.some((m) => m.role === 'org_admin' && m.organizationId === org.id)) return;
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
    return { ...row, documents: await this.documents(m, id), objections };
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

  private async requireRegions(m: EntityManager, ids: string[], level: string, field: string): Promise<void> {
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM regions WHERE id = ANY($1::uuid[]) AND level = $2`,
      [ids, level],
    );
    if (n !== ids.length)
      throw new DomainError(
        'validation.failed',
        `${field} must name existing ${level === 'street' ? 'streets' : 'communities'}`,
        { field },
      );
  }

  private async requireCategories(m: EntityManager, codes: string[]): Promise<void> {
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM service_categories WHERE code = ANY($1::text[])`,
      [codes],
    );
    if (n !== codes.length)
      throw new DomainError('validation.failed', 'categoryCodes must be codes of the service catalog', {
        field: 'categoryCodes',
      });
  }
}

const OBJECTION_SELECT = `SELECT id, organization_id AS "organizationId", reason, status, decision_reason AS "decisionReason",
  created_at AS "createdAt", decided_at AS "decidedAt" FROM credit_objections`;

const creditCodeMessages = {
  length: 'The unified social credit code has 18 characters',
  character: 'The unified social credit code uses digits and capital letters except I, O, S, V and Z',
  check: 'The unified social credit code is mistyped: its check character does not match',
};

const today = () => new Date().toISOString().slice(0, 10);

const pick = (from: object, keysOf: object) =>
  Object.fromEntries(Object.keys(keysOf).map((k) => [k, (from as Record<string, unknown>)[k]]));
