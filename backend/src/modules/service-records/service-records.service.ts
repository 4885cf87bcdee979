import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { ProjectsService } from '../projects/projects.service.js';
import { ScoreTrigger } from '../scoring/score-trigger.js';
import { CorrectionDto, LogServiceDto, ServiceRecordDto } from './dto/service-record.dto.js';

const RECORD_SELECT = `SELECT r.id, r.project_id AS "projectId", p.title AS "projectTitle", r.worker_user_id AS "workerUserId", w.display_name AS "workerName",
    r.activity_type AS "activityType", r.community_id AS "communityId", r.started_at AS "startedAt", r.ended_at AS "endedAt",
    round((extract(epoch FROM r.ended_at - r.started_at) / 3600)::numeric, 2)::float8 AS hours, r.anonymous_count AS "anonymousCount",
    r.location, r.notes, r.status, r.decision_reason AS "decisionReason", r.corrects_record_id AS "correctsRecordId", r.created_at AS "createdAt",
    coalesce((SELECT json_agg(json_build_object('userId', b.resident_user_id, 'displayName', u.display_name, 'response', b.response,
              'disputeReason', b.dispute_reason) ORDER BY u.display_name)
       FROM record_beneficiaries b JOIN users u ON u.id = b.resident_user_id WHERE b.record_id = r.id), '[]') AS beneficiaries
  FROM service_records r JOIN projects p ON p.id = r.project_id JOIN users w ON w.id = r.worker_user_id`;

