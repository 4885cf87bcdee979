import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import {
  CreateProjectDto,
  MilestoneProgressDto,
  ProjectDto,
  ProjectResidentDto,
  ProjectSummaryDto,
} from './dto/project.dto.js';

export interface ProjectAccess {
  id: string;
  organizationId: string;
  leadUserId: string;
  streetId: string;
  isMember: boolean;
}

/**
 * Progress of every milestone of a project in one statement: cumulative approved hours,
 * confirmed beneficiaries and satisfaction up to each due date, against its acceptance rule, and
 * the community staff's rating given at its acceptance.
 */
const PROGRESS_SQL = `
  WITH records AS (
    SELECT r.id, r.started_at, extract(epoch FROM r.ended_at - r.started_at) / 3600 AS hours
      FROM service_records r WHERE r.project_id = $1 AND r.status = 'approved'
  )
  SELECT m.id AS "milestoneId", m.seq, m.name, to_char(m.due_on, 'YYYY-MM-DD') AS "dueOn", m.amount_fen::float8 AS "amountFen", m.status,
         round(coalesce(h.hours, 0)::numeric, 2)::float8 AS "approvedHours", m.min_approved_hours::float8 AS "minApprovedHours",
         coalesce(b.confirmed, 0)::int AS "confirmedBeneficiaries", m.min_confirmed_beneficiaries AS "minConfirmedBeneficiaries",
         round(s.satisfaction, 2)::float8 AS satisfaction,
         (coalesce(h.hours, 0) >= m.min_approved_hours AND coalesce(b.confirmed, 0) >= m.min_confirmed_beneficiaries) AS "ruleMet",
         CASE WHEN ar.milestone_id IS NOT NULL THEN json_build_object(
           'quality', ar.quality, 'timeliness', ar.timeliness, 'cooperation', ar.cooperation, 'comment', ar.comment,
           'ratedByName', u.display_name, 'createdAt', ar.created_at) END AS "acceptanceRating"
    FROM milestones m
    JOIN projects p ON p.contract_id = m.contract_id AND p.id = $1
    LEFT JOIN acceptance_ratings ar ON ar.milestone_id = m.id
    LEFT JOIN users u ON u.id = ar.rated_by
    LEFT JOIN LATERAL (SELECT sum(hours) AS hours FROM records WHERE started_at < m.due_on + 1) h ON true
    LEFT JOIN LATERAL (
      SELECT count(DISTINCT rb.resident_user_id) AS confirmed FROM record_beneficiaries rb JOIN records r ON r.id = rb.record_id
       WHERE rb.response = 'confirmed' AND r.started_at < m.due_on + 1) b ON true
    LEFT JOIN LATERAL (
      SELECT avg((ra.attitude + ra.professionalism + ra.effect) / 3.0) AS satisfaction FROM ratings ra JOIN records r ON r.id = ra.record_id
       WHERE r.started_at < m.due_on + 1) s ON true
   ORDER BY m.seq`;

