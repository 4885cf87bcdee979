import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { pageStart, timeKeyedPage } from '../../common/database/keyset.js';
import { type Page, pageOf } from '../../common/pagination/page.js';
import {
  CreateProjectDto,
  MilestoneProgressDto,
  ProjectDto,
  ProjectListQueryDto,
  ProjectResidentDto,
  ProjectResidentsQueryDto,
  ProjectSummaryDto,
} from './dto/project.dto.js';
import * as sql from './projects.sql.js';
import type { ProjectAccess } from './projects.sql.js';

export type { ProjectAccess } from './projects.sql.js';

const STREET_VIEWERS = ['street_officer', 'street_finance', 'street_director'] as const;

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
      const contract = await sql.lockContract(m, contractId);
      if (!contract) throw notFound('Contract', contractId);
      this.access.requireOrganization(user, ['org_admin'], contract.organization_id);
      const team = [...new Set([dto.leadUserId, ...dto.memberUserIds])];
      if ((await sql.countActiveMembers(m, contract.organization_id, team)) !== team.length)
        throw new DomainError(
          'validation.failed',
          'The lead and the team must be active members of the organization',
          { field: 'memberUserIds' },
        );
      const projectId = await sql.insertProject(m, contract, dto.leadUserId);
      if (!projectId) throw new DomainError('state.conflict', 'The contract already has its project');
      await sql.insertMembers(m, projectId, team);
      await sql.setAcceptanceRules(m, contract);
      await this.audit.recordChange(m, user.id, 'project.created', ['project', projectId], {
        after: { contractId, ...dto },
      });
      return projectId;
    });
    return this.get(user, id);
  }

  async get(user: AuthUser, id: string): Promise<ProjectDto> {
    const project = await this.requireViewer(this.dataSource.manager, user, id);
    const row = await sql.projectById(this.dataSource, project.id);
    if (!row) throw notFound('Project', id);
    return { ...row, milestones: await this.progress(id) };
  }

  /** Projects the caller works on or whose organization the caller administers. */
  mine(user: AuthUser): Promise<ProjectSummaryDto[]> {
    const orgs = this.access.orgAdminOf(user);
    return sql.projectsOf(this.dataSource, user.id, orgs);
  }

  /** A page of the projects `mine` lists, searched, by status, newest or oldest first. */
  page(user: AuthUser, query: ProjectListQueryDto): Promise<Page<ProjectSummaryDto>> {
    const filter = { q: query.q ?? null, status: query.status ?? null, oldestFirst: query.sort === 'oldest' };
    return timeKeyedPage(query, (keyset) =>
      sql.projectsPage(this.dataSource, user.id, this.access.orgAdminOf(user), filter, keyset),
    );
  }

  /** Verified residents of the communities a project serves, by name, for the team to list as beneficiaries. */
  async residents(
    user: AuthUser,
    projectId: string,
    query: ProjectResidentsQueryDto,
  ): Promise<Page<ProjectResidentDto>> {
    const project = await this.load(this.dataSource.manager, user, projectId);
    if (!project.isMember)
      throw new DomainError('auth.out_of_scope', 'Only the project team lists its beneficiaries');
    const rows = await sql.projectResidents(this.dataSource, projectId, {
      communityId: query.communityId ?? null,
      q: query.q?.trim() || null,
      after: pageStart<[string, string]>(query.cursor, ['text', 'uuid']),
      limit: query.limit + 1,
    });
    return pageOf(rows, query.limit, (r) => [r.displayName, r.userId]);
  }

  progress(projectId: string): Promise<MilestoneProgressDto[]> {
    return sql.milestoneProgress(this.dataSource, projectId);
  }

  /** Who may see a project: its organization's admins, its team, and the contract's street office. */
  async requireViewer(m: EntityManager, user: AuthUser, id: string): Promise<ProjectAccess> {
    const project = await this.load(m, user, id);
    if (project.isMember || this.access.isOrgAdmin(user, project.organizationId)) return project;
    await this.access.requireRegion(user, STREET_VIEWERS, project.streetId);
    return project;
  }

  /** The yes/no form of requireViewer, for a project already loaded. */
  async isViewer(user: AuthUser, project: ProjectAccess): Promise<boolean> {
    if (project.isMember || this.access.isOrgAdmin(user, project.organizationId)) return true;
    return this.access.canActInRegion(user, STREET_VIEWERS, project.streetId);
  }

  async load(m: EntityManager, user: AuthUser, id: string): Promise<ProjectAccess> {
    const row = await sql.projectAccess(m, id, user.id);
    if (!row) throw notFound('Project', id);
    return row;
  }
}
