import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { type AuditEvent, AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { Page } from '../../common/pagination/page.js';
import { DocumentSubjects } from '../documents/document-subjects.js';
import { DocumentsService } from '../documents/documents.service.js';
import { type ProjectAccess, ProjectsService } from '../projects/projects.service.js';
import { ScoreTrigger } from '../scoring/score-trigger.js';
import {
  CorrectionDto,
  LogServiceDto,
  type MyServiceDto,
  MyServicesQueryDto,
  RecordsQueryDto,
  ServiceRecordDto,
} from './dto/service-record.dto.js';
import { requireLiveListing } from './live-listing.js';
import * as sql from './service-records.sql.js';
import { ratingsGivenBy } from '../ratings/ratings.sql.js';

/** The before and after of an audited change. */
type AuditChange = Pick<AuditEvent, 'before' | 'after'>;

/** Service hours logged by social workers, approved by the project lead, confirmed by residents (PRODUCT §5). */
@Injectable()
export class ServiceRecordsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly scores: ScoreTrigger,
    private readonly documents: DocumentsService,
    private readonly subjects: DocumentSubjects,
  ) {}

  /** Those who see a record read its evidence. */
  onModuleInit(): void {
    this.subjects.register('service_record', { canView: (user, id) => this.canView(user, id) });
  }

  async log(user: AuthUser, projectId: string, dto: LogServiceDto): Promise<ServiceRecordDto> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.projects.load(m, user, projectId);
      if (!project.isMember)
        throw new DomainError('auth.out_of_scope', 'Only the project team logs service on it');
      const id = await this.insert(m, user, project, dto, null);
      await this.audited(m, user, id, 'service_record.logged', { after: { projectId, ...dto } });
      return this.one(m, id);
    });
  }

  /** The lead decides; an approved record is final (corrections go through correct()). */
  async decide(
    user: AuthUser,
    recordId: string,
    approve: boolean,
    reason?: string,
  ): Promise<ServiceRecordDto> {
    const decided = await this.dataSource.transaction(async (m) => {
      const record = await this.lockRecord(m, recordId);
      const project = await this.projects.load(m, user, record.project_id);
      if (project.leadUserId !== user.id)
        throw new DomainError('auth.out_of_scope', 'Only the project lead approves service records');
      if (record.status !== 'submitted')
        throw new DomainError('state.invalid_transition', `The record is already ${record.status}`);
      const status = approve ? 'approved' : 'rejected';
      await sql.setRecordStatus(m, recordId, status, reason ?? null, user.id);
      await this.audited(m, user, recordId, `service_record.${status}`, {
        before: { status: 'submitted' },
        after: { status, reason: reason ?? null },
      });
      return { record: await this.one(m, recordId), organizationId: project.organizationId };
    });
    await this.scores.organizationChanged(decided.organizationId);
    return decided.record;
  }

  /** Corrects an approved record: it is reversed and a new record takes its place, both audited, in one transaction. */
  async correct(user: AuthUser, recordId: string, dto: CorrectionDto): Promise<ServiceRecordDto> {
    return this.dataSource.transaction(async (m) => {
      const record = await this.lockRecord(m, recordId);
      const project = await this.projects.load(m, user, record.project_id);
      if (record.worker_user_id !== user.id && project.leadUserId !== user.id)
        throw new DomainError('auth.out_of_scope', 'Only the worker or the project lead corrects a record');
      if (record.status !== 'approved')
        throw new DomainError(
          'state.invalid_transition',
          'Only approved records are corrected; edit a submitted one by rejecting it',
        );
      await sql.setRecordStatus(m, recordId, 'reversed', dto.reason, null);
      await this.audited(m, user, recordId, 'service_record.reversed', {
        before: { status: 'approved' },
        after: { status: 'reversed', reason: dto.reason },
      });
      const { reason: _reason, ...content } = dto;
      const id = await this.insert(m, user, project, content, recordId, record.worker_user_id);
      await this.audited(m, user, id, 'service_record.logged', {
        after: { correctsRecordId: recordId, ...content },
      });
      return this.one(m, id);
    });
  }

  /** One record, for those who see the project's records (a team member who does not lead: their own). */
  async get(user: AuthUser, recordId: string): Promise<ServiceRecordDto> {
    const record = await this.one(this.dataSource.manager, recordId);
    const onlyOwn = await this.onlyOwn(user, record.projectId);
    if (onlyOwn && record.workerUserId !== user.id) throw notFound('Service record', recordId);
    return record;
  }

  /**
   * May the user see the record (and read its evidence)? Those who see the project's records as
   * get() does, and the residents listed on it while it is live.
   */
  async canView(user: AuthUser, recordId: string): Promise<boolean> {
    const m = this.dataSource.manager;
    const record = await sql.recordReaders(m, recordId, user.id);
    if (!record) return false;
    if (record.liveListing) return true;
    const project = await this.projects.load(m, user, record.projectId);
    if (!(await this.projects.isViewer(user, project))) return false;
    return !this.seesOwnOnly(user, project) || record.workerUserId === user.id;
  }

  /** A page of the project's records, newest service first. */
  async list(user: AuthUser, projectId: string, query: RecordsQueryDto): Promise<Page<ServiceRecordDto>> {
    const onlyOwn = await this.onlyOwn(user, projectId);
    const filter = {
      status: query.status ?? null,
      workerId: onlyOwn ? user.id : null,
      q: query.q ?? null,
      oldestFirst: query.sort === 'oldest',
    };
    return timeKeyedPage(query, (keyset) => sql.recordsOfProject(this.dataSource, projectId, filter, keyset));
  }

  /**
   * Whether the user sees only their own records of the project (a team member who does not
   * lead); the lead, the organization's admins and the street office see all. Others are refused.
   */
  private async onlyOwn(user: AuthUser, projectId: string): Promise<boolean> {
    return this.seesOwnOnly(
      user,
      await this.projects.requireViewer(this.dataSource.manager, user, projectId),
    );
  }

  private seesOwnOnly(user: AuthUser, project: ProjectAccess): boolean {
    return (
      project.isMember &&
      project.leadUserId !== user.id &&
      !this.access.isOrgAdmin(user, project.organizationId)
    );
  }

  /**
   * A page of the services that list the caller as a beneficiary, newest first, each with the rating
   * they gave it (only the server knows whose a rating is).
   */
  async myServices(user: AuthUser, query: MyServicesQueryDto): Promise<Page<MyServiceDto>> {
    const page = await timeKeyedPage(query, (keyset) =>
      sql.recordsOfBeneficiary(this.dataSource, user.id, query.q ?? null, keyset),
    );
    const given = await ratingsGivenBy(
      this.dataSource,
      user.id,
      page.items.map((r) => r.id),
    );
    const byRecord = new Map(given.map((r) => [r.recordId, r]));
    return { ...page, items: page.items.map((r) => ({ ...r, myRating: byRecord.get(r.id) ?? null })) };
  }

  async respond(
    user: AuthUser,
    recordId: string,
    confirm: boolean,
    reason?: string,
  ): Promise<ServiceRecordDto> {
    return this.dataSource.transaction(async (m) => {
      await requireLiveListing(m, recordId, user.id, true);
      const response = confirm ? 'confirmed' : 'disputed';
      await sql.setResponse(m, recordId, user.id, response, confirm ? null : (reason ?? null));
      await this.audited(m, user, recordId, `service_record.${response}`, {
        after: { response, reason: reason ?? null },
      });
      return this.one(m, recordId);
    });
  }

  /** Inserts a record of `workerUserId` (default: the caller) and attaches its evidence. */
  private async insert(
    m: EntityManager,
    user: AuthUser,
    project: ProjectAccess,
    dto: sql.RecordContent,
    corrects: string | null,
    workerUserId = user.id,
  ): Promise<string> {
    const projectId = project.id;
    const check = await sql.checkCommunity(m, projectId, dto.communityId, dto.beneficiaryUserIds);
    if (!check.community_ok)
      throw new DomainError('validation.failed', 'The community is not one the project serves', {
        field: 'communityId',
      });
    if (check.residents !== dto.beneficiaryUserIds.length) {
      throw new DomainError(
        'validation.failed',
        'Beneficiaries must be verified residents of the community',
        { field: 'beneficiaryUserIds' },
      );
    }
    let id: string;
    try {
      id = await sql.insertRecord(m, workerUserId, projectId, dto, corrects);
    } catch (err) {
      throw recordRuleError(err);
    }
    if (dto.documentIds?.length)
      await this.documents.attach(m, user, dto.documentIds, {
        type: 'service_record',
        id,
        organizationId: project.organizationId,
      });
    return id;
  }

  /** A change of a service record, in the audit trail. */
  private audited(m: EntityManager, user: AuthUser, id: string, action: string, change: AuditChange = {}) {
    return this.audit.record(m, {
      actorId: user.id,
      action,
      entityType: 'service_record',
      entityId: id,
      ...change,
    });
  }

  private async lockRecord(m: EntityManager, id: string): Promise<sql.LockedRecord> {
    const row = await sql.lockRecord(m, id);
    if (!row) throw notFound('Service record', id);
    return row;
  }

  private async one(m: EntityManager, id: string): Promise<ServiceRecordDto> {
    const row = await sql.recordById(m, id);
    if (!row) throw notFound('Service record', id);
    return row;
  }
}

/** A database rule the record broke, as the caller's error (anything else is rethrown as it is). */
function recordRuleError(err: unknown): unknown {
  const driver =
    err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
  if (driver?.code === '23P01')
    return new DomainError('state.conflict', 'This overlaps another of your service records', {
      field: 'startedAt',
    });
  if (driver?.code === '23514') {
    const messages: Record<string, string> = {
      service_records_not_future: 'A service cannot end in the future',
      service_records_period: 'A record must end after it starts and last at most 24 hours',
    };
    return new DomainError(
      'validation.failed',
      messages[driver.constraint ?? ''] ?? 'The record breaks a rule',
      {
        field: 'endedAt',
        rule: driver.constraint,
      },
    );
  }
  return err;
}