@Injectable()
export class ProjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** The organization sets up the project of its contract: team, lead, and each milestone's acceptance rule. */
  async create(user: AuthUser, contractId: string, dto: CreateProjectDto): Promise<ProjectDto> {
    const id = await this.dataSource.transaction(async (m) => {
      const [contract] = await m.query(
        `SELECT id, organization_id, title, kpis FROM contracts WHERE id = $1 FOR UPDATE`,
        [contractId],
      );
      if (!contract) throw notFound('Contract', contractId);
      this.access.requireOrganization(user, ['org_admin'], contract.organization_id);
      const team = [...new Set([dto.leadUserId, ...dto.memberUserIds])];
      const [{ n }] = await m.query(
        `SELECT count(DISTINCT user_id)::int AS n FROM organization_members WHERE organization_id = $1 AND status = 'active' AND user_id = ANY($2::uuid[])`,
        [contract.organization_id, team],
      );
      if (n !== team.length)
        throw new DomainError(
          'validation.failed',
          'The lead and the team must be active members of the organization',
          { field: 'memberUserIds' },
        );
      const inserted = await m.query(
        `INSERT INTO projects (contract_id, organization_id, title, lead_user_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
        [contractId, contract.organization_id, contract.title, dto.leadUserId],
      );
      if (!inserted.length) throw new DomainError('state.conflict', 'The contract already has its project');
      const projectId = inserted[0].id as string;
      await m.query(`INSERT INTO project_members (project_id, user_id) SELECT $1, unnest($2::uuid[])`, [
        projectId,
        team,
      ]);
      // Acceptance rule per milestone: the contract's KPIs in proportion to the cumulative share.
      await m.query(
        `UPDATE milestones m SET min_approved_hours = round($2::numeric * c.cum / 10000, 2), min_confirmed_beneficiaries = ceil($3::numeric * c.cum / 10000)
           FROM (SELECT id, sum(share_bp) OVER (ORDER BY seq) AS cum FROM milestones WHERE contract_id = $1) c WHERE m.id = c.id`,
        [contractId, contract.kpis.serviceHours, contract.kpis.beneficiaries],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'project.created',
        entityType: 'project',
        entityId: projectId,
        after: { contractId, ...dto },
      });
      return projectId;
    });
    return this.get(user, id);
  }

  async get(user: AuthUser, id: string): Promise<ProjectDto> {
    const project = await this.requireViewer(this.dataSource.manager, user, id);
    const [row] = await this.dataSource.query(
      `SELECT p.id, p.contract_id AS "contractId", p.organization_id AS "organizationId", p.title, p.lead_user_id AS "leadUserId", p.status,
              ARRAY(SELECT user_id FROM project_members WHERE project_id = p.id ORDER BY 1) AS "memberUserIds",
              ARRAY(SELECT community_id FROM tender_communities tc JOIN contracts c ON c.tender_id = tc.tender_id WHERE c.id = p.contract_id ORDER BY 1) AS "communityIds"
         FROM projects p WHERE p.id = $1`,
      [project.id],
    );
    return { ...row, milestones: await this.progress(id) };
  }

  /** Projects the caller works on or whose organization the caller administers. */
  mine(user: AuthUser): Promise<ProjectSummaryDto[]> {
    const orgs = this.access.orgAdminOf(user);
    return this.dataSource.query(
      `SELECT p.id, p.title, p.organization_id AS "organizationId", o.name AS "organizationName", p.lead_user_id = $1 AS "isLead", p.status
         FROM projects p JOIN organizations o ON o.id = p.organization_id
        WHERE EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = $1) OR p.organization_id = ANY($2::uuid[])
        ORDER BY p.created_at DESC`,
      [user.id, orgs],
    );
  }

  /** Verified residents of the communities a project serves, for the team to list as beneficiaries. */
  async residents(user: AuthUser, projectId: string): Promise<ProjectResidentDto[]> {
    const project = await this.load(this.dataSource.manager, user, projectId);
    if (!project.isMember)
      throw new DomainError('auth.out_of_scope', 'Only the project team lists its beneficiaries');
    return this.dataSource.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", rm.region_id AS "communityId"
         FROM role_memberships rm JOIN users u ON u.id = rm.user_id
        WHERE rm.role = 'resident' AND rm.region_id IN (
              SELECT tc.community_id FROM projects p JOIN contracts c ON c.id = p.contract_id JOIN tender_communities tc ON tc.tender_id = c.tender_id WHERE p.id = $1
              UNION SELECT r.id FROM projects p JOIN contracts c ON c.id = p.contract_id JOIN regions r ON r.parent_id = c.street_id WHERE p.id = $1 AND c.tender_id IS NULL)
        ORDER BY u.display_name LIMIT 1000`,
      [projectId],
    );
  }

  progress(projectId: string): Promise<MilestoneProgressDto[]> {
    return this.dataSource.query(PROGRESS_SQL, [projectId]);
  }

  /** Who may see a project: its organization's admins, its team, and the contract's street office. */
  async requireViewer(m: EntityManager, user: AuthUser, id: string): Promise<ProjectAccess> {
    const project = await this.load(m, user, id);
    if (project.isMember || this.access.isOrgAdmin(user, project.organizationId)) return project;
    await this.access.requireRegion(
      user,
      ['street_officer', 'street_finance', 'street_director'],
      project.streetId,
    );
    return project;
  }

  async load(m: EntityManager, user: AuthUser, id: string): Promise<ProjectAccess> {
    const [row] = await m.query(
      `SELECT p.id, p.organization_id AS "organizationId", p.lead_user_id AS "leadUserId", c.street_id AS "streetId",
              EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = $2) AS "isMember"
         FROM projects p JOIN contracts c ON c.id = p.contract_id WHERE p.id = $1`,
      [id, user.id],
    );
    if (!row) throw notFound('Project', id);
    return row;
  }
}