/** Service hours logged by social workers, approved by the project lead, confirmed by residents (PRODUCT §5). */
@Injectable()
export class ServiceRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly scores: ScoreTrigger,
  ) {}

  async log(user: AuthUser, projectId: string, dto: LogServiceDto): Promise<ServiceRecordDto> {
    return this.dataSource.transaction(async (m) => {
      const project = await this.projects.load(m, user, projectId);
      if (!project.isMember)
        throw new DomainError('auth.out_of_scope', 'Only the project team logs service on it');
      const id = await this.insert(m, user.id, projectId, dto, null);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'service_record.logged',
        entityType: 'service_record',
        entityId: id,
        after: { projectId, ...dto },
      });
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
      await m.query(
        `UPDATE service_records SET status = $2, decision_reason = $3, decided_by = $4 WHERE id = $1`,
        [recordId, status, reason ?? null, user.id],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: `service_record.${status}`,
        entityType: 'service_record',
        entityId: recordId,
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
      await m.query(`UPDATE service_records SET status = 'reversed', decision_reason = $2 WHERE id = $1`, [
        recordId,
        dto.reason,
      ]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'service_record.reversed',
        entityType: 'service_record',
        entityId: recordId,
        before: { status: 'approved' },
        after: { status: 'reversed', reason: dto.reason },
      });
      const { reason: _reason, ...content } = dto;
      const id = await this.insert(m, record.worker_user_id, record.project_id, content, recordId);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'service_record.logged',
        entityType: 'service_record',
        entityId: id,
        after: { correctsRecordId: recordId, ...content },
      });
      return this.one(m, id);
    });
  }

  async list(user: AuthUser, projectId: string, status?: string): Promise<ServiceRecordDto[]> {
    const project = await this.projects.requireViewer(this.dataSource.manager, user, projectId);
    // Team members who do not lead see their own records; the lead, the organization and the street see all.
    const onlyOwn =
      project.isMember &&
      project.leadUserId !== user.id &&
      !this.access.isOrgAdmin(user, project.organizationId);
    return this.dataSource.query(
      `${RECORD_SELECT} WHERE r.project_id = $1 AND ($2::text IS NULL OR r.status = $2) AND (NOT $3 OR r.worker_user_id = $4) ORDER BY r.started_at DESC LIMIT 500`,
      [projectId, status ?? null, onlyOwn, user.id],
    );
  }

  /** The services that list the caller as a beneficiary. */
  myServices(user: AuthUser): Promise<ServiceRecordDto[]> {
    return this.dataSource.query(
      `${RECORD_SELECT} WHERE r.status IN ('submitted', 'approved') AND EXISTS (SELECT 1 FROM record_beneficiaries b WHERE b.record_id = r.id AND b.resident_user_id = $1)
        ORDER BY r.started_at DESC LIMIT 200`,
      [user.id],
    );
  }

  async respond(
    user: AuthUser,
    recordId: string,
    confirm: boolean,
    reason?: string,
  ): Promise<ServiceRecordDto> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT b.response, r.status FROM record_beneficiaries b JOIN service_records r ON r.id = b.record_id
          WHERE b.record_id = $1 AND b.resident_user_id = $2 FOR UPDATE OF b`,
        [recordId, user.id],
      );
      if (!row) throw notFound('Service record', recordId);
      if (!['submitted', 'approved'].includes(row.status))
        throw new DomainError('state.invalid_transition', `The record is ${row.status}`);
      const response = confirm ? 'confirmed' : 'disputed';
      await m.query(
        `UPDATE record_beneficiaries SET response = $3, dispute_reason = $4, responded_at = now() WHERE record_id = $1 AND resident_user_id = $2`,
        [recordId, user.id, response, confirm ? null : (reason ?? null)],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: `service_record.${response}`,
        entityType: 'service_record',
        entityId: recordId,
        after: { response, reason: reason ?? null },
      });
      return this.one(m, recordId);
    });
  }

  private async insert(
    m: EntityManager,
    workerUserId: string,
    projectId: string,
    dto: Omit<CorrectionDto, 'reason'>,
    corrects: string | null,
  ): Promise<string> {
    const [check] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM projects p JOIN contracts c ON c.id = p.contract_id
                        LEFT JOIN tender_communities tc ON tc.tender_id = c.tender_id
                       WHERE p.id = $1 AND (c.tender_id IS NULL OR tc.community_id = $2)) AS community_ok,
              (SELECT count(DISTINCT user_id)::int FROM role_memberships WHERE role = 'resident' AND region_id = $2 AND user_id = ANY($3::uuid[])) AS residents`,
      [projectId, dto.communityId, dto.beneficiaryUserIds],
    );
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
    try {
      // Savepoint: a constraint violation must not poison the surrounding transaction.
      await m.query('SAVEPOINT log_record');
      const [{ id }] = await m.query(
        `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, anonymous_count, location, notes, corrects_record_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          projectId,
          workerUserId,
          dto.activityType,
          dto.communityId,
          dto.startedAt,
          dto.endedAt,
          dto.anonymousCount,
          dto.location ?? '',
          dto.notes ?? '',
          corrects,
        ],
      );
      await m.query('RELEASE SAVEPOINT log_record');
      await m.query(
        `INSERT INTO record_beneficiaries (record_id, resident_user_id) SELECT $1, unnest($2::uuid[])`,
        [id, dto.beneficiaryUserIds],
      );
      return id;
    } catch (err) {
      const code =
        err instanceof QueryFailedError
          ? (err.driverError as { code?: string; constraint?: string })
          : undefined;
      if (code?.code === '23P01')
        throw new DomainError('state.conflict', 'This overlaps another of your service records', {
          field: 'startedAt',
        });
      if (code?.code === '23514') {
        const messages: Record<string, string> = {
          service_records_not_future: 'A service cannot end in the future',
          service_records_period: 'A record must end after it starts and last at most 24 hours',
        };
        throw new DomainError(
          'validation.failed',
          messages[code.constraint ?? ''] ?? 'The record breaks a rule',
          { field: 'endedAt', rule: code.constraint },
        );
      }
      throw err;
    }
  }

  private async lockRecord(
    m: EntityManager,
    id: string,
  ): Promise<{ project_id: string; worker_user_id: string; status: string }> {
    const [row] = await m.query(
      `SELECT project_id, worker_user_id, status FROM service_records WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw notFound('Service record', id);
    return row;
  }

  private async one(m: EntityManager, id: string): Promise<ServiceRecordDto> {
    const [row] = await m.query(`${RECORD_SELECT} WHERE r.id = $1`, [id]);
    return row;
  }
}
